"""My week: one person's check-ins on all their objectives and values of all their key
results, saved at once — every part or none.

Each objective's check-in is ``checkin_create`` and each value ``record_value`` (the rules
of the single check-in); this module only runs them together in one transaction and
gathers every refusal, so the page can show all of them beside their fields at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from bearing.okrs.models import CheckIn, KeyResult, Objective
from bearing.okrs.services.checkins import checkin_closed_reason, checkin_create, record_value
from bearing.orgs.models import Person

Value = Decimal | str | bool | None


@dataclass(frozen=True)
class ObjectiveCheckIn:
    """What the person says about one objective they own, with the values they entered."""

    objective: Objective
    values: Mapping[KeyResult, Value]
    progress_status: str | None
    capacity_status: str
    confidence: int | None = None
    narrative: str = ""
    status_reason: str = ""


@dataclass
class WeekRefused(Exception):
    """Nothing was saved. ``checkins``: objective id → its check-in's errors; ``values``: key
    result id → the errors of its value (key results outside the person's objectives)."""

    checkins: dict[int, ValidationError] = field(default_factory=dict)
    values: dict[int, ValidationError] = field(default_factory=dict)


@dataclass(frozen=True)
class WeekSaved:
    checkins: list[CheckIn]
    values: int  # values recorded outside the check-ins (key results of others' objectives)


def week_save(
    *,
    actor: Person,
    checkins: Sequence[ObjectiveCheckIn],
    values: Mapping[KeyResult, Value] | None = None,
    at: datetime | None = None,
) -> WeekSaved:
    """Check in on every objective of ``checkins`` and record ``values`` (key results the
    person owns in objectives they do not), in one transaction. Raises ``WeekRefused`` with
    every error found — the checks run on all parts before the transaction rolls back."""
    when = at or timezone.now()
    refused = WeekRefused()
    saved: list[CheckIn] = []
    recorded = 0
    with transaction.atomic():
        for item in checkins:
            try:  # checkin_create is atomic: a refused one leaves nothing of itself
                saved.append(_check_in(actor, item, when))
            except ValidationError as exc:
                refused.checkins[item.objective.pk] = exc
        for kr, value in (values or {}).items():
            if value is None or value == "":
                continue
            try:
                with transaction.atomic():
                    if reason := checkin_closed_reason(kr.objective):
                        raise ValidationError({"value": [reason]})
                    record_value(actor, kr, value, None, when)
                recorded += 1
            except ValidationError as exc:
                refused.values[kr.pk] = exc
        if refused.checkins or refused.values:
            transaction.set_rollback(True)
    if refused.checkins or refused.values:
        raise refused
    return WeekSaved(saved, recorded)


def _check_in(actor: Person, item: ObjectiveCheckIn, when: datetime) -> CheckIn:
    return checkin_create(
        actor=actor, objective=item.objective, values=item.values,
        progress_status=item.progress_status, capacity_status=item.capacity_status,
        confidence=item.confidence, narrative=item.narrative, status_reason=item.status_reason,
        at=when,
    )  # fmt: skip
