"""`bearing export`, the export download and GET /cycles/{id}/okr-file: one cycle out."""

from __future__ import annotations

import re
from datetime import date

from bearing.okrs.io.csv_out import write_csv
from bearing.okrs.io.document import cycle_document
from bearing.okrs.io.snapshot import load_snapshot
from bearing.okrs.io.yaml_out import dump_yaml
from bearing.okrs.models import Cycle
from bearing.okrs.scoring import as_of_for, score_objectives
from bearing.orgs.models import Membership


def file_name(organization_slug: str, cycle: Cycle, extension: str) -> str:
    """A download name safe in a Content-Disposition header, whatever the cycle is called."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", f"{organization_slug}-{cycle.name}").strip("-.")
    return f"{stem or 'cycle'}.{extension}"


def export_yaml(
    cycle: Cycle, membership: Membership | None = None, today: date | None = None
) -> str:
    """The cycle as an OKR file. With a membership, only the objectives that member may see."""
    snapshot = load_snapshot(cycle, membership)
    return dump_yaml(cycle_document(snapshot, as_of_for(cycle, today)))


def export_csv(
    cycle: Cycle, membership: Membership | None = None, today: date | None = None
) -> str:
    """The cycle as CSV, scored as the pages score it (the organization's colour bands)."""
    snapshot = load_snapshot(cycle, membership)
    scored = score_objectives(
        snapshot.objectives, cycle, as_of_for(cycle, today), snapshot.organization.bands
    )
    return write_csv(scored, cycle.name)
