"""KPIs (001) and their readings; initiatives under key results."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

from bearing.api.schemas.common import Day, Email, Id, Input, Name, Number, Text, Title, Unit

HealthName = Literal["healthy", "unhealthy", "unknown"]
RangeName = Literal["at_least", "at_most", "between", "none"]
InitiativeStatusName = Literal["planned", "in_progress", "done", "dropped"]


class KPIOut(Schema):
    id: int
    name: str
    description: str
    unit: str
    owner: str | None = Field(description="The owner's e-mail address.")
    team: int | None
    healthy_min: float | None = Field(description="Healthy at least this (null: no bottom).")
    healthy_max: float | None = Field(description="Healthy at most this (null: no top).")
    range: RangeName
    health: HealthName = Field(
        description="By the latest reading; unknown without range or reading."
    )
    health_since: date | None = Field(description="The first reading of the current run.")
    latest: float | None
    latest_on: date | None
    north_star: bool
    archived: bool


class KPIIn(Input):
    name: Name
    description: Text = ""
    unit: Unit = ""
    owner: Email | None = None
    team: Id | None = None
    healthy_min: Number | None = None
    healthy_max: Number | None = None
    north_star: bool = Field(False, description="Only admins may set it; one per organization.")


class KPIPatch(Input):
    name: Name | None = None
    description: Text | None = None
    unit: Unit | None = None
    owner: Email | None = None
    team: Id | None = None
    healthy_min: Number | None = None
    healthy_max: Number | None = None
    north_star: bool | None = None
    archived: bool | None = None


class KPIQuery(Schema):
    archived: bool = Field(False, description="true: the archived KPIs instead.")


class KPIReadingIn(Input):
    value: Number
    measured_at: datetime | None = Field(
        None, strict=False, description="When (ISO 8601; without a zone, UTC). Default: now."
    )


class KPIReadingOut(Schema):
    id: int
    kpi: int
    value: float
    measured_at: datetime


class InitiativeOut(Schema):
    id: int
    title: str
    description: str
    status: InitiativeStatusName
    owner: str | None = Field(description="The owner's e-mail address.")
    target_date: date | None
    url: str
    position: int
    key_results: list[int]


class InitiativeIn(Input):
    title: Title
    description: Text = ""
    status: InitiativeStatusName = "planned"
    owner: Email | None = None
    target_date: Day | None = None
    url: str = Field("", max_length=200)
    also_serves: list[Id] = Field(
        default_factory=list, max_length=20, description="Other key results it serves."
    )


class InitiativePatch(Input):
    title: Title | None = None
    description: Text | None = None
    status: InitiativeStatusName | None = None
    owner: Email | None = None
    target_date: Day | None = None
    url: str | None = Field(None, max_length=200)
    position: int | None = Field(None, ge=0, le=10_000)
    key_results: list[Id] | None = Field(None, min_length=1, max_length=20)
