"""A request id for every request: in every log line made while it is handled, and in the
``X-Request-ID`` response header, so a person's report ("it failed, request 3f2a…") leads to
the server's lines about it. A proxy's own id (``X-Request-ID`` on the request) is kept when
it looks like an id; anything else gets a new one."""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Callable

import structlog
from django.core.signals import request_finished
from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
# What an upstream id may look like: short, and nothing that could break a header or a log line.
UPSTREAM_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")

log = structlog.get_logger("bearing.request")


def request_id_of(request: HttpRequest) -> str:
    given = request.headers.get(HEADER, "")
    return given if UPSTREAM_ID.fullmatch(given) else uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_of(request)
        request.request_id = request_id  # type: ignore[attr-defined]
        started = time.perf_counter()
        # Bound until the response is closed (``request_finished``), not only until this
        # returns: Django logs "Not Found" and "Forbidden" after the middleware is done.
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(request_id=request_id)
        response = self.get_response(request)
        log.info(
            "request", method=request.method, path=request.path, status=response.status_code,
            ms=round((time.perf_counter() - started) * 1000, 1),
        )  # fmt: skip
        response[HEADER] = request_id
        return response


def _forget_request_id(**kwargs: object) -> None:
    structlog.contextvars.clear_contextvars()


request_finished.connect(_forget_request_id, dispatch_uid="bearing.request_ids")
