"""Who is asking (/me), teams and cycles."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

from bearing.api.schemas.common import CycleName, Day, Id, Input, Name


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


class TeamIn(Input):
    name: Name
    parent: Id = Field(description="The parent team's id (the company team exists already).")


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
