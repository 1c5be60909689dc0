"""Cycles and teams: everyone reads them; admins create them."""

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from ninja import Query, Router, Status

from bearing.api.auth import caller
from bearing.api.lookups import cycle_named, cycle_or_404, may_administer, team_named
from bearing.api.pagination import page
from bearing.api.present import cycle_out, team_out
from bearing.api.schemas.common import READ_ERRORS, WRITE_ERRORS, Id, Page, PageQuery
from bearing.api.schemas.orgs import CycleIn, CycleOut, TeamIn, TeamOut
from bearing.okrs.selectors import cycles_of
from bearing.okrs.services.cycles import cycle_create
from bearing.orgs.selectors import teams_of
from bearing.orgs.services import team_create

router = Router(tags=["cycles and teams"])


@router.get("/cycles", response={200: Page[CycleOut], **READ_ERRORS})
def list_cycles(request: HttpRequest, params: Query[PageQuery]) -> dict[str, Any]:
    """The organization's cycles, latest first."""
    cycles = cycles_of(caller(request).organization)
    return page(request, cycles, params, lambda rows: [cycle_out(c) for c in rows])


@router.post("/cycles", response={201: CycleOut, **WRITE_ERRORS})
def create_cycle(request: HttpRequest, payload: CycleIn) -> Status[dict[str, Any]]:
    """Admins only. A cycle inside another (a quarter in a year) names it as ``parent``."""
    c = caller(request)
    may_administer(c, "create cycles")
    parent = cycle_named(c, payload.parent, "parent") if payload.parent else None
    with transaction.atomic():
        cycle = cycle_create(
            actor=c.person, organization=c.organization, name=payload.name,
            start=payload.start, end=payload.end, state=payload.state, parent=parent,
        )  # fmt: skip
    return Status(201, cycle_out(cycle))


@router.get("/cycles/{id}", response={200: CycleOut, **READ_ERRORS})
def get_cycle(request: HttpRequest, id: Id) -> dict[str, Any]:
    return cycle_out(cycle_or_404(caller(request), id))


@router.get("/teams", response={200: Page[TeamOut], **READ_ERRORS})
def list_teams(request: HttpRequest, params: Query[PageQuery]) -> dict[str, Any]:
    """The organization's teams by name; the one without a parent is the company."""
    teams = teams_of(caller(request).organization)
    return page(request, teams, params, lambda rows: [team_out(t) for t in rows])


@router.post("/teams", response={201: TeamOut, **WRITE_ERRORS})
def create_team(request: HttpRequest, payload: TeamIn) -> Status[dict[str, Any]]:
    """Admins only. Every new team has a parent: the company team exists already."""
    c = caller(request)
    may_administer(c, "create teams")
    parent = team_named(c, payload.parent, "parent")
    with transaction.atomic():
        team = team_create(organization=c.organization, name=payload.name, parent=parent)
    return Status(201, team_out(team))
