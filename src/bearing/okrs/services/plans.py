"""The two-week plan (seed 002): each key-result owner publishes the initiatives, with target
dates, that will move their key results in the first weeks of a cycle (the organization's
plan window). Pages and the API publish here; the rules are ``domain.plans``'."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from bearing.domain.plans import PlannedItem, plan_due, plan_problems
from bearing.okrs.models import Cycle, CycleState, Initiative, InitiativeStatus, KeyResult, Plan
from bearing.okrs.services import changes
from bearing.orgs.models import Person

PLAN_ITEMS = 200  # a person's plan: the initiatives under a few key results


def due_date(cycle: Cycle) -> date:
    return plan_due(cycle.start, cycle.end, cycle.organization.plan_window_days)


def owned_key_results(person_id: int, cycle: Cycle) -> QuerySet[KeyResult]:
    return KeyResult.objects.filter(cycle=cycle, owner_id=person_id).select_related("objective")


def plan_items(person_id: int, cycle: Cycle) -> list[Initiative]:
    """The person's plan: the initiatives under the key results they own in the cycle, and
    those they own that serve the cycle's key results."""
    return list(
        Initiative.objects.filter(key_results__cycle=cycle)
        .filter(Q(key_results__owner_id=person_id) | Q(owner_id=person_id))
        .distinct()
        .select_related("owner")
        .order_by("target_date", "position", "id")[:PLAN_ITEMS]
    )


def plan_of(person_id: int, cycle: Cycle) -> Plan | None:
    return Plan.objects.filter(cycle=cycle, person_id=person_id).first()


@transaction.atomic
def plan_publish(*, actor: Person | None, person: Person, cycle: Cycle) -> Plan:
    """Publish (or publish again) a key-result owner's plan for the cycle. Refused, with
    every reason, when they own no key result there, the cycle is over, or an open initiative
    lacks a target date within the cycle."""
    if cycle.state == CycleState.CLOSED:
        raise ValidationError({"plan": [f"{cycle.name} is closed"]})
    if not owned_key_results(person.pk, cycle).exists():
        raise ValidationError({"plan": [f"you own no key result in {cycle.name}"]})
    items = plan_items(person.pk, cycle)
    closed = (InitiativeStatus.DONE, InitiativeStatus.DROPPED)
    problems = plan_problems(
        [PlannedItem(i.title, i.target_date, i.status in closed) for i in items],
        cycle.start, cycle.end,
    )  # fmt: skip
    if problems:
        raise ValidationError({"plan": problems})
    plan, created = Plan.objects.update_or_create(
        cycle=cycle, person=person,
        defaults={"organization_id": cycle.organization_id, "published_at": timezone.now(),
                  "changes_since": 0},
    )  # fmt: skip
    changes.record(
        organization=cycle.organization_id, actor=actor, action="create" if created else "update",
        entity="plan", entity_id=plan.pk, cycle_id=cycle.pk,
        summary=f"{'published' if created else 'published again'} the plan of "
        f"{person.display_name} for {cycle.name} ({len(items)} initiatives)",
        after={"initiatives": [i.pk for i in items]},
    )  # fmt: skip
    return plan


def plan_roster(cycle: Cycle) -> QuerySet[Person]:
    """Everyone who owns a key result in the cycle, with ``plan_published_at`` (None: not in)
    and ``plan_changes``; ordered by name. Paginate it."""
    plans = Plan.objects.filter(cycle=cycle, person=OuterRef("pk"))
    return (
        Person.objects.filter(owned_key_results__cycle=cycle)
        .distinct()
        .annotate(
            plan_published_at=Subquery(plans.values("published_at")[:1]),
            plan_changes=Subquery(plans.values("changes_since")[:1]),
        )
        .order_by("name", "email")
    )


def plan_counts(cycle: Cycle) -> tuple[int, int]:
    """(published, owners): how many key-result owners of the cycle have published."""
    owners = Person.objects.filter(owned_key_results__cycle=cycle).distinct().count()
    return Plan.objects.filter(
        cycle=cycle, person__owned_key_results__cycle=cycle
    ).distinct().count(), owners
