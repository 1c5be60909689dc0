"""A real `bearing worker` (worker and scheduler) sends the reminders by itself, and when it
is killed mid-run and started again, nobody gets a notice twice and no notice is lost."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.live import BEARING, bearing, fresh_database
from tests.smtp import Inbox

PEOPLE = 12
SETUP = """
import django, sys
from datetime import date, timedelta
django.setup()
from bearing.notify.cadence_settings import cadence_update
from bearing.orgs.models import Organization
from tests import factories
today = date.today()
org = factories.make_org("acme", "Acme")
factories.company(org)
org.checkin_weekday = today.weekday()  # today is check-in day, from 00:00 UTC
org.save()
cadence_update(actor=None, organization=org, checkin_hour=0, digests_on=False)
cycle = factories.make_cycle(org, start=today - timedelta(days=10), end=today + timedelta(days=80))
for i in range(int(sys.argv[1])):
    person = factories.make_member(org, f"owner{i:02d}@acme.example", "member")
    factories.make_objective(cycle, f"Objective {i}", owner=person)
"""


class SlowInbox(Inbox):
    """A mail server that takes its time, so the worker can be caught in the middle."""

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        await asyncio.sleep(0.3)
        return await super().handle_DATA(server, session, envelope)


REDIS_URL = "redis://127.0.0.1:6379/13"


def _env(database_url: str, inbox: Inbox, backend: str) -> dict[str, str]:
    env = {
        **os.environ, "DATABASE_URL": database_url, "BEARING_SECRET_KEY": "test-secret-key",
        "BEARING_EMAIL_URL": inbox.url, "BEARING_DELIVERY_LEASE_SECONDS": "1",
    }  # fmt: skip
    if backend == "redis":
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()  # a database of the tests' own
        env["BEARING_REDIS_URL"] = REDIS_URL
    return env


def _worker(env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*BEARING, "worker", "--interval", "0.1", "--tick", "0.5"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip


def _wait(condition: Any, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def _states(env: dict[str, str]) -> dict[str, int]:
    script = (
        "import django, json; django.setup()\n"
        "from django.db.models import Count\n"
        "from bearing.notify.models import Delivery, Notice\n"
        "out = dict(Delivery.objects.values_list('state').annotate(n=Count('id')))\n"
        "out['notices'] = Notice.objects.count()\n"
        "out['distinct'] = Notice.objects.values('recipient').distinct().count()\n"
        "print(json.dumps(out))"
    )
    import json

    done = subprocess.run(
        [BEARING[0], "-c", script], env=env, capture_output=True, text=True, check=True
    )
    return dict(json.loads(done.stdout))


@pytest.mark.skipif(
    datetime.now(UTC).hour == 23 and datetime.now(UTC).minute > 55,
    reason="check-in day would end while the test runs",
)
@pytest.mark.parametrize("backend", ["database", "redis"])
def test_killed_worker_sends_no_notice_twice_and_loses_none(tmp_path: Path, backend: str) -> None:
    controller = None
    inbox = SlowInbox(host="127.0.0.1", port=0)
    from aiosmtpd.controller import Controller

    from tests.smtp import free_port

    inbox.port = free_port()
    controller = Controller(inbox, hostname=inbox.host, port=inbox.port)
    controller.start()
    try:
        with fresh_database(tmp_path) as database_url:
            assert bearing(database_url, "migrate").returncode == 0
            env = _env(database_url, inbox, backend)
            subprocess.run(
                [BEARING[0], "-c", SETUP, str(PEOPLE)], env=env, check=True, cwd=Path.cwd()
            )
            first = _worker(env)
            try:
                assert _wait(lambda: len(inbox.messages) >= 3), "the worker sent nothing"
            finally:
                os.killpg(first.pid, signal.SIGKILL)  # mid-run: most reminders are still unsent
                first.wait()
            sent_before = len(inbox.messages)
            assert sent_before < PEOPLE, "the worker finished before it could be killed"
            time.sleep(1.2)  # past the lease of the delivery it was sending
            second = _worker(env)
            try:
                settled = _wait(
                    lambda: "pending" not in _states(env) and "sending" not in _states(env)
                )
            finally:
                os.killpg(second.pid, signal.SIGTERM)
                second.wait(timeout=30)
            assert settled, _states(env)
            states = _states(env)
    finally:
        controller.stop()
    recipients = [str(m["To"]) for m in inbox.messages]
    assert len(recipients) == len(set(recipients)), "someone got the same reminder twice"
    assert states["notices"] == states["distinct"] == PEOPLE  # one reminder each, none lost
    # Every e-mail was sent, or — the one the worker died sending — marked interrupted.
    assert states.get("sent", 0) == len(recipients)
    assert states.get("sent", 0) + states.get("unknown", 0) == PEOPLE
    assert states.get("unknown", 0) <= 1
