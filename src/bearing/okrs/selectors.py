"""Reads, always scoped to one organization, with visibility applied for the viewer."""

from __future__ import annotations

from datetime import date

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from bearing.okrs.models import ChangeRecord, Cycle, CycleState, Objective, Visibility
from bearing.orgs.models import Membership, Organization, TeamMember


def cycles_of(organization: Organization) -> QuerySet[Cycle]:
    return Cycle.objects.filter(organization=organization).order_by("-start", "name")


def current_cycle(organization: Organization, today: date | None = None) -> Cycle | None:
    """The active cycle around today; else the latest active one; else the latest that started."""
    today = today or timezone.localdate()
    cycles = cycles_of(organization)
    return (
        cycles.filter(state=CycleState.ACTIVE, start__lte=today, end__gte=today).first()
        or cycles.filter(state=CycleState.ACTIVE).first()
        or cycles.filter(start__lte=today).first()
        or cycles.first()
    )


def visible_objectives(membership: Membership) -> QuerySet[Objective]:
    """The organization's objectives this member may see: private ones only for their owner,
    the leads of the owning team, and admins."""
    objectives = Objective.objects.filter(organization_id=membership.organization_id)
    if membership.is_admin:
        return objectives
    led_teams = TeamMember.objects.filter(person_id=membership.person_id, is_lead=True).values(
        "team_id"
    )
    return objectives.filter(
        Q(visibility=Visibility.PUBLIC)
        | Q(owner_id=membership.person_id)
        | Q(team_id__in=led_teams)
    )


def cycle_objectives(membership: Membership, cycle: Cycle) -> QuerySet[Objective]:
    return (
        visible_objectives(membership)
        .filter(cycle=cycle)
        .select_related("team", "owner")
        .order_by(F("team__parent_id").asc(nulls_first=True), "team__name", "id")
    )


def objective_history(objective: Objective) -> QuerySet[ChangeRecord]:
    return ChangeRecord.objects.filter(
        organization_id=objective.organization_id, objective_id=objective.pk
    ).select_related("actor")
