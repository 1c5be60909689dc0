"""Calling other servers (Slack, Teams, webhooks): the address checked first, a short
timeout, no redirects, and an answer that never raises.

Server-side request forgery: an admin could point a webhook at the database or a cloud's
metadata address. Every host is resolved and refused when any of its addresses is private,
loopback, link-local or otherwise not public — unless the installation allows it
(BEARING_OUTBOUND_ALLOW_PRIVATE=1: a laptop, the tests' local receivers)."""

from __future__ import annotations

import ipaddress
import json
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError

USER_AGENT = "Bearing-Webhooks/1"


def refusal(url: str) -> str | None:
    """Why Bearing will not call ``url``, or None when it may."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "use an http:// or https:// address"
    if parts.username or parts.password:
        return "leave credentials out of the address"
    if settings.OUTBOUND_ALLOW_PRIVATE:
        return None
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        return f"{parts.hostname} cannot be resolved"
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if not address.is_global or address.is_multicast:
            return f"{parts.hostname} resolves to a private or local address ({address})"
    return None


def checked_url(url: str, field: str = "url") -> str:
    url = url.strip()
    if len(url) > 500:
        raise ValidationError({field: ["at most 500 characters"]})
    if reason := refusal(url):
        raise ValidationError({field: [reason]})
    return url


@dataclass(frozen=True)
class Answer:
    status: int | None  # None: no answer (refused, unreachable, timed out)
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect could lead to an address the check refused: it counts as an answer."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


# Every outbound call Bearing makes (webhooks, chat, data sources) goes through this opener.
no_redirects = urllib.request.build_opener(_NoRedirects())


def post_json(
    url: str, body: dict[str, Any] | str, headers: dict[str, str] | None = None
) -> Answer:
    """POST ``body`` (a dict, or JSON text already signed) to ``url``; never raises."""
    if reason := refusal(url):
        return Answer(None, reason)
    data = (body if isinstance(body, str) else json.dumps(body)).encode()
    request = urllib.request.Request(  # noqa: S310 -- the scheme is checked in refusal()
        url, data=data, method="POST",
        headers={"Content-Type": "application/json", "User-Agent": USER_AGENT, **(headers or {})},
    )  # fmt: skip
    try:
        timeout = float(settings.OUTBOUND_TIMEOUT_SECONDS)
        with no_redirects.open(request, timeout=timeout) as response:
            return Answer(int(response.status))
    except urllib.error.HTTPError as exc:
        return Answer(int(exc.code), f"answered {exc.code}")
    except (urllib.error.URLError, OSError, ValueError) as exc:
        why: object = getattr(exc, "reason", None) or exc
        return Answer(None, f"no answer: {why}"[:300])
