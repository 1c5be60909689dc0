"""The export's CSV in: its cycle and teams found in Bearing, its rows read by the domain
(``okrfile_csv``), then imported exactly as an OKR file (``importer``); every problem names
its row and column."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from bearing.domain.model import OKRSet
from bearing.domain.okrfile import OKRFileError
from bearing.domain.okrfile_csv import CSVLines, csv_field, looks_like_csv, read_okr_csv
from bearing.domain.yamlnodes import Problem
from bearing.okrs.io.problems import ImportFailed
from bearing.okrs.models import Cycle
from bearing.orgs.models import Organization, Team

__all__ = ["csv_columns", "looks_like_csv", "read_csv"]


def read_csv(organization: Organization, text: str, filename: str) -> tuple[OKRSet, CSVLines]:
    rows = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    first = next(rows, None)
    name = (first or {}).get("cycle", "") or ""
    cycle = Cycle.objects.filter(organization=organization, name=name).first()
    if cycle is None:
        message = (
            f"no cycle named {name!r} in Bearing: create it first (a CSV carries no dates)"
            if first is not None
            else "the CSV has no rows"
        )
        raise OKRFileError([Problem(filename, 2, "column cycle", message)])
    okrs, lines = read_okr_csv(text, cycle.as_domain(), filename)
    known = set(Team.objects.filter(organization=organization).values_list("name", flat=True))
    problems = [
        Problem(filename, lines.line(f"objectives[{i}]"), "column team",
                f"no team named {o.team!r} in Bearing (a CSV names teams the organization has)")
        for i, o in enumerate(okrs.objectives)
        if o.team is not None and o.team not in known
    ]  # fmt: skip
    if problems:
        raise OKRFileError(problems)
    return replace(okrs, cycle=cycle.as_domain()), lines


@contextmanager
def csv_columns(from_csv: bool) -> Iterator[None]:
    """Problems of a CSV import name its columns, not the OKR file's field paths."""
    try:
        yield
    except ImportFailed as failed:
        if not from_csv:
            raise
        raise ImportFailed(
            [replace(p, field=csv_field(p.field)) for p in failed.problems]
        ) from None
