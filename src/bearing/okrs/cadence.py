"""The weekly rhythm over the database: when "this week" began for an organization, and
whether an objective still waits for this week's check-in. The home page, the team page
and (later) the reminders ask here, so they never disagree."""

from __future__ import annotations

from datetime import date, datetime, time

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from bearing.domain.weekly import week_start
from bearing.okrs.models import CheckIn, Cycle, CycleState, Objective, ObjectiveState
from bearing.orgs.models import Organization


def cycle_is_running(cycle: Cycle, today: date | None = None) -> bool:
    """Active, and today lies between its dates: check-ins are asked for."""
    today = today or timezone.localdate()
    return cycle.state == CycleState.ACTIVE and cycle.start <= today <= cycle.end


def running_cycle(prefix: str = "cycle__", today: date | None = None) -> Q:
    """``cycle_is_running`` as a filter on rows with a cycle (``prefix``: the path to it)."""
    today = today or timezone.localdate()
    return Q(**{f"{prefix}state": CycleState.ACTIVE, f"{prefix}start__lte": today,
                f"{prefix}end__gte": today})  # fmt: skip


def week_began(organization: Organization, today: date | None = None) -> datetime:
    """The moment this week's check-ins start counting: the organization's check-in day."""
    day = week_start(today or timezone.localdate(), organization.checkin_weekday)
    return timezone.make_aware(datetime.combine(day, time.min))


def waits_for_checkin(
    objective: Objective, last: CheckIn | None, cycle: Cycle, since: datetime, today: date
) -> bool:
    """Whether the objective still needs this week's check-in: its cycle is running, it is
    active, and nothing was checked in on it since ``since`` (``week_began``)."""
    return (
        cycle_is_running(cycle, today)
        and objective.state == ObjectiveState.ACTIVE
        and (last is None or last.created_at < since)
    )


def awaiting_checkin(
    objectives: QuerySet[Objective], cycle: Cycle, since: datetime, today: date | None = None
) -> QuerySet[Objective]:
    """``waits_for_checkin`` as a query, for lists too long to read whole (the team page's
    "who is due"): those of ``objectives`` (all of ``cycle``) still waiting for this week's
    check-in."""
    if not cycle_is_running(cycle, today):
        return objectives.none()
    recent = CheckIn.objects.filter(objective=OuterRef("pk"), created_at__gte=since)
    return objectives.filter(state=ObjectiveState.ACTIVE).exclude(Exists(recent))
