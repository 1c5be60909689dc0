"""Alignment analytics over the database: rows → domain connectivity nodes → figures,
and the weekly snapshots that make a trend line (000: "measure connectivity")."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from bearing.domain.alignment import connectivity
from bearing.domain.connectivity import (
    Connectivity,
    ConnectivityThresholds,
    ObjectiveNode,
    TrendPoint,
)
from bearing.domain.model import LinkKind
from bearing.okrs.models import (
    AlignmentLink,
    ConnectivitySnapshot,
    Cycle,
    CycleState,
    KeyResult,
    Objective,
    ObjectiveState,
)
from bearing.orgs.models import Organization
from bearing.semantic import meaning_of


def thresholds_for(organization: Organization) -> ConnectivityThresholds:
    return ConnectivityThresholds(
        cascaded_warn_pct=organization.cascaded_warn_pct,
        aligned_warn_drop_pct=organization.aligned_drop_warn_pct,
    )


def cycle_nodes(cycle: Cycle, at: datetime | None = None) -> list[ObjectiveNode[int]]:
    """The cycle's objectives as connectivity nodes (abandoned ones left out), in four queries.

    With ``at``, only what existed then: objectives and links created by that moment.
    """
    objectives = Objective.objects.filter(cycle=cycle).exclude(state=ObjectiveState.ABANDONED)
    links = AlignmentLink.objects.filter(child__cycle=cycle)
    if at is not None:
        objectives = objectives.filter(created_at__lte=at)
        links = links.filter(created_at__lte=at)
    rows = list(objectives.values_list("id", "title", "team_id", "team__name", "team__parent_id"))
    ids = {row[0] for row in rows}
    kr_titles: dict[int, list[str]] = {}
    for objective_id, title in KeyResult.objects.filter(objective_id__in=ids).values_list(
        "objective_id", "title"
    ):
        kr_titles.setdefault(objective_id, []).append(title)
    parents: dict[int, dict[int, None]] = {}
    cascaded: set[int] = set()
    link_rows = links.values_list(
        "child_id", "parent_objective_id", "parent_key_result__objective_id", "kind"
    )
    for child, parent_objective, parent_kr_objective, kind in link_rows:
        parent = parent_objective or parent_kr_objective
        if parent is not None and parent != child:
            parents.setdefault(child, {})[parent] = None
        if kind == LinkKind.CASCADED:
            cascaded.add(child)
    contributors: dict[int, list[str]] = {}
    through = Objective.contributors.through.objects.filter(objective_id__in=ids)
    for objective_id, team_name in through.values_list("objective_id", "team__name"):
        contributors.setdefault(objective_id, []).append(team_name)
    return [
        ObjectiveNode(
            id=pk,
            team=team_name,
            is_company=team_id is not None and team_parent is None,
            title=title,
            key_result_titles=tuple(kr_titles.get(pk, ())),
            contributors=tuple(contributors.get(pk, ())),
            parents=tuple(parents.get(pk, {})),
            cascaded=pk in cascaded,
        )
        for pk, title, team_id, team_name, team_parent in rows
    ]


def cycle_connectivity(cycle: Cycle, at: datetime | None = None) -> Connectivity[int]:
    """The cycle's figures and warnings, compared with the last snapshot of an earlier week."""
    return connectivity(
        cycle_nodes(cycle, at),
        thresholds_for(cycle.organization),
        previous_snapshot(cycle, at),
        meaning=meaning_of,
    )


def previous_snapshot(cycle: Cycle, at: datetime | None = None) -> Connectivity[Any] | None:
    """The last snapshot of a week before the one ``at`` falls in: what the week-on-week
    warnings compare with (one query)."""
    week = _monday((at or timezone.now()).date())
    previous = (
        ConnectivitySnapshot.objects.filter(cycle=cycle, week__lt=week).order_by("-week").first()
    )
    return None if previous is None else _as_connectivity(previous)


@transaction.atomic
def snapshot_take(cycle: Cycle, at: datetime | None = None) -> ConnectivitySnapshot:
    """Record (or refresh) the figures of the week ``at`` falls in."""
    at = at or timezone.now()
    snapshot, _ = ConnectivitySnapshot.objects.update_or_create(
        cycle=cycle,
        week=_monday(at.date()),
        defaults=_snapshot_fields(cycle, at, cycle_connectivity(cycle, at)),
    )
    return snapshot


def _snapshot_fields(cycle: Cycle, at: datetime, figures: Connectivity[Any]) -> dict[str, Any]:
    return {
        "organization_id": cycle.organization_id,
        "taken_at": at,
        "objectives": figures.objectives,
        "company_objectives": figures.company_objectives,
        "aligned_pct": figures.aligned_pct,
        "cascaded_pct": figures.cascaded_pct,
        "cross_functional_pct": figures.cross_functional_pct,
        "max_depth": figures.max_depth,
        "orphans": len(figures.orphans),
        "similar_pairs": len(figures.similar),
        "warnings": len(figures.warnings),
    }


def trend_of(cycle: Cycle) -> list[TrendPoint]:
    """The cycle's weekly series, oldest first (one stored snapshot per week)."""
    return [
        TrendPoint(
            week=s.week,
            as_of=s.taken_at.date(),
            objectives=s.objectives,
            aligned_pct=s.aligned_pct,
            cascaded_pct=s.cascaded_pct,
            cross_functional_pct=s.cross_functional_pct,
            max_depth=s.max_depth,
            orphans=s.orphans,
            similar=s.similar_pairs,
            warnings=s.warnings,
        )
        for s in ConnectivitySnapshot.objects.filter(cycle=cycle).order_by("week")
    ]


def snapshot_all_active(
    today: date | None = None, organization: Organization | None = None
) -> list[ConnectivitySnapshot]:
    """Take this week's snapshot of every active cycle (for a weekly scheduler), or of one
    organization's; returns the snapshots taken, by organization and cycle start."""
    today = today or timezone.localdate()
    cycles = Cycle.objects.filter(
        state=CycleState.ACTIVE, start__lte=today, end__gte=today - timedelta(days=7)
    )
    if organization is not None:
        cycles = cycles.filter(organization=organization)
    ordered = cycles.select_related("organization").order_by("organization__slug", "start", "pk")
    return [snapshot_take(cycle) for cycle in ordered]


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _as_connectivity(s: ConnectivitySnapshot) -> Connectivity[Any]:
    """A stored snapshot as figures for the week-on-week rules, which read only the shares."""
    return Connectivity(
        objectives=s.objectives, company_objectives=s.company_objectives, aligned=0, cascaded=0,
        cross_functional=0, aligned_pct=s.aligned_pct, cascaded_pct=s.cascaded_pct,
        cross_functional_pct=s.cross_functional_pct, max_depth=s.max_depth, orphans=(), similar=(),
    )  # fmt: skip
