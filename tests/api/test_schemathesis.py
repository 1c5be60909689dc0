"""Schemathesis over /api/v1/openapi.json, in-process through the WSGI app, as an admin:
whatever a client sends within (or just outside) the document, the answer is never a 5xx.

Bounded (EXAMPLES per operation) so it runs in the normal test run in well under a minute;
BEARING_SCHEMATHESIS_EXAMPLES=500 digs deeper (a nightly job, say).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from bearing.wsgi import application
from tests.api.conftest import Seed

EXAMPLES = int(os.environ.get("BEARING_SCHEMATHESIS_EXAMPLES", "25"))

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def same_connection() -> Iterator[None]:
    """Keep Django from closing the test's connection after each request, as its test client
    does: the requests must see (and roll back with) the test's transaction."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_server_errors(case: schemathesis.Case[Any], seed: Seed, same_connection: None) -> None:
    case.call_and_validate(
        headers={"Authorization": f"Bearer {seed.tokens['alice']}"},
        checks=[not_a_server_error],
    )
