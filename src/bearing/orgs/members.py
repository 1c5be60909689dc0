"""Writes (services) for the members of an organization: their role, deactivating and
reactivating them, handing what they own to someone else. Keyword-only, one transaction each,
every change in the change history.

The rule that holds across all of them: an organization always keeps an active admin, so
the last one can neither demote nor deactivate themselves (nor be demoted by the CLI).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from bearing.orgs.models import ApiToken, Membership, Organization, Person, Role
from bearing.orgs.services import record


def _locked(membership: Membership) -> Membership:
    return (
        Membership.objects.select_for_update()
        .select_related("person", "organization")
        .get(pk=membership.pk)
    )


def _keeps_an_admin(membership: Membership, what: str) -> None:
    """Refuse a change that would leave the organization without an active admin. The admins'
    rows are locked first, so two admins demoting each other at once cannot both succeed."""
    admins = list(
        Membership.objects.select_for_update()
        .filter(organization_id=membership.organization_id, role=Role.ADMIN, deactivated_at=None)
        .values_list("pk", flat=True)
    )
    if admins == [membership.pk]:
        raise ValidationError(
            {"role": [f"an organization needs an admin, and {membership.person.email} is the "
                      f"last one: make someone else an admin before you {what}"]}
        )  # fmt: skip


@transaction.atomic
def member_set_role(*, actor: Person | None, membership: Membership, role: str) -> Membership:
    if role not in Role.values:
        raise ValidationError({"role": [f"use one of {', '.join(Role.values)}"]})
    fresh = _locked(membership)
    if fresh.role == role:
        return fresh
    if fresh.role == Role.ADMIN:
        _keeps_an_admin(fresh, "change this role")
    before = fresh.role
    fresh.role = role
    fresh.save(update_fields=["role"])
    record(
        organization=fresh.organization, actor=actor, action="update", entity="membership",
        entity_id=fresh.pk, summary=f"made {fresh.person.email} {role} (was {before})",
        before={"role": before}, after={"role": role},
    )  # fmt: skip
    return fresh


@dataclass(frozen=True)
class HandOver:
    """What ``ownership_hand_over`` moved: counts of objectives and key results."""

    objectives: int
    key_results: int


@transaction.atomic
def member_deactivate(
    *, actor: Person | None, membership: Membership, hand_to: Person | None = None
) -> HandOver:
    """The member may no longer enter the organization: their API tokens there are revoked,
    and if it was their last organization every session of theirs ends. Their history and
    what they own stay; ``hand_to`` takes over what they own in cycles not closed yet."""
    fresh = _locked(membership)
    if not fresh.is_active:
        raise ValidationError({"person": [f"{fresh.person.email} is deactivated already"]})
    if fresh.role == Role.ADMIN:
        _keeps_an_admin(fresh, "deactivate them")
    moved = HandOver(0, 0)
    if hand_to is not None:
        moved = ownership_hand_over(
            actor=actor,
            organization=fresh.organization,
            from_person=fresh.person,
            to_person=hand_to,
        )
    now = timezone.now()
    fresh.deactivated_at = now
    fresh.save(update_fields=["deactivated_at"])
    revoked = ApiToken.objects.filter(
        organization_id=fresh.organization_id, person_id=fresh.person_id, revoked_at=None
    ).update(revoked_at=now)
    elsewhere = Membership.objects.filter(person_id=fresh.person_id, deactivated_at=None).exists()
    if not elsewhere:
        # Signed out everywhere: no session of theirs matches their hash any more.
        Person.objects.filter(pk=fresh.person_id).update(
            session_generation=F("session_generation") + 1
        )
    record(
        organization=fresh.organization, actor=actor, action="update", entity="membership",
        entity_id=fresh.pk, summary=f"deactivated {fresh.person.email}",
        before={"active": True}, after={"active": False, "tokens_revoked": revoked},
    )  # fmt: skip
    return moved


@transaction.atomic
def member_reactivate(*, actor: Person | None, membership: Membership) -> Membership:
    """Let a deactivated member back in, with the role and teams they had. Their revoked API
    tokens stay revoked."""
    fresh = _locked(membership)
    if fresh.is_active:
        return fresh
    fresh.deactivated_at = None
    fresh.save(update_fields=["deactivated_at"])
    record(
        organization=fresh.organization, actor=actor, action="update", entity="membership",
        entity_id=fresh.pk, summary=f"reactivated {fresh.person.email}",
        before={"active": False}, after={"active": True},
    )  # fmt: skip
    return fresh


@transaction.atomic
def ownership_hand_over(
    *, actor: Person | None, organization: Organization, from_person: Person, to_person: Person
) -> HandOver:
    """Give ``to_person`` the objectives and key results ``from_person`` owns in the
    organization's cycles that are not closed; closed cycles keep their owners, as history."""
    from bearing.okrs.models import CycleState, KeyResult, Objective
    from bearing.okrs.services.changes import entry, record_all

    if to_person.pk == from_person.pk:
        raise ValidationError({"hand_to": ["choose someone else"]})
    receiving = Membership.objects.filter(organization=organization, person=to_person).first()
    if receiving is None or not receiving.is_active:
        raise ValidationError({"hand_to": [f"{to_person.email} is not an active member here"]})
    objectives = list(
        Objective.objects.select_for_update()
        .filter(organization=organization, owner=from_person)
        .exclude(cycle__state=CycleState.CLOSED)
        .values_list("pk", "title", "cycle_id", "pk")
    )
    key_results = list(
        KeyResult.objects.select_for_update()
        .filter(organization=organization, owner=from_person)
        .exclude(cycle__state=CycleState.CLOSED)
        .values_list("pk", "title", "cycle_id", "objective_id")
    )
    moved = {"objective": objectives, "key_result": key_results}
    for model, rows in ((Objective, objectives), (KeyResult, key_results)):
        model.objects.filter(pk__in=[r[0] for r in rows]).update(
            owner=to_person, version=F("version") + 1
        )
    handed = f"from {from_person.email} to {to_person.email}"
    entries = [
        entry(
            organization=organization, actor=actor, action="update", entity=entity,
            entity_id=pk, summary=f"handed the {entity.replace('_', ' ')} “{title}” {handed}",
            before={"owner": from_person.pk}, after={"owner": to_person.pk},
            objective_id=objective_id, cycle_id=cycle_id,
        )
        for entity, rows in moved.items()
        for pk, title, cycle_id, objective_id in rows
    ]  # fmt: skip
    record_all(entries)
    return HandOver(objectives=len(objectives), key_results=len(key_results))
