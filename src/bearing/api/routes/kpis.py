"""KPIs (001): list, create, read, change (archive, North Star), delete; their readings."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from ninja import Query, Router, Status

from bearing.api.auth import Caller, caller
from bearing.api.errors import BadInput, Forbidden, NotFound
from bearing.api.lookups import PATH_ID, member_named, team_named
from bearing.api.pagination import page
from bearing.api.schemas.common import READ_ERRORS, WRITE_ERRORS, Id, Page, PageQuery
from bearing.api.schemas.kpis import KPIIn, KPIOut, KPIPatch, KPIQuery, KPIReadingIn, KPIReadingOut
from bearing.domain.kpis import HealthyRange
from bearing.okrs.models import KPI, KPIMeasurement
from bearing.okrs.permissions import KPI_EDITORS, NORTH_STAR_ADMINS, can_edit_kpi, refusal
from bearing.okrs.selectors_kpis import kpi_measurements, kpi_of, kpis_of
from bearing.okrs.services.kpis import kpi_archive, kpi_create, kpi_delete, kpi_measure, kpi_update

router = Router(tags=["KPIs"])
NOT_NULL = ("name", "description", "unit", "north_star", "archived")


def kpi_out(kpi: KPI) -> dict[str, Any]:
    return {
        "id": kpi.pk, "name": kpi.name, "description": kpi.description, "unit": kpi.unit,
        "owner": kpi.owner.email if kpi.owner else None, "team": kpi.team_id,
        "healthy_min": kpi.healthy_min, "healthy_max": kpi.healthy_max,
        "range": HealthyRange(kpi.healthy_min, kpi.healthy_max).kind.value,
        "health": kpi.health, "health_since": kpi.health_since, "latest": kpi.latest_value,
        "latest_on": kpi.latest_on, "north_star": kpi.is_north_star,
        "archived": kpi.archived_at is not None,
    }  # fmt: skip


def reading_out(m: KPIMeasurement) -> dict[str, Any]:
    return {"id": m.pk, "kpi": m.kpi_id, "value": m.value, "measured_at": m.measured_at}


def _kpi_or_404(c: Caller, kpi_id: int) -> KPI:
    found = kpi_of(c.access.organization_id, kpi_id)
    if found is None:
        raise NotFound("no such KPI", PATH_ID)
    return found


def _may_edit(c: Caller, kpi: KPI) -> None:
    if not can_edit_kpi(c.access, kpi):
        raise Forbidden(refusal(c.access, KPI_EDITORS), PATH_ID)


def _may_crown(c: Caller) -> None:
    if not c.access.is_admin:
        raise Forbidden(refusal(c.access, NORTH_STAR_ADMINS), ["body", "north_star"])


@router.get("/kpis", response={200: Page[KPIOut], **READ_ERRORS})
def list_kpis(
    request: HttpRequest, filters: Query[KPIQuery], params: Query[PageQuery]
) -> dict[str, Any]:
    """The organization's KPIs, the North Star first, with their health by the latest reading."""
    c = caller(request)
    rows = kpis_of(c.access.organization_id, archived=filters.archived).order_by(
        "-is_north_star", "name", "id"
    )
    return page(request, rows, params, lambda chunk: [kpi_out(k) for k in chunk])


@router.post("/kpis", response={201: KPIOut, **WRITE_ERRORS})
def create_kpi(request: HttpRequest, payload: KPIIn) -> Status[dict[str, Any]]:
    c = caller(request)
    if not c.access.can_write:
        raise Forbidden(refusal(c.access, KPI_EDITORS), ["header", "Authorization"])
    if payload.north_star:
        _may_crown(c)
    team = team_named(c, payload.team, "team") if payload.team is not None else None
    owner = member_named(c, payload.owner, "owner") if payload.owner else None
    with transaction.atomic():
        kpi = kpi_create(
            actor=c.person, organization=c.membership.organization, name=payload.name,
            description=payload.description, unit=payload.unit, team=team, owner=owner,
            healthy_min=payload.healthy_min, healthy_max=payload.healthy_max,
            is_north_star=payload.north_star,
        )  # fmt: skip
    return Status(201, kpi_out(_kpi_or_404(c, kpi.pk)))


@router.get("/kpis/{id}", response={200: KPIOut, **READ_ERRORS})
def get_kpi(request: HttpRequest, id: Id) -> dict[str, Any]:
    return kpi_out(_kpi_or_404(caller(request), id))


@router.patch("/kpis/{id}", response={200: KPIOut, **WRITE_ERRORS})
def update_kpi(request: HttpRequest, id: Id, payload: KPIPatch) -> dict[str, Any]:
    """Change the fields given; ``archived`` archives or restores it, ``north_star`` (admins)
    makes it the organization's one North Star."""
    c = caller(request)
    kpi = _kpi_or_404(c, id)
    _may_edit(c, kpi)
    given = payload.model_dump(exclude_unset=True)
    for name in NOT_NULL:
        if name in given and given[name] is None:
            raise BadInput("cannot be null; leave the field out to keep it", ["body", name])
    if "north_star" in given:
        _may_crown(c)
        given["is_north_star"] = given.pop("north_star")
    archived = given.pop("archived", None)
    if "team" in given:
        given["team"] = team_named(c, given["team"], "team") if given["team"] else None
    if "owner" in given:
        given["owner"] = member_named(c, given["owner"], "owner") if given["owner"] else None
    with transaction.atomic():
        if given:
            kpi = kpi_update(actor=c.person, kpi=kpi, **given)
        if archived is not None:
            kpi_archive(actor=c.person, kpi=kpi, archived=archived)
    return kpi_out(_kpi_or_404(c, id))


@router.delete("/kpis/{id}", response={204: None, **WRITE_ERRORS})
def delete_kpi(request: HttpRequest, id: Id) -> Status[None]:
    """Delete it with its readings (archive it to keep them); objectives made from it stay."""
    c = caller(request)
    kpi = _kpi_or_404(c, id)
    _may_edit(c, kpi)
    kpi_delete(actor=c.person, kpi=kpi)
    return Status(204, None)


@router.get("/kpis/{id}/measurements", response={200: Page[KPIReadingOut], **READ_ERRORS})
def list_readings(request: HttpRequest, id: Id, params: Query[PageQuery]) -> dict[str, Any]:
    """The KPI's readings, newest first."""
    kpi = _kpi_or_404(caller(request), id)
    return page(request, kpi_measurements(kpi), params, _readings_out)


def _readings_out(chunk: object) -> list[dict[str, Any]]:
    return [reading_out(m) for m in chunk]  # type: ignore[attr-defined]


@router.post("/kpis/{id}/measurements", response={201: KPIReadingOut, **WRITE_ERRORS})
def add_reading(request: HttpRequest, id: Id, payload: KPIReadingIn) -> Status[dict[str, Any]]:
    """Add a reading; the KPI's health is judged again."""
    c = caller(request)
    kpi = _kpi_or_404(c, id)
    _may_edit(c, kpi)
    measurement = kpi_measure(
        kpi=kpi, value=payload.value, measured_at=payload.measured_at, actor=c.person
    )
    return Status(201, reading_out(measurement))
