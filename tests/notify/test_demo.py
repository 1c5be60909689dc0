"""The demo shows an inbox with a few notices and a delivery log, and leaves nothing waiting
to be sent (its people have no mailboxes)."""

from __future__ import annotations

from datetime import date

import pytest

from bearing.demo import create_demo
from bearing.notify.models import Delivery, Notice
from bearing.orgs.models import Person
from tests.conftest import signed_in


@pytest.mark.django_db
def test_demo_inbox_and_delivery_log() -> None:
    result = create_demo(password="demo-password", today=date(2026, 2, 18))
    ana = Person.objects.get(email="ana@demo.bearing.example")
    kinds = set(Notice.objects.filter(recipient=ana).values_list("kind", flat=True))
    assert {"digest", "reminder"} <= kinds
    assert Notice.objects.count() >= 3
    assert set(Delivery.objects.values_list("state", flat=True)) == {"sent", "failed"}
    client = signed_in(ana)
    assert b"Weekly digest of" in client.get(f"/o/{result.organization.slug}/inbox/").content
    settings_page = client.get(f"/o/{result.organization.slug}/settings/").content.decode()
    assert "check_in.created" in settings_page and "Gave up" in settings_page
