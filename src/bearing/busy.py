"""A database too busy to take a write now answers 503 with Retry-After — never a 500.

SQLite has one writer at a time; another waits up to its busy timeout
(``BEARING_LOCK_TIMEOUT``) and then fails with "database is locked".
PostgreSQL fails the same way on a lock timeout, a deadlock or a serialization
failure. None of these is the client's fault or a bug: the request can simply be
sent again a moment later, which is what 503 with Retry-After says (issue 10.4).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

RETRY_AFTER_SECONDS = 5
# lock_not_available, deadlock_detected, serialization_failure, query_canceled (timeouts)
BUSY_SQLSTATES = frozenset({"55P03", "40P01", "40001", "57014"})
BUSY_MESSAGE = "the database is busy with other writes; send this again in a few seconds"
API_PREFIX = "/api/v1/"

logger = logging.getLogger("bearing.busy")


def is_busy(exc: BaseException) -> bool:
    """Whether a database error means "busy, try again", as opposed to a real failure."""
    if not isinstance(exc, OperationalError):
        return False
    if getattr(exc.__cause__, "sqlstate", None) in BUSY_SQLSTATES:
        return True
    text = str(exc)
    return "database is locked" in text or "database table is locked" in text


def busy_response(request: HttpRequest) -> HttpResponse:
    logger.warning("503 database busy: %s %s", request.method, request.path)
    response: HttpResponse
    if request.path.startswith(API_PREFIX):
        item = {"loc": [], "msg": BUSY_MESSAGE, "type": "busy"}
        response = JsonResponse({"detail": [item]}, status=503)
    else:
        html = render_to_string("503.html", {"retry_after": RETRY_AFTER_SECONDS}, request)
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class BusyDatabaseMiddleware:
    """Turns a busy database into 503 for the pages (the API's handler does the same)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        return busy_response(request) if is_busy(exception) else None
