"""Objectives over the API: filters, pages, scores, who may see and change them, versions."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bearing.okrs.models import Cycle, CycleState, Objective
from bearing.okrs.services.measurements import measurement_add
from tests import factories
from tests.api.conftest import Seed, assert_error_shape, call
from tests.fingerprint import fingerprint


def test_objects_carry_the_domain_cores_scores(seed: Seed) -> None:
    # (120 − 72) / (120 − 24) = 0.5 → yellow
    body = call("GET", f"/objectives/{seed.objective.pk}", token=seed.tokens["bob"]).json()
    kr = body["key_results"][0]
    assert (kr["score"], kr["color"], kr["progress"], kr["current"]) == (0.5, "yellow", 0.5, 72.0)
    assert (body["score"], body["color"]) == (0.5, "yellow")
    assert body["forecast"] is not None and body["status"] in {"red", "yellow", "green"}
    assert body["parents"] == []
    child = call("GET", f"/objectives/{seed.child.pk}", token=seed.tokens["bob"]).json()
    assert child["parents"] == [
        {
            "link": seed.link.pk,
            "objective": seed.objective.pk,
            "key_result": None,
            "kind": "aligned",
        }
    ]
    assert child["score"] is None  # no key results yet: nothing to score


def test_filters_by_cycle_team_and_owner(seed: Seed) -> None:
    token = seed.tokens["vic"]

    def ids(query: str) -> list[int]:
        return [o["id"] for o in call("GET", f"/objectives?{query}", token=token).json()["items"]]

    assert ids(f"cycle={seed.world.cycle.pk}") == [seed.objective.pk, seed.child.pk]
    assert ids(f"team={seed.world.payments.pk}") == [seed.child.pk]
    assert ids("owner=BOB@acme.example") == [seed.child.pk]
    assert ids("cycle=123456") == []


def test_lists_come_in_pages_with_links(seed: Seed) -> None:
    first = call("GET", "/objectives?limit=1", token=seed.tokens["alice"]).json()
    assert first["count"] == 2 and len(first["items"]) == 1 and first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/objectives?limit=1&offset=1"
    second = call(
        "GET", first["next"].removeprefix("http://testserver"), token=seed.tokens["alice"]
    ).json()
    assert second["next"] is None and second["previous"].endswith("offset=0")
    assert second["items"][0]["id"] != first["items"][0]["id"]


@pytest.mark.parametrize("count", [2, 20])
def test_a_page_costs_the_same_queries_whatever_its_size(seed: Seed, count: int) -> None:
    for i in range(count):
        objective = factories.make_objective(seed.world.cycle, f"Make checkout delightful {i}")
        kr = factories.make_key_result(objective, f"Cut payment time {i}")
        measurement_add(
            actor=None,
            key_result=kr,
            value=Decimal(72),
            measured_at=datetime(2026, 2, 1, tzinfo=UTC),
        )
    with CaptureQueriesContext(connection) as queries:
        assert call("GET", "/objectives?limit=200", token=seed.tokens["alice"]).status == 200
    # token, its last use, membership, teams; count, page, contributors, key results,
    # measurements, links
    assert len(queries) <= 11, [q["sql"] for q in queries]


def test_private_objectives_exist_only_for_owner_leads_and_admins(seed: Seed) -> None:
    secret = factories.make_objective(seed.world.cycle, "Grow as a coach", owner=seed.world.alice,
                                      visibility="private")  # fmt: skip
    for name, status in [("alice", 200), ("bob", 404), ("vic", 404)]:
        answer = call("GET", f"/objectives/{secret.pk}", token=seed.tokens[name])
        assert answer.status == status, name
        listed = [
            o["id"] for o in call("GET", "/objectives", token=seed.tokens[name]).json()["items"]
        ]
        assert (secret.pk in listed) == (status == 200)
    # Bob leads Payments: he sees its private objectives, whoever owns them.
    team_secret = factories.make_objective(seed.world.cycle, "Hire two engineers", team=seed.world.payments,
                                           owner=seed.world.alice, visibility="private")  # fmt: skip
    assert call("GET", f"/objectives/{team_secret.pk}", token=seed.tokens["bob"]).status == 200


def test_members_change_their_teams_objectives_only(seed: Seed) -> None:
    bob = seed.tokens["bob"]
    own = call(
        "PATCH",
        f"/objectives/{seed.child.pk}",
        {"title": "Make paying instant", "version": seed.child.version},
        token=bob,
    )
    assert own.status == 200 and own.json()["title"] == "Make paying instant"
    other = call(
        "PATCH",
        f"/objectives/{seed.objective.pk}",
        {"title": "Mine now", "version": seed.objective.version},
        token=bob,
    )
    assert other.status == 403
    assert_error_shape(other, ["path", "id"])
    moved = call(
        "PATCH",
        f"/objectives/{seed.child.pk}",
        {"team": seed.world.company.pk, "version": own.json()["version"]},
        token=bob,
    )
    assert moved.status == 403
    assert_error_shape(moved, ["body", "team"])


def test_members_create_objectives_for_their_own_teams(seed: Seed) -> None:
    bob, cycle = seed.tokens["bob"], seed.world.cycle.pk
    company = call(
        "POST",
        "/objectives",
        {"cycle": cycle, "title": "Own the market", "team": seed.world.company.pk},
        token=bob,
    )
    assert company.status == 403
    assert_error_shape(company, ["body", "team"])
    ours = call(
        "POST",
        "/objectives",
        {"cycle": cycle, "title": "Settle faster", "team": seed.world.payments.pk},
        token=bob,
    )
    assert ours.status == 201 and ours.json()["ref"] == "settle-faster"
    mine = call("POST", "/objectives", {"cycle": cycle, "title": "Learn SQL"}, token=bob)
    assert mine.status == 201 and (mine.json()["team"], mine.json()["owner"]) == (
        None,
        "bob@acme.example",
    )


def test_no_objective_is_created_in_a_closed_cycle(seed: Seed) -> None:
    Cycle.objects.filter(pk=seed.world.cycle.pk).update(state=CycleState.CLOSED)
    before = fingerprint()
    answer = call("POST", "/objectives", {"cycle": seed.world.cycle.pk, "title": "Too late",
                                          "team": seed.world.company.pk}, token=seed.tokens["alice"])  # fmt: skip
    assert answer.status == 422
    assert_error_shape(answer, ["body", "cycle"])
    assert fingerprint() == before


def test_patch_needs_the_version_read_and_refuses_a_stale_one(seed: Seed) -> None:
    token, url = seed.tokens["alice"], f"/objectives/{seed.objective.pk}"
    read = call("GET", url, token=token)
    etag = read.headers["ETag"]
    assert etag == f'"{seed.objective.version}"'
    missing = call("PATCH", url, {"title": "Make payments delightful"}, token=token)
    assert missing.status == 428
    assert_error_shape(missing, ["body", "version"])
    first = call(
        "PATCH", url, {"title": "Make payments delightful"}, token=token, headers={"If-Match": etag}
    )
    assert first.status == 200 and first.headers["ETag"] == f'"{seed.objective.version + 1}"'
    stale = call(
        "PATCH", url, {"title": "Make payments joyful"}, token=token, headers={"If-Match": etag}
    )
    assert stale.status == 409
    assert stale.json()["current_version"] == seed.objective.version + 1
    assert_error_shape(stale, ["body", "version"])
    assert Objective.objects.get(pk=seed.objective.pk).title == "Make payments delightful"


def test_fields_that_cannot_be_empty_refuse_null(seed: Seed) -> None:
    answer = call("PATCH", f"/objectives/{seed.objective.pk}", {"title": None, "version": seed.objective.version},
                  token=seed.tokens["alice"])  # fmt: skip
    assert answer.status == 422
    assert_error_shape(answer, ["body", "title"])


def test_delete_with_a_stale_if_match_keeps_the_objective(seed: Seed) -> None:
    answer = call(
        "DELETE",
        f"/objectives/{seed.objective.pk}",
        token=seed.tokens["alice"],
        headers={"If-Match": '"1"'},
    )
    assert answer.status == 409
    assert Objective.objects.filter(pk=seed.objective.pk).exists()
