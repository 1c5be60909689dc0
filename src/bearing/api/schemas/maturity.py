"""Maturity, self-assessments, calibration (docs/maturity.md)."""

from __future__ import annotations

from typing import Literal

from ninja import Field, Schema

from bearing.api.schemas.orgs import CycleOut

LevelName = Literal["crawl", "walk", "run", "fly"]


class EvidenceOut(Schema):
    dimension: str
    level: LevelName | None = Field(description="None: not enough evidence yet.")
    because: str = Field(description="The figures behind the level, in words.")
    self_assessed: LevelName | None
    gap: int | None = Field(description="Self-assessed minus evidence, in levels.")
    gap_reading: str


class TrendOut(Schema):
    cycle: CycleOut
    levels: dict[str, LevelName | None]


class MaturityOut(Schema):
    team: int
    cycle: CycleOut
    dimensions: list[EvidenceOut]
    figures: dict[str, float | int | bool | None]
    self_assessed_at: str | None
    trend: list[TrendOut] = Field(description="This cycle and the ones before it, oldest first.")


class SelfAssessmentIn(Schema):
    ambition: LevelName
    planning: LevelName
    focus: LevelName
    accountability: LevelName
    learning: LevelName


class BandOut(Schema):
    band: str
    count: int
    said: float
    landed: float
    reading: str


class CalibrationOut(Schema):
    team: int | None
    predictions: int = Field(description="Check-ins with a confidence, in closed cycles.")
    brier: float | None = Field(description="0 is perfect; always saying 50 % scores 0.25.")
    mean_said: float | None
    mean_landed: float | None
    bands: list[BandOut]
    reading: str
    telling: str | None = Field(description="The busiest band's plain reading.")


class CalibrationQuery(Schema):
    team: int | None = Field(
        None, ge=1, le=2**62, description="One team's; else the organization's."
    )


class ReportQuery(Schema):
    format: Literal["html", "pdf"] = "pdf"
    team: int | None = Field(None, ge=1, le=2**62, description="One team's report.")


class MaturityQuery(Schema):
    cycle: int = Field(ge=1, le=2**62)
