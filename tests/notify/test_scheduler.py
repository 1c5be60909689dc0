"""The scheduler's tick: every organization's due jobs, then the due deliveries; idempotent."""

from __future__ import annotations

import time_machine
from django.db import connection

from bearing.notify.models import Delivery, Notice
from bearing.notify.scheduler import _prune_finished_jobs, tick
from tests.notify.conftest import MONDAY_9, Week


def test_tick_runs_every_organizations_jobs_once(week: Week) -> None:
    with time_machine.travel(MONDAY_9, tick=False):
        made = tick(MONDAY_9)
        again = tick(MONDAY_9)
    assert made == Notice.objects.count() > 0 and again == 0
    assert not Delivery.objects.filter(state="pending").exists()  # e-mails went out in the tick
    # Globex has a running cycle too, but its check-in day is also Monday: Mallory is reminded
    # by her own organization, about her own objective only.
    mallory = Notice.objects.filter(recipient=week.world.mallory)
    assert [n.organization_id for n in mallory] == [week.world.other_org.pk]
    assert "Globex's own" in mallory[0].body and "Acme" not in mallory[0].body


def test_finished_jobs_are_pruned_without_trouble(db: None) -> None:
    _prune_finished_jobs()
    assert connection.is_usable()
