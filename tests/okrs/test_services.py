"""The services: invariants, tenancy, optimistic locking, and a change record for every change."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from bearing.domain.model import LinkKind
from bearing.okrs.errors import ConflictError
from bearing.okrs.models import ChangeRecord, CheckIn, KeyResult, Measurement, Objective
from bearing.okrs.models.checkins import Status
from bearing.okrs.services.alignment import link_create, link_delete
from bearing.okrs.services.checkins import checkin_create
from bearing.okrs.services.key_results import key_result_create, key_result_update
from bearing.okrs.services.measurements import measurement_add
from bearing.okrs.services.objectives import objective_delete, objective_update
from tests import factories
from tests.conftest import World


def messages(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


def test_creating_and_changing_an_objective_is_recorded_before_and_after(world: World) -> None:
    objective = factories.make_objective(world.cycle, "Make payments effortless", owner=world.bob)
    objective_update(
        actor=world.alice, objective=objective, title="Make paying effortless", version=1
    )
    records = list(ChangeRecord.objects.filter(objective_id=objective.pk).order_by("id"))
    assert [r.action for r in records] == ["create", "update"]
    update = records[1]
    assert update.actor == world.alice
    assert update.before == {"title": "Make payments effortless"}
    assert update.after == {"title": "Make paying effortless"}
    assert "changed title" in update.summary


def test_a_stale_version_is_a_conflict_and_changes_nothing(world: World) -> None:
    objective = factories.make_objective(world.cycle)
    objective_update(actor=None, objective=objective, title="First edit", version=1)
    with pytest.raises(ConflictError) as caught:
        objective_update(actor=None, objective=objective, title="Lost update", version=1)
    assert caught.value.current_version == 2
    assert Objective.objects.get(pk=objective.pk).title == "First edit"


def test_objectives_cannot_use_another_organizations_team_or_people(world: World) -> None:
    other_team = factories.company(world.other_org)
    with pytest.raises(ValidationError) as caught:
        factories.make_objective(world.cycle, team=other_team, owner=world.mallory)
    assert messages(caught) == {
        "team": ["no such team"],
        "owner": ["the owner must be a member of the organization"],
    }
    assert not Objective.objects.exists()


def test_refs_are_unique_across_objectives_and_key_results_of_a_cycle(world: World) -> None:
    objective = factories.make_objective(world.cycle, ref="pay")
    with pytest.raises(ValidationError) as caught:
        factories.make_key_result(objective, ref="pay")
    assert messages(caught) == {"ref": ["ref 'pay' is used in this cycle already"]}
    assert factories.make_key_result(objective).ref == "cut-payment-time-from-120-s-to-24-s"


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"kind": "increase", "start": "5", "target": "5"},
         {"target": ["equals the start; give a different target, or a kind of “At least” or “At most”"]}),
        ({"kind": "increase", "start": "10", "target": "5"},
         {"target": ["kind “Increase” needs a target above the start (10); or use kind “Decrease”"]}),
        ({"kind": "increase", "start": "ten", "target": "5"}, {"start": ["expected a number, got 'ten'"]}),
        ({"kind": "at_most", "start": None, "target": None}, {"target": ["required for kind “At most”"]}),
        ({"kind": "", "start": "1", "target": None}, {"target": ["give both a start and a target, or choose a kind"]}),
        ({"kind": "decrease", "start": "1.1234567", "target": "0"}, {"start": ["use at most 6 decimal places"]}),
        ({"weight": "0"}, {"weight": ["the weight must be above 0"]}),
    ],
)  # fmt: skip
def test_key_result_fields_must_fit_their_kind(
    world: World, fields: dict[str, Any], errors: dict[str, list[str]]
) -> None:
    objective = factories.make_objective(world.cycle)
    with pytest.raises(ValidationError) as caught:
        factories.make_key_result(objective, **fields)
    assert messages(caught) == errors
    assert not KeyResult.objects.exists()


def test_a_draft_key_result_has_only_a_title(world: World) -> None:
    kr = key_result_create(
        actor=None, objective=factories.make_objective(world.cycle), title="Improve NPS"
    )
    assert kr.kind == "" and kr.start is None
    with pytest.raises(ValidationError, match="draft"):
        measurement_add(actor=None, key_result=kr, value=3)


@pytest.mark.parametrize(
    ("value", "field", "message"),
    [("abc", "value", "expected a number"), ("NaN", "value", "expected a finite number"),
     ("1e30", "value", "that number is too large")],
)  # fmt: skip
def test_measurements_must_be_numbers(world: World, value: str, field: str, message: str) -> None:
    kr = factories.make_key_result(factories.make_objective(world.cycle))
    with pytest.raises(ValidationError) as caught:
        measurement_add(actor=None, key_result=kr, value=value)
    assert message in messages(caught)[field][0]
    assert not Measurement.objects.exists()


def test_measurements_from_the_future_are_refused(world: World) -> None:
    kr = factories.make_key_result(factories.make_objective(world.cycle))
    with pytest.raises(ValidationError, match="future"):
        measurement_add(
            actor=None, key_result=kr, value=50, measured_at=timezone.now() + timedelta(days=3)
        )


def test_alignment_links_reject_loops_self_links_and_other_tenants(world: World) -> None:
    company = factories.make_objective(world.cycle, "Make payments effortless")
    team = factories.make_objective(world.cycle, "Make paying instant", team=world.payments)
    kr = factories.make_key_result(company)
    link = link_create(actor=None, child=team, parent_key_result=kr, kind=LinkKind.CASCADED)
    with pytest.raises(ValidationError, match="loop"):
        link_create(actor=None, child=company, parent_objective=team)
    with pytest.raises(ValidationError, match="itself"):
        link_create(actor=None, child=company, parent_key_result=kr)
    with pytest.raises(ValidationError, match="exists already"):
        link_create(actor=None, child=team, parent_key_result=kr)
    with pytest.raises(ValidationError, match="made from a key result"):
        link_create(actor=None, child=team, parent_objective=company, kind=LinkKind.CASCADED)
    foreign = factories.make_objective(
        factories.make_cycle(world.other_org), team=factories.company(world.other_org)
    )
    with pytest.raises(ValidationError, match="no such objective"):
        link_create(actor=None, child=team, parent_objective=foreign)
    link_delete(actor=world.alice, link=link)
    assert list(ChangeRecord.objects.filter(entity="alignment_link").values_list("action", flat=True)) == [
        "delete", "create",
    ]  # fmt: skip


def test_check_in_records_values_and_takes_the_forecast_as_suggested_status(world: World) -> None:
    objective = factories.make_objective(world.cycle, owner=world.bob)
    kr = factories.make_key_result(
        objective, kind="increase", start=Decimal(0), target=Decimal(100)
    )
    paypal = key_result_create(
        actor=None, objective=objective, title="Offer PayPal", kind="milestone"
    )
    at = datetime(2026, 2, 15, 9, tzinfo=UTC)  # 45 of 89 days
    checkin = checkin_create(
        actor=world.bob, objective=objective, values={kr: "45", paypal: True}, progress_status=None,
        capacity_status=Status.NEEDS_ATTENTION, confidence=60, narrative="<b>Good</b> week", at=at,
    )  # fmt: skip
    assert checkin.suggested_status == Status.ON_TRACK  # 0.45 / 0.5056 → 0.9, green
    assert checkin.progress_status == Status.ON_TRACK
    assert Measurement.objects.get(key_result=kr).value == Decimal(45)
    assert KeyResult.objects.get(pk=paypal.pk).done is True


def test_overriding_the_suggested_status_needs_a_reason_and_writes_nothing_without(
    world: World,
) -> None:
    objective = factories.make_objective(world.cycle)
    kr = factories.make_key_result(
        objective, kind="increase", start=Decimal(0), target=Decimal(100)
    )
    at = datetime(2026, 2, 15, 9, tzinfo=UTC)
    with pytest.raises(ValidationError) as caught:
        checkin_create(actor=world.bob, objective=objective, values={kr: "45"}, progress_status=Status.AT_RISK,
                       capacity_status=Status.ON_TRACK, at=at)  # fmt: skip
    assert "say why you chose otherwise" in messages(caught)["status_reason"][0]
    assert not CheckIn.objects.exists() and not Measurement.objects.exists()
    checkin = checkin_create(actor=world.bob, objective=objective, values={kr: "45"}, progress_status=Status.AT_RISK,
                             capacity_status=Status.ON_TRACK, status_reason="Vendor contract at risk", at=at)  # fmt: skip
    assert checkin.progress_status == Status.AT_RISK


def test_a_bad_value_in_a_check_in_names_its_key_result_and_writes_nothing(world: World) -> None:
    objective = factories.make_objective(world.cycle)
    good = factories.make_key_result(objective, "Good one")
    bad = factories.make_key_result(objective, "Bad one")
    with pytest.raises(ValidationError) as caught:
        checkin_create(actor=None, objective=objective, values={good: "60", bad: "sixty"}, progress_status=None,
                       capacity_status=Status.ON_TRACK, at=datetime(2026, 2, 1, tzinfo=UTC))  # fmt: skip
    assert messages(caught) == {f"kr-{bad.pk}": ["expected a number, got 'sixty'"]}
    assert not Measurement.objects.exists() and not CheckIn.objects.exists()


def test_deleting_keeps_the_history(world: World) -> None:
    objective = factories.make_objective(world.cycle)
    kr = factories.make_key_result(objective)
    key_result_update(
        actor=None, key_result=kr, title="Cut payment time to 20 s", target=Decimal(20)
    )
    objective_delete(actor=world.alice, objective=objective)
    actions = list(
        ChangeRecord.objects.filter(objective_id=objective.pk)
        .order_by("id")
        .values_list("entity", "action")
    )
    assert actions == [
        ("objective", "create"),
        ("key_result", "create"),
        ("key_result", "update"),
        ("objective", "delete"),
    ]


def test_deleting_an_organization_removes_all_its_data_and_nothing_else(world: World) -> None:
    objective = factories.make_objective(world.cycle, team=world.payments)
    factories.make_key_result(objective)
    theirs = factories.make_objective(
        factories.make_cycle(world.other_org), team=factories.company(world.other_org)
    )
    world.org.delete()  # teams are RESTRICTed against stray deletes, but not against their tenant's
    assert not Objective.objects.filter(organization_id=world.org.pk).exists()
    assert Objective.objects.get() == theirs


def test_adding_a_key_result_moves_the_objective_version_forward_even_from_a_stale_copy(
    world: World,
) -> None:
    objective = factories.make_objective(world.cycle)
    stale = Objective.objects.get(pk=objective.pk)
    objective_update(actor=None, objective=objective, title="Edited meanwhile", version=1)  # now 2
    factories.make_key_result(stale)  # the stale copy still says version 1
    assert Objective.objects.get(pk=objective.pk).version == 3


@pytest.mark.parametrize(
    ("cycle_state", "objective_state", "reason"),
    [
        ("closed", "active", "2026-Q1 is closed"),
        ("active", "abandoned", "this objective is abandoned; reopen it"),
    ],
)
def test_no_check_ins_on_a_closed_cycle_or_an_objective_no_longer_active(
    world: World, cycle_state: str, objective_state: str, reason: str
) -> None:
    objective = factories.make_objective(world.cycle)
    kr = factories.make_key_result(objective)
    objective_update(actor=None, objective=objective, state=objective_state)
    world.cycle.state = cycle_state
    world.cycle.save()
    fresh = Objective.objects.select_related("cycle").get(pk=objective.pk)
    with pytest.raises(ValidationError) as caught:
        checkin_create(actor=None, objective=fresh, values={kr: "60"}, progress_status=None,
                       capacity_status=Status.ON_TRACK, at=datetime(2026, 2, 1, tzinfo=UTC))  # fmt: skip
    assert reason in messages(caught)["objective"][0]
    assert not CheckIn.objects.exists() and not Measurement.objects.exists()


def test_an_objective_holds_at_most_the_organizations_cap_of_key_results(world: World) -> None:
    """Issue 10: thousands of key results on one objective made its page 23 MB; the cap is a
    setting (default 10) with a clear error, and nothing is written past it."""
    objective = factories.make_objective(world.cycle, "Make payments effortless")
    world.org.key_result_cap = 6
    world.org.save()
    for i in range(6):
        factories.make_key_result(objective, f"Grow thing {i}", kind="increase",
                                  start=Decimal(0), target=Decimal(10))  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        factories.make_key_result(objective, "One too many", kind="increase",
                                  start=Decimal(0), target=Decimal(10))  # fmt: skip
    assert "at most 6 key results" in refused.value.message_dict["title"][0]
    assert objective.key_results.count() == 6
