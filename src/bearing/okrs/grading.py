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

from django.db.models import Count, F, Prefetch, QuerySet

from bearing.domain.model import Color
from bearing.domain.scoring import ColorBands, ObjectiveScore, weighted_mean
from bearing.okrs.models import Cycle, CycleState, Learning, Objective
from bearing.okrs.models.cycles import CYCLE_TRANSITIONS
from bearing.okrs.scoring import (
    ScoredObjective,
    objective_score,
    score_objectives,
    with_key_results,
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
    score (the grade where graded, else the stored score). One query, whatever the number of
    cycles and objectives: the objectives are counted by (cycle, grade, score), and there are
    only eleven scores, so the mean is exact.

    A cycle still in planning has no average: nothing has been measured yet, and a 0.0
    from start values would read as a failing cycle."""
    counts: dict[int, int] = defaultdict(int)
    graded: dict[int, int] = defaultdict(int)
    finals: dict[int, list[tuple[Decimal, int]]] = defaultdict(list)
    rows = (
        visible_objectives(membership)
        .values("cycle_id", "graded_score", "score")
        .annotate(n=Count("id"))
        .values_list("cycle_id", "graded_score", "score", "n")
    )
    for cycle_id, grade, score, n in rows:
        counts[cycle_id] += n
        if grade is not None:
            graded[cycle_id] += n
        final = grade if grade is not None else score
        if final is not None:
            finals[cycle_id].append((final, n))
    summaries = []
    for cycle in cycles:
        started = cycle.state != CycleState.PLANNING
        average = weighted_mean((s, Decimal(n)) for s, n in finals[cycle.pk]) if started else None
        summaries.append(
            CycleSummary(
                cycle,
                counts[cycle.pk],
                graded[cycle.pk],
                average,
                bands.color(average),
                next_state(cycle),
                previous_state(cycle),
            )
        )
    return summaries


def grading_objectives(membership: Membership, cycle: Cycle) -> QuerySet[Objective]:
    """The cycle's objectives the member may see, with key results and learnings (three
    queries); score them with ``scored_at_end``."""
    learnings = Learning.objects.select_related("author").order_by("created_at", "id")
    return with_key_results(
        visible_objectives(membership)
        .filter(cycle=cycle)
        .select_related("team", "owner")
        .prefetch_related(Prefetch("learnings", queryset=learnings))
        .order_by(F("team__parent_id").asc(nulls_first=True), "team__name", "id")
    )


def scored_at_end(
    objectives: Iterable[Objective], cycle: Cycle, bands: ColorBands
) -> list[ScoredObjective]:
    """Objectives scored as of the cycle's end, the score a grade starts from."""
    return score_objectives(objectives, cycle, cycle.end, bands)


def computed_at_end(objective: Objective, bands: ColorBands) -> ObjectiveScore:
    """One objective's computed score as of its cycle's end, read afresh (one query)."""
    fresh = Objective.objects.select_related("cycle").get(pk=objective.pk)
    return objective_score(fresh, fresh.cycle, fresh.cycle.end, bands)


def ungraded_count(membership: Membership, cycle: Cycle) -> int:
    return visible_objectives(membership).filter(cycle=cycle, graded_score__isnull=True).count()
