"""Reading the CSV that ``bearing export --format csv`` writes back into an ``OKRSet``, so an
import treats it as it treats an OKR file (one transaction, updates by ref).

The CSV is one row per key result with its objective's columns repeated (an objective
without key results has one row with the key-result columns empty). It carries no cycle
dates, teams tree, descriptions, contributors or links: the cycle and the teams must exist in
Bearing, and an import leaves what the CSV cannot say as it is. The computed columns
(scores, colours, progress) are ignored. Every problem names its row and column.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal

from bearing.domain.limits import MAX_FILE_KEY_RESULTS, MAX_FILE_OBJECTIVES, parse_number
from bearing.domain.model import Cycle, KeyResult, KRKind, Objective, OKRSet, Team
from bearing.domain.okrfile import OBJECTIVE_STATES, VISIBILITIES, OKRFileError
from bearing.domain.yamlnodes import Problem, SourceLines

REQUIRED = (
    "cycle", "objective_ref", "objective_title", "team", "objective_owner", "state",
    "visibility", "kr_ref", "kr_title", "kind", "unit", "start", "target", "current", "done",
    "weight", "kr_owner",
)  # fmt: skip
# Export escapes text a spreadsheet would run as a formula with a leading apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The file's field paths (as the importer names them) → the CSV's columns.
OBJECTIVE_COLUMNS = {"ref": "objective_ref", "title": "objective_title", "team": "team",
                     "owner": "objective_owner", "state": "state", "visibility": "visibility"}  # fmt: skip
KR_COLUMNS = {"ref": "kr_ref", "title": "kr_title", "kind": "kind", "unit": "unit",
              "start": "start", "target": "target", "current": "current", "done": "done",
              "weight": "weight", "owner": "kr_owner"}  # fmt: skip


def looks_like_csv(text: str) -> bool:
    """The export's header, not YAML."""
    return text.lstrip("\ufeff").startswith("cycle,objective_ref,")


class CSVLines(SourceLines):
    """The row of every objective and key result, by the importer's field path."""

    def __init__(self) -> None:
        super().__init__(None)

    def set(self, path: str, row: int) -> None:
        self._lines.setdefault(path, row)


_KR_PATH = re.compile(r"^objectives\[\d+\]\.key_results\[\d+\](?:\.(\w+))?")
_OBJECTIVE_PATH = re.compile(r"^objectives\[\d+\](?:\.(\w+))?")


def csv_field(path: str) -> str:
    """ "objectives[0].key_results[1].target" → "column target" (for a problem's message)."""
    if match := _KR_PATH.match(path):
        name = match.group(1)
        return f"column {KR_COLUMNS.get(name or '', 'kr_title')}"
    if match := _OBJECTIVE_PATH.match(path):
        name = match.group(1)
        return f"column {OBJECTIVE_COLUMNS.get(name or '', 'objective_title')}"
    return path


@dataclass
class _Objective:
    row: int
    cells: dict[str, str]
    key_results: list[tuple[int, dict[str, str]]] = field(default_factory=list)


def _plain(text: str) -> str:
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


class _Reader:
    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.problems: list[Problem] = []

    def fail(self, row: int, column: str, message: str) -> None:
        self.problems.append(Problem(self.filename, row, f"column {column}", message))

    def number(self, row: int, cells: dict[str, str], column: str) -> Decimal | None:
        text = cells[column].strip()
        if not text:
            return None
        value = parse_number(text)
        if value is None:
            self.fail(row, column, f"expected a number, got {text!r}")
        return value


def read_okr_csv(text: str, cycle: Cycle, filename: str = "<csv>") -> tuple[OKRSet, CSVLines]:
    """The CSV as an ``OKRSet`` of ``cycle`` (its dates are Bearing's), with the row of every
    objective and key result; raise ``OKRFileError`` naming every problem by row and column."""
    reader = _Reader(filename)
    table = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    header = next(table, [])
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        reader.fail(1, missing[0], f"the header lacks {', '.join(missing)}: export the CSV with "
                    "`bearing export --format csv` and keep its columns")  # fmt: skip
        raise OKRFileError(reader.problems)
    objectives: dict[str, _Objective] = {}
    count = 0
    for number, values in enumerate(table, start=2):
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            reader.fail(number, header[0], f"expected {len(header)} columns, found {len(values)}")
            continue
        cells = {name: _plain(v) for name, v in zip(header, values, strict=True)}
        if cells["cycle"] != cycle.name:
            reader.fail(
                number, "cycle", f"one cycle per file: {cycle.name!r}, not {cells['cycle']!r}"
            )
        ref = cells["objective_ref"].strip()
        if not ref:
            reader.fail(number, "objective_ref", "every row names its objective's ref")
            continue
        item = objectives.setdefault(ref, _Objective(number, cells))
        if cells["kr_title"].strip() or cells["kr_ref"].strip():
            item.key_results.append((number, cells))
            count += 1
    if len(objectives) > MAX_FILE_OBJECTIVES or count > MAX_FILE_KEY_RESULTS:
        reader.fail(1, "objective_ref", "too many objectives or key results for one file; split it")
    lines = CSVLines()
    built = []
    for i, item in enumerate(objectives.values()):
        lines.set(f"objectives[{i}]", item.row)
        krs = []
        for j, (row, cells) in enumerate(item.key_results):
            lines.set(f"objectives[{i}].key_results[{j}]", row)
            krs.append(_key_result(reader, row, cells))
        built.append(_objective(reader, item, tuple(k for k in krs if k is not None)))
    if reader.problems:
        raise OKRFileError(reader.problems)
    teams = tuple(Team(name=n) for n in dict.fromkeys(o.team for o in built if o.team))
    return OKRSet(cycle=cycle, teams=teams, objectives=tuple(built)), lines


def _objective(reader: _Reader, item: _Objective, krs: tuple[KeyResult, ...]) -> Objective:
    cells, row = item.cells, item.row
    state = cells["state"].strip() or None
    if state is not None and state not in OBJECTIVE_STATES:
        reader.fail(row, "state", f"use one of {', '.join(OBJECTIVE_STATES)}")
    visibility = cells["visibility"].strip() or None
    if visibility is not None and visibility not in VISIBILITIES:
        reader.fail(row, "visibility", f"use one of {', '.join(VISIBILITIES)}")
    return Objective(
        title=cells["objective_title"].strip(), team=cells["team"].strip() or None,
        key_results=krs, ref=cells["objective_ref"].strip(),
        owner=cells["objective_owner"].strip() or None, state=state, visibility=visibility,
    )  # fmt: skip


def _key_result(reader: _Reader, row: int, cells: dict[str, str]) -> KeyResult | None:
    kind_text = cells["kind"].strip()
    kind = None
    if kind_text:
        try:
            kind = KRKind(kind_text)
        except ValueError:
            reader.fail(row, "kind", f"use one of {', '.join(k.value for k in KRKind)}")
            return None
    done_text = cells["done"].strip().lower()
    if done_text not in ("", "yes", "no"):
        reader.fail(row, "done", "use yes or no (milestones only)")
    weight = reader.number(row, cells, "weight")
    return KeyResult(
        title=cells["kr_title"].strip(), kind=kind, start=reader.number(row, cells, "start"),
        target=reader.number(row, cells, "target"), current=reader.number(row, cells, "current"),
        done=done_text == "yes", weight=weight if weight is not None else Decimal(1),
        unit=cells["unit"].strip(), owner=cells["kr_owner"].strip() or None,
        ref=cells["kr_ref"].strip(),
    )  # fmt: skip
