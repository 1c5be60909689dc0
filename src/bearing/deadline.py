"""Every request gets a hard time limit (``BEARING_REQUEST_TIMEOUT``, seconds; issue 10.3).

gunicorn's worker timeout does not stop a gthread worker whose request thread is busy:
the worker's main loop keeps reporting it alive. So a watchdog thread here raises
``RequestTimeout`` inside any request thread that runs past its deadline, at its next
Python instruction; the request's transaction rolls back and the client gets 503 with
Retry-After. Under ``bearing serve`` the worker then retires gracefully (gunicorn starts
a fresh one), and a thread that does not stop within the grace period (stuck inside a C
call) ends the worker outright: no request can hold a worker for ever.
"""

from __future__ import annotations

import ctypes
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import connections
from django.http import HttpRequest, HttpResponse

from bearing.busy import RETRY_AFTER_SECONDS

logger = logging.getLogger("bearing.deadline")
GRACE_SECONDS = 10.0
TICK_SECONDS = 0.1


class RequestTimeout(BaseException):
    """Raised inside a request thread that ran past its deadline."""


@dataclass
class _Running:
    deadline: float
    path: str
    interrupted_at: float | None = None


class Watchdog:
    """One per process: the request threads running now and when each must end."""

    def __init__(self) -> None:
        self.running: dict[int, _Running] = {}
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None
        # Set by `bearing serve` (gunicorn): retire the worker after a timeout, and end it
        # when a request thread cannot be stopped.
        self.after_timeout: Callable[[], None] | None = None
        self.when_stuck: Callable[[], None] | None = None

    def start(self, thread_id: int, seconds: float, path: str) -> None:
        with self.lock:
            self.running[thread_id] = _Running(time.monotonic() + seconds, path)
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(
                    target=self._watch, name="bearing-watchdog", daemon=True
                )
                self.thread.start()

    def finish(self, thread_id: int) -> None:
        with self.lock:
            self.running.pop(thread_id, None)

    def _watch(self) -> None:
        while True:
            time.sleep(TICK_SECONDS)
            now = time.monotonic()
            with self.lock:
                overdue = [(t, r) for t, r in self.running.items() if r.deadline <= now]
            for thread_id, running in overdue:
                if running.interrupted_at is None:
                    running.interrupted_at = now
                    logger.warning("request timed out, stopping it: %s", running.path)
                    _raise_in(thread_id)
                elif now - running.interrupted_at > GRACE_SECONDS and self.when_stuck:
                    logger.error(
                        "request could not be stopped, ending the worker: %s", running.path
                    )
                    self.when_stuck()


def _raise_in(thread_id: int) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(RequestTimeout)
    )


watchdog = Watchdog()


class RequestDeadlineMiddleware:
    """First in MIDDLEWARE: it sees every request, and the timeout of any of them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        seconds = float(settings.BEARING_REQUEST_TIMEOUT)
        if seconds <= 0:
            return self.get_response(request)
        thread_id = threading.get_ident()
        watchdog.start(thread_id, seconds, request.path)
        try:
            return self.get_response(request)
        except RequestTimeout:
            return self._timed_out(request, seconds)
        finally:
            watchdog.finish(thread_id)

    def _timed_out(self, request: HttpRequest, seconds: float) -> HttpResponse:
        # Interrupted anywhere: drop this thread's connections rather than trust their state.
        for connection in connections.all(initialized_only=True):
            connection.close()
        if watchdog.after_timeout is not None:
            watchdog.after_timeout()
        from bearing.api.middleware import API_PREFIX

        message = f"this took longer than {seconds:g} s and was stopped; nothing was changed"
        response: HttpResponse
        if request.path.startswith(API_PREFIX):
            from django.http import JsonResponse

            item = {"loc": [], "msg": message, "type": "timeout"}
            response = JsonResponse({"detail": [item]}, status=503)
        else:
            response = HttpResponse(
                f"<!doctype html><title>Too slow</title><p>{message.capitalize()}.</p>",
                status=503,
            )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
