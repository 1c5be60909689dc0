"""The figures behind maturity, gathered in SQL, and the levels they give (docs/maturity.md)."""

from __future__ import annotations

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bearing.domain.maturity import Dimension, Level
from bearing.maturity.evidence import figures_for, maturity_of, team_trend
from bearing.maturity.services import self_assessment_save
from tests import factories
from tests.conftest import World
from tests.maturity.quarter import closed_quarter

LATER = date(2025, 6, 1)


def test_the_figures_of_a_closed_quarter(world: World) -> None:
    quarter = closed_quarter(world)
    f = figures_for([quarter.cycle], [world.payments.pk], LATER)[
        (quarter.cycle.pk, world.payments.pk)
    ]
    assert (f.objectives, f.key_results, f.scored, f.at_one) == (1, 2, 2, 0)
    assert f.mean_score is not None and abs(f.mean_score - 0.6) < 1e-9
    assert f.start_confidence == 50  # the first four weeks
    assert (f.with_initiatives, f.published_early, f.with_owner) == (1, 2, 2)
    assert (f.weeks, f.months) == (13, 4)  # 6 Jan – 6 Apr: thirteen weeks, four months
    assert f.checkin_weeks == 12
    assert f.active_weeks == 13  # the measurements' week has no check-in
    assert f.active_months == 4  # the last values came in April
    assert (f.learnings, f.learning_months) == (2, 2)
    assert f.retrospective and f.retrospective_try_next and not f.previous_try_next


def test_levels_and_the_gap_with_the_self_assessment(world: World) -> None:
    quarter = closed_quarter(world)
    self_assessment_save(actor=world.bob, team=world.payments, cycle=quarter.cycle,
                         levels=dict.fromkeys(Dimension, Level.FLY))  # fmt: skip
    team = maturity_of(quarter.cycle, [world.payments.pk], LATER)[world.payments.pk]
    assert team.level(Dimension.AMBITION) == Level.FLY  # 0.6 at 50 %
    assert team.level(Dimension.PLANNING) == Level.RUN  # 50 % planned, all early
    assert team.level(Dimension.FOCUS) == Level.FLY  # 13 of 13 weeks
    assert team.level(Dimension.ACCOUNTABILITY) == Level.FLY  # 12 of 13 weeks ≥ 90 %
    assert team.level(Dimension.LEARNING) == Level.WALK  # two months of four
    readings = {g.dimension: g.reading for g in team.gaps}
    assert readings[Dimension.AMBITION] == "matches the evidence"
    assert readings[Dimension.LEARNING] == "2 levels above the evidence"


def test_a_page_of_teams_costs_the_same_queries_as_one(world: World) -> None:
    quarter = closed_quarter(world)
    teams = [factories.make_team(world.org, f"Squad {i}").pk for i in range(5)]
    maturity_of(quarter.cycle, [], LATER)  # loads the cycle's organization once
    with CaptureQueriesContext(connection) as one:
        maturity_of(quarter.cycle, [world.payments.pk], LATER)
    with CaptureQueriesContext(connection) as many:
        maturity_of(quarter.cycle, [world.payments.pk, *teams], LATER)
    assert len(many) == len(one) <= 12


def test_the_trend_compares_a_team_with_its_own_past(world: World) -> None:
    first = closed_quarter(world, "2024-Q4")
    from bearing.okrs.models import Cycle

    Cycle.objects.filter(pk=first.cycle.pk).update(start=date(2024, 10, 1), end=date(2024, 12, 31))
    second = closed_quarter(world, "2025-Q1", checkin_weeks=3)
    trend = team_trend(second.cycle, world.payments.pk, LATER)
    assert [t.cycle.name for t in trend] == ["2024-Q4", "2025-Q1"]
    # The retrospective of the quarter before said what to try: Learning sees it carried.
    assert trend[-1].figures.previous_try_next
    assert trend[-1].level(Dimension.ACCOUNTABILITY) == Level.WALK  # 3 weeks of 13
