"""The end of the loop, as one member may see it: every cycle with its objectives and average
final score, and a cycle's objectives scored for grading.

A **final score** is the graded one where an objective was graded (002: "final grading at
cycle close may adjust a score with a written reason"), else the score the domain computes
as of the cycle's end. Scores come from ``okrs.scoring`` only; nothing here rounds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Prefetch, QuerySet

from bearing.domain.model import Color
from bearing.domain.scoring import ColorBands, ObjectiveScore, mean_score
from bearing.okrs.models import Cycle, CycleState, Learning, Objective
from bearing.okrs.models.cycles import CYCLE_TRANSITIONS
from bearing.okrs.scoring import (
    ScoredObjective,
    as_of_for,
    histories_for,
    score_objectives,
    with_key_results,
    with_scoring_data,
)
from bearing.okrs.selectors import visible_objectives
from bearing.orgs.models import Membership

ORDER = (CycleState.PLANNING, CycleState.ACTIVE, CycleState.GRADING, CycleState.CLOSED)
# Learnings and retrospectives belong to the end of a cycle.
REFLECTING = (CycleState.GRADING, CycleState.CLOSED)


def next_state(cycle: Cycle) -> str | None:
    """The allowed move one step forward (planning → active → grading → closed), if any."""
    return _step(cycle, +1)


def previous_state(cycle: Cycle) -> str | None:
    """The allowed move one step back, to undo a mistake, if any."""
    return _step(cycle, -1)


def _step(cycle: Cycle, direction: int) -> str | None:
    at = ORDER.index(CycleState(cycle.state))
    to = at + direction
    if not 0 <= to < len(ORDER) or ORDER[to] not in CYCLE_TRANSITIONS.get(cycle.state, ()):
        return None
    return ORDER[to].value


def is_reflecting(cycle: Cycle) -> bool:
    """Grading or closed: learnings and retrospectives may be written."""
    return cycle.state in REFLECTING


@dataclass(frozen=True)
class CycleSummary:
    cycle: Cycle
    objectives: int
    graded: int
    average: Decimal | None
    color: Color | None
    forward: str | None
    back: str | None


def cycle_summaries(
    membership: Membership, cycles: Iterable[Cycle], bands: ColorBands
) -> list[CycleSummary]:
    """Each cycle with the number of objectives the member may see and their average final
    score. Graded objectives use their stored grade; only the others are scored (four
    queries, whatever the number of cycles and objectives)."""
    visible = visible_objectives(membership)
    finals: dict[int, list[Decimal | None]] = defaultdict(list)
    counts: dict[int, int] = defaultdict(int)
    graded: dict[int, int] = defaultdict(int)
    for cycle_id, grade in visible.values_list("cycle_id", "graded_score"):
        counts[cycle_id] += 1
        if grade is not None:
            graded[cycle_id] += 1
            finals[cycle_id].append(grade)
    cycles = list(cycles)
    ungraded = with_key_results(
        visible.filter(graded_score__isnull=True).select_related("team")
    ).order_by("cycle_id", "id")
    by_cycle: dict[int, list[Objective]] = defaultdict(list)
    objectives = list(ungraded)
    for objective in objectives:
        by_cycle[objective.cycle_id].append(objective)
    histories = histories_for(ungraded) if objectives else {}
    summaries = []
    for cycle in cycles:
        scored = score_objectives(by_cycle[cycle.pk], cycle, as_of_for(cycle), bands, histories)
        average = mean_score([*finals[cycle.pk], *(s.scored.score for s in scored)])
        summary = CycleSummary(
            cycle, counts[cycle.pk], graded[cycle.pk], average, bands.color(average),
            next_state(cycle), previous_state(cycle),
        )  # fmt: skip
        summaries.append(summary)
    return summaries


def grading_objectives(membership: Membership, cycle: Cycle) -> QuerySet[Objective]:
    """The cycle's objectives the member may see, with key results and learnings; score them
    with ``histories_for`` (four queries in all)."""
    learnings = Learning.objects.select_related("author").order_by("created_at", "id")
    return with_key_results(
        visible_objectives(membership)
        .filter(cycle=cycle)
        .select_related("team", "owner")
        .prefetch_related(Prefetch("learnings", queryset=learnings))
        .order_by(F("team__parent_id").asc(nulls_first=True), "team__name", "id")
    )


def scored_at_end(
    objectives: QuerySet[Objective], cycle: Cycle, bands: ColorBands
) -> list[ScoredObjective]:
    """Objectives scored as of the cycle's end, the score a grade starts from."""
    items = list(objectives)
    histories = histories_for(objectives) if items else {}
    return score_objectives(items, cycle, cycle.end, bands, histories)


def computed_at_end(objective: Objective, bands: ColorBands) -> ObjectiveScore:
    """One objective's computed score as of its cycle's end, read afresh (three queries)."""
    fresh = with_scoring_data(Objective.objects.filter(pk=objective.pk).select_related("team"))
    cycle = objective.cycle
    return score_objectives(fresh, cycle, cycle.end, bands)[0].scored


def ungraded_count(membership: Membership, cycle: Cycle) -> int:
    return visible_objectives(membership).filter(cycle=cycle, graded_score__isnull=True).count()
