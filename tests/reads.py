"""How much a request reads from the database: queries, and rows fetched by the ORM.

The suite asserts these at two sizes of an organization instead of timing anything: a page
whose queries and rows stay put while the organization grows is bounded (issue 8), whatever
the machine's speed. Rows are counted where Django's compiler fetches them
(``compiler.cursor_iter`` for lists, ``fetchone`` for single rows and aggregates).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from unittest import mock

from django.db import connection
from django.db.models.sql import compiler
from django.db.models.sql.constants import MULTI, SINGLE
from django.test.utils import CaptureQueriesContext


@dataclass
class Reads:
    queries: int = 0
    rows: int = 0
    sql: list[str] = field(default_factory=list)
    rows_by_query: dict[int, int] = field(default_factory=dict)

    def __str__(self) -> str:
        lines = [
            f"[{self.rows_by_query.get(i, 0)} rows] {sql[:300]}" for i, sql in enumerate(self.sql)
        ]
        return f"{self.queries} queries, {self.rows} rows\n" + "\n".join(lines)


@contextmanager
def reads() -> Iterator[Reads]:
    """Count the queries and the rows read while the block runs."""
    counted = Reads()
    original_iter = compiler.cursor_iter
    original_sql = compiler.SQLCompiler.execute_sql

    def count(rows: int) -> None:
        counted.rows += rows
        at = len(captured) - 1  # the query whose rows are being read: the last one sent
        counted.rows_by_query[at] = counted.rows_by_query.get(at, 0) + rows

    def counting_iter(*args: Any, **kwargs: Any) -> Iterator[Any]:
        for chunk in original_iter(*args, **kwargs):
            count(len(chunk))
            yield chunk

    def counting_sql(
        self: compiler.SQLCompiler, result_type: str = MULTI, *args: Any, **kwargs: Any
    ) -> Any:
        result = original_sql(self, result_type, *args, **kwargs)  # type: ignore[call-overload]
        if result_type == SINGLE and result is not None:
            count(1)
        return result

    with (
        CaptureQueriesContext(connection) as captured,
        mock.patch.object(compiler, "cursor_iter", counting_iter),
        mock.patch.object(compiler.SQLCompiler, "execute_sql", counting_sql),
    ):
        yield counted
    counted.queries = len(captured)
    counted.sql = [q["sql"] for q in captured]
