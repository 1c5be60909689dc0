"""/healthz: 200 and JSON while the database answers, 503 when it does not; no sign-in, and
nothing about the reason given to whoever asks."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.test import Client


@pytest.mark.django_db
def test_healthy_with_a_database(client: Client) -> None:
    answer = client.get("/healthz")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in answer["Cache-Control"] or "max-age=0" in answer["Cache-Control"]
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


def test_unavailable_without_one() -> None:
    # A real process whose database does not answer (nothing listens on port 9).
    probe = (
        "import django, json; django.setup(); from django.test import Client; "
        "r = Client().get('/healthz'); print(json.dumps([r.status_code, r.json()]))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bearing.settings",
           "DATABASE_URL": "postgres://nobody@127.0.0.1:9/nothing",
           "BEARING_SECRET_KEY": "test-only"}  # fmt: skip
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                          text=True, timeout=60, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    status, body = json.loads(done.stdout.strip().splitlines()[-1])
    assert (status, body) == (503, {"status": "unavailable", "database": "unreachable"})
    assert "database unreachable" in done.stderr  # the reason is logged, with the request id
    assert "request_id=" in done.stderr
