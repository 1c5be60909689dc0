"""Shapes every resource shares: ids, text, pages of results, the error body."""

from __future__ import annotations

from typing import Annotated, Generic, TypeVar

from ninja import Schema
from pydantic import AfterValidator, ConfigDict, Field

T = TypeVar("T")

# Ids fit a 64-bit column: a larger number is "no such thing", never a database overflow.
MAX_ID = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
# PostgreSQL cannot store NUL characters in text; refuse them at the door with a clear message.
NO_NUL = "text must not contain NUL characters"


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError(NO_NUL)
    return value


Text = Annotated[str, AfterValidator(_no_nul)]
# Text sized to its column, so an over-long value is a 422 naming the field, not a database error.
Title = Annotated[str, Field(max_length=200), AfterValidator(_no_nul)]
Name = Annotated[str, Field(max_length=200), AfterValidator(_no_nul)]
CycleName = Annotated[str, Field(max_length=100), AfterValidator(_no_nul)]
Ref = Annotated[str, Field(max_length=64), AfterValidator(_no_nul)]
Unit = Annotated[str, Field(max_length=30), AfterValidator(_no_nul)]
Note = Annotated[str, Field(max_length=500), AfterValidator(_no_nul)]
Email = Annotated[str, Field(max_length=254), AfterValidator(_no_nul)]


class Input(Schema):
    """Request bodies: unknown fields are an error, so a typo never goes unnoticed."""

    model_config = ConfigDict(extra="forbid")


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


READ_ERRORS: dict[int, type[ErrorOut]] = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
WRITE_ERRORS: dict[int, type[ErrorOut]] = {
    400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut,
}  # fmt: skip
