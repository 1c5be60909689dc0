"""GET /changes: the organization's change feed, newest first, before → after, filtered,
paginated; private objectives hidden from those who may not see them."""

from __future__ import annotations

from bearing.okrs.models import Objective
from bearing.okrs.services.changes import record
from bearing.okrs.services.objectives import objective_update
from tests.api.conftest import Seed, assert_error_shape, call


def changes(seed: Seed, query: str = "", who: str = "vic") -> dict:  # type: ignore[type-arg]
    answer = call("GET", f"/changes{query}", token=seed.tokens[who])
    assert answer.status == 200, answer.content
    body: dict = answer.json()  # type: ignore[type-arg]
    return body


def test_newest_first_with_before_and_after(seed: Seed) -> None:
    objective_update(actor=seed.world.bob, objective=seed.objective, title="Make payments instant")
    body = changes(seed)
    first = body["items"][0]
    assert first["kind"] == "objective" and first["action"] == "update"
    assert first["before"] == {"title": "Make payments effortless"}
    assert first["after"] == {"title": "Make payments instant"}
    assert first["actor"]["email"] == "bob@acme.example"
    assert first["objective"] == seed.objective.pk
    ats = [i["at"] for i in body["items"]]
    assert ats == sorted(ats, reverse=True)


def test_filters(seed: Seed) -> None:
    checkins = changes(seed, "?kind=checkin")["items"]
    assert checkins and {i["kind"] for i in checkins} == {"checkin"}
    by_alice = changes(seed, f"?person={seed.world.alice.pk}")["items"]
    assert by_alice and {i["actor"]["id"] for i in by_alice} == {seed.world.alice.pk}
    child = changes(seed, f"?objective={seed.child.pk}")["items"]
    assert child and {i["objective"] for i in child} == {seed.child.pk}
    payments = changes(seed, f"?team={seed.world.payments.pk}")["items"]
    about = {(i["kind"], i["objective"] or i["entity_id"]) for i in payments}
    assert ("objective", seed.child.pk) in about and ("team", seed.world.payments.pk) in about
    assert {kind for kind, _ in about} <= {"objective", "alignment_link", "team"}


def test_private_objectives_stay_hidden(seed: Seed) -> None:
    Objective.objects.filter(pk=seed.child.pk).update(visibility="private")
    assert seed.child.pk not in {i["objective"] for i in changes(seed)["items"]}
    assert changes(seed, f"?objective={seed.child.pk}")["count"] == 0
    for who in ("alice", "bob"):  # admin; owner and lead of Payments
        assert seed.child.pk in {i["objective"] for i in changes(seed, who=who)["items"]}


def test_invitations_are_for_admins(seed: Seed) -> None:
    assert changes(seed, "?kind=invitation", who="alice")["count"] == 1
    assert changes(seed, "?kind=invitation", who="bob")["count"] == 0


def test_pages(seed: Seed) -> None:
    for i in range(7):
        record(organization=seed.world.org, actor=None, action="update", entity="cycle",
               entity_id=seed.world.cycle.pk, summary=f"renamed {i}")  # fmt: skip
    first = changes(seed, "?limit=5")
    assert len(first["items"]) == 5 and first["count"] > 7 and first["next"]
    assert first["items"][0]["summary"] == "renamed 6" and first["items"][0]["actor"] is None
    second = call("GET", first["next"].split("/api/v1")[1], token=seed.tokens["vic"]).json()
    assert second["items"][0]["summary"] == "renamed 1"


def test_bad_filters_are_422(seed: Seed) -> None:
    for query, loc in (("?kind=all", ["query", "kind"]), ("?team=x", ["query", "team"]),
                       ("?limit=500", ["query", "limit"])):  # fmt: skip
        answer = call("GET", f"/changes{query}", token=seed.tokens["vic"])
        assert answer.status == 422, answer.content
        assert_error_shape(answer, loc)
