"""Initiatives: the backlog under a key result — listed and added there, then read, changed
(status, owner, target date, link, order, the key results served) and deleted on their own."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from ninja import Query, Router, Status

from bearing.api.auth import Caller, caller
from bearing.api.errors import BadInput, Forbidden, NotFound
from bearing.api.lookups import (
    PATH_ID,
    key_result_named,
    key_result_or_404,
    may_edit_key_result,
    member_named,
)
from bearing.api.pagination import page
from bearing.api.schemas.common import READ_ERRORS, WRITE_ERRORS, Id, Page, PageQuery
from bearing.api.schemas.kpis import InitiativeIn, InitiativeOut, InitiativePatch
from bearing.okrs.models import Initiative, KeyResult
from bearing.okrs.permissions import INITIATIVE_EDITORS, can_edit_initiative, refusal
from bearing.okrs.selectors_web import initiative_for_change
from bearing.okrs.services.initiatives import (
    initiative_create,
    initiative_delete,
    initiative_move,
    initiative_update,
)

router = Router(tags=["initiatives"])
NOT_NULL = ("title", "description", "status", "url", "position", "key_results")


def initiative_out(initiative: Initiative, kr_ids: Sequence[int]) -> dict[str, Any]:
    return {
        "id": initiative.pk, "title": initiative.title, "description": initiative.description,
        "status": initiative.status, "owner": initiative.owner.email if initiative.owner else None,
        "target_date": initiative.target_date, "url": initiative.url,
        "position": initiative.position, "key_results": sorted(kr_ids),
    }  # fmt: skip


def _out(rows: Sequence[Initiative]) -> list[dict[str, Any]]:
    served: dict[int, list[int]] = {}
    through = Initiative.key_results.through.objects.filter(initiative_id__in=[i.pk for i in rows])
    for initiative_id, kr_id in through.values_list("initiative_id", "keyresult_id"):
        served.setdefault(initiative_id, []).append(kr_id)
    return [initiative_out(i, served.get(i.pk, [])) for i in rows]


def _one(initiative_id: int) -> dict[str, Any]:
    return _out([Initiative.objects.select_related("owner").get(pk=initiative_id)])[0]


def _initiative_or_404(c: Caller, initiative_id: int) -> tuple[Initiative, list[KeyResult]]:
    found = initiative_for_change(c.membership, initiative_id)
    if found is None:
        raise NotFound("no such initiative", PATH_ID)
    return found


@router.get("/key-results/{id}/initiatives", response={200: Page[InitiativeOut], **READ_ERRORS})
def list_initiatives(request: HttpRequest, id: Id, params: Query[PageQuery]) -> dict[str, Any]:
    """The key result's backlog, in its order."""
    kr = key_result_or_404(caller(request), id)
    rows = (
        Initiative.objects.filter(key_results=kr).select_related("owner").order_by("position", "id")
    )
    return page(request, rows, params, _out)


@router.post("/key-results/{id}/initiatives", response={201: InitiativeOut, **WRITE_ERRORS})
def create_initiative(
    request: HttpRequest, id: Id, payload: InitiativeIn
) -> Status[dict[str, Any]]:
    """Add an initiative at the end of the key result's backlog; ``also_serves``: other key
    results (of the same cycle) it moves."""
    c = caller(request)
    kr = key_result_or_404(c, id)
    may_edit_key_result(c, kr)
    others = [key_result_named(c, pk, "also_serves") for pk in payload.also_serves]
    owner = member_named(c, payload.owner, "owner") if payload.owner else None
    with transaction.atomic():
        initiative = initiative_create(
            actor=c.person, organization=c.membership.organization, title=payload.title,
            key_results=[kr, *others], owner=owner, status=payload.status,
            target_date=payload.target_date, url=payload.url, description=payload.description,
        )  # fmt: skip
    return Status(201, _one(initiative.pk))


@router.get("/initiatives/{id}", response={200: InitiativeOut, **READ_ERRORS})
def get_initiative(request: HttpRequest, id: Id) -> dict[str, Any]:
    initiative, _ = _initiative_or_404(caller(request), id)
    return _one(initiative.pk)


def _may_edit(c: Caller, initiative: Initiative, krs: list[KeyResult]) -> None:
    if not can_edit_initiative(c.access, initiative.owner_id, krs):
        raise Forbidden(refusal(c.access, INITIATIVE_EDITORS), PATH_ID)


@router.patch("/initiatives/{id}", response={200: InitiativeOut, **WRITE_ERRORS})
def update_initiative(request: HttpRequest, id: Id, payload: InitiativePatch) -> dict[str, Any]:
    """Change the fields given. ``key_results``: every key result it serves (the list
    replaces the old one). ``position``: its place in the first key result's backlog, from 1."""
    c = caller(request)
    initiative, krs = _initiative_or_404(c, id)
    _may_edit(c, initiative, krs)
    given = payload.model_dump(exclude_unset=True)
    for name in NOT_NULL:
        if name in given and given[name] is None:
            raise BadInput("cannot be null; leave the field out to keep it", ["body", name])
    if "owner" in given:
        given["owner"] = member_named(c, given["owner"], "owner") if given["owner"] else None
    if "key_results" in given:
        given["key_results"] = [
            key_result_named(c, pk, "key_results") for pk in given["key_results"]
        ]
    position = given.pop("position", None)
    with transaction.atomic():
        if given:
            initiative = initiative_update(actor=c.person, initiative=initiative, **given)
        if position is not None:
            _place(c, initiative, krs[0], position)
    return _one(initiative.pk)


def _place(c: Caller, initiative: Initiative, kr: KeyResult, position: int) -> None:
    """Move it step by step to ``position`` in the key result's backlog (a handful of rows)."""
    order = list(
        Initiative.objects.filter(key_results=kr)
        .order_by("position", "id")
        .values_list("pk", flat=True)
    )
    here = order.index(initiative.pk) + 1
    wanted = max(1, min(position, len(order)))
    step = -1 if wanted < here else 1
    for _ in range(abs(wanted - here)):
        initiative_move(actor=c.person, initiative=initiative, key_result=kr, step=step)


@router.delete("/initiatives/{id}", response={204: None, **WRITE_ERRORS})
def delete_initiative(request: HttpRequest, id: Id) -> Status[None]:
    c = caller(request)
    initiative, krs = _initiative_or_404(c, id)
    _may_edit(c, initiative, krs)
    initiative_delete(actor=c.person, initiative=initiative)
    return Status(204, None)
