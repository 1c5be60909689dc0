"""Recording key-result values: by hand, with a check-in, from the API or an import."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from bearing.domain.limits import FUTURE_TOLERANCE, MAX_NOTE, MEASUREMENT_LEAD, MIN_DAY
from bearing.domain.model import KRKind
from bearing.okrs import derived
from bearing.okrs.models import (
    CheckIn,
    Cycle,
    CycleState,
    KeyResult,
    Measurement,
    MeasurementSource,
)
from bearing.okrs.services import changes
from bearing.okrs.services.values import checked_decimal, checked_text
from bearing.orgs.models import Person


@dataclass(frozen=True)
class NewValue:
    """One value to record: the number, when it was measured (None: now), a note."""

    value: Decimal | str | int
    measured_at: datetime | None = None
    note: str = ""


def _checked(
    actor: Person | None, key_result: KeyResult, new: NewValue, source: str, now: datetime,
    checkin: CheckIn | None,
) -> Measurement:  # fmt: skip
    number = checked_decimal(new.value, "value")
    when = new.measured_at or now
    if timezone.is_naive(when):
        raise ValidationError({"measured_at": ["give a time zone, e.g. 2026-02-10T09:00:00Z"]})
    if when > now + FUTURE_TOLERANCE:
        raise ValidationError({"measured_at": ["that moment is in the future"]})
    earliest = max(MIN_DAY, key_result.cycle.start - MEASUREMENT_LEAD)
    if when.date() < earliest:
        raise ValidationError(
            {"measured_at": [f"that is long before the cycle; give a moment from {earliest} on"]}
        )
    note = checked_text(new.note, "note", limit=MAX_NOTE)
    return Measurement(
        organization_id=key_result.organization_id, key_result=key_result, value=number,
        measured_at=when, source=source, note=note.strip(), checkin=checkin,
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )  # fmt: skip


def _takes_values(key_result: KeyResult) -> None:
    if not key_result.kind:
        raise ValidationError(
            {"value": ["this key result is a draft: give it a kind, start and target first"]}
        )
    if key_result.kind == KRKind.MILESTONE:
        raise ValidationError(
            {"value": ["a milestone is done or not; mark it done instead of a value"]}
        )


@transaction.atomic
def measurements_add(
    *,
    actor: Person | None,
    key_result: KeyResult,
    values: Sequence[NewValue],
    source: str = MeasurementSource.MANUAL,
    checkin: CheckIn | None = None,
) -> list[Measurement]:
    """Record values of a key result, all or none (the first wrong one is the ValidationError)."""
    return measurements_add_all(
        actor=actor, values=[(key_result, v) for v in values], source=source, checkin=checkin
    )


@transaction.atomic
def measurements_add_all(
    *,
    actor: Person | None,
    values: Sequence[tuple[KeyResult, NewValue]],
    source: str = MeasurementSource.MANUAL,
    checkin: CheckIn | None = None,
) -> list[Measurement]:
    """Record values of any key results, all or none, in one insert whatever their number:
    how an import brings its history without holding the write lock long (issue 10.4)."""
    if source not in MeasurementSource.values:
        raise ValidationError({"source": [f"use one of {', '.join(MeasurementSource.values)}"]})
    now = timezone.now()
    rows = []
    for key_result, new in values:
        _takes_values(key_result)
        rows.append(_checked(actor, key_result, new, source, now, checkin))
    closed = Cycle.objects.filter(pk__in={kr.cycle_id for kr, _ in values}, state=CycleState.CLOSED)
    if closed.exists():
        raise ValidationError(
            {"value": ["its cycle is closed: the values of a closed cycle are history"]}
        )
    Measurement.objects.bulk_create(rows)
    changes.record_all([
        changes.entry(
            organization=m.organization_id, actor=actor, action="create",
            entity="measurement", entity_id=m.pk,
            summary=f"recorded {m.value.normalize():f}{kr.unit and ' ' + kr.unit} "
            f"for “{kr.title}” ({source})",
            after={"value": changes.snapshot(m, ["value"])["value"],
                   "measured_at": m.measured_at.isoformat(), "key_result": kr.pk},
            objective_id=kr.objective_id, cycle_id=kr.cycle_id,
        )
        for (kr, _), m in zip(values, rows, strict=True)
    ])  # fmt: skip
    derived.refresh_key_results({kr.pk for kr, _ in values})
    return rows


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
    """Record one value: by hand, with a check-in, from the API."""
    return measurements_add(
        actor=actor, key_result=key_result, values=[NewValue(value, measured_at, note)],
        source=source, checkin=checkin,
    )[0]  # fmt: skip


@transaction.atomic
def measurement_delete(*, actor: Person | None, measurement: Measurement) -> None:
    """Take a value back (with the check-in it was entered in); recorded like any change."""
    kr = measurement.key_result
    changes.record(
        organization=kr.organization, actor=actor, action="delete", entity="measurement",
        entity_id=measurement.pk,
        summary=f"removed the value {measurement.value.normalize():f} of “{kr.title}”",
        before={"value": changes.snapshot(measurement, ["value"])["value"],
                "measured_at": measurement.measured_at.isoformat(), "key_result": kr.pk},
        objective_id=kr.objective_id, cycle_id=kr.cycle_id,
    )  # fmt: skip
    measurement.delete()
    derived.refresh_key_results([kr.pk])
