"""Shapes every resource shares: ids, text, pages of results, the error body."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Generic, TypeVar

from ninja import Schema
from pydantic import AfterValidator, ConfigDict, Field

from bearing.domain.limits import (
    MAX_CYCLE_NAME,
    MAX_EMAIL,
    MAX_FILE_BYTES,
    MAX_LONG_TEXT,
    MAX_MAGNITUDE,
    MAX_NAME,
    MAX_NOTE,
    MAX_REF,
    MAX_TITLE,
    MAX_UNIT,
    NUMBER_RULE,
    day_problem,
    label_problem,
    number_problem,
    text_problem,
)

T = TypeVar("T")

# Ids fit a 64-bit column: a larger number is "no such thing", never a database overflow.
MAX_ID = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]


def _storable(value: str) -> str:
    if problem := text_problem(value):
        raise ValueError(problem)
    return value


def _label(value: str) -> str:
    # Blank is left to the service, which says what is missing in its own words.
    if value.strip() and (problem := label_problem(value)):
        raise ValueError(problem)
    return _storable(value)


def _number(value: Decimal) -> Decimal:
    if problem := number_problem(value):
        raise ValueError(problem)
    return value


# Text sized to its column, so an over-long value is a 422 naming the field, not a database
# error; no NUL or lone surrogate (no database stores them); names and titles visible and
# without direction overrides (limits.py).
Text = Annotated[str, Field(max_length=MAX_LONG_TEXT), AfterValidator(_storable)]
Title = Annotated[str, Field(max_length=MAX_TITLE), AfterValidator(_label)]
Name = Annotated[str, Field(max_length=MAX_NAME), AfterValidator(_label)]
CycleName = Annotated[str, Field(max_length=MAX_CYCLE_NAME), AfterValidator(_label)]
Ref = Annotated[str, Field(max_length=MAX_REF), AfterValidator(_storable)]
Unit = Annotated[str, Field(max_length=MAX_UNIT), AfterValidator(_storable)]
Note = Annotated[str, Field(max_length=MAX_NOTE), AfterValidator(_storable)]
Email = Annotated[str, Field(max_length=MAX_EMAIL), AfterValidator(_storable)]
# A value, start, target, weight: what both databases store exactly (limits.py).
Number = Annotated[
    Decimal,
    Field(
        strict=False,  # a JSON number, or a string such as "99.95"
        ge=-MAX_MAGNITUDE,
        le=MAX_MAGNITUDE,
        description=f'A number with {NUMBER_RULE}; strings such as "99.95" keep every digit.',
    ),
    AfterValidator(_number),
]


def _day(value: date) -> date:
    if problem := day_problem(value):
        raise ValueError(problem)
    return value


Day = Annotated[date, Field(strict=False), AfterValidator(_day)]
# An OKR file's text: bounded by the file limit rather than the free-text one.
FileText = Annotated[
    str,
    Field(max_length=MAX_FILE_BYTES, description="The OKR file (YAML)."),
    AfterValidator(_storable),
]


class Input(Schema):
    """Request bodies: unknown fields are an error, so a typo never goes unnoticed; and types
    are strict, as the document says them (``true`` is not the number 1, nor ``1`` the text
    "1"). Numbers, dates and times still come as JSON gives them (their fields say so)."""

    model_config = ConfigDict(extra="forbid", strict=True)


class ErrorItem(Schema):
    loc: list[str | int] = Field(
        description="Where: ['body', 'target'], ['query', 'cycle'], ['path', 'id'], "
        "['header', 'Authorization'], or for OKR files ['body', 'text', '<field path>']."
    )
    msg: str = Field(description="What was wrong, and what would be valid.")
    type: str = Field(description="A stable machine-readable kind, e.g. value_error, not_found.")
    line: int | None = Field(None, description="For OKR files: the line of the file.")


class ErrorOut(Schema):
    """The body of every 4xx answer."""

    detail: list[ErrorItem]
    current_version: int | None = Field(
        None, description="With 409: the version to read again and apply the change to."
    )


class Page(Schema, Generic[T]):
    """A page of a list: ``next`` is the URL of the following page, null on the last one."""

    items: list[T]
    count: int = Field(description="How many items all pages hold together.")
    next: str | None
    previous: str | None


class PageQuery(Schema):
    limit: int = Field(50, ge=1, le=200, description="Items per page (at most 200).")
    offset: int = Field(0, ge=0, le=10**9, description="How many items to skip.")


# 503: the database was busy, or the request ran past its time limit (busy.py, deadline.py).
READ_ERRORS: dict[int, type[ErrorOut]] = {
    401: ErrorOut,
    404: ErrorOut,
    422: ErrorOut,
    503: ErrorOut,
}
WRITE_ERRORS: dict[int, type[ErrorOut]] = {
    400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut,
    503: ErrorOut,
}  # fmt: skip
