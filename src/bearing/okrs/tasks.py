"""Background jobs of the OKR app, on Django's Tasks API (the django-tasks backport).

Each job is idempotent: running it twice stores the same results, so a job retried after a
crash does no harm."""

from __future__ import annotations

from django_tasks import task

from bearing.okrs.models import Cycle


@task()
def analyse_cycle_task(cycle_id: int) -> None:
    """Recompute a cycle's look-alikes, portfolio notes and depth (``okrs.analysis``)."""
    from bearing.okrs.analysis import analyse_cycle

    cycle = Cycle.objects.select_related("organization").filter(pk=cycle_id).first()
    if cycle is not None:  # deleted since the job was queued: nothing to do
        analyse_cycle(cycle)
