"""Measurements of a key result (how pipelines push values) and check-ins on an objective."""

from datetime import UTC, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Status

from bearing.api.auth import Caller, caller
from bearing.api.errors import BadInput
from bearing.api.lookups import (
    checkin_or_404,
    key_result_or_404,
    may_check_in,
    may_correct,
    may_edit_key_result,
    objective_or_404,
)
from bearing.api.pagination import page
from bearing.api.present import checkin_out, measurement_out
from bearing.api.schemas.activity import (
    CheckInIn,
    CheckInOut,
    CheckInPatch,
    MeasurementIn,
    MeasurementOut,
)
from bearing.api.schemas.common import READ_ERRORS, WRITE_ERRORS, Id, Page, PageQuery
from bearing.okrs.models import CheckIn, KeyResult, Measurement, MeasurementSource, Objective
from bearing.okrs.services.checkins import checkin_create, checkin_delete, checkin_update
from bearing.okrs.services.measurements import measurement_add

router = Router(tags=["measurements and check-ins"])


@router.get("/key-results/{id}/measurements", response={200: Page[MeasurementOut], **READ_ERRORS})
def list_measurements(request: HttpRequest, id: Id, params: Query[PageQuery]) -> dict[str, Any]:
    """The key result's values in time order; the last one is its current value."""
    kr = key_result_or_404(caller(request), id)
    rows = Measurement.objects.filter(key_result=kr).select_related("created_by")
    return page(request, rows, params, lambda ms: [measurement_out(m) for m in ms])


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    if timezone.is_naive(moment):
        return moment.replace(tzinfo=UTC)  # documented: a time without a zone is UTC
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise BadInput("that moment is out of range", ["body", "measured_at"]) from None


@router.post("/key-results/{id}/measurements", response={201: MeasurementOut, **WRITE_ERRORS})
def add_measurement(request: HttpRequest, id: Id, payload: MeasurementIn) -> Status[dict[str, Any]]:
    """Record a value (source: api). The latest value is the key result's current value."""
    c = caller(request)
    kr = key_result_or_404(c, id)
    may_edit_key_result(c, kr)
    with transaction.atomic():
        m = measurement_add(
            actor=c.person, key_result=kr, value=payload.value,
            measured_at=_utc(payload.measured_at), source=MeasurementSource.API, note=payload.note,
        )  # fmt: skip
    return Status(201, measurement_out(m))


def _checkins(objective: Objective) -> Any:
    values = Measurement.objects.select_related("created_by")
    return (
        CheckIn.objects.filter(objective=objective)
        .select_related("author")
        .prefetch_related(Prefetch("measurements", queryset=values))
    )


@router.get("/objectives/{id}/check-ins", response={200: Page[CheckInOut], **READ_ERRORS})
def list_checkins(request: HttpRequest, id: Id, params: Query[PageQuery]) -> dict[str, Any]:
    """The objective's weekly check-ins, newest first, with the values entered with each."""
    objective = objective_or_404(caller(request), id)
    return page(request, _checkins(objective), params, lambda cs: [checkin_out(x) for x in cs])


def checkin_values(
    c: Caller, objective: Objective, payload: CheckInIn
) -> tuple[dict[KeyResult, Any], dict[int, int]]:
    """The values by key result, and each key result's position in ``values`` (for errors).
    A key result's owner who is not an editor of the objective gives values for theirs only."""
    krs = {kr.pk: kr for kr in objective.key_results.all()}
    values: dict[KeyResult, Any] = {}
    index: dict[int, int] = {}
    for i, entry in enumerate(payload.values):
        kr = krs.get(entry.key_result)
        if kr is None:
            raise BadInput(
                "not a key result of this objective", ["body", "values", i, "key_result"]
            )
        if kr.pk in index:
            raise BadInput("this key result is given twice", ["body", "values", i, "key_result"])
        may_edit_key_result(c, kr, ["body", "values", i, "key_result"])
        index[kr.pk] = i
        milestone = kr.kind == "milestone"
        if milestone and entry.value is not None:
            raise BadInput("a milestone is done or not: send done", ["body", "values", i, "value"])
        if not milestone and entry.done is not None:
            raise BadInput("only milestones are done: send a value", ["body", "values", i, "done"])
        values[kr] = entry.done if milestone else entry.value
    return values, index


@router.post("/objectives/{id}/check-ins", response={201: CheckInOut, **WRITE_ERRORS})
def create_checkin(request: HttpRequest, id: Id, payload: CheckInIn) -> Status[dict[str, Any]]:
    """The weekly update: statuses, confidence, narrative and new values, in one transaction."""
    c = caller(request)
    objective = objective_or_404(c, id)
    may_check_in(c, objective)
    values, index = checkin_values(c, objective, payload)
    try:
        with transaction.atomic():
            checkin = checkin_create(
                actor=c.person, objective=objective, values=values,
                progress_status=payload.progress_status, capacity_status=payload.capacity_status,
                confidence=payload.confidence, narrative=payload.narrative,
                status_reason=payload.status_reason,
            )  # fmt: skip
    except ValidationError as exc:
        raise located_errors(exc, index) from None
    return Status(201, checkin_out(_checkins(objective).get(pk=checkin.pk)))


@router.patch("/check-ins/{id}", response={200: CheckInOut, **WRITE_ERRORS})
def update_checkin(request: HttpRequest, id: Id, payload: CheckInPatch) -> dict[str, Any]:
    """Its author corrects the statuses, confidence or narrative (recorded; "edited_at" says
    when); not once the cycle is closed."""
    c = caller(request)
    checkin = checkin_or_404(c, id)
    may_correct(c, checkin.author_id)
    changes = payload.model_dump(exclude_unset=True)
    for name in ("capacity_status", "progress_status", "status_reason", "narrative"):
        if name in changes and changes[name] is None:
            raise BadInput("cannot be null; leave the field out to keep it", ["body", name])
    with transaction.atomic():
        checkin_update(actor=c.person, checkin=checkin, **changes)
    return checkin_out(_checkins(checkin.objective).get(pk=checkin.pk))


@router.delete("/check-ins/{id}", response={204: None, **WRITE_ERRORS})
def delete_checkin(request: HttpRequest, id: Id) -> Status[None]:
    """Its author takes it back, with the values entered in it; not once the cycle is closed."""
    c = caller(request)
    checkin = checkin_or_404(c, id)
    may_correct(c, checkin.author_id)
    with transaction.atomic():
        checkin_delete(actor=c.person, checkin=checkin)
    return Status(204, None)


def located_errors(exc: ValidationError, index: dict[int, int]) -> ValidationError:
    """The service names values ``kr-<id>``; the client sent them as ``values[i].value``."""
    if not hasattr(exc, "error_dict"):
        return exc
    fields: dict[str, list[str]] = {}
    for field, messages in exc.message_dict.items():
        if field.startswith("kr-") and field[3:].isdigit() and int(field[3:]) in index:
            field = f"values.{index[int(field[3:])]}.value"
        fields.setdefault(field, []).extend(messages)
    return ValidationError(fields)
