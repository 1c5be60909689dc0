"""Writes (services) for the team tree: rename, move (never into a loop), archive and restore,
and taking people out of a team. Creating teams and adding members is in ``orgs.services``
(``team_create``, ``team_member_add``). Keyword-only, one transaction each, every change in
the change history."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from bearing.orgs.models import Person, Team, TeamMember
from bearing.orgs.services import checked_team_name, record

# Deeper than any real organization; a walk up the tree that goes further has met a loop.
MAX_DEPTH = 100


def _lock_tree(team: Team) -> Team:
    """Moves and archiving change the tree: one at a time per organization (the company team's
    row is the lock), so two moves at once cannot make a loop between them."""
    Team.objects.select_for_update().filter(organization_id=team.organization_id, parent=None).get()
    return Team.objects.select_for_update(of=("self",)).select_related("parent").get(pk=team.pk)


def _ancestor_ids(team: Team) -> list[int]:
    """The ids from ``team`` up to the company (one query per level)."""
    chain = [team.pk]
    parent_id = team.parent_id
    while parent_id is not None and len(chain) <= MAX_DEPTH:
        chain.append(parent_id)
        parent_id = Team.objects.filter(pk=parent_id).values_list("parent_id", flat=True).first()
    return chain


@transaction.atomic
def team_update(
    *,
    actor: Person | None,
    team: Team,
    name: str | None = None,
    parent: Team | None = None,
) -> Team:
    """Rename the team and/or move it under ``parent``. The company team stays the root; a team
    cannot move under itself or a team within it."""
    fresh = _lock_tree(team)
    before = {"name": fresh.name, "parent": fresh.parent_id}
    errors: dict[str, list[str]] = {}
    if name is not None:
        try:
            fresh.name = checked_team_name(fresh.organization, name, fresh)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if parent is not None and parent.pk != fresh.parent_id:
        if fresh.is_company:
            errors["parent"] = ["the company team is the root of the tree; it has no parent"]
        elif parent.organization_id != fresh.organization_id:
            errors["parent"] = ["no such team"]
        elif parent.is_archived:
            errors["parent"] = [f"{parent.name} is archived; choose another parent"]
        elif fresh.pk in _ancestor_ids(parent):
            errors["parent"] = [
                f"{parent.name} is {fresh.name} or a team within it; a team cannot move under itself"
            ]
        else:
            fresh.parent = parent
    if errors:
        raise ValidationError(errors)
    after = {"name": fresh.name, "parent": fresh.parent_id}
    changed = [k for k in after if after[k] != before[k]]
    if not changed:
        return fresh
    fresh.save(update_fields=changed)
    what = []
    if "name" in changed:
        what.append(f"renamed team {before['name']} to {fresh.name}")
    if "parent" in changed:
        what.append(f"moved team {fresh.name} under {parent.name if parent else '–'}")
    record(
        organization=fresh.organization_id, actor=actor, action="update", entity="team",
        entity_id=fresh.pk, summary="; ".join(what),
        before={k: before[k] for k in changed}, after={k: after[k] for k in changed},
    )  # fmt: skip
    return fresh


@transaction.atomic
def team_archive(*, actor: Person | None, team: Team) -> Team:
    """Take a team out of the tree and the pickers, keeping its objectives, retrospectives and
    members for the history. Its own teams must be moved or archived first."""
    fresh = _lock_tree(team)
    if fresh.is_archived:
        return fresh
    if fresh.is_company:
        raise ValidationError({"team": ["the company team cannot be archived"]})
    inside = Team.objects.filter(parent=fresh, archived_at=None).count()
    if inside:
        raise ValidationError(
            {"team": [f"{fresh.name} has {inside} team{'s' if inside != 1 else ''} of its own: "
                      "move or archive them first"]}
        )  # fmt: skip
    fresh.archived_at = timezone.now()
    fresh.save(update_fields=["archived_at"])
    record(
        organization=fresh.organization_id, actor=actor, action="update", entity="team",
        entity_id=fresh.pk, summary=f"archived team {fresh.name}",
        before={"archived": False}, after={"archived": True},
    )  # fmt: skip
    return fresh


@transaction.atomic
def team_restore(*, actor: Person | None, team: Team) -> Team:
    fresh = _lock_tree(team)
    if not fresh.is_archived:
        return fresh
    if fresh.parent is not None and fresh.parent.is_archived:
        raise ValidationError(
            {"team": [f"{fresh.parent.name}, the team above it, is archived: restore it first"]}
        )
    fresh.archived_at = None
    fresh.save(update_fields=["archived_at"])
    record(
        organization=fresh.organization_id, actor=actor, action="update", entity="team",
        entity_id=fresh.pk, summary=f"restored team {fresh.name}",
        before={"archived": True}, after={"archived": False},
    )  # fmt: skip
    return fresh


@transaction.atomic
def team_member_remove(*, actor: Person | None, team: Team, person: Person) -> None:
    """Take someone out of a team (they stay a member of the organization)."""
    member = TeamMember.objects.select_for_update().filter(team=team, person=person).first()
    if member is None:
        raise ValidationError({"person": [f"{person.email} is not in {team.name}"]})
    record(
        organization=team.organization_id, actor=actor, action="delete", entity="team_member",
        entity_id=member.pk, summary=f"took {person.email} out of {team.name}",
        before={"team": team.pk, "person": person.pk, "is_lead": member.is_lead},
    )  # fmt: skip
    member.delete()
