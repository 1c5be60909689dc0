"""Key results: added to an objective, then read, changed and deleted on their own."""

from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from ninja import Router, Status

from bearing.api.auth import Caller, caller
from bearing.api.errors import BadInput
from bearing.api.lookups import (
    key_result_or_404,
    may_edit,
    may_edit_key_result,
    member_named,
    objective_or_404,
)
from bearing.api.present import key_result_out as present_key_result
from bearing.api.present import objectives_for_output, score
from bearing.api.schemas.common import READ_ERRORS, WRITE_ERRORS, ErrorOut, Id
from bearing.api.schemas.okrs import KeyResultIn, KeyResultOut, KeyResultPatch
from bearing.api.versioning import etag, version_of
from bearing.okrs.models import Objective
from bearing.okrs.services.key_results import (
    key_result_create,
    key_result_delete,
    key_result_update,
)

router = Router(tags=["key results"])
NOT_NULL = ("title", "unit", "weight", "done", "ref")


def key_result_out(c: Caller, objective_id: int, key_result_id: int) -> dict[str, Any]:
    """The key result scored within its objective (scores need the whole objective)."""
    rows = objectives_for_output(Objective.objects.filter(pk=objective_id))
    scored = score(c, list(rows))[0]
    return next(present_key_result(kr, s) for kr, s in scored.key_results if kr.pk == key_result_id)


@router.post("/objectives/{id}/key-results", response={201: KeyResultOut, **WRITE_ERRORS})
def create_key_result(request: HttpRequest, id: Id, payload: KeyResultIn) -> Status[dict[str, Any]]:
    """Add a key result; with no kind, start and target say increase or decrease; with no
    kind and no numbers it is a draft (no score yet)."""
    c = caller(request)
    objective = objective_or_404(c, id)
    may_edit(c, objective)
    owner = member_named(c, payload.owner, "owner") if payload.owner else None
    with transaction.atomic():
        kr = key_result_create(
            actor=c.person, objective=objective, title=payload.title, kind=payload.kind or "",
            start=payload.start, target=payload.target, unit=payload.unit,
            weight=payload.weight, owner=owner, done=payload.done, ref=payload.ref,
        )  # fmt: skip
    return Status(201, key_result_out(c, objective.pk, kr.pk))


@router.get("/key-results/{id}", response={200: KeyResultOut, **READ_ERRORS})
def get_key_result(request: HttpRequest, id: Id, response: HttpResponse) -> dict[str, Any]:
    c = caller(request)
    kr = key_result_or_404(c, id)
    etag(response, kr.version)
    return key_result_out(c, kr.objective_id, kr.pk)


def _changes(c: Caller, payload: KeyResultPatch) -> dict[str, Any]:
    given = payload.model_dump(exclude_unset=True, exclude={"version"})
    for name in NOT_NULL:
        if name in given and given[name] is None:
            raise BadInput("cannot be null; leave the field out to keep it", ["body", name])
    if "owner" in given:
        given["owner"] = member_named(c, given["owner"], "owner") if given["owner"] else None
    if "kind" in given:
        given["kind"] = given["kind"] or ""  # null makes it a draft again
    return given


@router.patch("/key-results/{id}", response={200: KeyResultOut, **WRITE_ERRORS, 428: ErrorOut})
def update_key_result(
    request: HttpRequest, id: Id, payload: KeyResultPatch, response: HttpResponse
) -> dict[str, Any]:
    """Change the fields given. Needs the version read (``version`` or If-Match); stale → 409."""
    c = caller(request)
    kr = key_result_or_404(c, id)
    may_edit_key_result(c, kr)
    version = version_of(request, payload.version, required=True)
    changes = _changes(c, payload)
    with transaction.atomic():
        updated = key_result_update(actor=c.person, key_result=kr, version=version, **changes)
    etag(response, updated.version)
    return key_result_out(c, updated.objective_id, updated.pk)


@router.delete("/key-results/{id}", response={204: None, **WRITE_ERRORS})
def delete_key_result(request: HttpRequest, id: Id) -> Status[None]:
    c = caller(request)
    kr = key_result_or_404(c, id)
    may_edit(c, kr.objective)
    version = version_of(request, None, required=False)
    with transaction.atomic():
        key_result_delete(actor=c.person, key_result=kr, version=version)
    return Status(204, None)
