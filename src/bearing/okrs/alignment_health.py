"""A cycle's connectivity as one member may see it: the Alignment health page and
`GET /api/v1/cycles/{id}/connectivity` both read it from here.

Bounded whatever the cycle's size (issue 8): the shares are counted by the database in one
query (``live_counts``), the depth and the look-alike pairs come from the cycle's stored
analysis (``okrs.analysis``, computed in the background), and the lists come a page at a
time. Nothing here walks the graph or compares titles, and nothing is written.

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

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, TypeVar

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from bearing.domain.connectivity import (
    Connectivity,
    ConnectivityThresholds,
    ConnectivityWarning,
    TrendPoint,
    connectivity_warnings,
    percentage,
)
from bearing.domain.similarity import SimilarPair
from bearing.okrs.analysis import analysis_of
from bearing.okrs.analytics import previous_snapshot, thresholds_for, trend_of
from bearing.okrs.models import (
    AlignmentLink,
    Cycle,
    CycleAnalysis,
    LookAlikePair,
    Objective,
    ObjectiveState,
)
from bearing.okrs.selectors import visible_objectives
from bearing.orgs.models import Membership

T = TypeVar("T")
ORPHANS_PER_PAGE = 50
PAIRS_PER_PAGE = 25


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
    orphans: Page[Named]
    similar: Page[LookAlike]
    hidden_orphans: int
    hidden_similar: int
    warnings: tuple[ConnectivityWarning, ...]
    trend: tuple[TrendPoint, ...]
    analysis: CycleAnalysis | None


# The rules of domain.connectivity as the database counts them: a company objective is one
# of the team without a parent; aligned = it has a link (ObjectiveNode.is_aligned); cascaded
# = one of its links is cascaded; cross-functional = a contributor team other than its own.
# tests/okrs/test_connectivity_counts.py holds them to the domain's figures.
COMPANY = Q(team__isnull=False, team__parent__isnull=True)


def live_objectives(cycle: Cycle) -> QuerySet[Objective]:
    """The cycle's objectives that connectivity counts (abandoned ones do not)."""
    links = AlignmentLink.objects.filter(child=OuterRef("pk"))
    contributors = Objective.contributors.through.objects.filter(
        objective_id=OuterRef("pk")
    ).exclude(team_id=OuterRef("team_id"))
    return (
        Objective.objects.filter(cycle=cycle)
        .exclude(state=ObjectiveState.ABANDONED)
        .annotate(
            linked=Exists(links),
            cascaded_link=Exists(links.filter(kind="cascaded")),
            other_teams=Exists(contributors),
        )
    )


def orphan_filter() -> Q:
    return ~COMPANY & Q(linked=False)


@dataclass(frozen=True)
class Counts:
    objectives: int
    company: int
    aligned: int
    cascaded: int
    cross_functional: int
    orphans: int


def live_counts(cycle: Cycle) -> Counts:
    """The cycle's connectivity counts, in one query."""
    totals = live_objectives(cycle).aggregate(
        objectives=Count("id"),
        company=Count("id", filter=COMPANY),
        aligned=Count("id", filter=~COMPANY & Q(linked=True)),
        cascaded=Count("id", filter=~COMPANY & Q(cascaded_link=True)),
        cross=Count("id", filter=Q(other_teams=True)),
    )
    others = totals["objectives"] - totals["company"]
    return Counts(
        objectives=totals["objectives"], company=totals["company"], aligned=totals["aligned"],
        cascaded=totals["cascaded"], cross_functional=totals["cross"],
        orphans=others - totals["aligned"],
    )  # fmt: skip


def figures_of(
    counts: Counts,
    analysis: CycleAnalysis | None,
    orphans: Sequence[int] = (),
    similar: Sequence[SimilarPair[int]] = (),
) -> Connectivity[int]:
    """Connectivity from the live counts and the stored analysis; ``orphans`` and ``similar``
    list the first few, the counts say how many there are."""
    others = counts.objectives - counts.company
    return Connectivity(
        objectives=counts.objectives, company_objectives=counts.company,
        aligned=counts.aligned, cascaded=counts.cascaded,
        cross_functional=counts.cross_functional,
        aligned_pct=percentage(counts.aligned, others),
        cascaded_pct=percentage(counts.cascaded, others),
        cross_functional_pct=percentage(counts.cross_functional, counts.objectives),
        max_depth=analysis.max_depth if analysis else 0,
        orphans=tuple(orphans), similar=tuple(similar),
        orphan_count=counts.orphans,
        similar_count=analysis.look_alikes if analysis else 0,
    )  # fmt: skip


def visible_orphans(
    membership: Membership, cycle: Cycle, team_id: int | None = None
) -> QuerySet[Objective]:
    """The cycle's orphans the member may see (of one team), by team and title."""
    visible = visible_objectives(membership).filter(cycle=cycle).values("pk")
    rows = live_objectives(cycle).filter(orphan_filter(), pk__in=visible)
    if team_id is not None:
        rows = rows.filter(team_id=team_id)
    return rows.select_related("team").order_by(F("team__name").asc(nulls_last=True), "title", "id")


def visible_pairs(
    membership: Membership, cycle: Cycle, team_id: int | None = None
) -> QuerySet[LookAlikePair]:
    """The cycle's look-alike pairs whose both sides the member may see (one of them of the
    team), most similar first."""
    visible = visible_objectives(membership).filter(cycle=cycle).values("pk")
    rows = LookAlikePair.objects.filter(cycle=cycle, a__in=visible, b__in=visible)
    if team_id is not None:
        rows = rows.filter(Q(a__team_id=team_id) | Q(b__team_id=team_id))
    return rows.select_related("a__team", "b__team").order_by("-similarity", "a_id", "b_id")


def named(o: Objective) -> Named:
    return Named(o.pk, o.title, o.team.name if o.team else None)


def look_alike(pair: LookAlikePair) -> LookAlike:
    return LookAlike(named(pair.a), named(pair.b), pair.similarity)


def cycle_health(
    membership: Membership,
    cycle: Cycle,
    *,
    orphans_page: str | int | None = None,
    pairs_page: str | int | None = None,
    team_id: int | None = None,
) -> Health:
    """The figures, warnings and weekly trend of ``cycle`` for ``membership``, with one page of
    the orphans and one of the look-alike pairs it may see (eleven queries). ``team_id``
    narrows the two lists to that team's objectives (the figures stay the cycle's)."""
    thresholds = thresholds_for(membership.organization)
    analysis = analysis_of(cycle)
    counts = live_counts(cycle)
    orphans = _mapped(
        Paginator(visible_orphans(membership, cycle, team_id), ORPHANS_PER_PAGE).get_page(
            orphans_page
        ),
        named,
    )
    pairs = _mapped(
        Paginator(visible_pairs(membership, cycle, team_id), PAIRS_PER_PAGE).get_page(pairs_page),
        look_alike,
    )
    # What the member may see in the whole cycle, for the hidden counts (one more query each
    # when the lists are of one team).
    seen_orphans = (
        orphans.paginator.count if team_id is None else visible_orphans(membership, cycle).count()
    )
    seen_pairs = (
        pairs.paginator.count if team_id is None else visible_pairs(membership, cycle).count()
    )
    hidden_orphans = max(counts.orphans - seen_orphans, 0)
    hidden_similar = max((analysis.look_alikes if analysis else 0) - seen_pairs, 0)
    figures = figures_of(counts, analysis)
    previous = previous_snapshot(cycle)
    listed_orphans = list(orphans.object_list)
    listed_pairs = list(pairs.object_list)
    shown = replace(
        figures,
        orphans=tuple(o.id for o in listed_orphans),
        orphan_count=seen_orphans,
        similar=tuple(
            SimilarPair(p.a.id, p.b.id, p.a.team, p.b.team, p.similarity) for p in listed_pairs
        ),
        similar_count=seen_pairs,
    )
    titles = {o.id: o.title for o in listed_orphans}
    titles |= {n.id: n.title for p in listed_pairs for n in (p.a, p.b)}
    warnings = connectivity_warnings(shown, titles, thresholds, previous)
    return Health(
        cycle=cycle,
        thresholds=thresholds,
        figures=figures,
        orphans=orphans,
        similar=pairs,
        hidden_orphans=hidden_orphans,
        hidden_similar=hidden_similar,
        warnings=_with_hidden(warnings, hidden_orphans, hidden_similar),
        trend=tuple(trend_of(cycle)),
        analysis=analysis,
    )


def _mapped(page: Page[Any], present: Callable[[Any], T]) -> Page[T]:
    """The same page of a list, each item presented."""
    return Page([present(item) for item in page.object_list], page.number, page.paginator)


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
