"""SCIM groups are the organization's teams; a group's members are the team's members. The
writes go through the team services (``orgs.services.team_create`` / ``team_member_add``,
``orgs.teams.team_update`` / ``team_member_remove`` / ``team_archive``): a group the provider
creates becomes a team under the company team, and a DELETE archives it (its OKRs stay).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from bearing.orgs.models import Membership, Organization, Team, TeamMember
from bearing.orgs.services import team_create, team_member_add
from bearing.orgs.teams import team_archive, team_member_remove, team_update
from bearing.scim.errors import ScimError, invalid_value
from bearing.scim.models import ScimGroup
from bearing.scim.patch import GROUP_SCHEMA, Operation, as_text, flatten
from bearing.scim.users import visible_users

# Okta and Entra take one member out with a filter in the path: members[value eq "42"].
MEMBER_PATH = re.compile(r'^members\[\s*value\s+eq\s+"([^"]*)"\s*\]$', re.IGNORECASE)


@dataclass(frozen=True)
class GroupState:
    display_name: str
    external_id: str = ""
    members: frozenset[int] | None = None  # membership ids; None: left as they are


def _member_ids(organization: Organization, value: Any) -> frozenset[int]:
    """The memberships a list of ``{"value": id}`` names; an id SCIM does not know here is
    400 (another organization's ids included: they do not exist here)."""
    if value is None:
        return frozenset()
    if not isinstance(value, list) or not all(isinstance(m, dict) for m in value):
        raise invalid_value("members must be a list of objects with a value")
    wanted: set[int] = set()
    for member in value:
        raw = str(member.get("value", ""))
        if not raw.isdigit():
            raise invalid_value(f"no user {raw!r} here")
        wanted.add(int(raw))
    known = set(visible_users(organization).filter(pk__in=wanted).values_list("pk", flat=True))
    if unknown := sorted(wanted - known):
        raise invalid_value(f"no user {unknown[0]} here")
    return frozenset(wanted)


def state_from_body(organization: Organization, body: dict[str, Any]) -> GroupState:
    flat = flatten(body)
    name = as_text(flat.get("displayname"), "displayName")
    if not name:
        raise invalid_value("displayName is required")
    members = _member_ids(organization, flat["members"]) if "members" in flat else None
    return GroupState(name, as_text(flat.get("externalid"), "externalId"), members)


def visible_groups(organization: Organization) -> QuerySet[Team]:
    """Teams in the tree; an archived team is gone for SCIM."""
    return (
        Team.objects.filter(organization=organization, archived_at=None)
        .select_related("scim")
        .order_by("pk")
    )


def current_members(team: Team) -> frozenset[int]:
    return frozenset(
        Membership.objects.filter(
            organization_id=team.organization_id, person__team_memberships__team=team
        ).values_list("pk", flat=True)
    )


def state_of(team: Team) -> GroupState:
    scim = _scim_row(team)
    return GroupState(team.name, scim.external_id if scim else "", current_members(team))


def state_patched(
    organization: Organization, state: GroupState, ops: list[Operation]
) -> GroupState:
    members = set(state.members or ())
    name, external_id = state.display_name, state.external_id
    for operation in ops:
        one = MEMBER_PATH.match(operation.raw_path.strip())
        if operation.op == "remove" and one:
            members.discard(int(one.group(1)) if one.group(1).isdigit() else -1)
            continue
        changes = {operation.path: operation.value} if operation.path else None
        if changes is None:
            if not isinstance(operation.value, dict):
                raise invalid_value("an operation without a path needs an object as its value")
            changes = flatten(operation.value)
        for key, value in changes.items():
            if key == "members":
                named = _member_ids(organization, value)
                if operation.op == "add":
                    members |= named
                elif operation.op == "replace":
                    members = set(named)
                else:  # remove: those named, or every member when none are
                    members = members - named if value else set()
            elif key == "displayname" and operation.op != "remove":
                name = as_text(value, "displayName")
            elif key == "externalid":
                external_id = "" if operation.op == "remove" else as_text(value, "externalId")
            elif key == "displayname":
                raise ScimError(400, "displayName cannot be removed", "mutability")
            # anything else (id, schemas, meta) is not the group's to change
    return GroupState(name, external_id, frozenset(members))


def _scim_row(team: Team) -> ScimGroup | None:
    try:
        return team.scim
    except ScimGroup.DoesNotExist:
        return None


def _set_members(team: Team, wanted: frozenset[int] | None) -> None:
    if wanted is None:
        return
    have = current_members(team)
    memberships = Membership.objects.select_related("person").filter(pk__in=have ^ wanted)
    for membership in memberships:
        if membership.pk in wanted:
            team_member_add(team=team, person=membership.person)
        else:
            team_member_remove(actor=None, team=team, person=membership.person)


@transaction.atomic
def group_create(*, organization: Organization, state: GroupState) -> Team:
    """A new team under the company team, with the members named."""
    company = Team.objects.filter(organization=organization, parent=None).first()
    if company is None:
        raise invalid_value("the organization has no company team yet: create it in Bearing first")
    team = team_create(organization=organization, name=state.display_name, parent=company)
    ScimGroup.objects.create(team=team, external_id=state.external_id[:255])
    _set_members(team, state.members)
    return team


@transaction.atomic
def group_replace(*, team: Team, state: GroupState) -> Team:
    """PUT and PATCH: name, externalId and (when given) the members become ``state``'s."""
    if state.display_name != team.name:
        team = team_update(actor=None, team=team, name=state.display_name)
    ScimGroup.objects.update_or_create(team=team, defaults={"external_id": state.external_id[:255]})
    _set_members(team, state.members)
    return visible_groups(team.organization).get(pk=team.pk)


@transaction.atomic
def group_delete(*, team: Team) -> None:
    team_archive(actor=None, team=team)


def members_of(organization: Organization, teams: list[Team]) -> dict[int, list[dict[str, str]]]:
    """Each team's members as SCIM lists them, for a page of teams in one query."""
    rows = (
        # One filter call: both conditions hold for the same membership (this organization's).
        TeamMember.objects.filter(
            team__in=teams,
            person__memberships__organization=organization,
            person__memberships__scim__deleted_at__isnull=True,
        )
        .values_list("team_id", "person__memberships__pk", "person__name", "person__email")
        .order_by("team_id", "person__memberships__pk")
    )
    found: dict[int, list[dict[str, str]]] = {team.pk: [] for team in teams}
    for team_id, membership_id, name, email in rows:
        found[team_id].append({"value": str(membership_id), "display": name or email})
    return found


def group_resource(team: Team, base: str, members: list[dict[str, str]] | None) -> dict[str, Any]:
    """The group as SCIM shows it (RFC 7643 §4.2); ``members`` None leaves them out."""
    scim = _scim_row(team)
    resource: dict[str, Any] = {
        "schemas": [GROUP_SCHEMA],
        "id": str(team.pk),
        "displayName": team.name,
        "meta": {
            "resourceType": "Group",
            "location": f"{base}/Groups/{team.pk}",
            **({"lastModified": scim.updated_at.isoformat()} if scim else {}),
        },
    }
    if scim and scim.external_id:
        resource["externalId"] = scim.external_id
    if members is not None:
        resource["members"] = [
            {**member, "$ref": f"{base}/Users/{member['value']}", "type": "User"}
            for member in members
        ]
    return resource
