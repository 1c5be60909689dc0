"""The home page: the current cycle's objectives of the person's organization, scored."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bearing.okrs.services.measurements import measurement_add
from tests import factories
from tests.conftest import World

HOME = "/o/acme/"


def add_scored_objectives(world: World, count: int) -> None:
    for i in range(count):
        objective = factories.make_objective(world.cycle, f"Make checkout delightful {i}")
        kr = factories.make_key_result(objective, f"Cut payment time {i}")
        measurement_add(actor=None, key_result=kr, value=Decimal(72), measured_at=datetime(2026, 2, 1, tzinfo=UTC))


def test_home_lists_objectives_with_score_and_colour(world: World, as_bob: Client) -> None:
    add_scored_objectives(world, 1)
    response = as_bob.get(HOME)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Make checkout delightful 0" in html
    # (120 − 72) / (120 − 24) = 0.5 → yellow
    assert 'class="score yellow"' in html and ">0.5<" in html


def test_home_needs_sign_in(world: World, client: Client) -> None:
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:sign_in"))


def test_stranger_gets_404_not_the_other_organization(world: World, as_mallory: Client) -> None:
    add_scored_objectives(world, 1)
    response = as_mallory.get(HOME)
    assert response.status_code == 404
    assert b"Make checkout delightful" not in response.content


@pytest.mark.parametrize("count", [1, 25])
def test_home_query_count_does_not_grow_with_objectives(world: World, as_bob: Client, count: int) -> None:
    add_scored_objectives(world, count)
    with CaptureQueriesContext(connection) as queries:
        assert as_bob.get(HOME).status_code == 200
    # session, person, membership, cycles, current cycle, objectives, key results, measurements
    assert len(queries) <= 10, [q["sql"] for q in queries]


def test_sign_in_with_email_and_password(world: World, client: Client) -> None:
    page = client.get(reverse("web:sign_in")).content.decode()
    assert ">Email<" in page and ">Password<" in page and ">Sign in</button>" in page
    response = client.post(
        reverse("web:sign_in"), {"username": "bob@acme.example", "password": factories.PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == HOME


def test_wrong_password_keeps_the_email_and_says_why(world: World, client: Client) -> None:
    response = client.post(reverse("web:sign_in"), {"username": "bob@acme.example", "password": "nope"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "do not match" in html
    assert 'value="bob@acme.example"' in html
