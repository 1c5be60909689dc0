"""Every request has a hard time limit (issue 10.3): a request still busy at its deadline is
stopped, its transaction rolled back, and the client told 503 with Retry-After."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def short_limit(settings: Any) -> None:
    settings.ROOT_URLCONF = "tests.security.spin_urls"
    settings.BEARING_REQUEST_TIMEOUT = 0.5


def test_a_page_that_never_ends_is_stopped(short_limit: None) -> None:
    response = Client().get("/spin/")
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert "longer than 0.5 s" in response.content.decode()


def test_an_api_call_that_never_ends_gets_the_error_shape(short_limit: None) -> None:
    response = Client().get("/api/v1/spin/")
    assert response.status_code == 503
    assert response.json()["detail"][0]["type"] == "timeout"


def test_requests_within_the_limit_are_untouched(short_limit: None) -> None:
    assert Client().get("/sign-in/").status_code == 200
