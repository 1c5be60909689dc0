"""Real sources for the data-source tests: a scratch PostgreSQL database and a MariaDB one on
the machine's servers, a SQLite file, and an HTTP server on 127.0.0.1 serving JSON and CSV."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import psycopg
import pymysql
import pytest
from psycopg import sql

from bearing.integrations.models import Connection
from bearing.integrations.services import connection_save
from bearing.okrs.models import KeyResult
from tests import factories
from tests.conftest import World

PG = "host=127.0.0.1 port=5432 user=postgres"
API_KEY = "s3cret-key"


@pytest.fixture(scope="session")
def pg_scratch() -> Iterator[str]:
    """A scratch PostgreSQL database with a table of sales: its name."""
    name = f"bearing_src_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{PG} dbname=postgres", autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    with psycopg.connect(f"{PG} dbname={name}", autocommit=True) as db:
        db.execute("CREATE TABLE sales (region text, amount numeric)")
        db.execute("INSERT INTO sales VALUES ('eu', 30), ('us', 12)")
    yield name
    with psycopg.connect(f"{PG} dbname=postgres", autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture(scope="session")
def maria_scratch() -> Iterator[str]:
    """A scratch MariaDB database with a table of signups and a password user 'reader'."""
    name = f"bearing_src_{uuid.uuid4().hex[:8]}"
    db = pymysql.connect(host="127.0.0.1", port=3306, user="root", autocommit=True)
    with db.cursor() as c:
        c.execute(f"CREATE DATABASE `{name}`")
        c.execute(f"CREATE TABLE `{name}`.signups (day date, n int)")
        c.execute(f"INSERT INTO `{name}`.signups VALUES ('2026-02-01', 40), ('2026-02-02', 2)")
        c.execute("CREATE USER IF NOT EXISTS 'bearing_reader'@'%' IDENTIFIED BY 'right-pass'")
        c.execute(
            "CREATE USER IF NOT EXISTS 'bearing_reader'@'localhost' IDENTIFIED BY 'right-pass'"
        )
        c.execute(f"GRANT SELECT ON `{name}`.* TO 'bearing_reader'@'%'")
        c.execute(f"GRANT SELECT ON `{name}`.* TO 'bearing_reader'@'localhost'")
    yield name
    with db.cursor() as c:
        c.execute(f"DROP DATABASE `{name}`")
    db.close()


@pytest.fixture
def sqlite_file(tmp_path: Path) -> Path:
    path = tmp_path / "metrics.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE nps (week text, score real)")
        db.executemany("INSERT INTO nps VALUES (?, ?)", [("w1", 31.5), ("w2", 42)])
    db.close()
    return path


@dataclass
class Served:
    """What the local HTTP server answers: paths to (content type, body); changed by tests."""

    base: str
    pages: dict[str, tuple[str, bytes]]
    seen_headers: list[dict[str, str]]


@pytest.fixture
def http_server() -> Iterator[Served]:
    pages: dict[str, tuple[str, bytes]] = {
        "/metrics.json": ("application/json", json.dumps(
            {"data": {"total": 42, "label": "forty-two", "series": [1, 2, 3]}}
        ).encode()),
        "/sheet.csv": ("text/csv", b"Month,Revenue,Churn\nJan,1200,3.5\nFeb,1350.5,3.1\n"),
        "/private.json": ("application/json", b'{"active": 7}'),
    }  # fmt: skip
    seen: list[dict[str, str]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(dict(self.headers.items()))
            if self.path == "/slow.json":
                time.sleep(2.5)
            if self.path == "/private.json" and self.headers.get("X-Api-Key") != API_KEY:
                self.send_response(401)
                self.end_headers()
                return
            kind, body = pages.get(self.path, ("application/json", b'{"late": 1}'))
            if self.path not in pages and self.path != "/slow.json":
                self.send_response(404)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Served(f"http://127.0.0.1:{server.server_address[1]}", pages, seen)
    server.shutdown()
    server.server_close()


@pytest.fixture
def kr(world: World) -> KeyResult:
    objective = factories.make_objective(world.cycle, "Grow revenue", owner=world.bob)
    return factories.make_key_result(
        objective, "Grow monthly revenue from 1000 to 2000", kind="increase",
        start=1000, target=2000, owner=world.bob,
    )  # fmt: skip


def pg_connection(world: World, database: str, name: str = "warehouse") -> Connection:
    return connection_save(
        organization=world.org, name=name, kind="postgresql", host="127.0.0.1", port=5432,
        database=database, username="postgres", secret="",
    )  # fmt: skip


def maria_connection(world: World, database: str, password: str = "right-pass") -> Connection:  # noqa: S107
    return connection_save(
        organization=world.org, name="shop", kind="mysql", host="127.0.0.1", port=3306,
        database=database, username="bearing_reader", secret=password,
    )  # fmt: skip
