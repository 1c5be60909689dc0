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

    def __str__(self) -> str:
        return f"{self.queries} queries, {self.rows} rows\n" + "\n".join(self.sql)


@contextmanager
def reads() -> Iterator[Reads]:
    """Count the queries and the rows read while the block runs."""
    counted = Reads()
    original_iter = compiler.cursor_iter
    original_sql = compiler.SQLCompiler.execute_sql

    def counting_iter(*args: Any, **kwargs: Any) -> Iterator[Any]:
        for chunk in original_iter(*args, **kwargs):
            counted.rows += len(chunk)
            yield chunk

    def counting_sql(
        self: compiler.SQLCompiler, result_type: str = MULTI, *args: Any, **kwargs: Any
    ) -> Any:
        result = original_sql(self, result_type, *args, **kwargs)  # type: ignore[call-overload]
        if result_type == SINGLE and result is not None:
            counted.rows += 1
        return result

    with (
        CaptureQueriesContext(connection) as captured,
        mock.patch.object(compiler, "cursor_iter", counting_iter),
        mock.patch.object(compiler.SQLCompiler, "execute_sql", counting_sql),
    ):
        yield counted
    counted.queries = len(captured)
    counted.sql = [q["sql"] for q in captured]
