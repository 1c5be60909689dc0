"""E-mail through Django's SMTP backend to a real SMTP server: HTML and plain text, one per
person, and a signed one-click unsubscribe link that works."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from django.test import Client

from bearing.notify.cadence_settings import preferences_for
from bearing.notify.models import Delivery
from tests.notify.conftest import MONDAY_9, Week, cadence_run
from tests.smtp import Inbox, body, smtp_server


@pytest.fixture
def mailbox(settings: Any) -> Iterator[Inbox]:
    with smtp_server() as inbox:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = inbox.host, inbox.port
        settings.EMAIL_CONFIGURED = True
        settings.BEARING_BASE_URL = "http://bearing.test"
        yield inbox


def test_reminder_email_with_html_text_and_unsubscribe(week: Week, mailbox: Inbox) -> None:
    with time_machine.travel(MONDAY_9, tick=False):
        result = cadence_run("acme", "2026-02-16T09:00")
        cadence_run("acme", "2026-02-16T09:10")
    assert result.exit_code == 0, result.output
    [message] = mailbox.wait_for("bob@acme.example")
    assert message["Subject"].startswith("[Acme] Time to check in: 2 objectives")
    text = body(message)
    assert "Make refunds instant" in text and "http://bearing.test/o/acme/my-week/" in text
    html = message.get_body(preferencelist=("html",))
    assert html is not None and 'href="http://bearing.test/o/acme/my-week/"' in str(
        html.get_content()
    )
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = str(message["List-Unsubscribe"]).strip().strip("<>")
    assert unsubscribe in text
    assert len(mailbox.to("bob@acme.example")) == 1  # the second run sent nothing
    assert not mailbox.to("mallory@globex.example")

    path = unsubscribe.removeprefix("http://bearing.test")
    client = Client(enforce_csrf_checks=True)
    assert b"Stop these e-mails" in client.get(path).content
    assert preferences_for(week.world.org, week.world.bob).email_on  # a GET changes nothing
    assert b"no more e-mails" in client.post(path).content  # the one-click POST (RFC 8058)
    assert not preferences_for(week.world.org, week.world.bob).email_on


def test_no_email_once_unsubscribed_but_the_inbox_still_gets_it(week: Week, mailbox: Inbox) -> None:
    from bearing.notify.cadence_settings import preferences_update
    from bearing.notify.models import Notice

    preferences_update(organization=week.world.org, person=week.world.bob, email_on=False)
    with time_machine.travel(MONDAY_9, tick=False):
        cadence_run("acme", "2026-02-16T09:00")
    mailbox.wait_for("carol@acme.example")
    assert not mailbox.to("bob@acme.example")
    assert Notice.objects.filter(recipient=week.world.bob, kind="reminder").exists()


def test_a_forged_unsubscribe_link_is_404(db: None) -> None:
    assert Client().get("/unsubscribe/not-a-token/").status_code == 404


def test_mail_server_down_retries_later_never_crashes(week: Week, settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    with time_machine.travel(MONDAY_9, tick=False):
        result = cadence_run("acme", "2026-02-16T09:00")
    assert result.exit_code == 0, result.output
    waiting = Delivery.objects.filter(channel="email", state="pending")
    assert waiting.count() == 3 and all(d.attempts == 1 for d in waiting)
    assert all(d.next_attempt_at > datetime(2026, 2, 16, 9, tzinfo=UTC) for d in waiting)
