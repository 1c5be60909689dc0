"""The scheduler: once a minute, every organization's due cadence jobs and the due deliveries.

It runs inside `bearing worker` (a thread that queues ``cadence_tick_task`` on the minute);
each tick is idempotent, so several workers ticking at once tell nobody twice."""

from __future__ import annotations

import logging
import threading
import time
from datetime import datetime

from django.db import close_old_connections

from bearing.busy import is_busy
from bearing.notify.cadence_jobs import run_due
from bearing.notify.deliver import deliver_due
from bearing.orgs.models import Organization

log = logging.getLogger(__name__)
TICK_SECONDS = 60.0
# A tick a minute leaves a finished job row a minute in the database queue: those older than
# a day are pruned every hour.
PRUNE_SECONDS = 3600.0


def tick(at: datetime) -> int:
    made = 0
    for organization in Organization.objects.order_by("pk").iterator():
        try:
            made += len(run_due(organization, at))
        except Exception as exc:  # one organization's trouble must not silence the others
            _failed(exc, f"cadence jobs of {organization.slug}")
    try:
        deliver_due(at)
    except Exception as exc:  # the deliveries wait for the next tick (each is claimed once)
        _failed(exc, "deliveries")
    try:  # key results fed from data sources (bearing.integrations): each due one queued
        from bearing.integrations.tasks import queue_due

        queue_due(at)
    except Exception as exc:  # the sources wait for the next tick (each is claimed once)
        _failed(exc, "data sources")
    return made


def _prune_finished_jobs() -> None:
    from django.conf import settings
    from django.core.management import call_command

    if not settings.REDIS_URL:  # RQ expires its own results
        call_command("prune_db_task_results", queue_name="*", min_age_days=1, verbosity=0)


def _failed(exc: Exception, what: str) -> None:
    """A busy database (another write holds SQLite's lock past BEARING_LOCK_TIMEOUT) is a
    warning: the next tick does it, and every job is idempotent. Anything else is an error."""
    if is_busy(exc):
        log.warning("%s: the database is busy; the next tick tries again", what)
    else:
        log.error("%s failed", what, exc_info=exc)


class Scheduler(threading.Thread):
    """Queues a cadence tick every ``interval`` seconds until stopped."""

    def __init__(self, interval: float = TICK_SECONDS) -> None:
        super().__init__(name="bearing-scheduler", daemon=True)
        self.interval = interval
        self.stopped = threading.Event()

    def run(self) -> None:
        from bearing.notify.tasks import cadence_tick_task

        pruned = time.monotonic()
        while not self.stopped.is_set():
            try:
                cadence_tick_task.enqueue()
                if time.monotonic() - pruned > PRUNE_SECONDS:
                    pruned = time.monotonic()
                    _prune_finished_jobs()
            except Exception as exc:
                _failed(exc, "queueing the cadence tick")
            finally:
                close_old_connections()
            self.stopped.wait(self.interval)

    def stop(self) -> None:
        self.stopped.set()
