"""GET and POST /my-week: the page's week over HTTP — every check-in and value at once, all
or nothing, every error at its place in the body."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from bearing.okrs.models import CheckIn, Cycle, KeyResult, Measurement, Objective
from bearing.okrs.services.checkins import suggested_status
from bearing.okrs.services.cycles import cycle_create
from bearing.okrs.services.measurements import measurement_add
from tests import factories
from tests.api.conftest import Seed, assert_error_shape, call
from tests.fingerprint import fingerprint


def running(seed: Seed) -> Cycle:
    today = timezone.localdate()
    return cycle_create(
        actor=None, organization=seed.world.org, name="Now", start=today - timedelta(days=30),
        end=today + timedelta(days=60), state="active",
    )  # fmt: skip


def bobs(seed: Seed, cycle: Cycle, title: str) -> tuple[Objective, KeyResult]:
    objective = factories.make_objective(
        cycle, title, team=seed.world.payments, owner=seed.world.bob
    )
    kr = factories.make_key_result(objective, f"{title}: from 120 to 24")
    measurement_add(actor=seed.world.bob, key_result=kr, value=Decimal(100),
                    measured_at=timezone.now() - timedelta(days=7))  # fmt: skip
    return objective, kr


def checkin(objective: Objective, kr: KeyResult, value: Any = 90, **extra: Any) -> dict[str, Any]:
    return {"objective": objective.pk, "capacity_status": "on_track",
            "values": [{"key_result": kr.pk, "value": value}], **extra}  # fmt: skip


def test_the_week_lists_what_the_caller_owns(seed: Seed) -> None:
    cycle = running(seed)
    objective, kr = bobs(seed, cycle, "Make refunds instant")
    factories.make_objective(cycle, "Someone else's", team=seed.world.payments)
    body = call("GET", "/my-week", token=seed.tokens["bob"]).json()
    assert [o["id"] for o in body["objectives"]] == [objective.pk]
    [listed] = body["objectives"]
    assert listed["suggested_status"] == (suggested_status(objective) or None)
    assert listed["key_results"] == [{"id": kr.pk, "title": kr.title, "kind": "decrease", "unit": "",
                                      "current": 100.0, "done": False}]  # fmt: skip
    assert body["key_results"] == [] and body["more"] is False


def test_one_request_checks_in_on_all(seed: Seed) -> None:
    cycle = running(seed)
    first, first_kr = bobs(seed, cycle, "Make refunds instant")
    second, second_kr = bobs(seed, cycle, "Keep payments up")
    answer = call("POST", "/my-week", {"checkins": [checkin(first, first_kr), checkin(second, second_kr, 80)]},
                  token=seed.tokens["bob"])  # fmt: skip
    assert answer.status == 201, answer.content
    ids = answer.json()["checkins"]
    assert [CheckIn.objects.get(pk=i).objective_id for i in ids] == [first.pk, second.pk]
    assert Measurement.objects.filter(key_result=second_kr, value=80, checkin_id=ids[1]).exists()


def test_one_refusal_writes_nothing(seed: Seed) -> None:
    cycle = running(seed)
    first, first_kr = bobs(seed, cycle, "Make refunds instant")
    second, second_kr = bobs(seed, cycle, "Keep payments up")
    suggestion = suggested_status(second)
    other = next(s for s in ("on_track", "needs_attention", "at_risk") if s != suggestion)
    before = fingerprint()
    answer = call("POST", "/my-week", {"checkins": [
        checkin(first, first_kr), checkin(second, second_kr, 100, progress_status=other)]},
        token=seed.tokens["bob"])  # fmt: skip
    assert answer.status == 422, answer.content
    assert_error_shape(answer, ["body", "checkins", 1, "status_reason"])
    assert fingerprint() == before


def test_a_key_result_owner_sends_values(seed: Seed) -> None:
    KeyResult.objects.filter(pk=seed.key_result.pk).update(owner=seed.world.bob)
    body = {"values": [{"key_result": seed.key_result.pk, "value": 55}]}
    answer = call("POST", "/my-week", body, token=seed.tokens["bob"])
    assert answer.status == 201, answer.content
    assert answer.json() == {"checkins": [], "values": 1}
    assert Measurement.objects.filter(key_result=seed.key_result, value=55, checkin=None).exists()


def test_others_objectives_are_refused_where_named(seed: Seed) -> None:
    before = fingerprint()
    answer = call("POST", "/my-week", {"checkins": [checkin(seed.objective, seed.key_result)],
                                       "values": []}, token=seed.tokens["bob"])  # fmt: skip
    assert answer.status == 403
    assert_error_shape(answer, ["body", "checkins", 0, "objective"])
    answer = call("POST", "/my-week", {"values": [{"key_result": seed.key_result.pk, "value": 1}]},
                  token=seed.tokens["bob"])  # fmt: skip
    assert answer.status == 403
    assert_error_shape(answer, ["body", "values", 0, "key_result"])
    assert fingerprint() == before
