"""Recording every create, update and delete: who, when, before → after."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.dispatch import Signal

from bearing.okrs.models import ChangeRecord
from bearing.orgs.models import Organization, Person

JSONValue = str | int | bool | None | list[Any]

# Sent with ``records`` (a list of ChangeRecord) inside the writing transaction, whenever
# changes are recorded — and for events that leave no record (a reaction). The notices
# (bearing.notify) listen here: one place sees every change, whichever page, API route,
# command or import made it.
changes_recorded = Signal()


def _plain(value: object) -> JSONValue:
    """A JSON-safe form of a field value (decimals as exact strings)."""
    if isinstance(value, Decimal):
        return (
            format(value.normalize(), "f")
            if value == value.to_integral()
            else str(value.normalize())
        )
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk  # type: ignore[no-any-return]
    if value is None or isinstance(value, str | int | bool):
        return value
    return str(value)


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, JSONValue]:
    """The named fields of a row; foreign keys as ids, many-to-many as sorted id lists."""
    out: dict[str, JSONValue] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        if field.many_to_many:
            out[name] = sorted(getattr(instance, name).values_list("pk", flat=True))
        elif field.is_relation:
            out[name] = getattr(instance, field.attname)  # type: ignore[union-attr]
        else:
            out[name] = _plain(getattr(instance, name))
    return out


def diff(
    before: dict[str, JSONValue], after: dict[str, JSONValue]
) -> tuple[dict[str, JSONValue], dict[str, JSONValue]]:
    """Only the fields that changed, on both sides."""
    changed = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in changed}, {k: after[k] for k in changed}


def record(**fields: Any) -> ChangeRecord:
    """Record one change now (the fields of ``entry``)."""
    change = entry(**fields)
    change.save()
    changes_recorded.send(sender=ChangeRecord, records=[change])
    return change


def record_all(entries: list[ChangeRecord]) -> None:
    """Record many changes in one insert (services that write many rows at once)."""
    ChangeRecord.objects.bulk_create(entries)
    changes_recorded.send(sender=ChangeRecord, records=entries)


def announce(**fields: Any) -> None:
    """Tell the listeners of a change that is not kept in the history (a reaction)."""
    changes_recorded.send(sender=ChangeRecord, records=[entry(**fields)])


def entry(
    *,
    organization: Organization | int,
    actor: Person | None,
    action: str,
    entity: str,
    entity_id: int,
    summary: str,
    before: dict[str, JSONValue] | None = None,
    after: dict[str, JSONValue] | None = None,
    objective_id: int | None = None,
    cycle_id: int | None = None,
) -> ChangeRecord:
    return ChangeRecord(
        # An id will do: services that write many rows need not load the organization.
        organization_id=organization if isinstance(organization, int) else organization.pk,
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        entity=entity,
        entity_id=entity_id,
        summary=summary[:300],
        before=before,
        after=after,
        objective_id=objective_id,
        cycle_id=cycle_id,
    )
