"""My week over HTTP: what the caller checks in on this week, and all of it saved at once."""

from __future__ import annotations

from datetime import datetime

from ninja import Schema
from pydantic import Field

from bearing.api.schemas.activity import CheckInIn, CheckInValue, StatusName
from bearing.api.schemas.common import Id, Input


class WeekKeyResult(Schema):
    id: int
    title: str
    kind: str | None
    unit: str
    current: float | None = Field(description="The latest value (null before the first).")
    done: bool = Field(description="Milestones: done or not.")


class WeekObjective(Schema):
    id: int
    title: str
    cycle: int
    suggested_status: StatusName | None = Field(
        description="What the forecast suggests now; null without a forecast."
    )
    last_checkin_at: datetime | None
    capacity_status: StatusName | None = Field(description="As the last check-in left it.")
    confidence: int | None = Field(description="As the last check-in left it.")
    key_results: list[WeekKeyResult]


class OtherKeyResult(WeekKeyResult):
    objective: int = Field(description="Its objective, which the caller does not own.")


class WeekOut(Schema):
    objectives: list[WeekObjective]
    key_results: list[OtherKeyResult] = Field(
        description="The caller's key results in objectives they do not own: values only."
    )
    more: bool = Field(description="More than fit (25 objectives, 50 key results) were left out.")


class WeekCheckIn(CheckInIn):
    objective: Id


class WeekIn(Input):
    checkins: list[WeekCheckIn] = Field(default_factory=list, max_length=25)
    values: list[CheckInValue] = Field(
        default_factory=list, max_length=50,
        description="Values of key results the caller owns in objectives they do not check in on.",
    )  # fmt: skip


class WeekSavedOut(Schema):
    checkins: list[int] = Field(description="The ids of the check-ins made, in the order sent.")
    values: int = Field(description="How many values of ``values`` were recorded.")
