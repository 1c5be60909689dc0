"""Objectives: list (by cycle, team, owner), create, read, change, delete — with their scores."""

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Status

from bearing.api.auth import Caller, caller
from bearing.api.errors import BadInput, Forbidden
from bearing.api.lookups import (
    cycle_named,
    may_edit,
    member_named,
    objective_or_404,
    team_named,
    teams_named,
)
from bearing.api.pagination import page
from bearing.api.present import objectives_for_output, objectives_out
from bearing.api.schemas.common import READ_ERRORS, WRITE_ERRORS, ErrorOut, Id, Page, PageQuery
from bearing.api.schemas.okrs import ObjectiveIn, ObjectiveOut, ObjectivePatch, ObjectiveQuery
from bearing.api.versioning import etag, version_of
from bearing.okrs.models import Objective
from bearing.okrs.permissions import OWN_TEAMS_ONLY, can_own
from bearing.okrs.selectors import visible_objectives
from bearing.okrs.selectors_kpis import kpi_of
from bearing.okrs.services.objectives import objective_create, objective_delete, objective_update
from bearing.orgs.models import Person, Team

router = Router(tags=["objectives"])
NOT_NULL = ("title", "description", "contributors", "state", "visibility", "ref")


def one_out(c: Caller, objective_id: int) -> dict[str, Any]:
    rows = objectives_for_output(Objective.objects.filter(pk=objective_id))
    return objectives_out(c, list(rows))[0]


def _filtered(c: Caller, filters: ObjectiveQuery) -> QuerySet[Objective]:
    rows = visible_objectives(c.membership)
    if filters.cycle is not None:
        rows = rows.filter(cycle_id=filters.cycle)
    if filters.team is not None:
        rows = rows.filter(team_id=filters.team)
    if filters.owner is not None:
        rows = rows.filter(owner__email=filters.owner.strip().lower())
    return objectives_for_output(rows).order_by("-cycle__start", "id")


@router.get("/objectives", response={200: Page[ObjectiveOut], **READ_ERRORS})
def list_objectives(
    request: HttpRequest, filters: Query[ObjectiveQuery], params: Query[PageQuery]
) -> dict[str, Any]:
    """The objectives the caller may see, with key results and scores; private ones only for
    their owner, the owning team's leads and admins."""
    c = caller(request)
    return page(request, _filtered(c, filters), params, lambda rows: objectives_out(c, rows))


def _may_own(
    c: Caller, team: Team | None, owner: Person | None, field: str, current: Objective | None = None
) -> None:
    owner_id = owner.pk if owner is not None else None
    if not can_own(c.access, team=team, owner_id=owner_id, current=current):
        raise Forbidden(OWN_TEAMS_ONLY, ["body", field])


@router.post("/objectives", response={201: ObjectiveOut, **WRITE_ERRORS})
def create_objective(request: HttpRequest, payload: ObjectiveIn) -> Status[dict[str, Any]]:
    c = caller(request)
    cycle = cycle_named(c, payload.cycle, "cycle")
    team = team_named(c, payload.team, "team") if payload.team is not None else None
    owner = member_named(c, payload.owner, "owner") if payload.owner else None
    if team is None and owner is None:
        owner = c.person  # an individual objective is the caller's own unless they say whose
    contributors = teams_named(c, payload.contributors, "contributors")
    moves_kpi = None
    if payload.moves_kpi is not None:
        moves_kpi = kpi_of(c.access.organization_id, payload.moves_kpi)
        if moves_kpi is None:
            raise BadInput("no such KPI", ["body", "moves_kpi"])
    _may_own(c, team, owner, "team" if team else "owner")
    with transaction.atomic():
        objective = objective_create(
            actor=c.person, cycle=cycle, title=payload.title, team=team, owner=owner,
            description=payload.description, contributors=contributors, state=payload.state,
            visibility=payload.visibility, ref=payload.ref, moves_kpi=moves_kpi,
        )  # fmt: skip
    return Status(201, one_out(c, objective.pk))


@router.get("/objectives/{id}", response={200: ObjectiveOut, **READ_ERRORS})
def get_objective(request: HttpRequest, id: Id, response: HttpResponse) -> dict[str, Any]:
    """One objective; the ETag header carries its version for If-Match."""
    c = caller(request)
    objective = objective_or_404(c, id)
    etag(response, objective.version)
    return one_out(c, objective.pk)


def _changes(c: Caller, payload: ObjectivePatch) -> dict[str, Any]:
    given = payload.model_dump(exclude_unset=True, exclude={"version"})
    for name in NOT_NULL:
        if name in given and given[name] is None:
            raise BadInput("cannot be null; leave the field out to keep it", ["body", name])
    if "team" in given:
        given["team"] = team_named(c, given["team"], "team") if given["team"] else None
    if "owner" in given:
        given["owner"] = member_named(c, given["owner"], "owner") if given["owner"] else None
    if "contributors" in given:
        given["contributors"] = teams_named(c, given["contributors"], "contributors")
    if "moves_kpi" in given and given["moves_kpi"] is not None:
        kpi = kpi_of(c.access.organization_id, given["moves_kpi"])
        if kpi is None:
            raise BadInput("no such KPI", ["body", "moves_kpi"])
        given["moves_kpi"] = kpi
    return given


@router.patch("/objectives/{id}", response={200: ObjectiveOut, **WRITE_ERRORS, 428: ErrorOut})
def update_objective(
    request: HttpRequest, id: Id, payload: ObjectivePatch, response: HttpResponse
) -> dict[str, Any]:
    """Change the fields given. Needs the version read (``version`` or If-Match); stale → 409."""
    c = caller(request)
    objective = objective_or_404(c, id)
    may_edit(c, objective)
    version = version_of(request, payload.version, required=True)
    changes = _changes(c, payload)
    if "team" in changes or "owner" in changes:
        # Moving it must leave it somewhere the caller could have created it.
        team = changes.get("team", objective.team)
        owner = changes.get("owner", objective.owner)
        _may_own(c, team, owner, "team" if "team" in changes else "owner", current=objective)
    with transaction.atomic():
        updated = objective_update(actor=c.person, objective=objective, version=version, **changes)
    etag(response, updated.version)
    return one_out(c, updated.pk)


@router.delete("/objectives/{id}", response={204: None, **WRITE_ERRORS})
def delete_objective(request: HttpRequest, id: Id) -> Status[None]:
    """Delete it with its key results, check-ins and links. If-Match, when sent, must be current."""
    c = caller(request)
    objective = objective_or_404(c, id)
    may_edit(c, objective)
    version = version_of(request, None, required=False)
    with transaction.atomic():
        objective_delete(actor=c.person, objective=objective, version=version)
    return Status(204, None)
