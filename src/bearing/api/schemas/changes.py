"""The organization's change feed."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from ninja import Schema
from pydantic import Field

from bearing.api.schemas.common import Id
from bearing.api.schemas.orgs import PersonOut

ChangeKind = Literal[
    "objective", "key_result", "measurement", "checkin", "comment", "alignment_link",
    "initiative", "learning", "retrospective", "kpi", "cycle", "team", "team_member",
    "membership", "invitation", "organization",
]  # fmt: skip


class ChangeQuery(Schema):
    team: Id | None = Field(
        None, description="Only changes of this team's objectives and of the team itself."
    )
    objective: Id | None = Field(
        None, description="Only changes of this objective (its key results, values, check-ins…)."
    )
    person: Id | None = Field(None, description="Only changes this person made.")
    kind: ChangeKind | None = Field(None, description="Only changes of this kind of thing.")


class ChangeOut(Schema):
    id: int
    at: datetime
    actor: PersonOut | None = Field(
        description="Who made it; null for Bearing itself or a removed person."
    )
    action: Literal["create", "update", "delete"]
    kind: str = Field(description="What changed: objective, key_result, measurement, checkin, …")
    entity_id: int = Field(description="The id of what changed (it may no longer exist).")
    summary: str
    before: dict[str, Any] | None = Field(
        description="The fields as they were (null for a creation)."
    )
    after: dict[str, Any] | None = Field(
        description="The fields as they became (null for a deletion)."
    )
    objective: int | None = Field(description="The objective it is about, if any.")
    cycle: int | None
