"""Reading one number from a source: the SQL databases, an HTTP JSON endpoint, a CSV file.

Every reader answers a Decimal or raises ``FetchFailed`` with one sentence the key result can
show ("the query returned 2 rows", "password authentication failed…"); nothing else escapes,
so a fetch can never turn into a wrong value or a traceback.

Safety, because an admin types the query and the address:
- SQL runs in a read-only transaction (PostgreSQL: a snapshot is taken first, so the query
  cannot switch the transaction to read-write), one statement only, with a statement timeout;
- database hosts and HTTP addresses are refused when private or local, by the same check as
  the webhooks (``bearing.notify.outbound.refusal``) unless BEARING_OUTBOUND_ALLOW_PRIVATE=1;
  a SQLite file is on Bearing's own disk, so it is allowed only under that switch too;
- HTTP answers are read up to a bound, redirects are not followed.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import sqlite3
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import jmespath
import jmespath.exceptions
import psycopg
import pymysql
from django.conf import settings

from bearing.domain.sources import NotANumber, as_number, parse_csv_selector, pick_csv
from bearing.integrations.models import Connection, ConnectionKind, SourceKind
from bearing.notify.outbound import no_redirects, refusal
from bearing.secrets import SecretUnreadable, open_secret

MAX_BODY = 5 * 1024 * 1024  # bytes of an HTTP answer read at most
USER_AGENT = "Bearing-Sources/1"


class FetchFailed(Exception):
    """A fetch that found no number; its text is what the key result shows."""


@dataclass(frozen=True)
class Recipe:
    """What to fetch: a source's fields, saved or only typed into the form ("Test")."""

    kind: str
    connection: Connection | None
    query: str = ""
    url: str = ""
    selector: str = ""


def _timeout() -> float:
    return float(settings.SOURCES_TIMEOUT_SECONDS)


def read(recipe: Recipe) -> Decimal:
    """The number the recipe finds now; FetchFailed says why there is none."""
    try:
        if recipe.kind == SourceKind.SQL:
            found = _sql(recipe)
        elif recipe.kind == SourceKind.JSON:
            found = _json(recipe)
        elif recipe.kind == SourceKind.CSV:
            found = _csv(recipe)
        else:
            raise FetchFailed(f"unknown kind of source {recipe.kind!r}")
        return as_number(found)
    except NotANumber as exc:
        raise FetchFailed(str(exc)) from exc
    except SecretUnreadable as exc:
        raise FetchFailed(str(exc)) from exc


# -- SQL ---------------------------------------------------------------------------------------


def _one_value(rows: list[Any] | tuple[Any, ...], width: int) -> object:
    if not rows:
        raise FetchFailed("the query returned no rows")
    if len(rows) > 1:
        raise FetchFailed("the query returned more than one row; make it return one number")
    if width != 1:
        raise FetchFailed(f"the query returned {width} columns; make it return one number")
    return rows[0][0]


def _database_refusal(connection: Connection) -> str | None:
    if connection.kind == ConnectionKind.SQLITE:
        if not settings.OUTBOUND_ALLOW_PRIVATE:
            return "SQLite files are read only where BEARING_OUTBOUND_ALLOW_PRIVATE=1 is set"
        target = Path(connection.database).resolve()
        own = settings.DATABASES["default"]
        if "sqlite" in own.get("ENGINE", "") and Path(str(own.get("NAME", ""))).resolve() == target:
            return "that is Bearing's own database"
        return None
    if not connection.host:
        return "the connection has no host"
    return refusal(f"http://{connection.host}:{connection.port or 1}/")


def _sql(recipe: Recipe) -> object:
    connection = recipe.connection
    if connection is None or not connection.is_database:
        raise FetchFailed("choose a database connection for an SQL query")
    if not recipe.query.strip():
        raise FetchFailed("write the query")
    if reason := _database_refusal(connection):
        raise FetchFailed(reason)
    if connection.kind == ConnectionKind.POSTGRESQL:
        return _postgresql(connection, recipe.query)
    if connection.kind == ConnectionKind.MYSQL:
        return _mysql(connection, recipe.query)
    return _sqlite(connection, recipe.query)


def _postgresql(connection: Connection, query: str) -> object:
    millis = int(_timeout() * 1000)
    try:
        with psycopg.connect(
            host=connection.host, port=connection.port or 5432, dbname=connection.database,
            user=connection.username, password=open_secret(connection.secret_sealed),
            connect_timeout=max(1, int(_timeout())), application_name="bearing-sources",
            options=f"-c statement_timeout={millis} -c default_transaction_read_only=on",
        ) as db:  # fmt: skip
            db.read_only = True
            with db.cursor() as cursor:
                # A snapshot first: the query can no longer make the transaction read-write.
                cursor.execute("SELECT 1")
                # Prepared: one statement only, however the text is written.
                cursor.execute(query.encode(), prepare=True)
                if cursor.description is None:
                    raise FetchFailed("the query returned no rows")
                rows = cursor.fetchmany(2)
                width = len(cursor.description)
            db.rollback()
            return _one_value(rows, width)
    except psycopg.errors.QueryCanceled as exc:
        raise FetchFailed(f"the query took longer than {_timeout():g} s") from exc
    except psycopg.Error as exc:
        raise FetchFailed(_first_line(exc)) from exc


def _mysql(connection: Connection, query: str) -> object:
    seconds = _timeout()
    try:
        db = pymysql.connect(
            host=connection.host, port=connection.port or 3306, user=connection.username,
            password=open_secret(connection.secret_sealed), database=connection.database or None,
            connect_timeout=max(1, int(seconds)), read_timeout=int(seconds) + 1,
            write_timeout=int(seconds) + 1, autocommit=False,
        )  # fmt: skip
    except pymysql.Error as exc:
        raise FetchFailed(_mysql_error(exc)) from exc
    try:
        with db.cursor() as cursor:
            # MariaDB and MySQL name the statement timeout differently: set whichever exists.
            for limit in (
                f"SET SESSION max_statement_time = {seconds:g}",
                f"SET SESSION MAX_EXECUTION_TIME = {int(seconds * 1000)}",
            ):
                with contextlib.suppress(pymysql.Error):
                    cursor.execute(limit)
            cursor.execute("START TRANSACTION READ ONLY")
            # PyMySQL sends one statement (no multi-statement flag); no "%" formatting here.
            cursor.execute(query)
            if cursor.description is None:
                raise FetchFailed("the query returned no rows")
            rows = cursor.fetchmany(2)
            width = len(cursor.description)
        db.rollback()
        return _one_value(rows, width)
    except pymysql.err.OperationalError as exc:
        if exc.args and exc.args[0] in (1969, 3024, 2013):
            raise FetchFailed(f"the query took longer than {seconds:g} s") from exc
        raise FetchFailed(_mysql_error(exc)) from exc
    except pymysql.Error as exc:
        raise FetchFailed(_mysql_error(exc)) from exc
    finally:
        with contextlib.suppress(pymysql.Error):
            db.close()


def _mysql_error(exc: pymysql.Error) -> str:
    if len(exc.args) >= 2:
        return str(exc.args[1])[:300]
    return _first_line(exc)


def _sqlite(connection: Connection, query: str) -> object:
    path = Path(connection.database)
    if not path.is_file():
        raise FetchFailed(f"no SQLite file at {connection.database}")
    deadline = time.monotonic() + _timeout()

    def no_attach(action: int, *args: object) -> int:
        return sqlite3.SQLITE_DENY if action == sqlite3.SQLITE_ATTACH else sqlite3.SQLITE_OK

    try:
        db = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True, timeout=_timeout())
    except sqlite3.Error as exc:
        raise FetchFailed(_first_line(exc)) from exc
    try:
        db.execute("PRAGMA query_only = 1")
        db.set_authorizer(no_attach)
        # Interrupts the statement once the deadline passes.
        db.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
        cursor = db.execute(query)
        if cursor.description is None:
            raise FetchFailed("the query returned no rows")
        rows = cursor.fetchmany(2)
        return _one_value(rows, len(cursor.description))
    except sqlite3.OperationalError as exc:
        if "interrupted" in str(exc):
            raise FetchFailed(f"the query took longer than {_timeout():g} s") from exc
        raise FetchFailed(_first_line(exc)) from exc
    except (sqlite3.Error, sqlite3.Warning) as exc:
        raise FetchFailed(_first_line(exc)) from exc
    finally:
        db.close()


# -- HTTP --------------------------------------------------------------------------------------


def address_of(recipe: Recipe) -> str:
    """The source's address: its own, or its path under the connection's base address."""
    url = recipe.url.strip()
    connection = recipe.connection
    relative = not url.lower().startswith(("http://", "https://"))
    base = connection.base_url if connection and connection.kind == ConnectionKind.HTTP else ""
    if base and relative:
        return urljoin(base.rstrip("/") + "/", url.lstrip("/"))
    return url


def _get(recipe: Recipe) -> bytes:
    url = address_of(recipe)
    if not url:
        raise FetchFailed("give the address to fetch")
    if reason := refusal(url):
        raise FetchFailed(f"{url} is refused: {reason}")
    headers = {"User-Agent": USER_AGENT, "Accept": "application/json, text/csv, */*"}
    connection = recipe.connection
    if connection is not None:
        if connection.kind != ConnectionKind.HTTP:
            raise FetchFailed("an HTTP source takes an HTTP connection (or none)")
        if connection.header_name and connection.secret_sealed:
            headers[connection.header_name] = open_secret(connection.secret_sealed)
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 -- checked by refusal
    try:
        with no_redirects.open(request, timeout=_timeout()) as response:
            body: bytes = response.read(MAX_BODY + 1)
    except urllib.error.HTTPError as exc:
        raise FetchFailed(f"{url} answered {exc.code} {exc.reason}") from exc
    except TimeoutError as exc:
        raise FetchFailed(f"{url} did not answer within {_timeout():g} s") from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        why: object = getattr(exc, "reason", None) or exc
        if isinstance(why, TimeoutError):
            raise FetchFailed(f"{url} did not answer within {_timeout():g} s") from exc
        raise FetchFailed(f"{url}: no answer ({why})"[:300]) from exc
    if len(body) > MAX_BODY:
        raise FetchFailed(f"{url} answered more than {MAX_BODY // 1024 // 1024} MB")
    return body


def _json(recipe: Recipe) -> object:
    if not recipe.selector.strip():
        raise FetchFailed("give a JMESPath selector, e.g. data.total")
    try:
        expression = jmespath.compile(recipe.selector.strip())
    except jmespath.exceptions.JMESPathError as exc:
        raise FetchFailed(f"the selector is not JMESPath: {_first_line(exc)}") from exc
    try:
        document = json.loads(_get(recipe))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FetchFailed("the answer is not JSON") from exc
    try:
        found = expression.search(document)
    except jmespath.exceptions.JMESPathError as exc:
        raise FetchFailed(f"the selector failed: {_first_line(exc)}") from exc
    if found is None:
        raise FetchFailed(f"the selector {recipe.selector.strip()} finds nothing")
    return found


def _csv(recipe: Recipe) -> object:
    try:
        selector = parse_csv_selector(recipe.selector)
    except ValueError as exc:
        raise FetchFailed(str(exc)) from exc
    try:
        text = _get(recipe).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FetchFailed("the file is not UTF-8 text") from exc
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        raise FetchFailed(f"the file is not CSV: {exc}") from exc
    try:
        return pick_csv(rows, selector)
    except LookupError as exc:
        raise FetchFailed(str(exc.args[0])) from exc


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:300]
