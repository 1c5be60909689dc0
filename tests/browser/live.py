"""A real `bearing serve` on a fresh database, driven through the real CLI.

Used by the browser tests' fixtures and by scripts/screenshots.py. SQLite gets
a file in a temporary folder; when DATABASE_URL names PostgreSQL, a fresh
database ``bearing_e2e_<random>`` is created on that server and dropped after.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
BEARING = str(Path(sys.executable).with_name("bearing"))


@dataclass(frozen=True)
class LiveServer:
    url: str
    env: dict[str, str]

    def bearing(self, *args: str, stdin: str | None = None) -> str:
        return run_bearing(self.env, *args, stdin=stdin)


def run_bearing(env: dict[str, str], *args: str, stdin: str | None = None) -> str:
    done = subprocess.run(
        [BEARING, *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"bearing {' '.join(args)} failed: {done.stderr or done.stdout}")
    return done.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def fresh_database(folder: Path) -> Iterator[str]:
    """A DATABASE_URL for an empty database of the same kind as the test run's."""
    configured = os.environ.get("DATABASE_URL", "")
    if not configured.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{folder / 'e2e.sqlite3'}"
        return
    import psycopg

    name = f"bearing_e2e_{secrets.token_hex(4)}"
    parts = urlsplit(configured)
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _wait_for_port(
    port: int, process: subprocess.Popen[bytes], log: Path, timeout: float = 30
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"bearing serve exited: {log.read_text()}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"bearing serve did not listen on {port}: {log.read_text()}")


@contextmanager
def live_server(
    folder: Path, *, demo: bool = True, extra_env: dict[str, str] | None = None
) -> Iterator[LiveServer]:
    """Migrate and seed a fresh database through the CLI, serve it, and stop it afterwards."""
    with fresh_database(folder) as database_url:
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "BEARING_SECRET_KEY": secrets.token_urlsafe(40),
            "BEARING_DEBUG": "0",
            **(extra_env or {}),
        }
        run_bearing(env, "migrate")
        if demo:
            run_bearing(env, "demo")
        port = free_port()
        log = folder / "serve.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                [BEARING, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"],
                env=env, stdout=out, stderr=subprocess.STDOUT, cwd=folder, start_new_session=True,
            )  # fmt: skip
        try:
            _wait_for_port(port, process, log)
            yield LiveServer(url=f"http://127.0.0.1:{port}", env=env)
        finally:
            # gunicorn's master and worker share the session we started: stop them both.
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
