"""Key results over the API: kinds, numbers, drafts and versions."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bearing.okrs.models import KeyResult
from tests.api.conftest import Answer, Seed, assert_error_shape, call
from tests.fingerprint import fingerprint


def add(seed: Seed, body: dict[str, object], who: str = "alice") -> Answer:
    return call(
        "POST", f"/objectives/{seed.objective.pk}/key-results", body, token=seed.tokens[who]
    )


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"title": "Flat", "kind": "increase", "start": 5, "target": 5}, ["body", "target"]),
        ({"title": "Flat", "start": 5, "target": 5}, ["body", "target"]),
        ({"title": "Words", "start": "lots", "target": 5}, ["body", "start"]),
        ({"title": "Not a number", "start": "NaN", "target": 5}, ["body", "start"]),
        ({"title": "Yes", "start": True, "target": 5}, ["body", "start"]),
        ({"title": "Percent", "start": 1, "target": "50%"}, ["body", "target"]),
        ({"title": "Too exact", "start": "0.0000001", "target": 5}, ["body", "start"]),
        ({"title": "Huge", "start": 1, "target": "1e30"}, ["body", "target"]),
        ({"title": "Backwards", "kind": "increase", "start": 5, "target": 1}, ["body", "target"]),
        ({"title": "Milestone with numbers", "kind": "milestone", "target": 1}, ["body", "kind"]),
        ({"title": "", "kind": "milestone"}, ["body", "title"]),
        ({"title": "Unknown kind", "kind": "grow"}, ["body", "kind"]),
        (
            {"title": "Stranger", "kind": "milestone", "owner": "mallory@globex.example"},
            ["body", "owner"],
        ),
    ],
)
def test_bad_key_results_are_4xx_and_write_nothing(
    seed: Seed, body: dict[str, object], loc: list[str]
) -> None:
    before = fingerprint()
    answer = add(seed, body)
    assert answer.status == 422, answer.content
    assert_error_shape(answer, loc)
    assert fingerprint() == before


def test_kind_is_inferred_and_numbers_stay_exact(seed: Seed) -> None:
    answer = add(
        seed,
        {"title": "Cut churn from 3.2 % to 2.0 %", "start": "3.2", "target": "2.0", "unit": "%"},
    )
    assert answer.status == 201
    body = answer.json()
    assert (body["kind"], body["start"], body["target"]) == ("decrease", 3.2, 2.0)
    assert KeyResult.objects.get(pk=body["id"]).start == Decimal("3.2")


def test_a_decrease_at_its_start_scores_zero_not_minus_zero(seed: Seed) -> None:
    answer = add(seed, {"title": "Cut payment time from 120 s to 24 s", "start": 120, "target": 24})
    assert answer.status == 201
    assert answer.json()["score"] == 0.0 and b"-0.0" not in answer.content


def test_a_title_alone_is_a_draft_without_a_score(seed: Seed) -> None:
    body = add(seed, {"title": "Improve brand awareness"}).json()
    assert (body["kind"], body["score"], body["progress"]) == (None, None, None)


def test_changing_a_key_result_needs_its_version(seed: Seed) -> None:
    kr, token = seed.key_result, seed.tokens["alice"]
    read = call("GET", f"/key-results/{kr.pk}", token=token)
    assert read.json()["score"] == 0.5 and read.headers["ETag"] == f'"{kr.version}"'
    changed = call(
        "PATCH", f"/key-results/{kr.pk}", {"target": 72, "version": kr.version}, token=token
    )
    assert changed.status == 200 and changed.json()["score"] == 1.0
    stale = call(
        "PATCH", f"/key-results/{kr.pk}", {"target": 24, "version": kr.version}, token=token
    )
    assert stale.status == 409 and stale.json()["current_version"] == kr.version + 1


def test_null_kind_makes_a_draft_again(seed: Seed) -> None:
    kr = seed.key_result
    answer = call("PATCH", f"/key-results/{kr.pk}", {"kind": None, "start": None, "target": None, "version": kr.version},
                  token=seed.tokens["alice"])  # fmt: skip
    assert answer.status == 200 and answer.json()["kind"] is None


def test_members_cannot_change_other_teams_key_results(seed: Seed) -> None:
    answer = call("DELETE", f"/key-results/{seed.key_result.pk}", token=seed.tokens["bob"])
    assert answer.status == 403
    assert KeyResult.objects.filter(pk=seed.key_result.pk).exists()
