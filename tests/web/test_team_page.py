"""The team page: objectives at a glance, last check-ins, who has not checked in this week."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bearing.okrs.services.checkins import checkin_create
from tests import factories
from tests.conftest import World
from tests.web.conftest import OKRs, page

# session, person, membership, team, cycles, current cycle, the reader's teams, people (count
# and page), sub-teams (a page and their count), retrospectives, objectives (count and page),
# key results, last check-ins, who is due (page, count, their last check-ins)
TEAM_PAGE_QUERIES = 20
# + the maturity section (issue 14): the trend's cycles, eight grouped figures queries for all
# of them at once, the self-assessments, and one for confidence calibration
TEAM_PAGE_QUERIES += 11
# + noting that a member looked at their team's OKRs, once a week (maturity/looks.py): is it
# their team, the row, and the session's flag (its save, in a savepoint here)
TEAM_PAGE_QUERIES += 5


def url(world: World) -> str:
    return f"/o/acme/teams/{world.payments.pk}/"


def test_the_teams_page_lists_the_tree(world: World, okrs: OKRs, as_vic: Client) -> None:
    html = page(as_vic, "/o/acme/teams/")
    assert f'<a href="{url(world)}?cycle={okrs.cycle.pk}">Payments</a>' in html  # under the company


def test_objectives_with_status_and_last_check_in(world: World, okrs: OKRs, as_vic: Client) -> None:
    html = page(as_vic, url(world))
    assert "<h1>Payments" in html and "Make payments effortless" in html
    row = html[html.index("Make payments effortless") :]
    assert "Bob" in row[:400] and 'class="status ' in row[:1200]
    assert okrs.checkin.created_at.strftime("%-d %b") in row[:1200]
    assert '<span class="badge">lead</span>' in html


def test_who_has_not_checked_in_this_week(world: World, okrs: OKRs, as_vic: Client) -> None:
    factories.make_objective(okrs.cycle, "Cut fraud losses", team=world.payments, owner=world.alice)
    html = page(as_vic, url(world))
    missing = html[html.index('id="missing-heading"') :]
    assert "Bob</a></strong>" in missing and "Alice</a></strong>" in missing
    checkin_create(actor=world.bob, objective=okrs.objective, values={}, progress_status=None,
                   capacity_status="on_track")  # fmt: skip
    missing = page(as_vic, url(world)).split('id="missing-heading"')[1]
    assert "Bob</a></strong>" not in missing and "Alice</a></strong>" in missing


def test_contributed_objectives_show_but_are_not_chased(
    world: World, okrs: OKRs, as_bob: Client
) -> None:
    factories.make_objective(okrs.cycle, "Grow referrals", team=okrs.growth, owner=okrs.carol,
                             contributors=[world.payments])  # fmt: skip
    html = page(as_bob, url(world))
    assert "Grow referrals" in html and "(contributing to Growth)" in html
    assert "Carol</a></strong>" not in html.split('id="missing-heading"')[1]


@pytest.mark.parametrize("size", [1, 12])
def test_query_count_does_not_grow(world: World, okrs: OKRs, as_bob: Client, size: int) -> None:
    for i in range(size):
        objective = factories.make_objective(
            okrs.cycle, f"Payments goal {i}", team=world.payments, owner=world.bob
        )
        kr = factories.make_key_result(objective, f"Cut fees {i}")
        checkin_create(actor=world.bob, objective=objective, values={kr: Decimal(100)}, progress_status=None,
                       capacity_status="on_track")  # fmt: skip
    with CaptureQueriesContext(connection) as queries:
        page(as_bob, url(world))
    assert len(queries) <= TEAM_PAGE_QUERIES, "\n".join(q["sql"] for q in queries)
