"""A fresh database and a real `bearing serve` process, for tests that go through real HTTP.

The database follows the test run's engine: a SQLite file in a temporary folder,
or, when DATABASE_URL points at PostgreSQL, a new database on that server that
is dropped afterwards.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dj_database_url

BEARING = [sys.executable, "-m", "bearing"]


def is_postgres() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


@contextmanager
def fresh_database(folder: Path) -> Iterator[str]:
    """Yield a DATABASE_URL for an empty database of the run's engine."""
    if not is_postgres():
        yield f"sqlite:///{folder / 'bearing.sqlite3'}"
        return
    import psycopg

    config = dj_database_url.parse(os.environ["DATABASE_URL"])
    name = f"bearing_live_{secrets.token_hex(4)}"
    admin = (
        f"host={config['HOST'] or '127.0.0.1'} port={config['PORT'] or 5432} "
        f"user={config['USER'] or 'postgres'} dbname=postgres"
    )
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        user = config["USER"] or "postgres"
        yield f"postgres://{user}@{config['HOST'] or '127.0.0.1'}:{config['PORT'] or 5432}/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def bearing(
    database_url: str,
    *args: str,
    stdin: str | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the real `bearing` command against a database."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "BEARING_SECRET_KEY": "test-secret-key-not-for-production",
        **(env or {}),
    }
    return subprocess.run(
        [*BEARING, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        check=False,
        timeout=180,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def served(
    database_url: str, cwd: Path, env: dict[str, str] | None = None, workers: int = 1
) -> Iterator[str]:
    """Run `bearing serve` until the block ends; yield its base URL once it answers."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "BEARING_SECRET_KEY": "test-secret-key-not-for-production",
        **(env or {}),
    }
    log = (cwd / "serve.log").open("w")
    process = subprocess.Popen(
        [*BEARING, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)],
        env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/sign-in/", timeout=2)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((cwd / "serve.log").read_text()) from None
                time.sleep(0.2)
        yield base
    finally:
        # gunicorn's master and workers share the session started for them: stop them all.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()
