"""The inbox page and the notifications API: one's own notices only, the unread count in
the navigation bar in one query, marking read, choices and snooze."""

from __future__ import annotations

from datetime import UTC, date, datetime

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bearing.notify.cadence_settings import preferences_for
from bearing.notify.models import Notice
from bearing.orgs.models import Organization, Person
from bearing.orgs.services import token_create
from tests.conftest import World, signed_in


def notice(world: World, person: Person, title: str, org: Organization | None = None) -> Notice:
    return Notice.objects.create(
        organization=org or world.org, recipient=person, kind="reminder", key=title, title=title,
        link="/o/acme/", created_at=datetime(2026, 2, 16, 9, tzinfo=UTC),
    )  # fmt: skip


def test_inbox_shows_own_notices_and_the_unread_count(world: World) -> None:
    notice(world, world.bob, "Time to check in")
    notice(world, world.bob, "Weekly digest")
    notice(world, world.alice, "Alice's own")
    notice(world, world.mallory, "Globex's", org=world.other_org)
    page = signed_in(world.bob).get("/o/acme/inbox/").content.decode()
    assert "Time to check in" in page and "Weekly digest" in page
    assert "Alice's own" not in page and "Globex" not in page
    assert 'aria-label="2 unread"' in page


def test_the_unread_count_costs_one_query(world: World) -> None:
    client = signed_in(world.bob)
    client.get("/o/acme/teams/")  # warm the session
    with CaptureQueriesContext(connection) as queries:
        client.get("/o/acme/teams/")
    counted = [q["sql"] for q in queries if "notify_notice" in q["sql"]]
    assert len(counted) == 1, counted


def test_marking_read_and_all_read(world: World) -> None:
    one = notice(world, world.bob, "One")
    notice(world, world.bob, "Two")
    client = signed_in(world.bob)
    response = client.post("/o/acme/inbox/read/", {"notice": one.pk, "open": "1"})
    assert response.status_code == 302 and response["Location"] == "/o/acme/"
    assert Notice.objects.get(pk=one.pk).read_at is not None
    client.post("/o/acme/inbox/read/")
    assert not Notice.objects.filter(recipient=world.bob, read_at__isnull=True).exists()


def test_someone_elses_notice_is_404(world: World) -> None:
    alices = notice(world, world.alice, "Alice's")
    assert (
        signed_in(world.bob).post("/o/acme/inbox/read/", {"notice": alices.pk}).status_code == 404
    )
    assert Notice.objects.get(pk=alices.pk).read_at is None


def test_choices_and_snooze(world: World) -> None:
    client = signed_in(world.vic)  # a viewer manages their own choices too
    client.post("/o/acme/inbox/choices/", {"digest_on": "on"})
    preferences = preferences_for(world.org, world.vic)
    assert (preferences.email_on, preferences.digest_on) == (False, True)
    client.post("/o/acme/inbox/snooze/")
    snoozed = preferences_for(world.org, world.vic).snoozed_until
    assert snoozed is not None and snoozed > date.today()


def test_api_lists_and_reads_own_notifications(world: World) -> None:
    mine = notice(world, world.bob, "Mine")
    notice(world, world.alice, "Alice's")
    token = token_create(organization=world.org, person=world.bob, name="t")[1]
    client = Client(headers={"Authorization": f"Bearer {token}"})
    listed = client.get("/api/v1/notifications?unread=true").json()
    assert [n["title"] for n in listed["items"]] == ["Mine"] and listed["count"] == 1
    read = client.post(f"/api/v1/notifications/{mine.pk}/read")
    assert read.status_code == 200 and read.json()["read_at"] is not None
    assert client.get("/api/v1/notifications?unread=true").json()["count"] == 0
