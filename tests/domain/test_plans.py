"""The two-week plan's rules: when plans are due, in / due / missing, what blocks publishing."""

from __future__ import annotations

from datetime import date

import pytest

from bearing.domain.plans import (
    PlannedItem,
    PlanState,
    plan_due,
    plan_problems,
    plan_state,
    window_problem,
)

START, END = date(2026, 1, 1), date(2026, 3, 31)


@pytest.mark.parametrize(
    ("window", "due"),
    [(14, date(2026, 1, 14)), (1, date(2026, 1, 1)), (60, date(2026, 3, 1)), (200, END)],
)
def test_due(window: int, due: date) -> None:
    assert plan_due(START, END, window) == due


@pytest.mark.parametrize(
    ("published", "today", "state"),
    [
        (True, date(2026, 2, 1), PlanState.PUBLISHED),
        (False, date(2026, 1, 14), PlanState.DUE),
        (False, date(2026, 1, 15), PlanState.MISSING),
    ],
)
def test_state(published: bool, today: date, state: PlanState) -> None:
    assert plan_state(published, date(2026, 1, 14), today) is state


@pytest.mark.parametrize(
    ("days", "ok"), [(0, False), (1, True), (14, True), (60, True), (61, False)]
)
def test_window(days: int, ok: bool) -> None:
    assert (window_problem(days) is None) is ok


@pytest.mark.parametrize(
    ("items", "problems"),
    [
        ([], 1),
        ([PlannedItem("Cache", date(2026, 2, 1))], 0),
        ([PlannedItem("Cache", None)], 1),
        ([PlannedItem("Cache", date(2026, 4, 1))], 1),
        ([PlannedItem("Old", None, done_or_dropped=True), PlannedItem("New", date(2026, 1, 2))], 0),
        ([PlannedItem("A", None), PlannedItem("B", date(2025, 12, 31))], 2),
    ],
)
def test_problems(items: list[PlannedItem], problems: int) -> None:
    assert len(plan_problems(items, START, END)) == problems
