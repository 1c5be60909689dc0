"""Scores as pages and the API show them: the stored figures (``okrs.derived``) read on a day.

Nothing here reads a measurement or rescores: a key result's and an objective's score and
projected forecast are columns of their rows. What depends on the day — the pace marker and
the switch of the forecast to the score once the cycle has ended — and the colours from the
organization's bands come from ``domain.scoring`` (``shown_key_result``/``shown_objective``),
the same functions `bearing score` uses.

Load objectives ``with_key_results`` (one more query, whatever their number) and hand them
to ``score_objectives``; pages that show objectives without their key results use
``objective_score``.
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
    KRFigures,
    KRScore,
    ObjectiveFigures,
    ObjectiveScore,
    shown_key_result,
    shown_objective,
)
from bearing.okrs.models import Cycle, KeyResult, Objective


def as_of_for(cycle: Cycle, today: date | None = None) -> date:
    """ "Today" for pace and forecast, held within the cycle."""
    today = today or timezone.localdate()
    return min(max(today, cycle.start), cycle.end)


def with_key_results(objectives: QuerySet[Objective]) -> QuerySet[Objective]:
    """Prefetch the key results in their order, with their owners (their stored figures are
    columns of their rows)."""
    return objectives.prefetch_related(
        Prefetch(
            "key_results",
            queryset=KeyResult.objects.select_related("owner").order_by("position", "id"),
        )
    )


def key_result_score(
    kr: KeyResult, cycle: domain.Cycle, as_of: date, bands: ColorBands = DEFAULT_BANDS
) -> KRScore:
    figures = KRFigures(progress=kr.progress, score=kr.score, projected=kr.forecast)
    kind = domain.KRKind(kr.kind) if kr.kind else None
    return shown_key_result(figures, kind, cycle, as_of, bands)


def objective_score(
    objective: Objective,
    cycle: Cycle,
    as_of: date,
    bands: ColorBands = DEFAULT_BANDS,
    key_results: tuple[KRScore, ...] = (),
) -> ObjectiveScore:
    """An objective's score as shown on ``as_of`` (its key results' scores, if given, ride along)."""
    figures = ObjectiveFigures(score=objective.score, projected=objective.forecast)
    return shown_objective(figures, key_results, cycle.as_domain(), as_of, bands)


@dataclass(frozen=True)
class ScoredObjective:
    objective: Objective
    scored: ObjectiveScore

    @property
    def key_results(self) -> list[tuple[KeyResult, KRScore]]:
        return list(zip(self.objective.key_results.all(), self.scored.key_results, strict=True))


def score_objectives(
    objectives: Iterable[Objective],
    cycle: Cycle,
    as_of: date,
    bands: ColorBands = DEFAULT_BANDS,
) -> list[ScoredObjective]:
    """Objectives loaded ``with_key_results``, with their scores and their key results' as
    shown on ``as_of``."""
    domain_cycle = cycle.as_domain()
    scored = []
    for o in objectives:
        krs = tuple(key_result_score(kr, domain_cycle, as_of, bands) for kr in o.key_results.all())
        scored.append(ScoredObjective(o, objective_score(o, cycle, as_of, bands, krs)))
    return scored


def score_objectives_in_cycles(
    objectives: Iterable[Objective], bands: ColorBands = DEFAULT_BANDS
) -> list[ScoredObjective]:
    """Objectives of any cycles (loaded ``with_key_results`` and their ``cycle``), each scored
    as of today within its own cycle."""
    return [score_objectives([o], o.cycle, as_of_for(o.cycle), bands)[0] for o in objectives]
