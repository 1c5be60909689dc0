"""The home page: the current cycle's objectives of the person's organization, scored."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bearing.okrs.services.checkins import checkin_create
from bearing.okrs.services.measurements import measurement_add
from tests import factories
from tests.conftest import World
from tests.web.conftest import OKRs, page

HOME = "/o/acme/"


def add_scored_objectives(world: World, count: int) -> None:
    for i in range(count):
        objective = factories.make_objective(world.cycle, f"Make checkout delightful {i}")
        kr = factories.make_key_result(objective, f"Cut payment time {i}")
        measurement_add(
            actor=None,
            key_result=kr,
            value=Decimal(72),
            measured_at=datetime(2026, 2, 1, tzinfo=UTC),
        )


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
def test_home_query_count_does_not_grow_with_objectives(
    world: World, as_bob: Client, count: int
) -> None:
    add_scored_objectives(world, count)
    with CaptureQueriesContext(connection) as queries:
        assert as_bob.get(HOME).status_code == 200
    # session, person, membership, cycles, current cycle (≤ 4 tries), access, teams,
    # objectives, key results, measurements, last check-ins
    assert len(queries) <= 14, [q["sql"] for q in queries]


def test_sign_in_with_email_and_password(world: World, client: Client) -> None:
    page = client.get(reverse("web:sign_in")).content.decode()
    assert ">Email<" in page and ">Password<" in page and ">Sign in</button>" in page
    response = client.post(
        reverse("web:sign_in"),
        {"username": "bob@acme.example", "password": factories.PASSWORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == HOME


def test_wrong_password_keeps_the_email_and_says_why(world: World, client: Client) -> None:
    response = client.post(
        reverse("web:sign_in"), {"username": "bob@acme.example", "password": "nope"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "do not match" in html
    assert 'value="bob@acme.example"' in html


def test_home_has_my_okrs_my_teams_and_the_company(okrs: OKRs, as_bob: Client) -> None:
    html = page(as_bob, HOME)
    mine = html[html.index('id="mine-heading"') : html.index('id="company-heading"')]
    assert "Make payments effortless" in mine  # Bob owns it
    assert f'href="/o/acme/teams/{okrs.objective.team_id}/' in html  # his team's section
    company = html[html.index('id="company-heading"') :]
    assert "Delight every customer" in company


def test_home_lists_key_results_i_own(world: World, okrs: OKRs, as_carol: Client) -> None:
    factories.make_key_result(
        okrs.company_objective, "Answer every ticket in a day", owner=okrs.carol
    )
    html = page(as_carol, HOME)
    mine = html[html.index('id="mine-heading"') : html.index('id="company-heading"')]
    assert "Delight every customer" in mine and "Answer every ticket in a day" in mine


def test_home_says_what_needs_my_check_in_this_week(
    okrs: OKRs, as_alice: Client, as_bob: Client
) -> None:
    # Alice owns the company objective and never checked in; Bob checked in ten days ago.
    alice = page(as_alice, HOME)
    due = alice[alice.index("Needs your check-in this week") : alice.index('id="mine-heading"')]
    assert "Delight every customer" in due
    assert f'href="/o/acme/objectives/{okrs.company_objective.pk}/check-in/"' in due
    bob = page(as_bob, HOME)
    due = bob[bob.index("Needs your check-in this week") : bob.index('id="mine-heading"')]
    assert "Make payments effortless" in due


def test_checked_in_this_week_is_not_due(world: World, okrs: OKRs, as_bob: Client) -> None:
    checkin_create(actor=world.bob, objective=okrs.objective, values={}, progress_status=None,
                   capacity_status="on_track")  # fmt: skip
    assert "Needs your check-in this week" not in page(as_bob, HOME)


def test_cycle_switcher_shows_another_cycle(world: World, okrs: OKRs, as_bob: Client) -> None:
    add_scored_objectives(world, 1)  # in 2026-Q1
    html = page(as_bob, HOME)
    assert 'id="cycle-select"' in html and "Make checkout delightful 0" not in html
    assert "Make checkout delightful 0" in page(as_bob, f"{HOME}?cycle={world.cycle.pk}")


def test_new_objective_link_for_writers_only(okrs: OKRs, as_bob: Client, as_vic: Client) -> None:
    assert ">New objective</a>" in page(as_bob, HOME)
    assert "New objective" not in page(as_vic, HOME)
