"""My week over HTTP: the same objectives and key results as the page, and one request that
checks in on all of them (``week_save``: all or nothing)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Status

from bearing.api.auth import Caller, caller
from bearing.api.errors import ApiError, BadInput, Forbidden
from bearing.api.routes.activity import checkin_values, located_errors
from bearing.api.schemas.common import READ_ERRORS, WRITE_ERRORS
from bearing.api.schemas.my_week import WeekIn, WeekOut, WeekSavedOut
from bearing.okrs.models import KeyResult
from bearing.okrs.permissions import (
    CHECK_IN_WRITERS,
    KEY_RESULT_EDITORS,
    VIEWERS_READ,
    can_check_in,
    can_edit_key_result,
    refusal,
)
from bearing.okrs.selectors import visible_objectives
from bearing.okrs.selectors_week import load_week
from bearing.okrs.services.checkins import forecast_status
from bearing.okrs.services.my_week import ObjectiveCheckIn, Value, WeekRefused, week_save

router = Router(tags=["my week"])


def _kr(kr: KeyResult) -> dict[str, Any]:
    return {
        "id": kr.pk, "title": kr.title, "kind": kr.kind or None, "unit": kr.unit,
        "current": float(kr.current) if kr.current is not None else None, "done": kr.done,
    }  # fmt: skip


@router.get("/my-week", response={200: WeekOut, **READ_ERRORS})
def show_week(request: HttpRequest) -> dict[str, Any]:
    """The active objectives the caller owns in the running cycles, with their key results'
    latest values, the forecast's status and the last check-in's capacity and confidence;
    and the key results they own in others' objectives."""
    c = caller(request)
    week = load_week(c.access)
    bands = c.membership.organization.bands
    today = timezone.now().date()
    objectives = []
    for o in week.objectives:
        last = week.last_checkins.get(o.pk)
        objectives.append({
            "id": o.pk, "title": o.title, "cycle": o.cycle_id,
            "suggested_status": forecast_status(o, o.cycle, bands, today) or None,
            "last_checkin_at": last.created_at if last else None,
            "capacity_status": last.capacity_status if last else None,
            "confidence": last.confidence if last else None,
            "key_results": [_kr(kr) for kr in o.key_results.all() if kr.kind],
        })  # fmt: skip
    others = [{**_kr(kr), "objective": kr.objective_id} for kr in week.key_results if kr.kind]
    return {"objectives": objectives, "key_results": others, "more": week.more}


@router.post("/my-week", response={201: WeekSavedOut, **WRITE_ERRORS})
def save_week(request: HttpRequest, payload: WeekIn) -> Status[dict[str, Any]]:
    """Check in on each objective of ``checkins`` (each as `POST /objectives/{id}/check-ins`)
    and record ``values``, in one transaction: one refusal and nothing is written, every
    error at its place in the body."""
    c = caller(request)
    if not c.access.can_write:
        raise Forbidden(VIEWERS_READ, ["header", "Authorization"])
    checkins, indexes = _checkins(c, payload)
    values = _values(c, payload)
    try:
        saved = week_save(actor=c.person, checkins=checkins, values=values)
    except WeekRefused as refused:
        raise _located(refused, payload, indexes) from None
    return Status(201, {"checkins": [x.pk for x in saved.checkins], "values": saved.values})


def _checkins(c: Caller, payload: WeekIn) -> tuple[list[ObjectiveCheckIn], list[dict[int, int]]]:
    ids = [item.objective for item in payload.checkins]
    found = {
        o.pk: o
        for o in visible_objectives(c.membership)
        .filter(pk__in=ids)
        .select_related("cycle", "team", "organization")
        .prefetch_related("key_results")
    }
    checkins: list[ObjectiveCheckIn] = []
    indexes: list[dict[int, int]] = []
    for j, item in enumerate(payload.checkins):
        objective = found.get(item.objective)
        if objective is None:
            raise BadInput("no such objective", ["body", "checkins", j, "objective"])
        if item.objective in ids[:j]:
            raise BadInput("this objective is given twice", ["body", "checkins", j, "objective"])
        if not can_check_in(c.access, objective):
            raise Forbidden(
                refusal(c.access, CHECK_IN_WRITERS), ["body", "checkins", j, "objective"]
            )
        try:
            values, index = checkin_values(c, objective, item)
        except ApiError as exc:  # located in the check-in's own body: move it under checkins[j]
            exc.loc = ["body", "checkins", j, *exc.loc[1:]]
            raise
        indexes.append(index)
        checkins.append(ObjectiveCheckIn(
            objective=objective, values=values, progress_status=item.progress_status,
            capacity_status=item.capacity_status, confidence=item.confidence,
            narrative=item.narrative, status_reason=item.status_reason,
        ))  # fmt: skip
    return checkins, indexes


def _values(c: Caller, payload: WeekIn) -> dict[KeyResult, Value]:
    ids = [entry.key_result for entry in payload.values]
    found = {
        kr.pk: kr
        for kr in KeyResult.objects.filter(
            pk__in=ids, objective__in=visible_objectives(c.membership)
        ).select_related("objective", "objective__cycle", "cycle")
    }
    values: dict[KeyResult, Value] = {}
    for i, entry in enumerate(payload.values):
        at: list[str | int] = ["body", "values", i]
        kr = found.get(entry.key_result)
        if kr is None:
            raise BadInput("no such key result", [*at, "key_result"])
        if kr in values:
            raise BadInput("this key result is given twice", [*at, "key_result"])
        if not can_edit_key_result(c.access, kr):
            raise Forbidden(refusal(c.access, KEY_RESULT_EDITORS), [*at, "key_result"])
        milestone = kr.kind == "milestone"
        if milestone and entry.value is not None:
            raise BadInput("a milestone is done or not: send done", [*at, "value"])
        if not milestone and entry.done is not None:
            raise BadInput("only milestones are done: send a value", [*at, "done"])
        values[kr] = entry.done if milestone else entry.value
    return values


def _located(
    refused: WeekRefused, payload: WeekIn, indexes: list[dict[int, int]]
) -> ValidationError:
    """Every refusal at its place in the body: checkins[j]… for a check-in, values[i] for a value."""
    fields: dict[str, list[str]] = {}
    for j, item in enumerate(payload.checkins):
        if exc := refused.checkins.get(item.objective):
            for field, messages in located_errors(exc, indexes[j]).message_dict.items():
                path = f"checkins.{j}" if field == "__all__" else f"checkins.{j}.{field}"
                fields.setdefault(path, []).extend(messages)
    for i, entry in enumerate(payload.values):
        if exc := refused.values.get(entry.key_result):
            fields.setdefault(f"values.{i}.value", []).extend(exc.messages)
    return ValidationError(fields)
