"""What the benchmarks share: synthetic organizations built once and reused, a real
`bearing serve` to measure, a signed-in client, and the floor every page is compared with.

Databases live in bench/data/ (SQLite files; PostgreSQL databases named bearing_bench_<N>)
beside a JSON manifest. A manifest names the fingerprint of what built it (the generator,
the migrations, the stored-figures code); when that changes, the organization is rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
POSTGRES = os.environ.get("BEARING_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
SECRET = "bench-secret-key-not-for-production"  # noqa: S105 -- a throwaway benchmark server


@dataclass(frozen=True)
class Target:
    """One synthetic organization on one database engine."""

    engine: str  # "sqlite" or "postgres"
    people: int

    @property
    def name(self) -> str:
        return f"{self.engine}-{self.people}"

    @property
    def database_url(self) -> str:
        if self.engine == "sqlite":
            return f"sqlite:///{DATA / f'{self.name}.sqlite3'}"
        return f"{POSTGRES}/bearing_bench_{self.people}"

    @property
    def manifest(self) -> Path:
        return DATA / f"{self.name}.json"


def fingerprint() -> str:
    """What decides the contents of a built organization: the generator, the schema and the
    code that stores derived figures."""
    files = sorted(
        [
            ROOT / "bench" / "synthetic.py",
            ROOT / "bench" / "build.py",
            *(ROOT / "src" / "bearing").glob("*/migrations/0*.py"),
            *(ROOT / "src" / "bearing" / "okrs").glob("derived*.py"),
            *(ROOT / "src" / "bearing" / "domain").glob("scoring.py"),
        ]
    )
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def built(target: Target, *, rebuild: bool = False) -> dict[str, Any]:
    """The organization of ``target``, built now unless an up-to-date one exists."""
    DATA.mkdir(parents=True, exist_ok=True)
    wanted = fingerprint()
    if target.manifest.exists() and not rebuild:
        manifest: dict[str, Any] = json.loads(target.manifest.read_text())
        if manifest.get("fingerprint") == wanted:
            return manifest
    print(f"Building {target.people:,} people on {target.engine} (takes a while)…", flush=True)
    _fresh_database(target)
    began = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "bench.build", "--people", str(target.people)],
        cwd=ROOT, env=server_env(target), capture_output=True, text=True, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        raise SystemExit(f"building {target.name} failed:\n{result.stderr[-3000:]}")
    manifest = json.loads(result.stdout.strip().splitlines()[-1])
    manifest |= {"fingerprint": wanted, "build_seconds": round(time.perf_counter() - began, 1)}
    target.manifest.write_text(json.dumps(manifest, indent=2))
    return manifest


def _fresh_database(target: Target) -> None:
    if target.engine == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{DATA / target.name}.sqlite3{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    name = target.database_url.rsplit("/", 1)[1]
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


def server_env(target: Target, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": target.database_url,
        "BEARING_SECRET_KEY": SECRET,
        "PYTHONPATH": str(ROOT),
        **extra,
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(target: Target, *, workers: int = 2, threads: int = 4) -> Iterator[str]:
    """A real `bearing serve` over the target's database; yields its base URL."""
    import requests

    port = free_port()
    log = (DATA / f"serve-{target.name}.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "bearing", "serve", "--port", str(port),
         "--workers", str(workers), "--threads", str(threads)],
        cwd=ROOT, env=server_env(target), stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if requests.get(f"{base}/sign-in/", timeout=30).status_code == 200:
                    break
            except (requests.ConnectionError, requests.Timeout):  # not up yet, or a busy machine
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"bearing serve did not start; see {log.name}")
            time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def signed_in(base: str, email: str, password: str) -> Any:
    """A requests session signed in through the real sign-in form."""
    import requests

    session = requests.Session()
    session.get(f"{base}/sign-in/", timeout=30)
    response = session.post(
        f"{base}/sign-in/",
        data={
            "username": email,
            "password": password,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        headers={"Referer": f"{base}/sign-in/"},
        timeout=30,
        allow_redirects=False,
    )
    if response.status_code != 302:
        raise SystemExit(f"signing in as {email} failed ({response.status_code})")
    return session


def median_of(action: Callable[[], object], runs: int = 3, warmup: int = 1) -> float:
    """Median seconds over ``runs`` after ``warmup`` untimed runs."""
    for _ in range(warmup):
        action()
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


# The floor: one bare SQL read of what the alignment tree shows (objectives, links, key
# results, each key result's latest measurement) plus json.dumps of the rows. Written
# the fastest natural way for each engine; the connection is opened before timing.
FLOOR_SQL = {
    "objectives": "SELECT id, ref, title, team_id, owner_id, state, visibility "
    "FROM okrs_objective WHERE cycle_id = {p}",
    "links": "SELECT l.child_id, l.parent_objective_id, l.parent_key_result_id, l.kind "
    "FROM okrs_alignmentlink l JOIN okrs_objective o ON o.id = l.child_id WHERE o.cycle_id = {p}",
    "key_results": "SELECT id, objective_id, ref, title, kind, start, target, weight "
    "FROM okrs_keyresult WHERE cycle_id = {p}",
}
LATEST_SQL = {
    # SQLite returns the row holding MAX() for the bare columns.
    "sqlite": "SELECT m.key_result_id, m.value, MAX(m.measured_at) FROM okrs_measurement m "
    "JOIN okrs_keyresult k ON k.id = m.key_result_id WHERE k.cycle_id = ? "
    "GROUP BY m.key_result_id",
    "postgres": "SELECT DISTINCT ON (m.key_result_id) m.key_result_id, m.value, m.measured_at "
    "FROM okrs_measurement m JOIN okrs_keyresult k ON k.id = m.key_result_id "
    "WHERE k.cycle_id = %s ORDER BY m.key_result_id, m.measured_at DESC, m.id DESC",
}


def floor_seconds(target: Target, cycle_id: int) -> float:
    connection: Any
    if target.engine == "sqlite":
        import sqlite3

        connection = sqlite3.connect(target.database_url.removeprefix("sqlite:///"))
        placeholder = "?"
    else:
        import psycopg

        connection = psycopg.connect(target.database_url)
        placeholder = "%s"

    def read() -> None:
        cursor = connection.cursor()
        rows = {}
        for name, sql in FLOOR_SQL.items():
            cursor.execute(sql.format(p=placeholder), [cycle_id])
            rows[name] = cursor.fetchall()
        cursor.execute(LATEST_SQL[target.engine], [cycle_id])
        rows["latest"] = cursor.fetchall()
        json.dumps(rows, default=_plain)

    try:
        return median_of(read)
    finally:
        connection.close()


def _plain(value: object) -> str:
    return str(value) if isinstance(value, Decimal) else repr(value)


def machine() -> dict[str, str]:
    """The machine and software the figures were taken on."""
    import platform

    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return {
        "machine": f"{os.cpu_count()} cores ({cpu}){memory}",
        "python": platform.python_version(),
        "system": platform.platform(terse=True),
    }


def stamp() -> str:
    """When a figure was taken, with the machine's load then: a busy machine (other test
    suites, helpers) slows every timing, and the figures only mean something beside it."""
    one, five, _ = os.getloadavg()
    return f"{time.strftime('%Y-%m-%d %H:%M')} (load average {one:.1f} / {five:.1f})"
