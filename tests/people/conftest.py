"""Fixtures for the people and teams tests: the web fixtures, and a real SMTP server that
Django's SMTP backend sends to (``mailbox``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.smtp import Inbox, smtp_server
from tests.web.conftest import as_carol, fast_passwords, okrs  # noqa: F401 -- fixtures


@pytest.fixture
def mailbox(settings: Any) -> Iterator[Inbox]:
    """E-mail set up as BEARING_EMAIL_URL would: Django's SMTP backend, to a local server."""
    with smtp_server() as inbox:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = inbox.host, inbox.port
        settings.EMAIL_CONFIGURED = True
        settings.BEARING_BASE_URL = "http://bearing.test"
        yield inbox
