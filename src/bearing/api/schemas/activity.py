"""Measurements (how pipelines push values) and weekly check-ins."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

from bearing.api.schemas.common import Id, Input, Note, Number, Text

StatusName = Literal["on_track", "needs_attention", "at_risk"]


class MeasurementIn(Input):
    value: Number
    measured_at: datetime | None = Field(
        None,
        strict=False,
        description="When it was measured (ISO 8601; without a zone, UTC). Default: now.",
    )
    note: Note = ""


class MeasurementOut(Schema):
    id: int
    key_result: int
    value: float
    measured_at: datetime
    source: Literal["manual", "api", "import", "integration"]
    note: str
    checkin: int | None
    created_by: str | None = Field(description="E-mail of whoever recorded it.")


class CheckInValue(Input):
    key_result: Id
    value: Number | None = Field(None, description="The new value (not for milestones).")
    done: bool | None = Field(None, description="Milestones only: done or not.")


class CheckInIn(Input):
    capacity_status: StatusName
    progress_status: StatusName | None = Field(
        None, description="Left out: the forecast's suggestion. Another status needs a reason."
    )
    status_reason: Text = ""
    confidence: int | None = Field(None, ge=0, le=100, description="Percent.")
    narrative: Text = ""
    values: list[CheckInValue] = Field(default_factory=list, max_length=100)


class CheckInPatch(Input):
    """What its author may correct; the values entered with it stay (delete it to take them
    back)."""

    capacity_status: StatusName | None = None
    progress_status: StatusName | None = None
    status_reason: Text | None = None
    confidence: int | None = Field(None, ge=0, le=100, description="Percent.")
    narrative: Text | None = None


class CheckInOut(Schema):
    id: int
    objective: int
    author: str | None
    created_at: datetime
    progress_status: StatusName
    suggested_status: StatusName | None
    status_reason: str
    capacity_status: StatusName
    confidence: int | None
    narrative: str
    edited_at: datetime | None = Field(description="When its author last corrected it.")
    measurements: list[MeasurementOut]
