"""The two-week plan (seed 002): in the first weeks of a cycle each key-result owner drafts the
initiatives, with target dates, that will move their key results, and publishes them.

Pure rules: when plans are due, whether one is in, missing or late, and what keeps a plan
from being published.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

MIN_WINDOW, MAX_WINDOW = 1, 60  # days: a plan window of a day to two months


class PlanState(StrEnum):
    PUBLISHED = "published"
    DUE = "due"  # not yet published, still within the window
    MISSING = "missing"  # not published, and the window has passed


def plan_due(cycle_start: date, cycle_end: date, window_days: int) -> date:
    """The last day to publish: ``window_days`` from the start (the cycle's end at most)."""
    return min(cycle_start + timedelta(days=window_days - 1), cycle_end)


def plan_state(published: bool, due: date, today: date) -> PlanState:
    if published:
        return PlanState.PUBLISHED
    return PlanState.DUE if today <= due else PlanState.MISSING


def window_problem(days: int) -> str | None:
    if not MIN_WINDOW <= days <= MAX_WINDOW:
        return f"the plan window is between {MIN_WINDOW} and {MAX_WINDOW} days"
    return None


@dataclass(frozen=True)
class PlannedItem:
    title: str
    target_date: date | None
    done_or_dropped: bool = False


def plan_problems(items: Sequence[PlannedItem], cycle_start: date, cycle_end: date) -> list[str]:
    """Why a plan cannot be published yet: it has no initiative, or an open one has no target
    date or one outside the cycle (a plan is work with dates, seed 002)."""
    if not items:
        return ["add at least one initiative under your key results first"]
    problems = []
    for item in items:
        if item.done_or_dropped:
            continue
        if item.target_date is None:
            problems.append(f"“{item.title}” needs a target date")
        elif not cycle_start <= item.target_date <= cycle_end:
            problems.append(f"“{item.title}” is due {item.target_date:%d %b %Y}, outside the cycle")
    return problems
