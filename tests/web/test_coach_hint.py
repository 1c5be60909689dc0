"""The coach's hints while a title is typed: an htmx fragment for the form's live region,
computed from the form's fields, writing nothing; the forms work without it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bearing.okrs.models import ChangeRecord, KeyResult, Objective
from bearing.okrs.services.measurements import measurement_add
from tests import factories
from tests.conftest import World
from tests.web.conftest import OKRs, at, page
from tests.web.test_alignment_page import add_branch

URL = "/o/acme/coach/hint/"


def hint(client: Client, data: dict[str, Any], query: str = "") -> str:
    response = client.post(URL + query, data, headers={"HX-Request": "true"})
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def counts() -> tuple[int, int, int]:
    return Objective.objects.count(), KeyResult.objects.count(), ChangeRecord.objects.count()


def test_a_weak_objective_title_is_limiting_with_reasons_and_suggestions(
    okrs: OKRs, as_bob: Client
) -> None:
    before = counts()
    html = hint(as_bob, {"title": "Implement PayPal and grow revenue 20%"})
    assert "rating-limiting" in html and "This objective needs work." in html
    assert "names a deliverable" in html and 'class="suggestion"' in html
    assert "<html" not in html  # a fragment, not a page
    assert counts() == before  # nothing written


def test_an_awesome_title_says_so(okrs: OKRs, as_bob: Client) -> None:
    html = hint(as_bob, {"title": "Make digital payments more convenient"})
    assert "rating-awesome" in html and "An awesome objective." in html
    assert "Awesome:" in html and "Starts with a verb" in html


def test_the_team_chosen_decides_what_is_out_of_bounds(
    world: World, okrs: OKRs, as_bob: Client
) -> None:
    title = "Grow our market share in Europe"
    payments = hint(as_bob, {"title": title, "team": world.payments.pk})
    assert "speaks of the whole company&#x27;s results, but Payments is one team" in payments
    company = hint(as_bob, {"title": title, "team": world.company.pk})
    assert "is one team" not in company


def test_a_key_result_reads_its_kind_start_and_target(okrs: OKRs, as_bob: Client) -> None:
    output = hint(as_bob, {"title": "Add PayPal support"}, "?for=key_result")
    assert "rating-limiting" in output and "initiative" in output
    draft = hint(
        as_bob, {"title": "Cut checkout time from 90 s to 30 s", "kind": ""}, "?for=key_result"
    )
    assert "rating-limiting" not in draft and "kind" in draft.lower()
    full = hint(as_bob, {"title": "Cut checkout time from 90 s to 30 s", "kind": "decrease",
                         "start": "90", "target": "30", "unit": "s"}, "?for=key_result")  # fmt: skip
    assert "rating-awesome" in full
    odd = hint(as_bob, {"title": "Raise NPS", "kind": "sideways", "start": "lots", "target": "1e999999"},
               "?for=key_result")  # fmt: skip
    assert "rating-limiting" in odd  # unreadable numbers count as missing, never an error


def test_an_edited_key_result_is_read_with_its_measurements(okrs: OKRs, as_bob: Client) -> None:
    for days in (21, 14, 7):
        measurement_add(
            actor=None,
            key_result=okrs.company_kr,
            value=Decimal(40 - days // 7),
            measured_at=at(days),
        )
    data = {"title": okrs.company_kr.title, "kind": "increase", "start": "30", "target": "50"}
    without = hint(as_bob, data, "?for=key_result")
    weekly = hint(as_bob, data, f"?for=key_result&key_result={okrs.company_kr.pk}")
    assert "Leading" not in without and "Leading" in weekly


def test_a_hidden_or_foreign_key_result_is_404(world: World, okrs: OKRs, as_carol: Client) -> None:
    secret = factories.make_objective(okrs.cycle, "Reorganize payments", team=world.payments,
                                      owner=world.bob, visibility="private")  # fmt: skip
    kr = factories.make_key_result(secret)
    response = as_carol.post(f"{URL}?for=key_result&key_result={kr.pk}", {"title": "x"})
    assert response.status_code == 404


def test_an_empty_title_asks_for_one(okrs: OKRs, as_bob: Client) -> None:
    html = hint(as_bob, {"title": "   "})
    assert "The coach reads the title as you type" in html


def test_titles_are_escaped(okrs: OKRs, as_bob: Client) -> None:
    html = hint(as_bob, {"title": "Integrate <b>PayPal</b> into checkout"})
    assert "<b>" not in html and "</b" not in html and "&lt;" in html


def test_only_post_and_only_with_the_csrf_token(world: World, okrs: OKRs, as_bob: Client) -> None:
    assert as_bob.get(URL).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(world.bob)
    assert strict.post(URL, {"title": "Grow"}).status_code == 403
    strict.get("/o/acme/objectives/new/")  # sets the cookie the page's hx-headers echo
    token = strict.cookies["csrftoken"].value
    assert strict.post(URL, {"title": "Grow"}, headers={"X-CSRFToken": token}).status_code == 200


def test_the_forms_ask_for_hints_and_have_a_live_region(okrs: OKRs, as_bob: Client) -> None:
    new = page(as_bob, "/o/acme/objectives/new/")
    assert f'hx-post="{URL}?for=objective"' in new
    assert 'hx-trigger="input changed delay:400ms"' in new and 'hx-target="#coach-hint"' in new
    assert '<div id="coach-hint" class="coach-hint" aria-live="polite">' in new
    assert 'name="team"' in new and 'hx-trigger="change"' in new
    kr_form = page(as_bob, f"/o/acme/objectives/{okrs.objective.pk}/key-results/new/")
    assert f'hx-post="{URL}?for=key_result"' in kr_form
    edit = page(as_bob, f"/o/acme/key-results/{okrs.kr.pk}/edit/")
    assert f'hx-post="{URL}?for=key_result&amp;key_result={okrs.kr.pk}"' in edit


def test_without_javascript_the_form_pages_show_the_hint_themselves(
    okrs: OKRs, as_bob: Client
) -> None:
    # Editing: the stored title is read when the page opens.
    edit = page(as_bob, f"/o/acme/key-results/{okrs.milestone.pk}/edit/")
    region = edit[edit.index('id="coach-hint"') :]
    assert "rating-limiting" in region[:600]
    # A form sent back with an error: the posted title is read.
    response = as_bob.post(
        "/o/acme/objectives/new/", {"title": "Grow revenue 20%", "visibility": "nope"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "rating-limiting" in html and "states an amount" in html


def test_viewers_may_ask_too_and_strangers_may_not(
    okrs: OKRs, as_vic: Client, as_mallory: Client
) -> None:
    assert "rating-limiting" in hint(as_vic, {"title": "Grow revenue 20%"})
    assert as_mallory.post(URL, {"title": "Grow revenue 20%"}).status_code == 404


@pytest.mark.parametrize("size", [1, 15])
def test_query_count_does_not_grow(world: World, okrs: OKRs, as_bob: Client, size: int) -> None:
    for i in range(size):
        add_branch(world, okrs, i)
    with CaptureQueriesContext(connection) as queries:
        hint(as_bob, {"title": "Grow revenue 20%", "team": world.payments.pk})
    # session, person, membership, the team's and the company's names
    assert len(queries) <= 4, "\n".join(q["sql"] for q in queries)
