"""Hand-built histories for time travel: things done on chosen days of a quarter, their
change records and rows dated as if they had happened then."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from bearing.okrs.models import AlignmentLink, ChangeRecord, KeyResult, Measurement, Objective
from tests.maturity.quarter import on

MADE = {"objective": Objective, "key_result": KeyResult, "alignment_link": AlignmentLink}


@contextmanager
def on_day(day: date) -> Iterator[None]:
    """What the block does happened on ``day``: its change records, and the rows it makes."""
    mark = ChangeRecord.objects.order_by("-id").values_list("id", flat=True).first() or 0
    yield
    made = ChangeRecord.objects.filter(id__gt=mark)
    for entity, model in MADE.items():
        ids = made.filter(action="create", entity=entity).values_list("entity_id", flat=True)
        model.objects.filter(pk__in=list(ids)).update(created_at=on(day))  # type: ignore[attr-defined]
    measured = made.filter(action="create", entity="measurement").values_list("entity_id")
    Measurement.objects.filter(pk__in=measured).update(measured_at=on(day))
    for record in made.filter(action="create", entity="measurement"):
        record.after = {**(record.after or {}), "measured_at": on(day).isoformat()}
        record.save(update_fields=["after"])
    made.update(at=on(day))
