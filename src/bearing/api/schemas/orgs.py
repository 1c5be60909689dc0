"""Who is asking (/me), teams and cycles."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

from bearing.api.schemas.common import CycleName, Day, Email, Id, Input, Name


class PersonOut(Schema):
    id: int
    email: str
    name: str


class OrganizationOut(Schema):
    slug: str
    name: str


class MyTeamOut(Schema):
    id: int
    name: str
    is_lead: bool


class TokenOut(Schema):
    prefix: str
    name: str
    created_at: datetime


class MeOut(Schema):
    person: PersonOut
    organization: OrganizationOut
    role: Literal["admin", "member", "viewer"]
    teams: list[MyTeamOut]
    token: TokenOut


class TeamOut(Schema):
    id: int
    name: str
    parent: int | None = Field(description="The parent team's id; null for the company.")
    is_company: bool
    archived: bool = Field(description="Archived teams keep their history and take nothing new.")


class TeamIn(Input):
    name: Name
    parent: Id = Field(description="The parent team's id (the company team exists already).")


class TeamPatch(Input):
    """The fields to change; those left out stay as they are."""

    name: Name | None = None
    parent: Id | None = Field(
        None, description="Move the team under this one (never under itself or a team within it)."
    )
    archived: bool | None = Field(
        None,
        description="true archives the team (it must have no active teams within); false restores it.",
    )


class TeamMemberOut(Schema):
    person: PersonOut
    is_lead: bool


class TeamMemberIn(Input):
    email: Email = Field(description="A member of the organization.")
    is_lead: bool = False


class TeamMemberPatch(Input):
    is_lead: bool


Role = Literal["admin", "member", "viewer"]


class MemberOut(Schema):
    person: PersonOut
    role: Role
    active: bool = Field(
        description="false: deactivated — they cannot sign in here, their history stays."
    )


class MemberPatch(Input):
    role: Role | None = None
    active: bool | None = Field(
        None, description="false deactivates (revokes their tokens here); true reactivates."
    )
    hand_to: Email | None = Field(
        None,
        description="With active=false: who takes over what they own in cycles not closed yet.",
    )


class PeopleQuery(Schema):
    q: str | None = Field(None, max_length=100, description="Part of a name or e-mail.")
    role: Role | None = None
    active: bool = Field(True, description="false lists the deactivated members.")


class InvitationIn(Input):
    emails: list[Email] = Field(min_length=1, max_length=200, description="Whom to invite.")
    role: Role = "member"
    teams: list[Id] = Field(
        default_factory=list, max_length=50, description="Teams they join when they accept."
    )
    lead: bool = Field(False, description="They join those teams as leads.")


class InvitationOut(Schema):
    id: int
    email: str
    role: Role
    teams: list[int]
    sent: bool = Field(description="Whether an e-mail with the link went out.")
    link: str | None = Field(
        None, description="The link to hand over, only when this server has no e-mail set up."
    )


class InvitationsOut(Schema):
    invitations: list[InvitationOut]
    members: list[str] = Field(
        description="Addresses of people who are members already: not invited."
    )


CycleState = Literal["planning", "active", "grading", "closed"]


class CycleOut(Schema):
    id: int
    name: str
    start: date
    end: date
    state: CycleState
    parent: int | None = Field(description="The cycle containing this one (a year), or null.")


class CycleIn(Input):
    name: CycleName
    start: Day
    end: Day
    state: CycleState = "planning"
    parent: Id | None = None
