"""Grading (002) as a use case: ``objective_grade`` works the computed score out itself, as
of the cycle's last day, refuses outside grading, and adds a learning with the grade or not
at all."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from bearing.okrs.models import ChangeRecord, Cycle, CycleState, Learning, Objective
from bearing.okrs.services.measurements import measurement_add
from bearing.okrs.services.objectives import objective_grade
from tests import factories
from tests.conftest import World


@pytest.fixture
def half_done(world: World) -> Objective:
    """An objective whose one key result is half-way (120 → 24, at 72): computed 0.5."""
    objective = factories.make_objective(world.cycle, team=world.payments)
    kr = factories.make_key_result(objective)
    measurement_add(actor=None, key_result=kr, value=Decimal(72),
                    measured_at=datetime(2026, 3, 1, tzinfo=UTC))  # fmt: skip
    Cycle.objects.filter(pk=world.cycle.pk).update(state=CycleState.GRADING)
    return Objective.objects.select_related("cycle").get(pk=objective.pk)


def test_the_computed_score_is_worked_out_by_the_service(
    world: World, half_done: Objective
) -> None:
    graded = objective_grade(
        actor=world.alice, objective=half_done, graded=Decimal("0.5"), reason=""
    )
    assert (graded.computed_score, graded.graded_score) == (Decimal("0.5"), Decimal("0.5"))


def test_an_adjusted_score_needs_a_reason_and_keeps_the_computed_one(
    world: World, half_done: Objective
) -> None:
    with pytest.raises(ValidationError) as caught:
        objective_grade(actor=None, objective=half_done, graded=Decimal("0.8"), reason="")
    assert caught.value.message_dict == {
        "grading_reason": ["say why the score differs from the computed one"]
    }
    graded = objective_grade(actor=world.alice, objective=half_done, graded=Decimal("0.75"),
                             reason="A vendor outage cost us two weeks")  # fmt: skip
    assert (graded.computed_score, graded.graded_score) == (Decimal("0.5"), Decimal("0.8"))


@pytest.mark.parametrize("state", [CycleState.PLANNING, CycleState.ACTIVE, CycleState.CLOSED])
def test_grades_are_given_only_while_the_cycle_is_in_grading(
    world: World, half_done: Objective, state: str
) -> None:
    Cycle.objects.filter(pk=world.cycle.pk).update(state=state)
    records = ChangeRecord.objects.count()
    with pytest.raises(ValidationError) as caught:
        objective_grade(actor=world.alice, objective=half_done, graded=Decimal("0.5"), reason="",
                        learning="Ship small.")  # fmt: skip
    assert caught.value.message_dict == {
        "cycle": ["2026-Q1 is not in grading: its scores cannot change now"]
    }
    assert Objective.objects.get(pk=half_done.pk).graded_score is None
    assert ChangeRecord.objects.count() == records and not Learning.objects.exists()


def test_a_learning_comes_with_the_grade_or_not_at_all(world: World, half_done: Objective) -> None:
    with pytest.raises(ValidationError):
        objective_grade(actor=world.bob, objective=half_done, graded=Decimal("0.9"), reason="",
                        learning="Ship small.")  # fmt: skip
    assert not Learning.objects.exists()
    objective_grade(actor=world.bob, objective=half_done, graded=Decimal("0.5"), reason="",
                    learning="Ship small.")  # fmt: skip
    assert list(Learning.objects.values_list("text", "author")) == [("Ship small.", world.bob.pk)]
