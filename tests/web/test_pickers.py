"""Pickers in a large organization: past ``BEARING_SELECT_LIMIT`` options the team, owner,
contributor and alignment pickers are searched text fields (a datalist filled by htmx), read
back on submit; a text that names nothing is an error beside its field and nothing is saved.

The limit is lowered to two here so the fixture's organization counts as large; the same code
runs at 200."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from bearing.okrs.models import AlignmentLink, KeyResult, Objective
from tests.conftest import World
from tests.web.conftest import OKRs, page


@pytest.fixture(autouse=True)
def large(settings: Any) -> None:
    settings.BEARING_SELECT_LIMIT = 2


def new_url(okrs: OKRs) -> str:
    return f"/o/acme/objectives/new/?cycle={okrs.cycle.pk}"


def test_the_new_objective_form_searches_instead_of_listing(okrs: OKRs, as_alice: Client) -> None:
    html = page(as_alice, new_url(okrs))
    assert '<select name="team"' not in html and '<select name="owner"' not in html
    assert '<select name="aligned_to"' not in html and 'name="contributors" value=' not in html
    for field, endpoint in (
        ("team", "search/teams/"), ("owner", "search/people/"),
        ("contributors", "search/teams/?many=1"),
        ("aligned_to", f"search/objectives/?cycle={okrs.cycle.pk}&amp;key_results=1"),
    ):  # fmt: skip
        assert f'list="id_{field}-options"' in html, field
        assert f'hx-get="/o/acme/{endpoint}"' in html, field
        assert f'<datalist id="id_{field}-options"></datalist>' in html, field
    # The owner starts as the person writing, by e-mail (what the suggestions fill in).
    assert 'name="owner" value="alice@acme.example"' in html


def test_names_and_references_are_read_back(world: World, okrs: OKRs, as_alice: Client) -> None:
    response = as_alice.post(new_url(okrs), {
        "title": "Make refunds instant", "team": "payments", "owner": "bob@acme.example",
        "contributors": "Growth", "aligned_to": f"KR-{okrs.company_kr.pk} · whatever",
        "link_kind": "cascaded", "visibility": "public",
    })  # fmt: skip
    assert response.status_code == 302, page_errors(response.content.decode())
    created = Objective.objects.get(title="Make refunds instant")
    assert created.team == world.payments and created.owner == world.bob
    assert {t.name for t in created.contributors.all()} == {"Growth"}
    link = AlignmentLink.objects.get(child=created)
    assert link.parent_key_result == okrs.company_kr and link.kind == "cascaded"


def test_a_title_no_other_has_names_an_objective(okrs: OKRs, as_alice: Client) -> None:
    as_alice.post(new_url(okrs), {
        "title": "Make refunds instant", "owner": "alice@acme.example",
        "aligned_to": "delight every customer",
        "link_kind": "aligned", "visibility": "public",
    })  # fmt: skip
    created = Objective.objects.get(title="Make refunds instant")
    assert AlignmentLink.objects.get(child=created).parent_objective == okrs.company_objective


def test_what_names_nothing_is_an_error_beside_its_field(okrs: OKRs, as_alice: Client) -> None:
    html = as_alice.post(new_url(okrs), {
        "title": "Make refunds instant", "team": "Paymints", "owner": "nobody@acme.example",
        "contributors": "Growth, Risk, Legal", "aligned_to": "O-999999 · gone",
        "link_kind": "aligned", "visibility": "public",
    }).content.decode()  # fmt: skip
    assert "No team called “Paymints”." in html
    assert "No one called “nobody@acme.example” here; pick one of the suggestions." in html
    assert "No team called “Risk”, “Legal”." in html
    assert "Nothing to align to called “O-999999 · gone”; pick one of the suggestions." in html
    assert 'name="team" value="Paymints"' in html  # what was typed stays
    assert not Objective.objects.filter(title="Make refunds instant").exists()


def test_a_hidden_objective_cannot_be_named(
    world: World, okrs: OKRs, as_carol: Client, settings: Any
) -> None:
    settings.BEARING_SELECT_LIMIT = 1  # Carol sees two targets: past the limit, searched
    Objective.objects.filter(pk=okrs.objective.pk).update(visibility="private")
    html = as_carol.post(new_url(okrs), {
        "title": "Grow the funnel", "team": str(okrs.growth.pk), "aligned_to": f"O-{okrs.objective.pk}",
        "link_kind": "aligned", "visibility": "public",
    }).content.decode()  # fmt: skip
    assert "Nothing to align to called" in html
    assert not Objective.objects.filter(title="Grow the funnel").exists()


def test_the_edit_form_shows_names(world: World, okrs: OKRs, as_alice: Client) -> None:
    okrs.objective.contributors.add(okrs.growth)
    html = page(as_alice, f"/o/acme/objectives/{okrs.objective.pk}/edit/")
    assert 'name="team" value="Payments"' in html
    assert 'name="owner" value="bob@acme.example"' in html
    assert 'name="contributors" value="Growth"' in html
    # The searched team field fetches its suggestions; the title asks for the coach's hint
    # when the team changes (one element cannot send both).
    team = html[html.index('name="team"') - 30 : html.index('id="id_team"')]
    assert 'hx-get="/o/acme/search/teams/"' in team and "hx-post" not in team
    assert 'hx-trigger="input changed delay:400ms, change from:#id_team"' in html


def test_the_align_form_searches_and_leaves_out_the_objective_itself(
    okrs: OKRs, as_bob: Client, settings: Any
) -> None:
    settings.BEARING_SELECT_LIMIT = 1  # two targets besides the objective itself: searched
    url = f"/o/acme/objectives/{okrs.objective.pk}/align/"
    html = page(as_bob, url)
    query = f"?cycle={okrs.cycle.pk}&amp;key_results=1&amp;child={okrs.objective.pk}"
    assert f'hx-get="/o/acme/search/objectives/{query}"' in html
    suggestions = page(as_bob, f"/o/acme/search/objectives/{query.replace('&amp;', '&')}&q=")
    assert f"O-{okrs.company_objective.pk} · Delight every customer" in suggestions
    assert f"KR-{okrs.company_kr.pk} · Raise NPS from 30 to 50" in suggestions
    assert f"O-{okrs.objective.pk} ·" not in suggestions
    refused = as_bob.post(url, {"aligned_to": f"O-{okrs.objective.pk}", "link_kind": "aligned"})
    assert "Nothing to align to called" in refused.content.decode()
    assert as_bob.post(url, {"aligned_to": "", "link_kind": "aligned"}).status_code == 200


def test_a_key_result_owner_by_e_mail(world: World, okrs: OKRs, as_bob: Client) -> None:
    url = f"/o/acme/objectives/{okrs.objective.pk}/key-results/new/"
    response = as_bob.post(url, {
        "title": "Cut refund time from 5 days to 1", "start": "5", "target": "1", "weight": "1",
        "owner": "Carol",
    })  # fmt: skip
    assert response.status_code == 302
    assert KeyResult.objects.get(title="Cut refund time from 5 days to 1").owner == okrs.carol


def test_team_suggestions_keep_the_names_typed_before(okrs: OKRs, as_alice: Client) -> None:
    html = page(as_alice, "/o/acme/search/teams/?many=1&contributors=Payments,%20gro")
    assert '<option value="Payments, Growth">' in html
    assert "Company" not in html


def page_errors(html: str) -> str:
    return " ".join(line.strip() for line in html.splitlines() if 'class="error"' in line)
