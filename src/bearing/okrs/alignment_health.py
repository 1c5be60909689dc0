"""A cycle's connectivity as one member may see it: the Alignment health page and
`GET /api/v1/cycles/{id}/connectivity` both read it from here.

Privacy. The figures (shares, depth, counts) count every objective of the cycle,
private ones too: they are the organization's numbers, the same for every member
and the same as the stored weekly snapshots. The lists name only objectives the
member may see: a private orphan they may not see is left out, and so is a
look-alike pair with a side they may not see (telling them their objective
resembles a hidden one would reveal what the hidden one is about).
``hidden_orphans`` and ``hidden_similar`` say how many were left out, so the lists
add up to the counts; the warnings name only visible titles and say how many more
there are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal

from django.utils import timezone

from bearing.domain.alignment import connectivity
from bearing.domain.connectivity import (
    Connectivity,
    ConnectivityThresholds,
    ConnectivityWarning,
    TrendPoint,
    connectivity_warnings,
)
from bearing.okrs.analytics import (
    cycle_nodes,
    previous_snapshot,
    snapshot_record,
    takes_snapshots,
    thresholds_for,
    trend_of,
)
from bearing.okrs.models import Cycle
from bearing.okrs.selectors import visible_objectives
from bearing.orgs.models import Membership
from bearing.semantic import meaning_of


@dataclass(frozen=True)
class Named:
    """An objective as the lists name it."""

    id: int
    title: str
    team: str | None


@dataclass(frozen=True)
class LookAlike:
    a: Named
    b: Named
    similarity: Decimal


@dataclass(frozen=True)
class Health:
    cycle: Cycle
    thresholds: ConnectivityThresholds
    figures: Connectivity[int]
    orphans: tuple[Named, ...]
    similar: tuple[LookAlike, ...]
    hidden_orphans: int
    hidden_similar: int
    warnings: tuple[ConnectivityWarning, ...]
    trend: tuple[TrendPoint, ...]
    recorded: bool  # whether this call wrote this week's snapshot


def cycle_health(
    membership: Membership, cycle: Cycle, *, record: bool = False, at: datetime | None = None
) -> Health:
    """The figures, warnings and weekly trend of ``cycle`` for ``membership`` (nine queries).

    With ``record``, a running cycle's snapshot for this week is stored (or refreshed)
    from the figures just computed, so the trend builds even without `bearing snapshot`.
    """
    thresholds = thresholds_for(membership.organization)
    previous = previous_snapshot(cycle, at)
    nodes = cycle_nodes(cycle, at)
    figures = connectivity(nodes, thresholds, previous, meaning=meaning_of)
    now = at or timezone.now()
    recorded = (
        record
        and takes_snapshots(cycle, timezone.localdate(now))
        and snapshot_record(cycle, figures, now)
    )
    visible = set(visible_objectives(membership).filter(cycle=cycle).values_list("pk", flat=True))
    named = {n.id: Named(n.id, n.title, n.team) for n in nodes if n.id in visible}
    orphans = tuple(named[o] for o in figures.orphans if o in named)
    pairs = [p for p in figures.similar if p.a in named and p.b in named]
    shown = replace(figures, orphans=tuple(o.id for o in orphans), similar=tuple(pairs))
    titles = {pk: n.title for pk, n in named.items()}
    warnings = connectivity_warnings(shown, titles, thresholds, previous)
    hidden_orphans = len(figures.orphans) - len(orphans)
    hidden_similar = len(figures.similar) - len(pairs)
    return Health(
        cycle=cycle,
        thresholds=thresholds,
        figures=figures,
        orphans=orphans,
        similar=tuple(LookAlike(named[p.a], named[p.b], p.similarity) for p in pairs),
        hidden_orphans=hidden_orphans,
        hidden_similar=hidden_similar,
        warnings=_with_hidden(warnings, hidden_orphans, hidden_similar),
        trend=tuple(trend_of(cycle)),
        recorded=bool(recorded),
    )


ORPHANS = "orphans-present"
LOOK_ALIKES = "look-alike-objectives"


def _with_hidden(
    warnings: Sequence[ConnectivityWarning], hidden_orphans: int, hidden_similar: int
) -> tuple[ConnectivityWarning, ...]:
    """The warnings, saying how many orphans and pairs the member cannot see (never which)."""
    out = list(warnings)
    if hidden_orphans:
        verb = "aligns" if hidden_orphans == 1 else "align"
        noun = "objective" if hidden_orphans == 1 else "objectives"
        _amend(
            out,
            ORPHANS,
            f"{hidden_orphans} more private {noun} that you cannot see also {verb} to nothing.",
            f"{hidden_orphans} private non-company {noun} that you cannot see {verb} to nothing.",
            before=LOOK_ALIKES,
        )
    if hidden_similar:
        one = hidden_similar == 1
        noun, verb = ("pair", "involves") if one else ("pairs", "involve")
        _amend(
            out,
            LOOK_ALIKES,
            f"{hidden_similar} more {noun} {verb} a private objective that you cannot see.",
            f"{hidden_similar} {noun} of objectives from different teams "
            + (
                "looks alike; it involves a private objective that you cannot see."
                if one
                else "look alike; they involve private objectives that you cannot see."
            ),
        )
    return tuple(out)


def _amend(
    warnings: list[ConnectivityWarning],
    rule: str,
    more: str,
    alone: str,
    before: str | None = None,
) -> None:
    for i, w in enumerate(warnings):
        if w.rule == rule:
            warnings[i] = ConnectivityWarning(rule, f"{w.message} {more}")
            return
    at = next((i for i, w in enumerate(warnings) if w.rule == before), len(warnings))
    warnings.insert(at, ConnectivityWarning(rule, alone))
