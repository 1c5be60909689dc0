"""Stored figures: what every page shows about a key result or an objective, computed once.

A key result stores its latest value, progress, score and projected forecast, and the
coach's review of it; an objective stores its score, projected forecast, the coach's
review of its title and the worst rating among it and its key results. Pages and the API
read these columns instead of loading measurements and rescoring (issue 8: a 10,000-person
cycle has 72,000 measurements).

The services call ``refresh_key_results`` / ``refresh_objectives`` in the transaction that
changes an input, so nothing is stale after a write. The figures come from the same domain
functions `bearing score` uses (``domain.scoring.key_result_figures`` and
``objective_figures``); what depends on the day (pace, the switch of forecast to score at
the end) and colours are added when read (``okrs.scoring``).

Inside ``deferred()`` (an import of thousands of rows) refreshes are collected and made once,
in bulk, when the block ends. A closed cycle is never rescored (its figures stand as graded),
unless its figures were never computed at all.
"""

from __future__ import annotations

import contextvars
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Q

from bearing.domain import model as domain
from bearing.domain.coach import Level, Review
from bearing.domain.scoring import (
    KRFigures,
    key_result_figures,
    objective_figures,
    round_share,
)
from bearing.okrs.coaching import TeamContext, review_stored_key_result, review_stored_objective
from bearing.okrs.models import Cycle, CycleState, KeyResult, Measurement, Objective

# Bump when the scoring or coaching rules change in a way stored figures must follow:
# `bearing migrate` then recomputes every figure of a cycle that is not closed.
FIGURES_VERSION = 1
BATCH = 500  # key results or objectives refreshed per round of queries
WORST = {Level.LIMITING.value: 0, Level.HELPFUL.value: 1, Level.AWESOME.value: 2}
NO_RATING = 9

KR_FIELDS = (
    "current", "current_at", "measured", "progress", "score", "forecast",
    "coach_rating", "coach_findings", "coach_rules", "figures_version",
)  # fmt: skip
OBJECTIVE_FIELDS = (
    "score", "forecast", "coach_rating", "coach_findings", "coach_rules", "coach_worst",
)  # fmt: skip


@dataclass
class _Pending:
    key_results: set[int] = field(default_factory=set)
    objectives: set[int] = field(default_factory=set)


_pending: contextvars.ContextVar[_Pending | None] = contextvars.ContextVar(
    "bearing_pending_refresh", default=None
)


@contextmanager
def deferred() -> Iterator[None]:
    """Collect the refreshes asked for inside the block and make them once at its end.

    Use it inside the transaction (the figures are written before it commits)."""
    if _pending.get() is not None:  # nested: the outermost block refreshes
        yield
        return
    pending = _Pending()
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    _refresh_key_results(pending.key_results)
    _refresh_objectives(pending.objectives)


def flush() -> None:
    """Make the refreshes collected so far inside ``deferred()`` now (a service that reads
    stored figures back, such as a check-in's suggested status, needs them current)."""
    pending = _pending.get()
    if pending is None:
        return
    key_results, objectives = set(pending.key_results), set(pending.objectives)
    pending.key_results.clear()
    pending.objectives.clear()
    _refresh_key_results(key_results)
    _refresh_objectives(objectives)


def refresh_key_results(ids: Iterable[int]) -> None:
    """Recompute the stored figures and reviews of these key results, then of their objectives."""
    pending = _pending.get()
    if pending is not None:
        pending.key_results.update(ids)
        return
    _refresh_key_results(set(ids))


def refresh_objectives(ids: Iterable[int]) -> None:
    """Recompute these objectives' figures from their key results' stored figures, and the
    coach's review of their titles."""
    pending = _pending.get()
    if pending is not None:
        pending.objectives.update(ids)
        return
    _refresh_objectives(set(ids))


def refresh_cycle(cycle: Cycle, *, force: bool = False) -> int:
    """Recompute every stored figure of a cycle (bulk loads, repairs, a rules change);
    returns how many key results were refreshed. ``force`` rescores a closed cycle too."""
    krs = KeyResult.objects.filter(cycle=cycle).order_by("id").values_list("id", flat=True)
    kr_ids = list(krs)
    objective_ids = list(
        Objective.objects.filter(cycle=cycle).order_by("id").values_list("id", flat=True)
    )
    for start in range(0, len(kr_ids), BATCH):
        _refresh_key_results(set(kr_ids[start : start + BATCH]), force=force, objectives=False)
    for start in range(0, len(objective_ids), BATCH):
        _refresh_objectives(set(objective_ids[start : start + BATCH]), force=force)
    return len(kr_ids)


def refresh_outdated() -> int:
    """Bring every key result computed by older rules (or never) up to date; returns how
    many. Cycles that are closed keep their figures unless they never had any."""
    outdated = KeyResult.objects.filter(figures_version__lt=FIGURES_VERSION).filter(
        ~Q(cycle__state=CycleState.CLOSED) | Q(figures_version=0)
    )
    cycles = Cycle.objects.filter(pk__in=outdated.values("cycle_id"))
    return sum(refresh_cycle(cycle, force=True) for cycle in cycles)


def _open_cycles(force: bool) -> Q:
    return Q() if force else ~Q(cycle__state=CycleState.CLOSED) | Q(figures_version=0)


def _refresh_key_results(ids: set[int], *, force: bool = False, objectives: bool = True) -> None:
    if not ids:
        return
    rows = list(
        KeyResult.objects.filter(pk__in=ids)
        .filter(_open_cycles(force))
        .select_related("cycle", "objective__team")
        .only(
            *KR_FIELDS, "objective", "organization_id", "title", "kind", "start", "target",
            "done", "weight", "unit", "owner_id", "ref", "cycle__start", "cycle__end",
            "cycle__name", "objective__title", "objective__team__name",
        )
    )  # fmt: skip
    if not rows:
        return
    loaded = histories([kr.pk for kr in rows])
    contexts: dict[int, TeamContext] = {}
    changed = []
    for kr in rows:
        history, latest = loaded.get(kr.pk, ((), None))
        item = as_domain_key_result(kr, history)
        figures = key_result_figures(item, kr.cycle.as_domain(), kr.cycle.end)
        if kr.organization_id not in contexts:
            contexts[kr.organization_id] = TeamContext.of(kr.organization_id)
        team = kr.objective.team.name if kr.objective.team else None
        review = review_stored_key_result(item, team, contexts[kr.organization_id])
        if _store_key_result(kr, figures, history, latest, review):
            changed.append(kr)
    if changed:
        KeyResult.objects.bulk_update(changed, KR_FIELDS, batch_size=BATCH)
    if objectives:
        refresh_objectives({kr.objective_id for kr in rows})


History = tuple[domain.Measurement, ...]


def histories(kr_ids: list[int]) -> dict[int, tuple[History, datetime]]:
    """Every measurement of these key results, oldest first, as plain tuples, with the moment
    of the latest (one query)."""
    out: dict[int, list[domain.Measurement]] = defaultdict(list)
    latest: dict[int, datetime] = {}
    rows = (
        Measurement.objects.filter(key_result_id__in=kr_ids)
        .order_by("key_result_id", "measured_at", "id")
        .values_list("key_result_id", "measured_at", "value")
    )
    for kr_id, measured_at, value in rows:
        out[kr_id].append(domain.Measurement(on=measured_at.date(), value=value))
        latest[kr_id] = measured_at
    return {k: (tuple(v), latest[k]) for k, v in out.items()}


def as_domain_key_result(
    kr: KeyResult, history: tuple[domain.Measurement, ...] = ()
) -> domain.KeyResult:
    """A key-result row as the domain sees it (the one translation, for figures and coach)."""
    return domain.KeyResult(
        ref=kr.ref, title=kr.title, kind=domain.KRKind(kr.kind) if kr.kind else None,
        start=kr.start, target=kr.target, done=kr.done, weight=kr.weight, unit=kr.unit,
        owner=str(kr.owner_id) if kr.owner_id else None, history=history,
    )  # fmt: skip


def _store_key_result(
    kr: KeyResult, figures: KRFigures, history: History, latest: datetime | None, review: Review
) -> bool:
    """Set the stored fields on ``kr``; True when any of them changed."""
    values: dict[str, Any] = {
        "current": history[-1].value if history else None,
        "current_at": latest,
        "measured": len(history),
        "progress": None if figures.progress is None else round_share(figures.progress),
        "score": figures.score,
        "forecast": figures.projected,
        "figures_version": FIGURES_VERSION,
        **_review_fields(review),
    }
    return _assign(kr, values)


def _review_fields(review: Review) -> dict[str, Any]:
    findings = [
        {"rule": f.rule, "level": f.level.value, "message": f.message, "suggestion": f.suggestion}
        for f in review.findings
    ]
    rules = " ".join(dict.fromkeys(f.rule for f in review.findings))
    return {
        "coach_rating": review.rating.value,
        "coach_findings": findings,
        "coach_rules": f" {rules} "[:500] if rules else "",
    }


def _assign(row: Any, values: dict[str, Any]) -> bool:
    """Set the values on the row; True when any differs from what it held (0.40 == 0.4)."""
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


def _refresh_objectives(ids: set[int], *, force: bool = False) -> None:
    if not ids:
        return
    rows = list(
        Objective.objects.filter(pk__in=ids)
        .filter(_objective_cycles(force))
        .select_related("team")
        .only(*OBJECTIVE_FIELDS, "organization_id", "title", "team__name", "ref")
    )
    if not rows:
        return
    krs: dict[int, list[tuple[KRFigures, Decimal, str]]] = defaultdict(list)
    kr_rows = (
        KeyResult.objects.filter(objective_id__in=[o.pk for o in rows])
        .order_by("objective_id", "position", "id")
        .values_list("objective_id", "score", "forecast", "weight", "coach_rating")
    )
    for objective_id, score, forecast, weight, rating in kr_rows:
        krs[objective_id].append((KRFigures(None, score, forecast), weight, rating))
    contexts: dict[int, TeamContext] = {}
    changed = []
    for o in rows:
        items = krs.get(o.pk, [])
        figures = objective_figures((f, w) for f, w, _ in items)
        if o.organization_id not in contexts:
            contexts[o.organization_id] = TeamContext.of(o.organization_id)
        review = review_stored_objective(
            domain.Objective(title=o.title, team=o.team.name if o.team else None, ref=o.ref),
            contexts[o.organization_id],
        )
        ratings = [review.rating.value, *(rating for _, _, rating in items if rating)]
        values = {
            "score": figures.score,
            "forecast": figures.projected,
            "coach_worst": min((WORST[r] for r in ratings), default=NO_RATING),
            **_review_fields(review),
        }
        if _assign(o, values):
            changed.append(o)
    if changed:
        Objective.objects.bulk_update(changed, OBJECTIVE_FIELDS, batch_size=BATCH)


def _objective_cycles(force: bool) -> Q:
    # A computed objective always has a rating: an empty one was never computed.
    return Q() if force else ~Q(cycle__state=CycleState.CLOSED) | Q(coach_rating="")
