"""OKR files in and out through the API."""

from __future__ import annotations

from typing import Annotated

from ninja import Schema
from pydantic import Field

from bearing.api.schemas.common import FileText, Input, Name
from bearing.api.schemas.orgs import CycleOut


class OkrFileIn(Input):
    text: FileText
    filename: Annotated[Name, Field(max_length=200)] = "okrs.yaml"
    dry_run: bool = Field(False, description="Check against the database; write nothing.")
    company_team: Name | None = Field(
        None,
        description="The file's team that is this organization's company team, when their "
        "names differ (left out, the file's one team without a parent is taken, with a note).",
    )


class ImportOut(Schema):
    summary: str
    cycle: CycleOut
    cycle_created: bool
    counts: dict[str, int]
    untouched: list[str] = Field(description="Refs of the cycle the file does not name (kept).")
    derived_refs: dict[str, str] = Field(description="Refs derived from titles: ref → title.")
    notes: list[str]
    dry_run: bool
