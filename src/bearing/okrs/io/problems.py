"""Collecting what is wrong while importing, each problem pinned to a line and field."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction

from bearing.domain.yamlnodes import Problem, SourceLines

T = TypeVar("T")


class ImportFailed(Exception):
    """The file was rejected whole; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: p.line)
        super().__init__("\n".join(str(p) for p in self.problems))


class Problems:
    def __init__(self, filename: str, lines: SourceLines) -> None:
        self.filename = filename
        self.lines = lines
        self.items: list[Problem] = []

    def __bool__(self) -> bool:
        return bool(self.items)

    def add(self, path: str, message: str) -> None:
        self.items.append(Problem(self.filename, self.lines.line(path), path, message))

    def check(
        self, path: str, check: Callable[[], T], fields: Mapping[str, str] | None = None
    ) -> T | None:
        """Run a check that writes nothing (no savepoint needed); note its problems."""
        try:
            return check()
        except ValidationError as exc:
            self._from_validation(path, exc, fields or {})
        return None

    def attempt(
        self, path: str, write: Callable[[], T], fields: Mapping[str, str] | None = None
    ) -> T | None:
        """Run one write in a savepoint; on a validation error note it and carry on.

        Carrying on lets one import report every problem at once; the caller's
        outer transaction is rolled back when any was found, so nothing stays.
        ``fields`` maps a service's field names to the file's (``value`` → ``history[2].value``).
        """
        try:
            with transaction.atomic():
                return write()
        except ValidationError as exc:
            self._from_validation(path, exc, fields or {})
        except IntegrityError:
            # Raced by a change made at the same moment; the raw message names tables and
            # constraints, which say nothing to the person importing.
            self.add(path, "this conflicts with a change made at the same moment; import again")
        except DataError:
            self.add(path, "a value does not fit where it is stored (too long or too large)")
        return None

    def _from_validation(self, path: str, exc: ValidationError, fields: Mapping[str, str]) -> None:
        if not hasattr(exc, "error_dict"):
            self.add(path, " ".join(exc.messages))
            return
        for field, messages in exc.message_dict.items():
            where = fields.get(field, field)
            full = path if field == "__all__" or not where else f"{path}.{where}"
            self.add(full, " ".join(messages))
