"""Django's SQLite backend, reading stored decimals without ever failing.

SQLite keeps decimals as floats; Django rounds them to 15 significant digits and then
quantizes them to the column's places within its ``max_digits``. A value stored
before Bearing bounded its numbers (domain/limits.py) — 999999999999999999, say —
rounds up to 10^18, no longer fits, and ``decimal.InvalidOperation`` used to fail
every page that read it, for everyone in the organization. Such a value is now read
as the nearest decimal SQLite can give, so pages show it and it can be corrected.
"""

from __future__ import annotations

import decimal
from collections.abc import Callable
from typing import Any

from django.db.backends.sqlite3 import base, operations

Converter = Callable[[Any, Any, Any], Any]


class DatabaseOperations(operations.DatabaseOperations):
    def get_decimalfield_converter(self, expression: Any) -> Converter:
        strict: Converter = super().get_decimalfield_converter(expression)
        lenient = decimal.Context(prec=15).create_decimal_from_float

        def converter(value: Any, expression: Any, connection: Any) -> Any:
            try:
                return strict(value, expression, connection)
            except decimal.InvalidOperation:
                return lenient(value)

        return converter


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
