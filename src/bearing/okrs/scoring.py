"""The bridge from rows to the domain core: every score shown anywhere is computed there.

Callers load objectives with ``with_scoring_data`` (three queries whatever the
number of objectives) and hand them here; nothing in this module queries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from bearing.domain import model as domain
from bearing.domain.scoring import (
    DEFAULT_BANDS,
    ColorBands,
    KRScore,
    ObjectiveScore,
    score_objective,
)
from bearing.okrs.models import Cycle, KeyResult, Objective


def with_scoring_data(objectives: QuerySet[Objective]) -> QuerySet[Objective]:
    """Prefetch what scoring needs: key results in order and their measurements in time order."""
    return objectives.prefetch_related(
        Prefetch(
            "key_results",
            queryset=KeyResult.objects.order_by("position", "id").prefetch_related("measurements"),
        )
    )


def as_of_for(cycle: Cycle, today: date | None = None) -> date:
    """ "Today" for pace and forecast, held within the cycle."""
    today = today or timezone.localdate()
    return min(max(today, cycle.start), cycle.end)


def domain_key_result(kr: KeyResult) -> domain.KeyResult:
    """A key result row (with prefetched measurements) as the domain sees it."""
    history = tuple(
        domain.Measurement(on=m.measured_at.date(), value=m.value, note=m.note)
        for m in kr.measurements.all()
    )
    return domain.KeyResult(
        ref=kr.ref,
        title=kr.title,
        kind=domain.KRKind(kr.kind) if kr.kind else None,
        start=kr.start,
        target=kr.target,
        done=kr.done,
        weight=kr.weight,
        unit=kr.unit,
        owner=str(kr.owner_id) if kr.owner_id else None,
        history=history,
    )


def domain_objective(objective: Objective) -> domain.Objective:
    return domain.Objective(
        ref=objective.ref,
        title=objective.title,
        team=objective.team.name if objective.team else None,
        description=objective.description,
        key_results=tuple(domain_key_result(kr) for kr in objective.key_results.all()),
    )


@dataclass(frozen=True)
class ScoredObjective:
    objective: Objective
    scored: ObjectiveScore

    @property
    def key_results(self) -> list[tuple[KeyResult, KRScore]]:
        return list(zip(self.objective.key_results.all(), self.scored.key_results, strict=True))


def score_objectives(
    objectives: Iterable[Objective], cycle: Cycle, as_of: date, bands: ColorBands = DEFAULT_BANDS
) -> list[ScoredObjective]:
    domain_cycle = cycle.as_domain()
    return [
        ScoredObjective(o, score_objective(domain_objective(o), domain_cycle, as_of, bands))
        for o in objectives
    ]
