"""Connections and data sources feeding key results and KPIs (admins only; the rules are
``bearing.integrations.services``). Secrets go in and never come out."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from bearing.api.auth import Caller, caller
from bearing.api.errors import BadInput, NotFound
from bearing.api.lookups import PATH_ID, may_administer
from bearing.api.schemas.common import READ_ERRORS, WRITE_ERRORS, Id
from bearing.api.schemas.sources import (
    ConnectionIn,
    ConnectionOut,
    ConnectionPatch,
    FetchOut,
    SourceIn,
    SourceOut,
    SourcePatch,
)
from bearing.integrations.models import Connection, Source
from bearing.integrations.services import (
    Outcome,
    checked_recipe,
    connection_delete,
    connection_save,
    connections_of,
    refresh,
    source_delete,
    source_save,
    sources_of,
)
from bearing.okrs.models import KPI, KeyResult

router = Router(tags=["data sources"])
LISTED = 500  # connections and sources an organization has: a handful; bounded all the same


def _admin(request: HttpRequest, what: str) -> Caller:
    c = caller(request)
    may_administer(c, what)
    return c


def _connection_out(c: Connection) -> dict[str, Any]:
    return {
        "id": c.pk, "name": c.name, "kind": c.kind, "host": c.host, "port": c.port,
        "database": c.database, "username": c.username, "base_url": c.base_url,
        "header_name": c.header_name, "secret_set": bool(c.secret_sealed),
    }  # fmt: skip


def _source_out(s: Source) -> dict[str, Any]:
    return {
        "id": s.pk, "key_result": s.key_result_id, "kpi": s.kpi_id, "kind": s.kind,
        "connection": s.connection.name if s.connection else None, "query": s.query,
        "url": s.url, "selector": s.selector, "schedule": s.schedule,
        "next_run_at": s.next_run_at, "last_run_at": s.last_run_at,
        "last_success_at": s.last_success_at, "last_value": s.last_value,
        "last_error": s.last_error, "failures": s.failures,
    }  # fmt: skip


def _connection(c: Caller, id: int) -> Connection:
    found = connections_of(c.organization.pk).filter(pk=id).first()
    if found is None:
        raise NotFound("no such connection", PATH_ID)
    return found


def _source(c: Caller, id: int) -> Source:
    found = sources_of(c.organization.pk).filter(pk=id).first()
    if found is None:
        raise NotFound("no such source", PATH_ID)
    return found


@router.get("/connections", response={200: list[ConnectionOut], **READ_ERRORS})
def list_connections(request: HttpRequest) -> list[dict[str, Any]]:
    """Admins only. Each connection says whether a secret is set, never the secret."""
    c = _admin(request, "see connections")
    return [_connection_out(x) for x in connections_of(c.organization.pk)[:LISTED]]


@router.post("/connections", response={201: ConnectionOut, **WRITE_ERRORS})
def add_connection(request: HttpRequest, payload: ConnectionIn) -> Status[dict[str, Any]]:
    """Admins only. ``secret`` is sealed at rest and never returned."""
    c = _admin(request, "add connections")
    fields = payload.model_dump()
    secret = fields.pop("secret")
    made = connection_save(organization=c.organization, secret=secret, **fields)
    return Status(201, _connection_out(made))


@router.patch("/connections/{id}", response={200: ConnectionOut, **WRITE_ERRORS})
def update_connection(request: HttpRequest, id: Id, payload: ConnectionPatch) -> dict[str, Any]:
    """Admins only. Leave ``secret`` out to keep the stored one."""
    c = caller(request)
    connection = _connection(c, id)
    may_administer(c, "change connections")
    fields = payload.model_dump(exclude_unset=True)
    secret = fields.pop("secret", None)
    fields = {k: v for k, v in fields.items() if v is not None or k == "port"}
    saved = connection_save(
        organization=c.organization, connection=connection, secret=secret, **fields
    )
    return _connection_out(saved)


@router.delete("/connections/{id}", response={204: None, **WRITE_ERRORS})
def remove_connection(request: HttpRequest, id: Id) -> Status[None]:
    """Admins only; refused while a source uses it."""
    c = caller(request)
    connection = _connection(c, id)
    may_administer(c, "remove connections")
    connection_delete(connection)
    return Status(204, None)


@router.get("/sources", response={200: list[SourceOut], **READ_ERRORS})
def list_sources(request: HttpRequest) -> list[dict[str, Any]]:
    """Admins only: every key result and KPI fed from a source, and how its last fetch went."""
    c = _admin(request, "see data sources")
    return [_source_out(s) for s in sources_of(c.organization.pk)[:LISTED]]


def _target(c: Caller, key_result: int | None, kpi: int | None) -> dict[str, Any]:
    if (key_result is None) == (kpi is None):
        raise BadInput("name the key result or the KPI the source feeds", ["body", "key_result"])
    if key_result is not None:
        kr = KeyResult.objects.filter(organization=c.organization, pk=key_result).first()
        if kr is None:
            raise BadInput("no such key result", ["body", "key_result"])
        return {"key_result": kr}
    assert kpi is not None
    found = KPI.objects.filter(organization=c.organization, pk=kpi).first()
    if found is None:
        raise BadInput("no such KPI", ["body", "kpi"])
    return {"kpi": found}


@router.post("/sources", response={201: SourceOut, **WRITE_ERRORS})
def add_source(request: HttpRequest, payload: SourceIn) -> Status[dict[str, Any]]:
    """Admins only. Feeds a key result or a KPI (replacing its source if it had one); the
    first fetch happens at the scheduler's next tick, or now with ``/refresh``."""
    c = _admin(request, "set up data sources")
    target = _target(c, payload.key_result, payload.kpi)
    recipe = checked_recipe(
        c.organization.pk, kind=payload.kind, connection=payload.connection,
        query=payload.query, url=payload.url, selector=payload.selector,
    )  # fmt: skip
    source = source_save(
        organization=c.organization, recipe=recipe, schedule=payload.schedule, **target
    )
    return Status(201, _source_out(source))


@router.patch("/sources/{id}", response={200: SourceOut, **WRITE_ERRORS})
def update_source(request: HttpRequest, id: Id, payload: SourcePatch) -> dict[str, Any]:
    c = caller(request)
    source = _source(c, id)
    may_administer(c, "change data sources")
    given = payload.model_dump(exclude_unset=True)
    connection = given.get("connection", source.connection.name if source.connection else None)
    recipe = checked_recipe(
        c.organization.pk, kind=given.get("kind") or source.kind, connection=connection,
        query=_given(given, "query", source.query), url=_given(given, "url", source.url),
        selector=_given(given, "selector", source.selector),
    )  # fmt: skip
    target: dict[str, Any] = (
        {"key_result": source.key_result} if source.key_result else {"kpi": source.kpi}
    )
    saved = source_save(
        organization=c.organization, recipe=recipe,
        schedule=given.get("schedule") or source.schedule, **target,
    )  # fmt: skip
    return _source_out(saved)


def _given(given: dict[str, Any], name: str, stored: str) -> str:
    value = given.get(name)
    return stored if value is None else str(value)


@router.delete("/sources/{id}", response={204: None, **WRITE_ERRORS})
def remove_source(request: HttpRequest, id: Id) -> Status[None]:
    """Admins only. The values it fetched stay."""
    c = caller(request)
    source = _source(c, id)
    may_administer(c, "remove data sources")
    source_delete(source)
    return Status(204, None)


@router.post("/sources/{id}/refresh", response={200: FetchOut, **WRITE_ERRORS})
def refresh_source(request: HttpRequest, id: Id) -> dict[str, Any]:
    """Admins only: fetch now. A failure is answered (and shown on the key result), not
    raised: ``ok`` false with the ``error``."""
    c = caller(request)
    source = _source(c, id)
    may_administer(c, "refresh data sources")
    return _fetch_out(refresh(source))


def _fetch_out(outcome: Outcome) -> dict[str, Any]:
    return {
        "ok": outcome.ok, "value": outcome.value, "error": outcome.error,
        "recorded": outcome.recorded,
    }  # fmt: skip
