"""Objectives and key results, with the scores the domain core computes for them."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal

from ninja import Schema
from pydantic import Field

from bearing.api.schemas.common import Email, Id, Input, Number, Ref, Text, Title, Unit

Color = Literal["red", "yellow", "green"]
KRKindName = Literal["increase", "decrease", "at_least", "at_most", "milestone"]
StateName = Literal["draft", "active", "closed", "abandoned"]
VisibilityName = Literal["public", "private"]
Version = Field(None, ge=1, le=2**31 - 1, description="The version you read; a stale one gets 409.")


class Scored(Schema):
    """Computed by the domain core (PRODUCT.md "Scoring"); null where there is nothing to score."""

    score: float | None = Field(description="0.0–1.0, one decimal, banker's rounding.")
    color: Color | None
    forecast: float | None = Field(description="Where the score is heading at the cycle's end.")
    status: Color | None = Field(description="The forecast's colour: the suggested weekly status.")


class KeyResultOut(Scored):
    id: int
    objective: int
    ref: str
    title: str
    kind: KRKindName | None = Field(description="null for a draft (a title, nothing to score yet).")
    unit: str
    start: float | None
    target: float | None
    current: float | None = Field(description="The latest measurement's value.")
    done: bool
    weight: float
    owner: str | None = Field(description="The owner's e-mail address.")
    position: int
    version: int
    progress: float | None = Field(description="Unrounded progress 0–1 (four decimals).")
    expected: float | None = Field(
        description="The share of the cycle elapsed: where progress should be by now. Null "
        "where pace means nothing (at_least, at_most, milestone, drafts)."
    )


class ParentOut(Schema):
    link: int = Field(description="The alignment link's id.")
    objective: int | None
    key_result: int | None
    kind: Literal["aligned", "cascaded"]


class ObjectiveOut(Scored):
    id: int
    ref: str
    cycle: int
    title: str
    description: str
    team: int | None = Field(description="The owning team's id; null for an individual objective.")
    owner: str | None = Field(description="The owner's e-mail address.")
    contributors: list[int] = Field(description="Ids of other teams working on it.")
    state: StateName
    visibility: VisibilityName
    moves_kpi: int | None = Field(None, description="The KPI it says it moves (kpis.md).")
    version: int
    key_results: list[KeyResultOut]
    parents: list[ParentOut]
    created_at: datetime
    updated_at: datetime


class ObjectiveQuery(Schema):
    cycle: Id | None = Field(None, description="Only this cycle's objectives.")
    team: Id | None = Field(None, description="Only this team's objectives.")
    owner: Email | None = Field(None, description="Only objectives owned by this e-mail address.")


class ObjectiveIn(Input):
    cycle: Id
    title: Title
    team: Id | None = Field(None, description="Leave out for an individual objective (give owner).")
    owner: Email | None = None
    description: Text = ""
    contributors: list[Id] = Field(default_factory=list, max_length=100)
    state: StateName = "active"
    visibility: VisibilityName = "public"
    ref: Ref | None = Field(None, description="Derived from the title when left out.")
    moves_kpi: Id | None = Field(None, description="The id of a KPI it moves (kpis.md).")


class ObjectivePatch(Input):
    """Only the fields given change. ``version`` (or an If-Match header) is required."""

    version: int | None = Version
    title: Title | None = None
    team: Id | None = None
    owner: Email | None = None
    description: Text | None = None
    contributors: list[Id] | None = Field(None, max_length=100)
    state: StateName | None = None
    visibility: VisibilityName | None = None
    ref: Ref | None = None
    moves_kpi: Id | None = Field(None, description="A KPI's id; null for none.")


class KeyResultIn(Input):
    title: Title
    kind: KRKindName | None = Field(None, description="Leave out (with no numbers) for a draft.")
    start: Number | None = None
    target: Number | None = None
    unit: Unit = ""
    weight: Number = Decimal(1)
    owner: Email | None = None
    done: bool = False
    ref: Ref | None = None


class KeyResultPatch(Input):
    """Only the fields given change. ``version`` (or an If-Match header) is required."""

    version: int | None = Version
    title: Title | None = None
    kind: KRKindName | None = None
    start: Number | None = None
    target: Number | None = None
    unit: Unit | None = None
    weight: Number | None = None
    owner: Email | None = None
    done: bool | None = None
    ref: Ref | None = None
