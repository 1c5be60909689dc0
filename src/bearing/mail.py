"""Sending e-mail through Django's backends (the console unless BEARING_EMAIL_URL names an SMTP
server), and the absolute links they carry.

Messages go out over one connection and one at a time, so a refused address does not stop the
others and the caller learns which failed; nothing here raises for a mail server that is down.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.http import HttpRequest
from django.template.loader import render_to_string

log = logging.getLogger(__name__)
LOCAL_BASE_URL = "http://127.0.0.1:8000"


def base_url(request: HttpRequest | None = None) -> str:
    """Where people open Bearing: BEARING_BASE_URL, else the address of this request, else the
    local server's."""
    if settings.BEARING_BASE_URL:
        return str(settings.BEARING_BASE_URL)
    if request is not None:
        return f"{request.scheme}://{request.get_host()}"
    return LOCAL_BASE_URL


def is_configured() -> bool:
    """Whether e-mail really leaves the server (else it is written to the server's log)."""
    return bool(settings.EMAIL_CONFIGURED)


def message(to: str, template: str, context: dict[str, Any]) -> EmailMessage:
    """A plain-text message from ``bearing/email/<template>.txt``: its first line is the subject."""
    text = render_to_string(f"bearing/email/{template}.txt", context)
    subject, _, body = text.strip().partition("\n")
    return EmailMessage(subject=subject.strip(), body=body.strip() + "\n", to=[to])


@dataclass(frozen=True)
class Failed:
    to: str
    reason: str


def send(messages: Sequence[EmailMessage]) -> list[Failed]:
    """Send each message; the ones that could not be sent, with why."""
    if not messages:
        return []
    connection = get_connection()
    try:
        connection.open()
    except (OSError, smtplib.SMTPException) as exc:
        log.warning("e-mail: cannot reach the mail server: %s", exc)
        return [Failed(m.to[0], f"the mail server cannot be reached ({exc})") for m in messages]
    failed = []
    try:
        for m in messages:
            try:
                connection.send_messages([m])
            except (OSError, smtplib.SMTPException) as exc:
                log.warning("e-mail to %s not sent: %s", m.to[0], exc)
                failed.append(Failed(m.to[0], f"the mail server refused it ({exc})"))
    finally:
        connection.close()
    return failed
