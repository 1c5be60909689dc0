"""POST /key-results/{id}/measurements: how data pipelines push values."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from bearing.okrs.models import Measurement
from tests import factories
from tests.api.conftest import Answer, Seed, assert_error_shape, call
from tests.fingerprint import fingerprint


def push(
    seed: Seed, body: dict[str, object], who: str = "alice", kr_id: int | None = None
) -> Answer:
    kr = kr_id or seed.key_result.pk
    return call("POST", f"/key-results/{kr}/measurements", body, token=seed.tokens[who])


def test_a_pushed_value_becomes_the_current_value(seed: Seed) -> None:
    answer = push(
        seed,
        {"value": "48.000001", "measured_at": "2026-03-01T08:00:00+02:00", "note": "nightly job"},
    )
    assert answer.status == 201
    body = answer.json()
    assert (body["source"], body["note"], body["created_by"]) == (
        "api",
        "nightly job",
        "alice@acme.example",
    )
    assert body["measured_at"] == "2026-03-01T06:00:00Z"
    assert Measurement.objects.get(pk=body["id"]).value == Decimal("48.000001")
    kr = call("GET", f"/key-results/{seed.key_result.pk}", token=seed.tokens["vic"]).json()
    # (120 − 48.000001) / 96 = 0.74999998…: exact decimals round it to 0.7, never up from 0.75
    assert kr["current"] == 48.000001 and kr["score"] == 0.7


def test_a_time_without_a_zone_is_utc(seed: Seed) -> None:
    body = push(seed, {"value": 50, "measured_at": "2026-02-20T10:00:00"}).json()
    assert body["measured_at"] == "2026-02-20T10:00:00Z"


def test_wrong_values_are_4xx_and_write_nothing(seed: Seed) -> None:
    draft = factories.make_key_result(
        seed.objective, "Improve brand awareness", kind="", start=None, target=None
    )
    milestone = factories.make_key_result(
        seed.objective, "Launch PayPal", kind="milestone", start=None, target=None
    )
    cases: list[tuple[dict[str, object], int | None, list[Any]]] = [
        ({"value": "ninety"}, None, ["body", "value"]),
        ({"value": None}, None, ["body", "value"]),
        ({"value": 1, "measured_at": "2099-01-01T00:00:00Z"}, None, ["body", "measured_at"]),
        ({"value": 1, "measured_at": "yesterday"}, None, ["body", "measured_at"]),
        ({"value": 1, "note": "x" * 501}, None, ["body", "note"]),
        ({"value": 1, "source": "manual"}, None, ["body", "source"]),
        ({"value": 1}, draft.pk, ["body", "value"]),
        ({"value": 1}, milestone.pk, ["body", "value"]),
    ]
    for body, kr_id, loc in cases:
        before = fingerprint()
        answer = push(seed, body, kr_id=kr_id)
        assert answer.status == 422, (body, answer.content)
        assert_error_shape(answer, loc)
        assert fingerprint() == before


def test_only_those_who_may_change_the_objective_push_values(seed: Seed) -> None:
    assert push(seed, {"value": 60}, who="bob").status == 403
    child_kr = factories.make_key_result(
        seed.child, "Cut latency from 900 ms to 300 ms", start=900, target=300
    )
    assert push(seed, {"value": 800}, who="bob", kr_id=child_kr.pk).status == 201


def test_measurements_are_listed_in_time_order(seed: Seed) -> None:
    push(seed, {"value": 60, "measured_at": "2026-02-10T00:00:00Z"})
    push(seed, {"value": 90, "measured_at": "2026-01-10T00:00:00Z"})
    body = call(
        "GET", f"/key-results/{seed.key_result.pk}/measurements", token=seed.tokens["vic"]
    ).json()
    assert [m["value"] for m in body["items"]] == [90.0, 72.0, 60.0] and body["count"] == 3
