"""Recording key-result values: by hand, with a check-in, from the API or an import."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from bearing.domain.limits import FUTURE_TOLERANCE, MAX_NOTE, MEASUREMENT_LEAD, MIN_DAY
from bearing.domain.model import KRKind
from bearing.okrs.models import CheckIn, KeyResult, Measurement, MeasurementSource
from bearing.okrs.services import changes
from bearing.okrs.services.values import checked_decimal, checked_text
from bearing.orgs.models import Person


@transaction.atomic
def measurement_add(
    *,
    actor: Person | None,
    key_result: KeyResult,
    value: Decimal | str | int,
    measured_at: datetime | None = None,
    source: str = MeasurementSource.MANUAL,
    note: str = "",
    checkin: CheckIn | None = None,
) -> Measurement:
    if not key_result.kind:
        raise ValidationError(
            {"value": ["this key result is a draft: give it a kind, start and target first"]}
        )
    if key_result.kind == KRKind.MILESTONE:
        raise ValidationError(
            {"value": ["a milestone is done or not; mark it done instead of a value"]}
        )
    if source not in MeasurementSource.values:
        raise ValidationError({"source": [f"use one of {', '.join(MeasurementSource.values)}"]})
    number = checked_decimal(value, "value")
    now = timezone.now()
    when = measured_at or now
    if timezone.is_naive(when):
        raise ValidationError({"measured_at": ["give a time zone, e.g. 2026-02-10T09:00:00Z"]})
    if when > now + FUTURE_TOLERANCE:
        raise ValidationError({"measured_at": ["that moment is in the future"]})
    earliest = max(MIN_DAY, key_result.cycle.start - MEASUREMENT_LEAD)
    if when.date() < earliest:
        raise ValidationError(
            {"measured_at": [f"that is long before the cycle; give a moment from {earliest} on"]}
        )
    note = checked_text(note, "note", limit=MAX_NOTE)
    measurement = Measurement.objects.create(
        organization_id=key_result.organization_id, key_result=key_result, value=number,
        measured_at=when, source=source, note=note.strip(), checkin=checkin,
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )  # fmt: skip
    changes.record(
        organization=key_result.organization, actor=actor, action="create", entity="measurement",
        entity_id=measurement.pk,
        summary=f"recorded {number.normalize():f}{key_result.unit and ' ' + key_result.unit} "
        f"for “{key_result.title}” ({source})",
        after={"value": changes.snapshot(measurement, ["value"])["value"], "measured_at": when.isoformat()},
        objective_id=key_result.objective_id, cycle_id=key_result.cycle_id,
    )  # fmt: skip
    return measurement
