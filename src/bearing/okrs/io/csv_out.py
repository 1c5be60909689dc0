"""A cycle as CSV for spreadsheets: one row per key result, its objective's columns repeated."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal

from bearing.domain.scoring import KRScore, round_share
from bearing.okrs.io.document import plain
from bearing.okrs.models import KeyResult
from bearing.okrs.scoring import ScoredObjective

COLUMNS = (
    "cycle", "objective_ref", "objective_title", "team", "objective_owner", "state", "visibility",
    "objective_score", "objective_color", "objective_forecast", "objective_status",
    "kr_ref", "kr_title", "kind", "unit", "start", "target", "current", "done", "weight",
    "kr_owner", "progress", "kr_score", "kr_color", "kr_forecast", "kr_status",
)  # fmt: skip
# A cell starting with one of these is a formula to a spreadsheet; text that does gets a
# leading apostrophe so opening an export never runs anything (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _text(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _number(value: Decimal | None) -> str:
    return "" if value is None else format(plain(value), "f")


def _objective_cells(item: ScoredObjective, cycle_name: str) -> list[str]:
    o, s = item.objective, item.scored
    return [
        _text(cycle_name), _text(o.ref), _text(o.title), _text(o.team.name if o.team else ""),
        o.owner.email if o.owner else "", o.state, o.visibility, _number(s.score),
        s.color or "", _number(s.forecast), s.status or "",
    ]  # fmt: skip


def _kr_cells(kr: KeyResult, s: KRScore) -> list[str]:
    milestone = kr.kind == "milestone"
    return [
        _text(kr.ref), _text(kr.title), kr.kind, _text(kr.unit), _number(kr.start),
        _number(kr.target), _number(kr.current), ("yes" if kr.done else "no") if milestone else "",
        _number(kr.weight), kr.owner.email if kr.owner else "",
        _number(None if s.progress is None else round_share(s.progress)), _number(s.score),
        s.color or "", _number(s.forecast), s.status or "",
    ]  # fmt: skip


def write_csv(scored: Iterable[ScoredObjective], cycle_name: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for item in scored:
        head = _objective_cells(item, cycle_name)
        pairs = item.key_results
        if not pairs:
            writer.writerow(head + [""] * (len(COLUMNS) - len(head)))
        for kr, kr_score in pairs:
            writer.writerow(head + _kr_cells(kr, kr_score))
    return out.getvalue()
