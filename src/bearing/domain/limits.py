"""Every bound on what Bearing accepts, in one place (docs/security.md lists them).

Numbers are bounded by what *both* databases store exactly. PostgreSQL's
``numeric(24, 6)`` holds 18 digits before the point, but SQLite keeps a decimal
as a 64-bit float or integer and Django reads it back rounded to 15 significant
digits — a value with more digits would come back different, and one that rounds
up to 10^18 no longer fits the column at all. So a number may have at most 15
significant digits, 6 of them after the point. 15 digits is also what a JSON
double carries exactly, so the API's numbers read back as they were written.

Text is bounded by its column or, for free text, by what a person writes in one
go; names and titles must show something (not only invisible characters) and may
not carry the bidirectional controls that make text read differently than it is
stored (CVE-2021-42574, "Trojan Source").

Pure: the OKR file parser, the services, the API schemas and the forms all ask here.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

# Numbers: values, starts, targets, weights, KPI ranges.
MAX_SIGNIFICANT_DIGITS = 15
MAX_DECIMAL_PLACES = 6
MAX_MAGNITUDE = Decimal(10) ** MAX_SIGNIFICANT_DIGITS - 1  # 999,999,999,999,999
NUMBER_RULE = (
    f"at most {MAX_SIGNIFICANT_DIGITS} significant digits, {MAX_DECIMAL_PLACES} of them "
    "after the point (between −999,999,999,999,999 and 999,999,999,999,999)"
)

# Dates: cycles and measurements.
MIN_DAY = date(2000, 1, 1)
MAX_DAY = date(2100, 12, 31)
# A measurement may be a baseline taken before its cycle, but not from another era
# (a pipeline that sends 0 as a timestamp means 1970).
MEASUREMENT_LEAD = timedelta(days=366)
# Clocks disagree a little; a value dated further ahead than this is a mistake.
FUTURE_TOLERANCE = timedelta(days=1)

# Text, in characters.
MAX_TITLE = 200
MAX_NAME = 200  # people, teams, organizations
MAX_CYCLE_NAME = 100
MAX_REF = 64
MAX_UNIT = 30
MAX_NOTE = 500
MAX_EMAIL = 254
MAX_COMMENT = 5_000
MAX_LONG_TEXT = 20_000  # descriptions, narratives, reasons, learnings

# OKR files.
MAX_FILE_BYTES = 5_000_000
MAX_FILE_DEPTH = 16  # the format's deepest value (a history entry's note) sits at depth 8
MAX_FILE_TEAMS = 10_000
MAX_FILE_PEOPLE = 50_000
MAX_FILE_OBJECTIVES = 10_000
MAX_FILE_KEY_RESULTS = 50_000  # in the whole file


@dataclass(frozen=True)
class FileLimits:
    """How large an OKR file may be, whole and by part."""

    bytes: int = MAX_FILE_BYTES
    teams: int = MAX_FILE_TEAMS
    people: int = MAX_FILE_PEOPLE
    objectives: int = MAX_FILE_OBJECTIVES
    key_results: int = MAX_FILE_KEY_RESULTS


# What the server reads (uploads, the API, `bearing import`): bounds that keep one request
# from holding a shared service.
SERVER_FILE_LIMITS = FileLimits()
# What `bearing score | lint | align` read on the user's own machine, from the user's own
# files: ten times more, so a whole enterprise's plan (100,000 key results) can be checked
# offline; still bounded, so a wrong file fails fast instead of eating the machine.
LOCAL_FILE_LIMITS = FileLimits(
    bytes=10 * MAX_FILE_BYTES,
    teams=10 * MAX_FILE_TEAMS,
    people=10 * MAX_FILE_PEOPLE,
    objectives=10 * MAX_FILE_OBJECTIVES,
    key_results=10 * MAX_FILE_KEY_RESULTS,
)
MAX_FILE_KEY_RESULTS_PER_OBJECTIVE = 100
MAX_FILE_MEASUREMENTS = 200_000  # history entries in the whole file

# Bidirectional embeddings, overrides and isolates: text that displays in another order
# than it is stored. Marks (LRM, RLM, ALM) stay allowed: they only nudge neutral characters.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Categories that show nothing on their own: format characters (zero-width space, joiners,
# soft hyphen, BOM), separators (spaces), controls, and unassigned or private code points.
INVISIBLE_CATEGORIES = frozenset({"Cf", "Zs", "Zl", "Zp", "Cc", "Cn", "Co", "Cs", "Mn", "Me"})


def number_problem(value: Decimal) -> str | None:
    """What is wrong with a number for Bearing's columns, or None if it fits exactly."""
    if not value.is_finite():
        return "expected a finite number"
    if abs(value) > MAX_MAGNITUDE:
        return f"that number is too large: use {NUMBER_RULE}"
    normal = value.normalize()
    _sign, digits, exponent = normal.as_tuple()
    assert isinstance(exponent, int)  # finite numbers have an integer exponent
    if -exponent > MAX_DECIMAL_PLACES:
        return f"use at most {MAX_DECIMAL_PLACES} decimal places"
    significant = len(digits) + max(exponent, 0)
    if normal != 0 and significant > MAX_SIGNIFICANT_DIGITS:
        return f"too many digits: use {NUMBER_RULE}"
    return None


def parse_number(text: str) -> Decimal | None:
    """A plain decimal from its digits ("42", "-0.5", "1e3"), or None if it is not one."""
    try:
        return Decimal(text.strip())
    except (InvalidOperation, ValueError):
        return None


def text_problem(value: str) -> str | None:
    """Characters no stored text may hold: NUL (PostgreSQL refuses it) and lone UTF-16
    surrogates (no database can encode them; JSON's "\\ud800" escape makes one)."""
    if "\x00" in value:
        return "text must not contain NUL characters"
    if any("\ud800" <= ch <= "\udfff" for ch in value):
        return "text must not contain lone surrogates (invalid Unicode)"
    return None


def label_problem(value: str) -> str | None:
    """Problems of a one-line name or title beyond ``text_problem``: it must show at least
    one visible character and carry no bidirectional override or isolate."""
    if problem := text_problem(value):
        return problem
    if any(ch in BIDI_CONTROLS for ch in value):
        return "must not contain right-to-left or left-to-right override characters"
    if not any(unicodedata.category(ch) not in INVISIBLE_CATEGORIES for ch in value):
        return "must contain visible characters, not only spaces or invisible ones"
    return None


def day_problem(day: date) -> str | None:
    if not MIN_DAY <= day <= MAX_DAY:
        return f"give a date between {MIN_DAY.isoformat()} and {MAX_DAY.isoformat()}"
    return None
