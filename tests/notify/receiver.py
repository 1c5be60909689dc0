"""A real HTTP server on 127.0.0.1 that keeps what it is sent: the Slack, Teams and webhook
tests post to it as production posts to those services. ``answers`` says what it answers,
in turn (the last one repeats)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: str


@dataclass
class Receiver:
    port: int = 0
    answers: list[int] = field(default_factory=lambda: [200])
    delay: float = 0.0  # seconds before answering (a receiver that times out)
    received: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str = "/hook") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def answer(self) -> int:
        with self.lock:
            return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]


@contextmanager
def receiver(answers: list[int] | None = None, delay: float = 0.0) -> Iterator[Receiver]:
    kept = Receiver(answers=answers or [200], delay=delay)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length).decode()
            with kept.lock:
                kept.received.append(
                    Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                )
            time.sleep(kept.delay)
            self.send_response(kept.answer())
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    kept.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield kept
    finally:
        server.shutdown()
        server.server_close()
