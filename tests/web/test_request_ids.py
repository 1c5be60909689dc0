"""Every request has an id: in the X-Request-ID answer header and in every log line made
while it is handled (Bearing's own and Django's), so a reported failure leads to its lines."""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator

import pytest
import structlog
from django.test import Client

from tests.web.conftest import OKRs

ID = re.compile(r"[0-9a-f]{32}")


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    """What the configured console handler writes, at INFO, into a buffer."""
    formatter = next(
        h.formatter
        for h in logging.getLogger().handlers
        if isinstance(h.formatter, structlog.stdlib.ProcessorFormatter)
    )
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield out
    root.removeHandler(handler)
    root.setLevel(level)


@pytest.mark.parametrize("path", ["/sign-in/", "/o/acme/", "/api/v1/objectives", "/nowhere/"])
def test_every_answer_names_its_request(okrs: OKRs, as_bob: Client, path: str) -> None:
    first, second = as_bob.get(path), as_bob.get(path)
    assert ID.fullmatch(first["X-Request-ID"]) and ID.fullmatch(second["X-Request-ID"])
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_a_proxys_id_is_kept_when_it_looks_like_one(client: Client) -> None:
    kept = client.get("/sign-in/", headers={"X-Request-ID": "lb-7f3a9c21.eu:1"})
    assert kept["X-Request-ID"] == "lb-7f3a9c21.eu:1"
    for odd in ("x", "two words here", "a" * 200, "id;drop table"):
        answer = client.get("/sign-in/", headers={"X-Request-ID": odd})
        assert ID.fullmatch(answer["X-Request-ID"]), odd


def test_log_lines_carry_the_request_id(client: Client, log_lines: io.StringIO) -> None:
    answer = client.get("/nowhere/")  # Django itself logs "Not Found" as a warning
    request_id = answer["X-Request-ID"]
    lines = [line for line in log_lines.getvalue().splitlines() if request_id in line]
    assert any("event='request'" in line and "status=404" in line for line in lines), lines
    assert any("logger='django.request'" in line for line in lines), log_lines.getvalue()
