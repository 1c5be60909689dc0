"""The objective page: key results with score, pace and forecast, charts, initiatives,
alignment both ways, check-ins with comments and reactions, and the change history."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bearing.okrs.services.alignment import link_create
from bearing.okrs.services.checkins import checkin_create, comment_add, reaction_toggle
from bearing.okrs.services.initiatives import initiative_create
from tests import factories
from tests.conftest import World
from tests.web.conftest import OKRs, at, page


def url(okrs: OKRs) -> str:
    return f"/o/acme/objectives/{okrs.objective.pk}/"


def test_shows_key_results_with_score_pace_and_forecast(okrs: OKRs, as_bob: Client) -> None:
    html = page(as_bob, url(okrs))
    assert "<h1>Make payments effortless</h1>" in html
    assert "Cut payment time from 120 s to 24 s" in html
    # (120 − 72) / (120 − 24) = 0.5 → yellow; a third of the cycle has passed
    assert 'class="score yellow"' in html and ">0.5<" in html
    assert "Progress 50%" in html and "expected by now 33%" in html
    assert "forecast" in html and "now <strong>72 s</strong>" in html


def test_draws_a_chart_of_progress_against_the_expected_line(okrs: OKRs, as_bob: Client) -> None:
    html = page(as_bob, url(okrs))
    assert html.count("<svg viewBox=") == 1  # the milestone has no chart
    assert '<polyline class="actual yellow"' in html
    assert '<line class="reference"' in html and "expected pace" in html
    assert "expected by now 33% of the way" in html  # the chart's text alternative


def test_lists_check_ins_with_status_capacity_comments_and_reactions(
    world: World, okrs: OKRs, as_bob: Client
) -> None:
    comment_add(actor=world.alice, checkin=okrs.checkin, text="Great progress!")
    reaction_toggle(actor=world.alice, checkin=okrs.checkin, kind="celebrate")
    html = page(as_bob, url(okrs))
    assert "Faster checkout shipped." in html
    assert 'class="status green"' in html  # capacity on track
    assert "Confidence 60%" in html
    assert "Great progress!" in html
    assert re.search(r'Celebrate <span class="count">1</span>', html)


def test_shows_initiatives_under_their_key_result(world: World, okrs: OKRs, as_bob: Client) -> None:
    initiative_create(actor=world.bob, organization=world.org, title="Save card details",
                      key_results=[okrs.kr], owner=world.bob, status="in_progress")  # fmt: skip
    html = page(as_bob, url(okrs))
    kr_card = html[html.index(f'id="kr-{okrs.kr.pk}"') : html.index(f'id="kr-{okrs.milestone.pk}"')]
    assert "Save card details" in kr_card and "In progress" in kr_card


def test_shows_parents_and_children_with_key_result_links(
    world: World, okrs: OKRs, as_alice: Client
) -> None:
    child = factories.make_objective(okrs.cycle, "Make refunds instant", team=world.payments)
    link_create(actor=None, child=child, parent_key_result=okrs.kr, kind="cascaded")
    html = page(as_alice, url(okrs))
    assert "Delight every customer" in html  # the parent
    assert "Objectives serving this key result" in html and "Make refunds instant" in html
    assert "cascaded" in html
    company = page(as_alice, f"/o/acme/objectives/{okrs.company_objective.pk}/")
    assert "Make payments effortless" in company  # served by


def test_shows_the_change_history(okrs: OKRs, as_bob: Client) -> None:
    html = page(as_bob, url(okrs))
    assert "Change history" in html
    assert "created objective “Make payments effortless”" in html
    assert "checked in on “Make payments effortless”" in html


def test_html_in_titles_and_narratives_is_shown_as_text(
    world: World, okrs: OKRs, as_bob: Client
) -> None:
    evil = factories.make_objective(okrs.cycle, "<script>alert(1)</script>", team=world.payments)
    kr = factories.make_key_result(evil, "<b>bold</b> KR")
    checkin_create(actor=world.bob, objective=evil, values={kr: Decimal(100)}, progress_status=None,
                   capacity_status="on_track", narrative="<img src=x onerror=alert(2)>")  # fmt: skip
    html = page(as_bob, f"/o/acme/objectives/{evil.pk}/")
    assert (
        "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    )
    assert "<b>bold</b>" not in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(2)&gt;" in html


def test_editors_see_the_controls(okrs: OKRs, as_bob: Client) -> None:
    html = page(as_bob, url(okrs))
    for control in (">Check in</a>", ">Add key result</a>", ">Edit</a>", ">Close…</a>",
                    ">Abandon…</a>", "Post comment"):  # fmt: skip
        assert control in html


def test_viewers_see_no_edit_controls(okrs: OKRs, as_vic: Client) -> None:
    html = page(as_vic, url(okrs))
    assert "Make payments effortless" in html
    for control in ("Check in</a>", "Add key result", ">Edit", "Close</button>", "Abandon",
                    "Post comment", "<form method=\"post\" action=\"/o/acme/"):  # fmt: skip
        assert control not in html


def test_members_of_other_teams_may_comment_but_not_edit(okrs: OKRs, as_carol: Client) -> None:
    html = page(as_carol, url(okrs))
    assert "Post comment" in html
    assert "Add key result" not in html and ">Check in</a>" not in html


@pytest.mark.parametrize("size", [1, 8])
def test_query_count_does_not_grow(world: World, okrs: OKRs, as_bob: Client, size: int) -> None:
    for i in range(size):
        kr = factories.make_key_result(okrs.objective, f"Grow refunds {i}", kind="increase",
                                       start=Decimal(0), target=Decimal(10))  # fmt: skip
        initiative_create(actor=None, organization=world.org, title=f"Do {i}", key_results=[kr])
        child = factories.make_objective(okrs.cycle, f"Child {i}", team=world.payments)
        link_create(actor=None, child=child, parent_key_result=kr)
        checkin = checkin_create(actor=world.bob, objective=okrs.objective, values={kr: Decimal(i)},
                                 progress_status=None, capacity_status="at_risk", at=at(5),
                                 status_reason="testing")  # fmt: skip
        comment_add(actor=world.alice, checkin=checkin, text=f"Comment {i}")
        reaction_toggle(actor=world.alice, checkin=checkin, kind="thanks")
    with CaptureQueriesContext(connection) as queries:
        assert as_bob.get(url(okrs)).status_code == 200
    # session+person, membership, access; objective, contributors, key results, owners'
    # measurements, initiatives; parents, children; neighbours ×3; check-ins ×4; history
    # 21, + 5 to note a look at one's own team's OKRs once a week (maturity/looks.py)
    assert len(queries) <= 26, "\n".join(q["sql"] for q in queries)
