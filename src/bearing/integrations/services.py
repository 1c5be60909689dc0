"""Connections and sources: the one place their rules live (pages, API, CLI and OKR files call
these), and the fetch that turns a source's number into a measurement.

Only admins configure connections and sources (``ADMINS_ONLY``): the callers check
``Access.is_admin`` before calling; every lookup here is scoped to one organization."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from bearing.domain.sources import (
    FAILURES_BEFORE_TELLING,
    INTERVALS,
    parse_csv_selector,
    retry_delay,
)
from bearing.integrations.models import (
    DATABASE_KINDS,
    Connection,
    ConnectionKind,
    Schedule,
    Source,
    SourceKind,
)
from bearing.integrations.readers import FetchFailed, Recipe, read
from bearing.notify.outbound import refusal
from bearing.okrs.models import KPI, KeyResult, MeasurementSource
from bearing.orgs.models import Organization, Person
from bearing.secrets import seal

ADMINS_ONLY = "only admins set up data sources and their connections"
# A claimed source is not claimed again for this long: a worker that died mid-fetch frees it.
LEASE = timedelta(minutes=10)
CONNECTION_TEXT = ("name", "host", "database", "username", "base_url", "header_name")


# -- Connections -------------------------------------------------------------------------------


def connections_of(organization_id: int) -> QuerySet[Connection]:
    return Connection.objects.filter(organization_id=organization_id).order_by("name")


def connection_named(organization_id: int, name: str) -> Connection | None:
    return connections_of(organization_id).filter(name=name.strip()).first()


def _checked_connection(c: Connection) -> None:
    errors: dict[str, list[str]] = {}
    c.name = c.name.strip()
    if not c.name:
        errors["name"] = ["give the connection a name"]
    if c.kind not in ConnectionKind.values:
        errors["kind"] = [f"use one of {', '.join(ConnectionKind.values)}"]
    for field in CONNECTION_TEXT:
        value = str(getattr(c, field) or "").strip()
        limit = getattr(Connection._meta.get_field(field), "max_length", None) or 500
        if len(value) > limit:
            errors[field] = [f"at most {limit} characters"]
        setattr(c, field, value)
    if c.port is not None and not 0 < c.port < 65536:
        errors["port"] = ["a port is between 1 and 65535"]
    if c.kind in (ConnectionKind.POSTGRESQL, ConnectionKind.MYSQL):
        if not c.host:
            errors["host"] = ["give the database server's host"]
        elif reason := refusal(f"http://{c.host}:{c.port or 1}/"):
            errors["host"] = [reason]
        if not c.username:
            errors["username"] = ["give the user Bearing signs in as (a read-only one)"]
    if c.kind == ConnectionKind.SQLITE and not c.database:
        errors["database"] = ["give the SQLite file's path on the server"]
    elif c.kind == ConnectionKind.SQLITE and not settings.OUTBOUND_ALLOW_PRIVATE:
        errors["kind"] = [
            "SQLite files are read only where BEARING_OUTBOUND_ALLOW_PRIVATE=1 is set"
        ]
    if c.kind == ConnectionKind.HTTP:
        if c.base_url and (reason := refusal(c.base_url)):
            errors["base_url"] = [reason]
        if c.header_name and (not c.header_name.isascii() or ":" in c.header_name):
            errors["header_name"] = ["a header name such as Authorization or X-Api-Key"]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def connection_save(
    *, organization: Organization, connection: Connection | None = None,
    secret: str | None = None, **fields: Any,
) -> Connection:  # fmt: skip
    """Add a connection, or change one; ``secret`` None keeps the stored one, "" removes it."""
    c = connection or Connection(organization=organization)
    if c.organization_id != organization.pk:
        raise ValidationError({"connection": ["no such connection"]})
    for name, value in fields.items():
        if name not in (*CONNECTION_TEXT, "kind", "port"):
            raise ValidationError({name: ["unknown field"]})
        setattr(c, name, value if value is not None or name == "port" else "")
    if c.pk and "kind" in fields and c.sources.exists():
        old = Connection.objects.get(pk=c.pk)
        if (old.kind in DATABASE_KINDS) != (c.kind in DATABASE_KINDS):
            raise ValidationError({"kind": ["sources use this connection; keep its kind"]})
    _checked_connection(c)
    if secret is not None:
        if len(secret) > 2000:
            raise ValidationError({"secret": ["at most 2,000 characters"]})
        c.secret_sealed = seal(secret)
    if connections_of(organization.pk).filter(name=c.name).exclude(pk=c.pk).exists():
        raise ValidationError({"name": ["another connection has this name"]})
    try:
        with transaction.atomic():
            c.save()
    except IntegrityError as exc:  # two saves at once with the same name
        raise ValidationError({"name": ["another connection has this name"]}) from exc
    return c


@transaction.atomic
def connection_delete(connection: Connection) -> None:
    if connection.sources.exists():
        raise ValidationError({"connection": ["sources still use this connection; remove them"]})
    connection.delete()


# -- Sources -----------------------------------------------------------------------------------


def sources_of(organization_id: int) -> QuerySet[Source]:
    return (
        Source.objects.filter(organization_id=organization_id)
        .select_related("connection", "key_result", "kpi")
        .order_by("pk")
    )


def recipe_of(source: Source) -> Recipe:
    return Recipe(
        kind=source.kind, connection=source.connection, query=source.query,
        url=source.url, selector=source.selector,
    )  # fmt: skip


def checked_recipe(
    organization_id: int, *, kind: str, connection: Connection | int | str | None = None,
    query: str = "", url: str = "", selector: str = "",
) -> Recipe:  # fmt: skip
    """The recipe from a form or a request, its connection found in the organization by
    id or name; ValidationError on anything wrong (before any fetch)."""
    errors: dict[str, list[str]] = {}
    found: Connection | None = None
    if isinstance(connection, Connection):
        found = connection if connection.organization_id == organization_id else None
        if found is None:
            errors["connection"] = ["no such connection"]
    elif isinstance(connection, int) or (isinstance(connection, str) and connection.strip()):
        rows = connections_of(organization_id)
        key = str(connection).strip()
        found = rows.filter(pk=int(key)).first() if key.isdigit() else None
        found = found or rows.filter(name=key).first()
        if found is None:
            errors["connection"] = [f"no connection {key!r} in this organization"]
    query, url, selector = (query or "").strip(), (url or "").strip(), (selector or "").strip()
    if kind not in SourceKind.values:
        errors["kind"] = [f"use one of {', '.join(SourceKind.values)}"]
    elif kind == SourceKind.SQL:
        if not query:
            errors["query"] = ["write the query (it must return one number)"]
        elif len(query) > 10_000:
            errors["query"] = ["at most 10,000 characters"]
        if "connection" not in errors and (found is None or not found.is_database):
            errors["connection"] = ["choose a database connection"]
    else:
        if found is not None and found.kind != ConnectionKind.HTTP:
            errors["connection"] = ["an HTTP or CSV source takes an HTTP connection, or none"]
        recipe = Recipe(kind=kind, connection=found, url=url)
        from bearing.integrations.readers import address_of

        address = address_of(recipe)
        if not url:
            errors["url"] = ["give the address (or a path under the connection's address)"]
        elif len(url) > 500:
            errors["url"] = ["at most 500 characters"]
        elif reason := refusal(address):
            errors["url"] = [reason]
        if kind == SourceKind.JSON and not selector:
            errors["selector"] = ["give a JMESPath selector, e.g. data.total"]
        if kind == SourceKind.CSV:
            try:
                parse_csv_selector(selector)
            except ValueError as exc:
                errors["selector"] = [str(exc)]
        if len(selector) > 500:
            errors["selector"] = ["at most 500 characters"]
    if errors:
        raise ValidationError(errors)
    return Recipe(kind=kind, connection=found, query=query, url=url, selector=selector)


@dataclass(frozen=True)
class Outcome:
    value: Decimal | None
    error: str = ""
    recorded: bool = False  # a new measurement or reading was written
    kind: str = ""  # the source's kind, for the sentence

    @property
    def ok(self) -> bool:
        return self.value is not None

    def __str__(self) -> str:
        if self.value is None:
            return self.error
        said = {"sql": "the query returned", "json": "the selector found", "csv": "the cell holds"}
        return f"{said.get(self.kind, 'the source returned')} {self.value.normalize():f}"


def source_try(recipe: Recipe) -> Outcome:
    """ "Test": fetch now, write nothing."""
    try:
        return Outcome(read(recipe), kind=recipe.kind)
    except FetchFailed as exc:
        return Outcome(None, str(exc), kind=recipe.kind)


@transaction.atomic
def source_save(
    *, organization: Organization, recipe: Recipe, schedule: str = Schedule.DAILY,
    key_result: KeyResult | None = None, kpi: KPI | None = None,
) -> Source:  # fmt: skip
    """Feed a key result (or a KPI) from ``recipe``: its source made or replaced."""
    if (key_result is None) == (kpi is None):
        raise ValidationError({"key_result": ["a source feeds one key result or one KPI"]})
    target = key_result or kpi
    assert target is not None
    if target.organization_id != organization.pk:
        raise ValidationError({"key_result": ["no such key result"]})
    if schedule not in Schedule.values:
        raise ValidationError({"schedule": [f"use one of {', '.join(Schedule.values)}"]})
    if key_result is not None and key_result.kind == "milestone":
        raise ValidationError({"kind": ["a milestone is done or not; it takes no number"]})
    lookup: dict[str, Any] = {"key_result": key_result} if key_result else {"kpi": kpi}
    source = Source.objects.select_for_update().filter(**lookup).first()
    source = source or Source(organization=organization, **lookup)
    changed = source.pk is None or (
        source.kind, source.connection_id, source.query, source.url, source.selector
    ) != (
        recipe.kind, recipe.connection.pk if recipe.connection else None, recipe.query,
        recipe.url, recipe.selector,
    )  # fmt: skip
    source.kind, source.connection = recipe.kind, recipe.connection
    source.query, source.url, source.selector = recipe.query, recipe.url, recipe.selector
    source.schedule = schedule
    if changed:  # a new recipe: fetched at the next tick, its past failures forgotten
        source.next_run_at = timezone.now()
        source.failures, source.failing_since, source.last_error = 0, None, ""
    source.save()
    return source


@transaction.atomic
def source_delete(source: Source) -> None:
    source.delete()


# -- Fetching ----------------------------------------------------------------------------------


def _owner(source: Source) -> Person | None:
    if source.key_result_id is not None:
        return source.key_result.owner if source.key_result else None
    return source.kpi.owner if source.kpi else None


def _record(source: Source, value: Decimal, at: datetime) -> bool:
    """Write the value through the key result's (or KPI's) own service, unless it is the
    current one already. True when something was written."""
    from bearing.okrs.services.kpis import kpi_measure
    from bearing.okrs.services.measurements import measurement_add

    if source.key_result_id is not None:
        kr = KeyResult.objects.select_related("cycle").get(pk=source.key_result_id)
        if kr.current is not None and kr.current == value:
            return False
        measurement_add(
            actor=None, key_result=kr, value=value, measured_at=at,
            source=MeasurementSource.INTEGRATION, note=f"fetched from {_origin(source)}"[:200],
        )  # fmt: skip
        return True
    kpi = KPI.objects.get(pk=int(source.kpi_id or 0))
    if kpi.latest_value is not None and kpi.latest_value == value:
        return False
    kpi_measure(kpi=kpi, value=value, measured_at=at)
    return True


def _origin(source: Source) -> str:
    if source.connection is not None:
        return source.connection.name
    return source.url


def refresh(source: Source, at: datetime | None = None) -> Outcome:
    """Fetch the source now and record what it found (or why nothing): "refresh now", and the
    scheduler's job. A failure is stored, retried sooner than the schedule, and told to the
    owner once it has repeated; it never writes a value."""
    at = at or timezone.now()
    try:
        value = read(recipe_of(source))
        with transaction.atomic():
            recorded = _record(source, value, at)
    except (FetchFailed, ValidationError) as exc:
        error = _message(exc)
        _failed(source, error, at)
        return Outcome(None, error)
    interval = INTERVALS[source.schedule]
    Source.objects.filter(pk=source.pk).update(
        last_run_at=at, last_success_at=at, last_value=value, last_error="", failures=0,
        failing_since=None, next_run_at=at + interval,
    )  # fmt: skip
    source.refresh_from_db()
    return Outcome(value, recorded=recorded)


def _message(exc: FetchFailed | ValidationError) -> str:
    if isinstance(exc, ValidationError):
        texts = [m for ms in getattr(exc, "message_dict", {"": exc.messages}).values() for m in ms]
        return ("could not record the value: " + "; ".join(texts))[:500]
    return str(exc)[:500]


def _failed(source: Source, error: str, at: datetime) -> None:
    with transaction.atomic():
        row = Source.objects.select_for_update().get(pk=source.pk)
        row.failures += 1
        row.failing_since = row.failing_since or at
        row.last_run_at, row.last_error = at, error
        row.next_run_at = at + retry_delay(row.failures, INTERVALS[row.schedule])
        row.save(update_fields=["failures", "failing_since", "last_run_at", "last_error",
                                "next_run_at"])  # fmt: skip
    source.refresh_from_db()
    if source.failures >= FAILURES_BEFORE_TELLING:
        _tell_owner(source)


def _tell_owner(source: Source) -> None:
    """Once per run of failures (the notice's key holds when it began)."""
    from bearing.notify.models import NoticeKind
    from bearing.notify.notices import Message, tell

    owner = _owner(source)
    if owner is None or source.failing_since is None:
        return
    organization = Organization.objects.get(pk=source.organization_id)
    if source.key_result_id is not None:
        kr = source.key_result
        assert kr is not None
        what = f"“{kr.title}”"
        link = reverse("web:key_result_values", kwargs={"org": organization.slug, "pk": kr.pk})
    else:
        assert source.kpi is not None
        what = f"the KPI {source.kpi.name}"
        link = reverse("web:kpi", kwargs={"org": organization.slug, "pk": source.kpi_id})
    tell(
        organization=organization, recipient=owner, kind=NoticeKind.CHANGE,
        key=f"source-failing:{source.pk}:{source.failing_since.isoformat()}",
        message=Message(
            title=f"The data source of {what} keeps failing"[:300],
            body=f"{source.failures} fetches in a row failed. The last said: {source.last_error}",
            link=link,
        ),
    )  # fmt: skip


def due(at: datetime, organization_id: int | None = None) -> QuerySet[Source]:
    rows = Source.objects.filter(Q(next_run_at__isnull=True) | Q(next_run_at__lte=at))
    # The values of a closed cycle are history, an archived KPI takes no readings: not fetched.
    rows = rows.exclude(key_result__cycle__state="closed").exclude(kpi__archived_at__isnull=False)
    if organization_id is not None:
        rows = rows.filter(organization_id=organization_id)
    return rows.order_by("next_run_at", "pk")


def claim(source_id: int, at: datetime) -> bool:
    """Take a due source for one fetch (the lease keeps other workers and ticks off it)."""
    taken = (
        Source.objects.filter(pk=source_id)
        .filter(Q(next_run_at__isnull=True) | Q(next_run_at__lte=at))
        .update(next_run_at=at + LEASE)
    )
    return taken == 1


def run_due(
    at: datetime | None = None, organization_id: int | None = None, *, with_sources: bool = False
) -> list[Any]:
    """Fetch every due source now, one after the other (the CLI, for cron): the outcomes,
    or (``with_sources``) pairs of the source and its outcome."""
    at = at or timezone.now()
    outcomes: list[Any] = []
    for source_id in list(due(at, organization_id).values_list("pk", flat=True)):
        if claim(source_id, at):
            source = Source.objects.select_related("connection", "key_result", "kpi").get(
                pk=source_id
            )
            outcome = refresh(source, at)
            outcomes.append((source, outcome) if with_sources else outcome)
    return outcomes
