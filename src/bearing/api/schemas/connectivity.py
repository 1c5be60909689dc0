"""A cycle's connectivity figures (`bearing align`'s JSON) and their weekly trend."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import Field

from bearing.api.schemas.orgs import CycleOut

Pct = float | None


class NamedObjective(Schema):
    id: int
    title: str
    team: str | None


class SimilarOut(Schema):
    ids: list[int] = Field(description="The two objectives, as in `bearing align`'s `refs`.")
    titles: list[str]
    teams: list[str | None]
    similarity: float = Field(description="0–1, two decimals (docs/alignment.md).")


class ConnectivityWarningOut(Schema):
    rule: str
    message: str


class ThresholdsOut(Schema):
    cascaded_warn_pct: float
    aligned_drop_warn_pct: float


class TrendPointOut(Schema):
    week: dt.date = Field(description="The Monday of the week.")
    as_of: dt.date = Field(description="When the week's snapshot was taken.")
    objectives: int
    aligned_pct: Pct
    cascaded_pct: Pct
    cross_functional_pct: Pct
    max_depth: int
    orphans: int
    similar: int
    warnings: int


class ConnectivityOut(Schema):
    cycle: CycleOut
    objectives: int = Field(description="All objectives of the cycle (abandoned ones aside).")
    company_objectives: int
    aligned_pct: Pct = Field(description="Of non-company objectives; null when there are none.")
    cascaded_pct: Pct
    cross_functional_pct: Pct
    max_depth: int = Field(description="From the cycle's last analysis (`analysed_at`).")
    orphans: list[NamedObjective] = Field(
        description="The first orphans the caller may see; `hidden_orphans` more are private "
        "to others. `orphans_next` leads to the rest."
    )
    orphans_count: int = Field(description="How many orphans the caller may see in all.")
    orphans_next: str | None
    hidden_orphans: int
    similar: list[SimilarOut] = Field(
        description="The first look-alike pairs whose both sides the caller may see, most "
        "similar first; `similar_next` leads to the rest."
    )
    similar_count: int
    similar_next: str | None
    hidden_similar: int
    warnings: list[ConnectivityWarningOut]
    thresholds: ThresholdsOut
    analysed_at: dt.datetime | None = Field(
        description="When the depth and look-alikes were computed (null: not yet)."
    )
    analysis_current: bool = Field(
        description="False while changes made since `analysed_at` are being taken in."
    )
    trend: list[TrendPointOut] = Field(
        description="The stored weekly snapshots, oldest first (`bearing snapshot` takes them)."
    )


class ListQuery(Schema):
    team: int | None = Field(None, ge=1, le=2**63 - 1, description="Only this team's objectives.")
