"""POST /objectives/{id}/check-ins: the weekly update, with values, in one transaction."""

from __future__ import annotations

from typing import Any

from bearing.okrs.models import CheckIn
from bearing.okrs.services.checkins import suggested_status
from tests import factories
from tests.api.conftest import Answer, Seed, assert_error_shape, call
from tests.fingerprint import fingerprint


def check_in(seed: Seed, body: dict[str, object], who: str = "alice") -> Answer:
    return call("POST", f"/objectives/{seed.objective.pk}/check-ins", body, token=seed.tokens[who])


def test_a_check_in_records_statuses_and_values(seed: Seed) -> None:
    milestone = factories.make_key_result(
        seed.objective, "Launch PayPal", kind="milestone", start=None, target=None
    )
    answer = check_in(seed, {
        "capacity_status": "needs_attention", "confidence": 70, "narrative": "Steady week",
        "values": [{"key_result": seed.key_result.pk, "value": "60"}, {"key_result": milestone.pk, "done": True}],
    })  # fmt: skip
    assert answer.status == 201, answer.content
    body = answer.json()
    assert (
        body["author"] == "alice@acme.example"
        and body["progress_status"] == body["suggested_status"]
    )
    assert [(m["key_result"], m["value"]) for m in body["measurements"]] == [
        (seed.key_result.pk, 60.0)
    ]
    objective = call("GET", f"/objectives/{seed.objective.pk}", token=seed.tokens["vic"]).json()
    assert [kr["done"] for kr in objective["key_results"]] == [False, True]
    listed = call(
        "GET", f"/objectives/{seed.objective.pk}/check-ins", token=seed.tokens["vic"]
    ).json()
    assert listed["items"][0]["id"] == body["id"] and listed["count"] == 2


def test_bad_check_ins_say_where_and_write_nothing(seed: Seed) -> None:
    milestone = factories.make_key_result(
        seed.objective, "Launch PayPal", kind="milestone", start=None, target=None
    )
    suggested = suggested_status(seed.objective)
    other_than_suggested = "at_risk" if suggested != "at_risk" else "on_track"
    cases: list[tuple[dict[str, object], list[Any]]] = [
        ({"capacity_status": "on_track", "values": [{"key_result": seed.key_result.pk, "value": "lots"}]},
         ["body", "values", 0, "value"]),
        ({"capacity_status": "on_track", "values": [{"key_result": seed.key_result.pk, "value": "1e30"}]},
         ["body", "values", 0, "value"]),
        ({"capacity_status": "on_track", "values": [{"key_result": 999999, "value": 1}]},
         ["body", "values", 0, "key_result"]),
        ({"capacity_status": "on_track", "values": [{"key_result": milestone.pk, "value": 1}]},
         ["body", "values", 0, "value"]),
        ({"capacity_status": "on_track", "confidence": 101}, ["body", "confidence"]),
        ({"capacity_status": "on_track", "progress_status": other_than_suggested}, ["body", "status_reason"]),
    ]  # fmt: skip
    for body, loc in cases:
        before = fingerprint()
        answer = check_in(seed, body)
        assert answer.status == 422, (body, answer.content)
        assert_error_shape(answer, loc)
        assert fingerprint() == before


def test_members_check_in_on_their_teams_objectives(seed: Seed) -> None:
    assert check_in(seed, {"capacity_status": "on_track"}, who="bob").status == 403
    answer = call(
        "POST",
        f"/objectives/{seed.child.pk}/check-ins",
        {"capacity_status": "on_track", "progress_status": "on_track"},
        token=seed.tokens["bob"],
    )
    assert answer.status == 201
    assert CheckIn.objects.filter(objective=seed.child).count() == 1


def test_without_a_forecast_the_owner_says_the_status(seed: Seed) -> None:
    """Nothing measured yet: no status is suggested, so one must be given (docs/scoring.md)."""
    url = f"/objectives/{seed.child.pk}/check-ins"
    answer = call("POST", url, {"capacity_status": "on_track"}, token=seed.tokens["bob"])
    assert answer.status == 422
    assert_error_shape(answer, ["body", "progress_status"])
    assert "no forecast yet" in answer.json()["detail"][0]["msg"]
    assert not CheckIn.objects.filter(objective=seed.child).exists()


def test_the_author_corrects_a_check_in_and_nobody_else_may(seed: Seed) -> None:
    url = f"/check-ins/{seed.checkin.pk}"
    mallory_like = call("PATCH", url, {"narrative": "Mine now"}, token=seed.tokens["bob"])
    assert mallory_like.status == 403
    assert mallory_like.json()["detail"][0]["msg"] == "only its author can change or delete it"
    fixed = call("PATCH", url, {"narrative": "Steady, and the vendor signed."},
                 token=seed.tokens["alice"])  # fmt: skip
    assert fixed.status == 200, fixed.content
    assert (
        fixed.json()["narrative"] == "Steady, and the vendor signed." and fixed.json()["edited_at"]
    )
    assert call("DELETE", url, token=seed.tokens["bob"]).status == 403
    assert call("DELETE", url, token=seed.tokens["alice"]).status == 204
    assert call("GET", f"/objectives/{seed.objective.pk}/check-ins",
                token=seed.tokens["alice"]).json()["count"] == 0  # fmt: skip
