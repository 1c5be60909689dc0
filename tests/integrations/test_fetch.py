"""Key results fed from real sources: PostgreSQL, MariaDB, SQLite, JSON and CSV over HTTP."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from bearing.integrations.models import Connection, Source
from bearing.integrations.services import (
    checked_recipe,
    connection_save,
    refresh,
    run_due,
    source_save,
    source_try,
)
from bearing.notify.models import Notice
from bearing.okrs.models import KeyResult, Measurement
from bearing.okrs.services.kpis import kpi_create
from bearing.secrets import open_secret
from tests.conftest import World
from tests.integrations.conftest import (
    API_KEY,
    Served,
    maria_connection,
    pg_connection,
)


def feed(world: World, kr: KeyResult, **recipe: object) -> Source:
    return source_save(
        organization=world.org, key_result=kr,
        recipe=checked_recipe(world.org.pk, **recipe),  # type: ignore[arg-type]
    )  # fmt: skip


def values(kr: KeyResult) -> list[tuple[Decimal, str]]:
    return [
        (m.value, m.source)
        for m in Measurement.objects.filter(key_result=kr).order_by("measured_at", "pk")
    ]


def test_postgresql_query_becomes_a_measurement(
    world: World, kr: KeyResult, pg_scratch: str
) -> None:
    connection = pg_connection(world, pg_scratch)
    source = feed(world, kr, kind="sql", connection="warehouse",
                  query="SELECT sum(amount) FROM sales WHERE amount::text LIKE '%'")  # fmt: skip
    outcome = refresh(source)
    assert outcome.ok and outcome.value == Decimal(42) and outcome.recorded
    assert values(kr) == [(Decimal(42), "integration")]
    kr.refresh_from_db()
    assert kr.current == Decimal(42)  # the stored figures follow
    source.refresh_from_db()
    assert source.last_value == 42 and source.failures == 0 and source.next_run_at is not None
    assert source.next_run_at > timezone.now() + timedelta(hours=23)
    assert connection.secret_sealed == ""


def test_unchanged_value_is_not_recorded_twice(
    world: World, kr: KeyResult, pg_scratch: str
) -> None:
    pg_connection(world, pg_scratch)
    source = feed(world, kr, kind="sql", connection="warehouse", query="SELECT 42")
    assert refresh(source).recorded
    again = refresh(source)
    assert again.ok and not again.recorded
    assert len(values(kr)) == 1


def test_postgresql_session_is_read_only_and_one_statement(
    world: World, kr: KeyResult, pg_scratch: str
) -> None:
    pg_connection(world, pg_scratch)
    for query, says in [
        ("DELETE FROM sales RETURNING 1", "read-only"),
        ("SELECT 1; DELETE FROM sales", "multiple commands"),
        ("SET TRANSACTION READ WRITE", "before any query"),
    ]:
        source = feed(world, kr, kind="sql", connection="warehouse", query=query)
        outcome = refresh(source)
        assert not outcome.ok and says in outcome.error, outcome.error
    assert source_try(checked_recipe(world.org.pk, kind="sql", connection="warehouse",
                                     query="SELECT count(*) FROM sales")).value == 2  # fmt: skip
    assert values(kr) == []


@override_settings(SOURCES_TIMEOUT_SECONDS=1)
def test_postgresql_statement_timeout(world: World, kr: KeyResult, pg_scratch: str) -> None:
    pg_connection(world, pg_scratch)
    outcome = refresh(feed(world, kr, kind="sql", connection="warehouse",
                           query="SELECT 1 FROM pg_sleep(3)"))  # fmt: skip
    assert outcome.error == "the query took longer than 1 s"


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ("SELECT 'many'", "expected a number, got 'many'"),
        ("SELECT amount FROM sales", "the query returned more than one row; make it return one number"),
        ("SELECT 1, 2", "the query returned 2 columns; make it return one number"),
        ("SELECT amount FROM sales WHERE false", "the query returned no rows"),
        ("SELECT NULL", "expected a number, got nothing (null)"),
        ("SELECT true", "expected a number, got true"),
    ],
)  # fmt: skip
def test_not_one_number_is_an_error_never_a_value(
    world: World, kr: KeyResult, pg_scratch: str, query: str, error: str
) -> None:
    pg_connection(world, pg_scratch)
    outcome = refresh(feed(world, kr, kind="sql", connection="warehouse", query=query))
    assert outcome.error == error
    assert values(kr) == []
    source = Source.objects.get(key_result=kr)
    assert source.last_error == error and source.failures == 1


def test_missing_database_is_an_error(world: World, kr: KeyResult) -> None:
    pg_connection(world, "no_such_database_here")
    outcome = refresh(feed(world, kr, kind="sql", connection="warehouse", query="SELECT 1"))
    assert "no_such_database_here" in outcome.error and "does not exist" in outcome.error


def test_mariadb_query(world: World, kr: KeyResult, maria_scratch: str) -> None:
    connection = maria_connection(world, maria_scratch)
    assert connection.secret_sealed and open_secret(connection.secret_sealed) == "right-pass"
    assert "right-pass" not in connection.secret_sealed
    source = feed(world, kr, kind="sql", connection=connection.pk,
                  query="SELECT sum(n) FROM signups WHERE day LIKE '2026%'")  # fmt: skip
    assert refresh(source).value == 42
    assert values(kr) == [(Decimal(42), "integration")]
    write = refresh(feed(world, kr, kind="sql", connection="shop", query="DELETE FROM signups"))
    assert not write.ok  # no rows, and no write either: the transaction is read only
    assert source_try(checked_recipe(world.org.pk, kind="sql", connection="shop",
                                     query="SELECT count(*) FROM signups")).value == 2  # fmt: skip


def test_mariadb_bad_password(world: World, kr: KeyResult, maria_scratch: str) -> None:
    maria_connection(world, maria_scratch, password="wrong")
    outcome = refresh(feed(world, kr, kind="sql", connection="shop", query="SELECT 1"))
    assert "Access denied for user 'bearing_reader'" in outcome.error
    assert "wrong" not in outcome.error.replace("(using password: YES)", "")


@override_settings(SOURCES_TIMEOUT_SECONDS=1)
def test_mariadb_statement_timeout(world: World, kr: KeyResult, maria_scratch: str) -> None:
    maria_connection(world, maria_scratch)
    outcome = refresh(feed(world, kr, kind="sql", connection="shop", query="SELECT SLEEP(3)"))
    assert outcome.error == "the query took longer than 1 s"


def test_sqlite_file(world: World, kr: KeyResult, sqlite_file: Path) -> None:
    connection_save(organization=world.org, name="nps", kind="sqlite", database=str(sqlite_file))
    source = feed(world, kr, kind="sql", connection="nps",
                  query="SELECT score FROM nps ORDER BY week DESC LIMIT 1")  # fmt: skip
    assert refresh(source).value == 42
    outcome = refresh(feed(world, kr, kind="sql", connection="nps", query="DELETE FROM nps"))
    assert not outcome.ok and "readonly" in outcome.error.replace(" ", "").lower()
    attach = refresh(feed(world, kr, kind="sql", connection="nps",
                          query=f"ATTACH '{sqlite_file}' AS other"))  # fmt: skip
    assert not attach.ok


@override_settings(SOURCES_TIMEOUT_SECONDS=0.5)
def test_sqlite_timeout(world: World, kr: KeyResult, sqlite_file: Path) -> None:
    connection_save(organization=world.org, name="nps", kind="sqlite", database=str(sqlite_file))
    slow = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
            "SELECT count(*) FROM n")  # fmt: skip
    assert refresh(feed(world, kr, kind="sql", connection="nps", query=slow)).error == (
        "the query took longer than 0.5 s"
    )


def test_json_endpoint_with_header_auth(world: World, kr: KeyResult, http_server: Served) -> None:
    source = feed(world, kr, kind="json", url=f"{http_server.base}/metrics.json",
                  selector="data.total")  # fmt: skip
    assert refresh(source).value == 42
    refused = refresh(feed(world, kr, kind="json", url=f"{http_server.base}/private.json",
                           selector="active"))  # fmt: skip
    assert refused.error.endswith("answered 401 Unauthorized")
    connection_save(organization=world.org, name="crm", kind="http", base_url=http_server.base,
                    header_name="X-Api-Key", secret=API_KEY)  # fmt: skip
    private = feed(world, kr, kind="json", connection="crm", url="private.json", selector="active")
    assert refresh(private).value == 7
    assert http_server.seen_headers[-1]["X-Api-Key"] == API_KEY
    assert values(kr) == [(Decimal(42), "integration"), (Decimal(7), "integration")]


@pytest.mark.parametrize(
    ("selector", "error"),
    [
        ("data.missing", "the selector data.missing finds nothing"),
        ("data.label", "expected a number, got 'forty-two'"),
        ("data.series", "expected a number, got a list of 3"),
        ("data.[", "the selector is not JMESPath"),
    ],
)
def test_json_selector_misses(
    world: World, kr: KeyResult, http_server: Served, selector: str, error: str
) -> None:
    outcome = refresh(feed(world, kr, kind="json", url=f"{http_server.base}/metrics.json",
                           selector=selector))  # fmt: skip
    assert outcome.error.startswith(error), outcome.error
    assert values(kr) == []


@override_settings(SOURCES_TIMEOUT_SECONDS=0.5)
def test_http_timeout(world: World, kr: KeyResult, http_server: Served) -> None:
    outcome = refresh(feed(world, kr, kind="json", url=f"{http_server.base}/slow.json",
                           selector="late"))  # fmt: skip
    assert outcome.error == f"{http_server.base}/slow.json did not answer within 0.5 s"


@pytest.mark.parametrize(
    ("selector", "value"),
    [("B3", Decimal("1350.5")), ("Revenue@last", Decimal("1350.5")), ("Churn@1", Decimal("3.5")),
     ("C2", Decimal("3.5"))],
)  # fmt: skip
def test_csv_cell_and_column(
    world: World, kr: KeyResult, http_server: Served, selector: str, value: Decimal
) -> None:
    source = feed(world, kr, kind="csv", url=f"{http_server.base}/sheet.csv", selector=selector)
    assert refresh(source).value == value


def test_csv_misses(world: World, kr: KeyResult, http_server: Served) -> None:
    url = f"{http_server.base}/sheet.csv"
    assert refresh(feed(world, kr, kind="csv", url=url, selector="Z9")).error == (
        "the file has no cell Z9"
    )
    assert refresh(feed(world, kr, kind="csv", url=url, selector="Profit@last")).error == (
        "the header row has no column “Profit”"
    )
    assert refresh(feed(world, kr, kind="csv", url=url, selector="A2")).error == (
        "expected a number, got 'Jan'"
    )
    with pytest.raises(ValidationError) as bad:
        feed(world, kr, kind="csv", url=url, selector="Revenue")
    assert "selector" in bad.value.message_dict


def test_private_addresses_are_refused_without_the_switch(
    world: World, kr: KeyResult, http_server: Served, sqlite_file: Path, settings: object
) -> None:
    source = feed(
        world, kr, kind="json", url=f"{http_server.base}/metrics.json", selector="data.total"
    )
    nps = connection_save(
        organization=world.org, name="nps", kind="sqlite", database=str(sqlite_file)
    )
    db = connection_save(organization=world.org, name="db", kind="postgresql", host="127.0.0.1",
                         database="postgres", username="postgres")  # fmt: skip
    with override_settings(OUTBOUND_ALLOW_PRIVATE=False):
        outcome = refresh(source)
        assert "private or local address" in outcome.error
        with pytest.raises(ValidationError) as bad:
            checked_recipe(world.org.pk, kind="json", url="http://127.0.0.1:1/x", selector="a")
        assert "private or local" in bad.value.message_dict["url"][0]
        with pytest.raises(ValidationError) as bad:
            connection_save(organization=world.org, name="db2", kind="mysql", host="localhost",
                            username="root")  # fmt: skip
        assert "private or local" in bad.value.message_dict["host"][0]
        sql = source_try(checked_recipe(world.org.pk, kind="sql", connection=db, query="SELECT 1"))
        assert "private or local" in sql.error
        lite = source_try(
            checked_recipe(world.org.pk, kind="sql", connection=nps, query="SELECT 1")
        )
        assert "BEARING_OUTBOUND_ALLOW_PRIVATE" in lite.error
    assert values(kr) == []


def test_failures_are_retried_then_told_to_the_owner_once(
    world: World, kr: KeyResult, http_server: Served
) -> None:
    source = feed(world, kr, kind="json", url=f"{http_server.base}/gone.json", selector="a")
    start = timezone.now()
    for attempt in range(1, 5):
        at = start + timedelta(minutes=attempt * 100)
        outcome = refresh(source, at)
        assert outcome.error.endswith("answered 404 Not Found")
        source.refresh_from_db()
        assert source.failures == attempt
        # retried sooner than the daily schedule: 5, 10, 20, 40 minutes
        assert source.next_run_at == at + timedelta(minutes=5 * 2 ** (attempt - 1))
    notices = Notice.objects.filter(recipient=world.bob)
    assert notices.count() == 1  # told at the third failure, not again at the fourth
    assert "keeps failing" in notices[0].title and "404" in notices[0].body
    http_server.pages["/gone.json"] = ("application/json", b'{"a": 5}')
    assert refresh(source).value == 5
    source.refresh_from_db()
    assert source.failures == 0 and source.last_error == "" and source.failing_since is None


def test_closed_cycle_is_an_error_not_a_value(
    world: World, kr: KeyResult, http_server: Served
) -> None:
    from bearing.okrs.models import Cycle

    source = feed(
        world, kr, kind="json", url=f"{http_server.base}/metrics.json", selector="data.total"
    )
    Cycle.objects.filter(pk=kr.cycle_id).update(state="closed")
    outcome = refresh(source)
    assert outcome.error.startswith("could not record the value: its cycle is closed")
    assert values(kr) == []


def test_kpi_reading(world: World, http_server: Served) -> None:
    kpi = kpi_create(actor=world.alice, organization=world.org, name="Revenue", owner=world.bob)
    source = source_save(organization=world.org, kpi=kpi, recipe=checked_recipe(
        world.org.pk, kind="csv", url=f"{http_server.base}/sheet.csv", selector="Revenue@last"))  # fmt: skip
    assert refresh(source).recorded
    assert not refresh(source).recorded
    kpi.refresh_from_db()
    assert kpi.latest_value == Decimal("1350.5")
    assert kpi.measurements.count() == 1


def test_due_sources_run_once(world: World, kr: KeyResult, http_server: Served) -> None:
    feed(world, kr, kind="json", url=f"{http_server.base}/metrics.json", selector="data.total")
    now = timezone.now()
    assert [o.value for o in run_due(now, world.org.pk)] == [42]
    assert run_due(now, world.org.pk) == []  # not due again until tomorrow
    assert [o.value for o in run_due(now + timedelta(days=1, minutes=1))] == [42]
    assert len(values(kr)) == 1


def test_connection_names_and_tenancy(world: World, kr: KeyResult, pg_scratch: str) -> None:
    pg_connection(world, pg_scratch)
    with pytest.raises(ValidationError) as taken:
        pg_connection(world, pg_scratch)
    assert taken.value.message_dict == {"name": ["another connection has this name"]}
    connection_save(organization=world.other_org, name="globex-db", kind="postgresql",
                    host="127.0.0.1", database=pg_scratch, username="postgres")  # fmt: skip
    theirs = Connection.objects.get(name="globex-db")
    for ref in ("globex-db", theirs.pk, theirs):
        with pytest.raises(ValidationError) as bad:
            checked_recipe(world.org.pk, kind="sql", connection=ref, query="SELECT 1")
        assert "connection" in bad.value.message_dict


def test_closed_cycles_and_archived_kpis_are_not_fetched(
    world: World, kr: KeyResult, http_server: Served
) -> None:
    from bearing.integrations.services import due
    from bearing.okrs.models import Cycle
    from bearing.okrs.services.kpis import kpi_archive

    feed(world, kr, kind="json", url=f"{http_server.base}/metrics.json", selector="data.total")
    kpi = kpi_create(actor=world.alice, organization=world.org, name="Revenue")
    source_save(organization=world.org, kpi=kpi, recipe=checked_recipe(
        world.org.pk, kind="csv", url=f"{http_server.base}/sheet.csv", selector="B2"))  # fmt: skip
    assert due(timezone.now()).count() == 2
    Cycle.objects.filter(pk=kr.cycle_id).update(state="closed")
    kpi_archive(actor=world.alice, kpi=kpi)
    assert not due(timezone.now()).exists()


def test_an_organization_goes_with_its_connections_and_sources(
    world: World, kr: KeyResult, http_server: Served
) -> None:
    connection_save(organization=world.org, name="crm", kind="http", base_url=http_server.base)
    feed(world, kr, kind="json", connection="crm", url="metrics.json", selector="data.total")
    world.org.delete()
    assert not Connection.objects.exists() and not Source.objects.exists()


def test_sqlite_connections_need_the_switch(world: World, sqlite_file: Path) -> None:
    with override_settings(OUTBOUND_ALLOW_PRIVATE=False), pytest.raises(ValidationError) as bad:
        connection_save(organization=world.org, name="f", kind="sqlite", database=str(sqlite_file))
    assert "BEARING_OUTBOUND_ALLOW_PRIVATE" in bad.value.message_dict["kind"][0]
