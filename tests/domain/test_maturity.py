"""Maturity levels from evidence: one table of cases per dimension (docs/maturity.md)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from bearing.domain.maturity import (
    DESCRIPTIONS,
    Dimension,
    Figures,
    Level,
    accountability,
    ambition,
    assess,
    cycle_span,
    focus,
    gaps,
    learning,
    planning,
)

SCORED = Figures(objectives=1, key_results=4, scored=4, with_owner=4, weeks=13, months=3)


@pytest.mark.parametrize(
    ("figures", "level"),
    [
        (replace(SCORED, scored=0, mean_score=None), None),
        (replace(SCORED, mean_score=1.0, at_one=4, start_confidence=95), Level.CRAWL),
        (replace(SCORED, mean_score=0.9, at_one=2, start_confidence=92), Level.CRAWL),  # sure
        (replace(SCORED, mean_score=0.95, at_one=3, start_confidence=70), Level.WALK),
        (replace(SCORED, mean_score=0.7, at_one=0, start_confidence=50), Level.FLY),
        (replace(SCORED, mean_score=0.6, at_one=0, start_confidence=40), Level.FLY),
        (replace(SCORED, mean_score=0.7, at_one=0, start_confidence=70), Level.RUN),
        (replace(SCORED, mean_score=0.7, at_one=0, start_confidence=None), Level.RUN),
        (replace(SCORED, mean_score=0.3, at_one=0, start_confidence=50), Level.WALK),
        (replace(SCORED, mean_score=0.85, at_one=1, start_confidence=85), Level.WALK),
    ],
)
def test_ambition(figures: Figures, level: Level | None) -> None:
    assert ambition(figures).level == level


@pytest.mark.parametrize(
    ("key_results", "planned", "early", "level"),
    [
        (0, 0, 0, None),
        (4, 0, 4, Level.CRAWL),
        (4, 1, 0, Level.WALK),  # 25 % with initiatives
        (4, 2, 1, Level.WALK),  # planned, but published late
        (4, 2, 2, Level.RUN),
        (5, 4, 4, Level.FLY),  # 80 % and 80 %
        (5, 4, 3, Level.RUN),
    ],
)
def test_planning(key_results: int, planned: int, early: int, level: Level | None) -> None:
    figures = replace(
        SCORED, key_results=key_results, with_initiatives=planned, published_early=early
    )
    assert planning(figures).level == level


# 13 weeks, 3 months (SCORED); members, member_looks and looked_weeks from OkrLook rows.
FOCUS_CASES = [
    # objectives, limit, active weeks, active months, members, looks, looked weeks, level
    ("no objectives", 0, 1, 0, 0, 4, 0, 0, None),
    ("never checked in on, never opened", 1, 1, 0, 0, 4, 0, 0, Level.CRAWL),
    ("opened once, nothing else", 1, 1, 0, 0, 4, 1, 0, Level.WALK),
    ("checked in on, not every month", 1, 1, 2, 1, 4, 0, 0, Level.WALK),
    ("checked in on every month", 1, 1, 5, 3, 4, 0, 0, Level.RUN),
    ("checked in on weekly, nobody else opens them", 1, 1, 10, 3, 4, 10, 0, Level.RUN),
    ("checked in on weekly, before looks were recorded", 1, 1, 10, 3, 4, 0, 0, Level.RUN),
    ("checked in on weekly, half the team opens them", 1, 1, 10, 3, 4, 26, 10, Level.FLY),
    ("opened weekly by most, never checked in", 1, 1, 0, 0, 4, 40, 12, Level.FLY),
    ("opened weekly by few, never checked in", 1, 1, 0, 0, 4, 13, 0, Level.WALK),
    ("a team without members cannot show the team looking", 1, 1, 13, 3, 0, 0, 0, Level.RUN),
    ("weekly by most, more objectives than the limit: Run", 2, 1, 10, 3, 4, 26, 10, Level.RUN),
    ("weekly by most, more than twice the limit: Walk", 3, 1, 10, 3, 4, 26, 10, Level.WALK),
    ("weekly by most, at the limit", 3, 3, 13, 3, 4, 52, 13, Level.FLY),
]


@pytest.mark.parametrize(
    ("case", "objectives", "limit", "active_weeks", "active_months", "members", "looks",
     "looked_weeks", "level"),
    FOCUS_CASES,
    ids=[c[0] for c in FOCUS_CASES],
)  # fmt: skip
def test_focus(
    case: str,
    objectives: int,
    limit: int,
    active_weeks: int,
    active_months: int,
    members: int,
    looks: int,
    looked_weeks: int,
    level: Level | None,
) -> None:
    figures = replace(
        SCORED,
        objectives=objectives,
        objective_limit=limit,
        active_weeks=active_weeks,
        active_months=active_months,
        members=members,
        member_looks=looks,
        looked_weeks=looked_weeks,
    )
    assert focus(figures).level == level


def test_focus_says_how_many_of_the_team_opened_the_okrs() -> None:
    figures = replace(SCORED, objectives=1, active_weeks=10, active_months=3, members=4,
                      member_looks=26, looked_weeks=10)  # fmt: skip
    facts = focus(figures).because
    assert "On average 50 % of its 4 members opened them each week" in facts
    assert "10 of 13 weeks by at least half" in facts


@pytest.mark.parametrize(
    ("key_results", "owned", "checkin_weeks", "level"),
    [
        (0, 0, 0, None),
        (4, 2, 0, Level.CRAWL),
        (4, 4, 0, Level.WALK),  # owners on every key result
        (4, 2, 3, Level.WALK),  # some check-ins
        (4, 4, 7, Level.RUN),  # half the weeks
        (5, 4, 7, Level.RUN),  # 80 % owned
        (4, 3, 7, Level.WALK),  # 75 % owned is not enough for Run
        (4, 4, 12, Level.FLY),  # 12 of 13 weeks ≥ 90 %
        (5, 4, 13, Level.RUN),  # every week, but not every key result owned
    ],
)
def test_accountability(
    key_results: int, owned: int, checkin_weeks: int, level: Level | None
) -> None:
    figures = replace(
        SCORED, key_results=key_results, with_owner=owned, checkin_weeks=checkin_weeks
    )
    assert accountability(figures).level == level


@pytest.mark.parametrize(
    ("learnings", "months_with", "retro", "try_next", "previous", "level"),
    [
        (0, 0, False, False, False, Level.CRAWL),
        (0, 0, True, False, False, Level.WALK),  # reviewed at the end
        (2, 1, False, False, False, Level.WALK),
        (3, 3, False, False, False, Level.RUN),  # every month
        (3, 2, True, True, True, Level.RUN),  # acted on, learning most months
        (3, 1, True, True, True, Level.WALK),
        (7, 3, True, True, True, Level.FLY),  # monthly, acted on, about every other week
        (4, 3, True, True, True, Level.RUN),  # too few learnings for every sprint
        (7, 3, True, True, False, Level.RUN),  # last cycle's lesson not carried
    ],
)
def test_learning(
    learnings: int, months_with: int, retro: bool, try_next: bool, previous: bool, level: Level
) -> None:
    figures = replace(
        SCORED,
        learnings=learnings,
        learning_months=months_with,
        retrospective=retro,
        retrospective_try_next=try_next,
        previous_try_next=previous,
    )
    assert learning(figures).level == level


def test_every_level_is_explained_by_its_figures() -> None:
    figures = replace(
        SCORED, mean_score=0.7, start_confidence=50, with_initiatives=3, published_early=4,
        checkin_weeks=12, active_weeks=12, active_months=3, learnings=7, learning_months=3,
    )  # fmt: skip
    evidence = {e.dimension: e for e in assess(figures)}
    assert list(evidence) == list(Dimension)
    assert "0.70 on average" in evidence[Dimension.AMBITION].because
    assert "50 % confident" in evidence[Dimension.AMBITION].because
    assert "75 % of 4 key results have initiatives" in evidence[Dimension.PLANNING].because
    assert "12 of 13 weeks" in evidence[Dimension.FOCUS].because
    assert "Check-ins in 12 of 13 weeks" in evidence[Dimension.ACCOUNTABILITY].because
    assert "7 learnings, recorded in 3 of 3 months" in evidence[Dimension.LEARNING].because


def test_the_seed_table_gives_every_choice() -> None:
    assert set(DESCRIPTIONS) == set(Dimension)
    assert all(set(levels) == set(Level) for levels in DESCRIPTIONS.values())
    assert DESCRIPTIONS[Dimension.AMBITION][Level.FLY].endswith("Team 50% confident.")


@pytest.mark.parametrize(
    ("said", "shown", "difference", "reading"),
    [
        (Level.FLY, Level.WALK, 2, "2 levels above the evidence"),
        (Level.WALK, Level.RUN, -1, "1 level below the evidence"),
        (Level.RUN, Level.RUN, 0, "matches the evidence"),
        (None, Level.RUN, None, "—"),
        (Level.RUN, None, None, "—"),
    ],
)
def test_gap(said: Level | None, shown: Level | None, difference: int | None, reading: str) -> None:
    figures = replace(SCORED, mean_score=0.7, start_confidence=50)
    evidence = tuple(
        replace(e, level=shown) if e.dimension == Dimension.AMBITION else e for e in assess(figures)
    )
    (gap,) = [g for g in gaps({Dimension.AMBITION: said}, evidence) if g.dimension == "ambition"]
    assert gap.difference == difference
    assert gap.reading == reading


@pytest.mark.parametrize(
    ("today", "weeks", "months"),
    [
        (date(2026, 3, 31), 0, 0),  # before it starts
        (date(2026, 4, 1), 1, 1),
        (date(2026, 4, 7), 1, 1),
        (date(2026, 4, 8), 2, 1),
        (date(2026, 5, 1), 5, 2),
        (date(2026, 6, 30), 13, 3),  # the last day
        (date(2027, 1, 1), 13, 3),  # long after: all of it
    ],
)
def test_cycle_span(today: date, weeks: int, months: int) -> None:
    assert cycle_span(date(2026, 4, 1), date(2026, 6, 30), today) == (weeks, months)
