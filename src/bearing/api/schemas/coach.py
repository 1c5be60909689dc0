"""The coach's review of one objective and its key results (saved or not)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field

from bearing.api.schemas.common import Email, Id, Input, Name, Number, Text, Title, Unit
from bearing.api.schemas.okrs import KRKindName

# Exact decimals within Bearing's bounds (domain/limits.py): a number beyond them is a 422
# naming the field, never an overflow inside the coach.
LevelName = Literal["limiting", "helpful", "awesome"]


class MeasurementDraft(Input):
    date: Annotated[dt.date, Field(strict=False)]
    value: Number


class KeyResultDraft(Input):
    title: Title
    kind: KRKindName | None = Field(
        None, description="Left out: inferred from start and target, or a draft without them."
    )
    start: Number | None = None
    target: Number | None = None
    unit: Unit = ""
    owner: Email | None = Field(None, description="Who drives it; without one, `missing-owner`.")
    history: list[MeasurementDraft] = Field(
        default_factory=list,
        max_length=1000,
        description="Measurements, any order; weekly ones make a key result leading.",
    )


class ReviewIn(Input):
    """Either ``objective`` (a saved objective's id, reviewed as stored) or ``title`` and the
    rest (an objective being written)."""

    objective: Id | None = Field(None, description="Review this saved objective as stored.")
    title: Title | None = None
    description: Text = Field("", max_length=5000)
    team: Id | Name | None = Field(
        None, description="The owning team's id or name; left out: an individual objective."
    )
    key_results: list[KeyResultDraft] = Field(default_factory=list, max_length=50)


class FindingOut(Schema):
    rule: str = Field(description="A stable rule id, e.g. objective-compound (docs/coach.md).")
    level: LevelName = Field(description="The rubric level the finding speaks to.")
    message: str
    suggestion: str = Field(description="A concrete next step or rewrite; empty when none.")


class ReviewItemOut(Schema):
    """One item of `bearing lint --format json`."""

    ref: str = Field(
        description="The saved ref; for a draft `objective` and `key-result-1`, `key-result-2`…"
    )
    kind: Literal["objective", "key_result"]
    rating: LevelName
    findings: list[FindingOut] = Field(description="Limiting first, then awesome, then helpful.")


class PortfolioFindingOut(Schema):
    rule: str
    message: str
    refs: list[str]


class ReviewOut(Schema):
    objective: ReviewItemOut
    key_results: list[ReviewItemOut]
    portfolio: list[PortfolioFindingOut] = Field(
        description="Checks of the objective as a whole: too many or too few key results, "
        "KPIs in disguise, missing owners, and (saved objectives only) no alignment."
    )
