"""Check-ins and comments are their authors' to correct or take back (004): each change is
recorded; nobody else may make it, and a closed cycle's check-ins stay as they were."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from bearing.okrs.models import ChangeRecord, CheckIn, Comment, Cycle, CycleState, Measurement
from bearing.okrs.models.checkins import Status
from bearing.okrs.services.checkins import (
    checkin_create,
    checkin_delete,
    checkin_update,
    comment_add,
    comment_delete,
    comment_update,
)
from tests import factories
from tests.conftest import World


@pytest.fixture
def checkin(world: World) -> CheckIn:
    objective = factories.make_objective(world.cycle, team=world.payments, owner=world.bob)
    kr = factories.make_key_result(objective)
    return checkin_create(
        actor=world.bob, objective=objective, values={kr: Decimal(96)}, progress_status=None,
        capacity_status=Status.ON_TRACK, narrative="Checkout is faster.",
        at=datetime(2026, 2, 2, tzinfo=UTC),
    )  # fmt: skip


def last_record(entity: str) -> ChangeRecord:
    return ChangeRecord.objects.filter(entity=entity).latest("id")


def test_the_author_corrects_a_check_in_and_the_change_is_recorded(
    world: World, checkin: CheckIn
) -> None:
    changed = checkin_update(actor=world.bob, checkin=checkin, narrative="Checkout is 2 s faster.",
                             capacity_status=Status.AT_RISK, confidence=40)  # fmt: skip
    assert (changed.narrative, changed.capacity_status, changed.confidence) == (
        "Checkout is 2 s faster.", Status.AT_RISK, 40,
    )  # fmt: skip
    assert changed.edited_at is not None
    record = last_record("checkin")
    assert (record.action, record.actor) == ("update", world.bob)
    assert record.before is not None and record.after is not None
    assert record.before["narrative"] == "Checkout is faster."
    assert record.after["narrative"] == "Checkout is 2 s faster."


def test_another_status_than_the_forecasts_still_needs_a_reason(
    world: World, checkin: CheckIn
) -> None:
    other = next(s for s in Status.values if s != checkin.suggested_status)
    with pytest.raises(ValidationError) as caught:
        checkin_update(actor=world.bob, checkin=checkin, progress_status=other)
    assert "status_reason" in caught.value.message_dict


def test_the_author_takes_a_check_in_back_with_its_values(world: World, checkin: CheckIn) -> None:
    checkin_delete(actor=world.bob, checkin=checkin)
    assert not CheckIn.objects.exists() and not Measurement.objects.exists()
    record = last_record("checkin")
    assert record.before is not None
    assert (record.action, record.actor, record.before["narrative"]) == (
        "delete", world.bob, "Checkout is faster.",
    )  # fmt: skip


def test_nobody_else_changes_a_check_in(world: World, checkin: CheckIn) -> None:
    for attempt in (
        lambda: checkin_update(actor=world.alice, checkin=checkin, narrative="Mine now"),
        lambda: checkin_delete(actor=world.alice, checkin=checkin),
    ):
        with pytest.raises(ValidationError, match="only its author"):
            attempt()
    assert CheckIn.objects.get(pk=checkin.pk).narrative == "Checkout is faster."


def test_a_closed_cycles_check_ins_stay_as_they_were(world: World, checkin: CheckIn) -> None:
    Cycle.objects.filter(pk=world.cycle.pk).update(state=CycleState.CLOSED)
    checkin.objective.cycle.refresh_from_db()
    with pytest.raises(ValidationError, match="closed"):
        checkin_delete(actor=world.bob, checkin=checkin)
    assert CheckIn.objects.filter(pk=checkin.pk).exists()


def test_the_author_edits_and_deletes_a_comment_each_recorded(
    world: World, checkin: CheckIn
) -> None:
    comment = comment_add(actor=world.alice, checkin=checkin, text="Great!")
    with pytest.raises(ValidationError, match="only its author"):
        comment_update(actor=world.bob, comment=comment, text="Meh")
    edited = comment_update(actor=world.alice, comment=comment, text="Great work!")
    assert edited.text == "Great work!" and edited.edited_at is not None
    record = last_record("comment")
    assert (record.action, record.before, record.after) == (
        "update", {"text": "Great!"}, {"text": "Great work!"},
    )  # fmt: skip
    with pytest.raises(ValidationError, match="write something"):
        comment_update(actor=world.alice, comment=comment, text=" ")
    comment_delete(actor=world.alice, comment=comment)
    assert not Comment.objects.exists()
    assert last_record("comment").action == "delete"
