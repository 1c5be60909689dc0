"""The two-week plan and rolling a cycle forward (api/routes/plans.py)."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Field, Schema

from bearing.api.schemas.common import Input


class PlanRowOut(Schema):
    email: str
    name: str
    state: str = Field(description="published, due (within the plan window) or missing")
    published_at: datetime | None
    changes_since: int = Field(description="Changes to the plan's initiatives since then.")
    due: date = Field(description="The last day of the cycle's plan window.")


class PlanOut(Schema):
    cycle: int
    published_at: datetime
    due: date
    initiatives: list[int]


class RollForwardIn(Input):
    target: int = Field(description="The cycle to carry them into.")
    objectives: list[int] = Field(min_length=1, max_length=200)


class RollForwardOut(Schema):
    carried: dict[str, int] = Field(description="Each carried objective's id → its new id.")
    links_kept: int
    links_dropped: int
