"""Recording key-result values: by hand, with a check-in, from the API or an import."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from bearing.domain.model import KRKind
from bearing.okrs.models import CheckIn, KeyResult, Measurement, MeasurementSource
from bearing.okrs.services import changes
from bearing.okrs.services.values import checked_decimal
from bearing.orgs.models import Person

# Clocks disagree a little; a value dated further ahead than this is a mistake.
FUTURE_TOLERANCE = timedelta(days=1)


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
    if len(note) > 500:
        raise ValidationError({"note": ["keep the note under 500 characters"]})
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


@transaction.atomic
def measurement_delete(*, actor: Person | None, measurement: Measurement) -> None:
    """Take a value back (with the check-in it was entered in); recorded like any change."""
    kr = measurement.key_result
    changes.record(
        organization=kr.organization, actor=actor, action="delete", entity="measurement",
        entity_id=measurement.pk,
        summary=f"removed the value {measurement.value.normalize():f} of “{kr.title}”",
        before={"value": changes.snapshot(measurement, ["value"])["value"],
                "measured_at": measurement.measured_at.isoformat()},
        objective_id=kr.objective_id, cycle_id=kr.cycle_id,
    )  # fmt: skip
    measurement.delete()
