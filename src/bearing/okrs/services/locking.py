"""Optimistic locking: re-read a row under a write lock and check the caller saw its version."""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet

from bearing.okrs.errors import ConflictError

M = TypeVar("M", bound=Model)


def locked(rows: QuerySet[M], pk: int, version: int | None) -> M:
    """The row, locked until the transaction ends; ConflictError if ``version`` is stale.

    ``of=("self",)``: PostgreSQL cannot lock the nullable side of the joins that
    ``select_related`` adds, and only this row needs the lock anyway."""
    fresh = rows.select_for_update(of=("self",)).get(pk=pk)
    current: int = getattr(fresh, "version")  # noqa: B009 -- every locked model has one
    if version is not None and version != current:
        raise ConflictError(current)
    return fresh


def reject_unknown(fields: dict[str, object], editable: tuple[str, ...]) -> None:
    unknown = set(fields) - set(editable)
    if unknown:
        raise ValidationError({name: ["cannot be changed here"] for name in sorted(unknown)})
