"""Rewinding rows through the change records: what they were before the changes made since.

Every create, update and delete of an objective, key result or alignment link is recorded
with the fields before and after (``okrs.services.changes``). Starting from the rows of now
and undoing the changes made after a day, newest first, gives the rows of that day:

- made since → absent then;
- changed since → the changed fields take their values from before the change;
- deleted since → present then, as the deletion recorded it (with the objective it belonged
  to, from the record, when the snapshot does not name it).

``replay`` goes the other way, from the records alone, oldest first: for rows deleted without
a record of their own (a key result or link deleted with its objective), whose objective comes
back.

Pure: rows are plain dicts of field name → value as the change records spell them (foreign
keys as ids, decimals as strings).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

Row = dict[str, Any]


@dataclass(frozen=True)
class Change:
    """One recorded change of one row (``action``: create, update or delete)."""

    action: str
    entity_id: int
    before: Mapping[str, Any] = field(default_factory=dict)
    objective_id: int | None = None
    after: Mapping[str, Any] = field(default_factory=dict)


def rewind(now: Mapping[int, Mapping[str, Any]], since: Iterable[Change]) -> dict[int, Row]:
    """The rows as they were before ``since``: the changes made after the day, newest first."""
    rows: dict[int, Row] = {pk: dict(row) for pk, row in now.items()}
    for change in since:
        if change.action == "create":
            rows.pop(change.entity_id, None)
        elif change.action == "update":
            row = rows.get(change.entity_id)
            if row is not None:
                row.update(change.before)
        elif change.action == "delete" and change.before:
            rows[change.entity_id] = {"objective": change.objective_id, **change.before}
    return rows


def replay(changes: Iterable[Change]) -> dict[int, Row]:
    """The rows the changes made, oldest first: made → as made, changed → the new values,
    deleted → gone."""
    rows: dict[int, Row] = {}
    for change in changes:
        if change.action == "create":
            rows[change.entity_id] = {"objective": change.objective_id, **change.after}
        elif change.action == "update" and change.entity_id in rows:
            rows[change.entity_id].update(change.after)
        elif change.action == "delete":
            rows.pop(change.entity_id, None)
    return rows
