"""Reading one number out of what a data source answered: the rules every fetch obeys,
whatever the source (SQL row, JSON value, CSV cell). Pure: no Django, no I/O.

A fetch must never become a wrong value, so anything that is not plainly one finite number
is refused with a sentence the key result can show."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal, InvalidOperation

__all__ = [
    "INTERVALS",
    "CsvSelector",
    "NotANumber",
    "as_number",
    "parse_csv_selector",
    "pick_csv",
    "retry_delay",
]

INTERVALS = {
    "hourly": timedelta(hours=1),
    "daily": timedelta(days=1),
    "weekly": timedelta(weeks=1),
}
# After a failure a source is tried again soon, then less and less often, never less often
# than its own schedule: 5, 10, 20, 40 minutes… capped at the interval.
FIRST_RETRY = timedelta(minutes=5)
# The owner is told once a source has failed this many times in a row.
FAILURES_BEFORE_TELLING = 3


class NotANumber(ValueError):
    """What was found is not one number; the message says what it was."""


_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def as_number(found: object) -> Decimal:
    """The exact number behind ``found`` (an int, float, Decimal or a numeric text such as
    "1 234.5", "42 %", "$1,200"); NotANumber otherwise (booleans, lists, NaN, empty)."""
    if isinstance(found, bool) or found is None:
        raise NotANumber(f"expected a number, got {_shown(found)}")
    if isinstance(found, int):
        return Decimal(found)
    if isinstance(found, float | Decimal):
        number = Decimal(str(found)) if isinstance(found, float) else found
        if not number.is_finite():
            raise NotANumber(f"expected a number, got {found}")
        return number
    if isinstance(found, bytes):
        found = found.decode("utf-8", "replace")
    if not isinstance(found, str):
        raise NotANumber(f"expected a number, got {_shown(found)}")
    text = found.strip().replace("\u00a0", "").replace(" ", "").replace(",", "")
    text = text.removesuffix("%").lstrip("$€£")
    if not _NUMBER.match(text):
        raise NotANumber(f"expected a number, got {_shown(found)}")
    try:
        return Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only numbers
        raise NotANumber(f"expected a number, got {_shown(found)}") from exc


def _shown(found: object) -> str:
    if found is None:
        return "nothing (null)"
    if isinstance(found, bool):
        return "true" if found else "false"
    if isinstance(found, list | tuple):
        return f"a list of {len(found)}"
    if isinstance(found, dict):
        return "an object"
    text = str(found)
    return repr(text if len(text) <= 40 else text[:37] + "…")


@dataclass(frozen=True)
class CsvSelector:
    """Either a cell (column and row numbers, 0-based, header row counted) or a named column
    and a data row (1-based after the header; 0 for the last)."""

    column: int | None = None
    row: int | None = None
    header: str = ""
    data_row: int = 0

    def __str__(self) -> str:
        if self.header:
            return f"{self.header}@{self.data_row or 'last'}"
        assert self.column is not None and self.row is not None
        return f"{_letters(self.column)}{self.row + 1}"


_CELL = re.compile(r"^([A-Za-z]{1,3})([1-9]\d{0,6})$")


def _letters(column: int) -> str:
    name = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        name = chr(65 + rest) + name
    return name


def parse_csv_selector(text: str) -> CsvSelector:
    """ "B3" (a cell, as in a spreadsheet) or "Revenue@last" / "Revenue@4" (the column named
    Revenue in the header row, its last or fourth data row). ValueError says what is wrong."""
    text = text.strip()
    if cell := _CELL.match(text):
        letters, number = cell.groups()
        column = 0
        for letter in letters.upper():
            column = column * 26 + ord(letter) - 64
        return CsvSelector(column=column - 1, row=int(number) - 1)
    header, at, row = text.rpartition("@")
    if at and header.strip():
        row = row.strip().lower()
        if row == "last":
            return CsvSelector(header=header.strip(), data_row=0)
        if row.isdigit() and int(row) > 0:
            return CsvSelector(header=header.strip(), data_row=int(row))
    raise ValueError('give a cell such as "B3" or a column and row such as "Revenue@last"')


def pick_csv(rows: list[list[str]], selector: CsvSelector) -> str:
    """The text of the selected cell; LookupError says why none is found."""
    if not selector.header:
        assert selector.column is not None and selector.row is not None
        if selector.row >= len(rows) or selector.column >= len(rows[selector.row]):
            raise LookupError(f"the file has no cell {selector}")
        return rows[selector.row][selector.column]
    if not rows:
        raise LookupError("the file is empty")
    names = [name.strip() for name in rows[0]]
    if selector.header not in names:
        raise LookupError(f"the header row has no column “{selector.header}”")
    column = names.index(selector.header)
    data = [row for row in rows[1:] if any(cell.strip() for cell in row)]
    if not data:
        raise LookupError("the file has no rows under its header")
    if selector.data_row > len(data):
        raise LookupError(f"the file has {len(data)} rows under its header")
    row = data[selector.data_row - 1] if selector.data_row else data[-1]
    if column >= len(row):
        raise LookupError(f"row {selector.data_row or len(data)} has no “{selector.header}”")
    return row[column]


def retry_delay(failures: int, interval: timedelta) -> timedelta:
    """How long after its ``failures``-th failure in a row a source is tried again."""
    delay: timedelta = FIRST_RETRY * 2 ** max(0, min(failures - 1, 12))
    return min(interval, delay)
