"""A closed quarter of Payments with figures a person can check by hand (tests/maturity)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from bearing.maturity.models import OkrLook
from bearing.okrs.models import (
    CheckIn,
    Cycle,
    CycleState,
    Initiative,
    KeyResult,
    Learning,
    Objective,
)
from bearing.okrs.services.learning import retrospective_save
from bearing.okrs.services.measurements import measurement_add
from tests import factories
from tests.conftest import World

START = date(2025, 1, 6)  # a Monday; 13 weeks, three months
END = date(2025, 4, 6)


def on(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


@dataclass
class Quarter:
    cycle: Cycle
    objective: Objective
    krs: list[KeyResult]


def closed_quarter(world: World, name: str = "2025-Q1", checkin_weeks: int = 12) -> Quarter:
    """Payments' one objective with two key results that land at 0.7 and 0.5 (mean 0.6); one
    served by an initiative, both published in the first week, both owned by Bob; check-ins in
    ``checkin_weeks`` weeks, 50 % confident at first then 80 %; learnings in January and March;
    a retrospective that says what to try next."""
    cycle = factories.make_cycle(world.org, name, START, END, state=CycleState.ACTIVE)
    objective = factories.make_objective(cycle, "Make payments effortless", team=world.payments,
                                         owner=world.bob)  # fmt: skip
    krs = [
        factories.make_key_result(objective, f"Grow refunds from 0 to 10 ({i})", kind="increase",
                                  start=Decimal(0), target=Decimal(10), owner=world.bob)
        for i in range(2)
    ]  # fmt: skip
    KeyResult.objects.filter(pk__in=[k.pk for k in krs]).update(created_at=on(START))
    for kr, value in zip(krs, (7, 5), strict=True):
        measurement_add(actor=world.bob, key_result=kr, value=Decimal(value),
                        measured_at=on(END - timedelta(days=3)))  # fmt: skip
    initiative = Initiative.objects.create(organization=world.org, title="Self-serve refunds")
    initiative.key_results.add(krs[0])
    CheckIn.objects.bulk_create(
        [CheckIn(organization=world.org, objective=objective, author=world.bob,
                 created_at=on(START + timedelta(weeks=w)), progress_status="on_track",
                 capacity_status="on_track", confidence=50 if w < 4 else 80)
         for w in range(checkin_weeks)]
    )  # fmt: skip
    # Bob, the team's one member, opens its OKRs every week of the quarter (Focus).
    OkrLook.objects.bulk_create(
        [OkrLook(organization=world.org, person=world.bob, week=START + timedelta(weeks=w))
         for w in range(13)],
        ignore_conflicts=True,  # a second quarter built in the same weeks
    )  # fmt: skip
    for day in (date(2025, 1, 20), date(2025, 3, 10)):
        learning = Learning.objects.create(organization=world.org, objective=objective, text="x")
        Learning.objects.filter(pk=learning.pk).update(created_at=on(day))
    Cycle.objects.filter(pk=cycle.pk).update(state=CycleState.GRADING)
    cycle.refresh_from_db()
    retrospective_save(actor=world.bob, team=world.payments, cycle=cycle, went_well="Pairing",
                       went_badly="", try_next="Smaller bets")  # fmt: skip
    Cycle.objects.filter(pk=cycle.pk).update(state=CycleState.CLOSED)
    cycle.refresh_from_db()
    return Quarter(cycle, objective, krs)
