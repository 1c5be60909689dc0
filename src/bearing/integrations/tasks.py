"""Background fetches of the data sources (Django's Tasks API, like the notices' jobs).

The scheduler's tick claims each due source (a lease on its next run) and queues one job for
it, so a slow database delays only its own source and two ticks never fetch one twice."""

from __future__ import annotations

from datetime import datetime

from django_tasks import task


@task()
def fetch_source_task(source_id: int, at: str) -> bool:
    """Fetch one claimed source; True when it found a number."""
    from bearing.integrations.models import Source
    from bearing.integrations.services import refresh

    source = (
        Source.objects.select_related("connection", "key_result", "kpi")
        .filter(pk=source_id)
        .first()
    )
    if source is None:  # removed since it was queued
        return False
    return refresh(source, datetime.fromisoformat(at)).ok


def queue_due(at: datetime) -> int:
    """What the scheduler's tick calls: claim and queue every due source. How many queued."""
    from bearing.integrations.services import claim, due

    queued = 0
    for source_id in list(due(at).values_list("pk", flat=True)[:500]):
        if claim(source_id, at):
            fetch_source_task.enqueue(source_id, at.isoformat())
            queued += 1
    return queued
