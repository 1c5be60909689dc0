"""Teams one by one (rename, move, archive), who is in them, the organization's members (role,
deactivation) and invitations. Everyone reads; admins shape teams and people; a team's leads
run its roster with them (``orgs.permissions``). The writes are the pages' services."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from ninja import Query, Router, Status

from bearing import mail
from bearing.api.auth import Caller, caller
from bearing.api.errors import BadInput, Forbidden, NotFound
from bearing.api.lookups import PATH_ID, may_administer, member_named, team_named, teams_named
from bearing.api.pagination import page
from bearing.api.present import team_out
from bearing.api.schemas.common import READ_ERRORS, WRITE_ERRORS, Id, Page, PageQuery
from bearing.api.schemas.orgs import (
    InvitationIn,
    InvitationsOut,
    MemberOut,
    MemberPatch,
    PeopleQuery,
    TeamMemberIn,
    TeamMemberOut,
    TeamMemberPatch,
    TeamOut,
    TeamPatch,
)
from bearing.orgs.invitations import (
    invitation_issue,
    invitation_path,
    invitation_revoke,
    invitations_create,
    invitations_send,
)
from bearing.orgs.members import member_deactivate, member_reactivate, member_set_role
from bearing.orgs.models import Invitation, Membership, Person, Team, TeamMember
from bearing.orgs.permissions import ROSTER_KEEPERS, can_manage_members
from bearing.orgs.services import team_member_add
from bearing.orgs.teams import team_archive, team_member_remove, team_restore, team_update

router = Router(tags=["teams and people"])


def _team_or_404(c: Caller, team_id: int) -> Team:
    found = Team.objects.filter(pk=team_id, organization_id=c.access.organization_id).first()
    if found is None:
        raise NotFound("no such team", PATH_ID)
    return found


def _person_out(p: Person) -> dict[str, Any]:
    return {"id": p.pk, "email": p.email, "name": p.name}


def _team_member_out(m: TeamMember) -> dict[str, Any]:
    return {"person": _person_out(m.person), "is_lead": m.is_lead}


def _member_out(m: Membership) -> dict[str, Any]:
    return {"person": _person_out(m.person), "role": m.role, "active": m.is_active}


@router.get("/teams/{id}", response={200: TeamOut, **READ_ERRORS})
def get_team(request: HttpRequest, id: Id) -> dict[str, Any]:
    return team_out(_team_or_404(caller(request), id))


@router.patch("/teams/{id}", response={200: TeamOut, **WRITE_ERRORS})
def update_team(request: HttpRequest, id: Id, payload: TeamPatch) -> dict[str, Any]:
    """Admins only: rename, move under another team, archive or restore."""
    c = caller(request)
    team = _team_or_404(c, id)
    may_administer(c, "change teams")
    given = payload.model_dump(exclude_unset=True)
    for name in ("name", "parent", "archived"):
        if name in given and given[name] is None:
            raise BadInput("cannot be null; leave the field out to keep it", ["body", name])
    parent = team_named(c, given["parent"], "parent") if "parent" in given else None
    with transaction.atomic():
        if "name" in given or parent is not None:
            team = team_update(actor=c.person, team=team, name=given.get("name"), parent=parent)
        if given.get("archived") is True:
            team = team_archive(actor=c.person, team=team)
        elif given.get("archived") is False:
            team = team_restore(actor=c.person, team=team)
    return team_out(team)


@router.get("/teams/{id}/members", response={200: Page[TeamMemberOut], **READ_ERRORS})
def list_team_members(request: HttpRequest, id: Id, params: Query[PageQuery]) -> dict[str, Any]:
    """The team's active members, leads first."""
    c = caller(request)
    team = _team_or_404(c, id)
    members = (
        TeamMember.objects.filter(
            team=team,
            person__memberships__organization_id=c.access.organization_id,
            person__memberships__deactivated_at=None,
        )
        .select_related("person")
        .order_by("-is_lead", "person__email", "id")
    )
    return page(request, members, params, lambda rows: [_team_member_out(m) for m in rows])


def _may_manage(c: Caller, team: Team) -> None:
    if not can_manage_members(c.access, team):
        raise Forbidden(ROSTER_KEEPERS, ["header", "Authorization"])


@router.post("/teams/{id}/members", response={201: TeamMemberOut, **WRITE_ERRORS})
def add_team_member(request: HttpRequest, id: Id, payload: TeamMemberIn) -> Status[dict[str, Any]]:
    """Put a member of the organization in the team (or change whether they lead it)."""
    c = caller(request)
    team = _team_or_404(c, id)
    _may_manage(c, team)
    person = member_named(c, payload.email, "email")
    with transaction.atomic():
        member = team_member_add(actor=c.person, team=team, person=person, is_lead=payload.is_lead)
    return Status(201, _team_member_out(member))


def _team_member_or_404(c: Caller, team: Team, person_id: int) -> TeamMember:
    found = (
        TeamMember.objects.select_related("person").filter(team=team, person_id=person_id).first()
    )
    if found is None:
        raise NotFound("no such member of this team", ["path", "person_id"])
    return found


@router.patch("/teams/{id}/members/{person_id}", response={200: TeamMemberOut, **WRITE_ERRORS})
def update_team_member(
    request: HttpRequest, id: Id, person_id: Id, payload: TeamMemberPatch
) -> dict[str, Any]:
    """Make a member a lead of the team, or no longer."""
    c = caller(request)
    team = _team_or_404(c, id)
    member = _team_member_or_404(c, team, person_id)
    _may_manage(c, team)
    with transaction.atomic():
        member = team_member_add(
            actor=c.person, team=team, person=member.person, is_lead=payload.is_lead
        )
    return _team_member_out(member)


@router.delete("/teams/{id}/members/{person_id}", response={204: None, **WRITE_ERRORS})
def remove_team_member(request: HttpRequest, id: Id, person_id: Id) -> Status[None]:
    """Take someone out of the team (they stay a member of the organization)."""
    c = caller(request)
    team = _team_or_404(c, id)
    member = _team_member_or_404(c, team, person_id)
    _may_manage(c, team)
    with transaction.atomic():
        team_member_remove(actor=c.person, team=team, person=member.person)
    return Status(204, None)


@router.get("/people", response={200: Page[MemberOut], **READ_ERRORS})
def list_people(
    request: HttpRequest, filters: Query[PeopleQuery], params: Query[PageQuery]
) -> dict[str, Any]:
    """The organization's members with their role, by name."""
    c = caller(request)
    members = Membership.objects.filter(organization_id=c.access.organization_id).select_related(
        "person"
    )
    members = members.filter(deactivated_at__isnull=filters.active)
    if filters.q:
        q = filters.q.strip()
        members = members.filter(Q(person__name__icontains=q) | Q(person__email__icontains=q))
    if filters.role:
        members = members.filter(role=filters.role)
    members = members.order_by("person__name", "person__email", "id")
    return page(request, members, params, lambda rows: [_member_out(m) for m in rows])


@router.patch("/people/{id}", response={200: MemberOut, **WRITE_ERRORS})
def update_person(request: HttpRequest, id: Id, payload: MemberPatch) -> dict[str, Any]:
    """Admins only: change a member's role, deactivate (``active: false``, optionally handing
    what they own to ``hand_to``) or reactivate them. The last admin stays an admin."""
    c = caller(request)
    membership = (
        Membership.objects.select_related("person", "organization")
        .filter(organization_id=c.access.organization_id, person_id=id)
        .first()
    )
    if membership is None:
        raise NotFound("no such member", PATH_ID)
    may_administer(c, "change people's roles and access")
    given = payload.model_dump(exclude_unset=True)
    if given.get("hand_to") and given.get("active") is not False:
        raise BadInput("hand_to goes with active: false", ["body", "hand_to"])
    hand_to = member_named(c, given["hand_to"], "hand_to") if given.get("hand_to") else None
    with transaction.atomic():
        if given.get("role") is not None:
            membership = member_set_role(actor=c.person, membership=membership, role=given["role"])
        if given.get("active") is False and membership.is_active:
            member_deactivate(actor=c.person, membership=membership, hand_to=hand_to)
        elif given.get("active") is True:
            member_reactivate(actor=c.person, membership=membership)
    membership.refresh_from_db()
    return _member_out(membership)


@router.post("/invitations", response={201: InvitationsOut, **WRITE_ERRORS})
def invite(request: HttpRequest, payload: InvitationIn) -> Status[dict[str, Any]]:
    """Admins only: invite people by e-mail, with a role and teams. Each gets an e-mail with
    their own link; on a server with no e-mail set up, the links come back here instead, to
    hand over. Members already are listed, not invited."""
    c = caller(request)
    may_administer(c, "invite people")
    teams = teams_named(c, payload.teams, "teams")
    try:
        with transaction.atomic():
            invited = invitations_create(
                actor=c.person, organization=c.organization, addresses=", ".join(payload.emails),
                role=payload.role, teams=dict.fromkeys(teams, payload.lead),
            )  # fmt: skip
    except ValidationError as exc:
        raise _per_address(exc, payload.emails) from None
    base = mail.base_url(request)
    links: dict[int, str] = {}
    failed: set[str] = set()
    if mail.is_configured():
        failed = {
            f.to
            for f in invitations_send(
                actor=c.person, invitations=invited.invitations, base_url=base
            )
        }
    else:
        links = {
            i.pk: base + invitation_path(invitation_issue(actor=c.person, invitation=i))
            for i in invited.invitations
        }
    out = [
        {"id": i.pk, "email": i.email, "role": i.role, "teams": sorted(t.team_id for t in i.teams.all()),
         "sent": mail.is_configured() and i.email not in failed, "link": links.get(i.pk)}
        for i in invited.invitations
    ]  # fmt: skip
    return Status(201, {"invitations": out, "members": invited.members})


def _per_address(exc: ValidationError, emails: list[str]) -> ValidationError:
    """The service's message about an address, pointed at that address in the body."""
    problems = exc.message_dict if hasattr(exc, "error_dict") else {"emails": exc.messages}
    if list(problems) != ["emails"]:
        return exc
    for message in problems["emails"]:
        for i, email in enumerate(emails):
            if repr(email.strip().lower()) in message:
                return ValidationError({f"emails.{i}": [message]})
    return exc


@router.delete("/invitations/{id}", response={204: None, **WRITE_ERRORS})
def withdraw_invitation(request: HttpRequest, id: Id) -> Status[None]:
    """Admins only: withdraw a pending invitation; its links stop working."""
    c = caller(request)
    invitation = Invitation.objects.filter(
        pk=id, organization_id=c.access.organization_id, accepted_at=None, revoked_at=None
    ).first()
    if invitation is None:
        raise NotFound("no such pending invitation", PATH_ID)
    may_administer(c, "withdraw invitations")
    with transaction.atomic():
        invitation_revoke(actor=c.person, invitation=invitation)
    return Status(204, None)
