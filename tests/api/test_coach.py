"""POST /coach/review: the coach's rating and findings for one objective, saved or not."""

from __future__ import annotations

from typing import Any

import pytest

from bearing.orgs.models import ApiToken
from tests import factories
from tests.api.conftest import Seed, assert_error_shape, call
from tests.fingerprint import fingerprint

WEAK = {
    "title": "Implement PayPal and grow revenue 20%",
    "team": "Payments",
    "key_results": [
        {"title": "Add PayPal support"},
        {"title": "Cut the time to pay from 120 s to 24 s", "start": 120, "target": 24,
         "unit": "s", "owner": "bob@acme.example",
         "history": [{"date": f"2026-01-{d:02}", "value": v}
                     for d, v in ((19, 90), (5, 120), (12, 100))]},
    ],
}  # fmt: skip


def review(seed: Seed, body: dict[str, Any], who: str = "alice") -> Any:
    answer = call("POST", "/coach/review", body, token=seed.tokens[who])
    assert answer.status == 200, answer.content
    return answer.json()


def rules(item: dict[str, Any], level: str | None = None) -> set[str]:
    return {f["rule"] for f in item["findings"] if level is None or f["level"] == level}


def test_an_objective_being_written_gets_a_rating_and_findings_per_item(seed: Seed) -> None:
    before = fingerprint()
    body = review(seed, WEAK)
    objective, (paypal, time) = body["objective"], body["key_results"]
    assert (objective["ref"], objective["kind"], objective["rating"]) == (
        "objective",
        "objective",
        "limiting",
    )
    assert {"objective-compound", "objective-what-or-how", "objective-quantitative"} <= rules(
        objective, "limiting"
    )
    assert (paypal["ref"], paypal["kind"], paypal["rating"]) == (
        "key-result-1",
        "key_result",
        "limiting",
    )
    output = next(f for f in paypal["findings"] if f["rule"] == "kr-output")
    assert set(output) == {"rule", "level", "message", "suggestion"}
    assert "initiative" in output["message"] + output["suggestion"]
    # A baseline, a 80 % cut and weekly history (sent out of order): every awesome trait.
    assert time["rating"] == "awesome"
    assert {"kr-baseline", "kr-ambitious", "kr-leading"} <= rules(time, "awesome")
    for item in (objective, paypal, time):
        assert item["findings"][0]["level"] == item["rating"] or item["rating"] != "limiting"
    portfolio = {p["rule"]: p["refs"] for p in body["portfolio"]}
    assert portfolio["missing-owner"] == ["key-result-1"]
    assert "orphan" not in portfolio  # not saved yet, so it cannot be linked yet
    assert fingerprint() == before  # nothing written


def test_a_saved_objective_is_reviewed_as_stored(seed: Seed) -> None:
    orphan = factories.make_objective(
        seed.world.cycle, "Hire great engineers", team=seed.world.payments
    )
    factories.make_key_result(orphan, "Hire 5 engineers", kind="increase", start=0, target=5)
    body = review(seed, {"objective": orphan.pk}, who="vic")
    assert body["objective"]["ref"] == orphan.ref
    assert [kr["ref"] for kr in body["key_results"]] == [orphan.key_results.get().ref]
    portfolio = {p["rule"] for p in body["portfolio"]}
    assert {"orphan", "too-few-key-results"} <= portfolio
    linked = review(seed, {"objective": seed.child.pk})
    assert "orphan" not in {p["rule"] for p in linked["portfolio"]}


def test_the_team_may_be_named_or_given_by_id_and_decides_what_is_out_of_bounds(seed: Seed) -> None:
    title = "Double the company's share price"
    for team in ("Payments", "payments", seed.world.payments.pk):
        body = review(seed, {"title": title, "team": team})
        assert "objective-out-of-bounds" in rules(body["objective"], "limiting"), team
    company = review(
        seed, {"title": "Make digital payments more convenient", "team": seed.world.company.pk}
    )
    assert company["objective"]["rating"] == "awesome"


def test_the_organizations_soft_limits_apply(seed: Seed) -> None:
    key_results = [{"title": f"Raise NPS in region {i} from 20 to 40", "start": 20, "target": 40}
                   for i in range(4)]  # fmt: skip
    body = {"title": "Delight every customer", "key_results": key_results}
    assert "too-many-key-results" not in {p["rule"] for p in review(seed, body)["portfolio"]}
    seed.world.org.max_key_results_per_objective = 3
    seed.world.org.save()
    assert "too-many-key-results" in {p["rule"] for p in review(seed, body)["portfolio"]}


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({}, ["body"]),
        ({"objective": 1, "title": "Both"}, ["body", "title"]),
        ({"title": "   "}, ["body", "title"]),
        ({"title": "Grow", "team": "Nobody"}, ["body", "team"]),
        ({"title": "Grow", "key_results": [{"title": "Flat", "start": 5, "target": 5}]},
         ["body", "key_results", 0, "target"]),
        ({"title": "Grow", "key_results": [{"title": "Ship", "kind": "milestone", "target": 1}]},
         ["body", "key_results", 0, "kind"]),
        ({"title": "Grow", "key_results": [{"title": "Tiny", "start": "0.0000001", "target": 1}]},
         ["body", "key_results", 0, "start"]),
        ({"title": "Grow", "key_results": [{"title": "Odd", "start": 1, "target": 2,
                                            "history": [{"date": "someday", "value": 1}]}]},
         ["body", "key_results", 0, "history", 0, "date"]),
        ({"title": "Grow", "colour": "red"}, ["body", "colour"]),
    ],
)  # fmt: skip
def test_bad_input_is_422_saying_where(seed: Seed, body: dict[str, Any], loc: list[Any]) -> None:
    answer = call("POST", "/coach/review", body, token=seed.tokens["alice"])
    assert answer.status == 422, answer.content
    assert_error_shape(answer, loc)


def test_hidden_and_foreign_objectives_are_no_such_objective(seed: Seed) -> None:
    secret = factories.make_objective(seed.world.cycle, "Reorganize payments", team=seed.world.payments,
                                      owner=seed.world.bob, visibility="private")  # fmt: skip
    hidden = call("POST", "/coach/review", {"objective": secret.pk}, token=seed.tokens["vic"])
    missing = call("POST", "/coach/review", {"objective": 999_999}, token=seed.tokens["vic"])
    assert hidden.status == missing.status == 422
    assert hidden.json() == missing.json()
    assert review(seed, {"objective": secret.pk}, who="bob")["objective"]["ref"] == secret.ref
    foreign = call(
        "POST", "/coach/review", {"title": "Grow", "team": "Globex"}, token=seed.tokens["alice"]
    )
    assert foreign.status == 422
    assert_error_shape(foreign, ["body", "team"])


def test_every_role_may_ask_and_a_revoked_token_may_not(seed: Seed) -> None:
    for who in ("alice", "bob", "vic", "mallory"):
        assert (
            call("POST", "/coach/review", {"title": "Grow"}, token=seed.tokens[who]).status == 200
        )
    ApiToken.objects.update(revoked_at="2026-01-01T00:00:00Z")
    answer = call("POST", "/coach/review", {"title": "Grow"}, token=seed.tokens["vic"])
    assert answer.status == 401
