"""Schemathesis over /api/v1/openapi.json, in-process through the WSGI app, as an admin:
whatever a client sends within (or just outside) the document, the answer is never a 5xx,
its status and body are the ones the document lists, and what the document forbids the
server refuses (schemathesis's ST201: no schema-violating request is accepted).

Bounded (EXAMPLES per operation) so it runs in the normal test run, on SQLite and again on
PostgreSQL, in about a minute each; BEARING_SCHEMATHESIS_EXAMPLES=500 digs deeper (a
nightly job, say).

What the document cannot say is left to the rules and their 422s: an end after the start,
a target different from the start, a title that shows something. So the reverse check
(ST202, every schema-valid request accepted) is not run; docs/security.md says why.
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
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from bearing.wsgi import application
from tests.api.conftest import Seed

pytestmark = pytest.mark.security

EXAMPLES = int(os.environ.get("BEARING_SCHEMATHESIS_EXAMPLES", "25"))
CHECKS = [
    not_a_server_error, status_code_conformance, content_type_conformance,
    response_schema_conformance, negative_data_rejection,
]  # fmt: skip
# The export is a YAML or CSV file, documented as a string; schemathesis reads the YAML into
# a mapping and then finds it is not a string.
FILE_DOWNLOAD = "/api/v1/cycles/{id}/okr-file"

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
def test_the_api_keeps_to_its_document(
    case: schemathesis.Case[Any], seed: Seed, same_connection: None
) -> None:
    checks = CHECKS
    if case.operation.path == FILE_DOWNLOAD:
        checks = [c for c in CHECKS if c is not response_schema_conformance]
    # Set on the case itself, so schemathesis knows the request carries a token (a "missing
    # Authorization" case it generated is then no longer a schema-violating one).
    case.headers = {**(case.headers or {}), "Authorization": f"Bearer {seed.tokens['alice']}"}  # type: ignore[assignment,dict-item]
    case.call_and_validate(checks=checks)
