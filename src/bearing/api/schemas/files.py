"""OKR files in and out through the API."""

from __future__ import annotations

from typing import Annotated

from ninja import Schema
from pydantic import Field

from bearing.api.schemas.common import Input, Text
from bearing.api.schemas.orgs import CycleOut

MAX_FILE = 5_000_000  # characters: far above any real cycle, well below memory trouble


class OkrFileIn(Input):
    text: Annotated[Text, Field(max_length=MAX_FILE, description="The OKR file (YAML).")]
    filename: Annotated[Text, Field(max_length=200)] = "okrs.yaml"
    dry_run: bool = Field(False, description="Check against the database; write nothing.")


class ImportOut(Schema):
    summary: str
    cycle: CycleOut
    cycle_created: bool
    counts: dict[str, int]
    untouched: list[str] = Field(description="Refs of the cycle the file does not name (kept).")
    derived_refs: dict[str, str] = Field(description="Refs derived from titles: ref → title.")
    notes: list[str]
    dry_run: bool
