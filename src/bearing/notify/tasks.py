"""Background jobs of the notices (Django's Tasks API: the database queue, or RQ over Redis).

Every job is idempotent — the notices' keys and the deliveries' claims see to it — so a job
run twice, or again after its worker died, sends nothing twice."""

from __future__ import annotations

import logging
import time
from datetime import datetime
from typing import Any

from django.db import OperationalError
from django.utils import timezone
from django_tasks import task

log = logging.getLogger(__name__)


@task()
def deliver_task(delivery_id: int) -> None:
    """Send one delivery now (queued when it is made; the sweep catches any left behind)."""
    from bearing.notify.deliver import deliver

    deliver(delivery_id)


@task()
def cadence_tick_task(at: str | None = None) -> int:
    """What the scheduler queues every minute: each organization's due cadence jobs, then
    every delivery due. Returns how many notices and posts were made."""
    from bearing.notify.scheduler import tick

    moment = datetime.fromisoformat(at) if at else timezone.now()
    return tick(moment)


# A busy database (SQLite's one writer held past BEARING_LOCK_TIMEOUT by a large import, say)
# is waited out this many times, twice as long each time, before the job gives up.
BUSY_TRIES = 4


@task()
def change_notices_task(facts: list[dict[str, Any]]) -> None:
    """Tell people about changes (communicate change, comments, reactions) and queue the
    webhooks' events — after the change committed, off the request. The job is idempotent,
    so a try the busy database refused is simply made again, a moment later."""
    from bearing.busy import is_busy
    from bearing.notify.on_change import handle_changes

    for attempt in range(BUSY_TRIES):
        try:
            handle_changes(facts)
            return
        except OperationalError as exc:
            if not is_busy(exc) or attempt == BUSY_TRIES - 1:
                raise
            log.warning("change notices: the database is busy; trying again (%d)", attempt + 1)
            time.sleep(2**attempt)
