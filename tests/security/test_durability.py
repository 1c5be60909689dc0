"""kill -9 under write load loses no acknowledged write (the standing suite, issue 10):
every measurement the server answered 201 for is there after the whole server — master
and workers — is killed without warning and started again, on the run's database."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

from tests.live import BEARING, free_port, fresh_database
from tests.security.live_org import add_org, cli

pytestmark = [pytest.mark.security, pytest.mark.durability]

WRITERS = 8
ACKNOWLEDGED_BEFORE_KILL = 120  # then the server dies mid-stream
MAX_SECONDS = 120  # the load stops by itself whatever happens


@contextmanager
def server(database_url: str, folder: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url,
           "BEARING_SECRET_KEY": "test-secret-key-not-for-production"}  # fmt: skip
    with (folder / "serve.log").open("ab") as log:
        process = subprocess.Popen(
            [*BEARING, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"],
            env=env, cwd=folder, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    # Waits as long as the server lives (no clock: a loaded machine starts gunicorn slowly);
    # a server that exits before answering fails the test.
    while True:
        try:
            requests.get(f"{base}/sign-in/", timeout=30)
            break
        except (requests.ConnectionError, requests.Timeout):
            assert process.poll() is None, "server did not start"
            time.sleep(0.2)
    try:
        yield base, process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=15)


def test_acknowledged_writes_survive_kill_9(tmp_path: Path) -> None:
    with fresh_database(tmp_path) as url:
        cli(url, tmp_path, "migrate")
        token = add_org(url, tmp_path, "acme")
        api = requests.Session()
        api.headers["Authorization"] = f"Bearer {token}"
        acknowledged: dict[int, str] = {}  # measurement id → value
        lock = threading.Lock()
        with server(url, tmp_path) as (base, process):
            cycle = api.post(f"{base}/api/v1/cycles", json={"name": "Q", "start": "2026-01-01",
                                                             "end": "2026-03-31"}).json()  # fmt: skip
            objective = api.post(f"{base}/api/v1/objectives",
                                 json={"cycle": cycle["id"], "title": "Grow"}).json()  # fmt: skip
            kr = api.post(f"{base}/api/v1/objectives/{objective['id']}/key-results",
                          json={"title": "Grow users from 0 to 1000000", "start": 0,
                                "target": 1000000}).json()  # fmt: skip
            stop = threading.Event()
            started = time.monotonic()

            def write(writer: int) -> None:
                session = requests.Session()
                session.headers["Authorization"] = f"Bearer {token}"
                n = 0
                while not stop.is_set() and time.monotonic() - started < MAX_SECONDS:
                    value = f"{writer}{n:05d}"
                    n += 1
                    try:
                        answer = session.post(
                            f"{base}/api/v1/key-results/{kr['id']}/measurements",
                            json={"value": value, "measured_at": "2026-02-01T00:00:00Z"}, timeout=10,
                        )  # fmt: skip
                    except requests.RequestException:
                        continue  # the server is gone: this write was never acknowledged
                    if answer.status_code == 201:
                        with lock:
                            acknowledged[answer.json()["id"]] = value

            with ThreadPoolExecutor(WRITERS) as pool:
                for i in range(WRITERS):
                    pool.submit(write, i)
                while len(acknowledged) < ACKNOWLEDGED_BEFORE_KILL:
                    if time.monotonic() - started > MAX_SECONDS:  # a hang guard, not a timing
                        pytest.fail("the load never got going")
                    time.sleep(0.05)
                os.killpg(process.pid, signal.SIGKILL)  # master and workers, mid-request
                process.wait()
                time.sleep(1)
                stop.set()
        with server(url, tmp_path) as (base, _):
            stored: dict[int, float] = {}
            link: str | None = f"{base}/api/v1/key-results/{kr['id']}/measurements?limit=200"
            while link:
                page = api.get(link).json()
                stored.update({m["id"]: m["value"] for m in page["items"]})
                link = page["next"]
    lost = {i: v for i, v in acknowledged.items() if i not in stored}
    assert not lost, f"{len(lost)} acknowledged writes lost"
    assert all(float(v) == stored[i] for i, v in acknowledged.items())
