"""Creating an objective: the labelled form, alignment to objectives and key results, errors."""

from __future__ import annotations

import re

from django.test import Client

from bearing.okrs.models import AlignmentLink, ChangeRecord, Cycle, CycleState, Objective
from tests import factories
from tests.conftest import World
from tests.web.conftest import OKRs, page


def url(okrs: OKRs) -> str:
    return f"/o/acme/objectives/new/?cycle={okrs.cycle.pk}"


def test_the_form_has_the_labelled_fields(okrs: OKRs, as_bob: Client) -> None:
    html = page(as_bob, url(okrs))
    for label in ('for="id_title">Title<', 'for="id_description">Description ', 'for="id_team">Team ',
                  'for="id_owner">Owner ', "<legend>Contributing teams ", 'for="id_aligned_to">Aligned to '):  # fmt: skip
        assert label in html, label
    assert '<button type="submit" class="primary">Save</button>' in html
    # The select offers the cycle's objectives and their key results.
    assert f'<option value="o{okrs.company_objective.pk}">Delight every customer</option>' in html
    assert (
        f'<option value="k{okrs.company_kr.pk}">Key result: Raise NPS from 30 to 50</option>'
        in html
    )
    # Bob may own objectives for Payments only; the company team is not offered to him.
    teams = html[html.index('<select name="team"') :]
    teams = teams[: teams.index("</select>")]
    assert f'<option value="{okrs.objective.team_id}" selected>Payments</option>' in teams
    assert f'<option value="{okrs.company_objective.team_id}">' not in teams


def test_create_aligned_to_a_company_objective(world: World, okrs: OKRs, as_bob: Client) -> None:
    response = as_bob.post(url(okrs), {
        "title": "Make refunds instant", "description": "Nobody waits for money.", "team": world.payments.pk,
        "owner": world.bob.pk, "contributors": [okrs.growth.pk], "aligned_to": f"o{okrs.company_objective.pk}",
        "link_kind": "aligned", "visibility": "public",
    })  # fmt: skip
    created = Objective.objects.get(title="Make refunds instant")
    assert (
        response.status_code == 302 and response["Location"] == f"/o/acme/objectives/{created.pk}/"
    )
    assert (
        created.cycle == okrs.cycle
        and created.team == world.payments
        and created.owner == world.bob
    )
    assert list(created.contributors.all()) == [okrs.growth]
    assert AlignmentLink.objects.filter(
        child=created, parent_objective=okrs.company_objective
    ).exists()
    assert ChangeRecord.objects.filter(
        entity="objective", entity_id=created.pk, action="create"
    ).exists()


def test_create_cascaded_from_a_key_result(world: World, okrs: OKRs, as_alice: Client) -> None:
    as_alice.post(url(okrs), {
        "title": "Win back detractors", "team": okrs.growth.pk, "owner": okrs.carol.pk,
        "aligned_to": f"k{okrs.company_kr.pk}", "link_kind": "cascaded", "visibility": "public",
    })  # fmt: skip
    link = AlignmentLink.objects.get(child__title="Win back detractors")
    assert link.parent_key_result == okrs.company_kr and link.kind == "cascaded"


def test_errors_are_shown_next_to_the_field_and_input_is_kept(okrs: OKRs, as_bob: Client) -> None:
    response = as_bob.post(url(okrs), {
        "title": "", "description": "Keep <this> text", "team": "", "owner": "",
        "aligned_to": "", "link_kind": "aligned", "visibility": "public",
    })  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_title_error"' in html and "This field is required." in html
    assert (
        'aria-invalid="true"' in html
        and 'aria-describedby="id_title_helptext id_title_error"' in html
    )
    assert "Keep &lt;this&gt; text</textarea>" in html
    assert not Objective.objects.filter(description__startswith="Keep").exists()


def test_service_errors_land_on_their_field(okrs: OKRs, as_alice: Client) -> None:
    # Cascading needs a key result; the refusal also undoes the objective.
    response = as_alice.post(url(okrs), {
        "title": "Be loved", "team": okrs.growth.pk, "owner": "", "link_kind": "cascaded",
        "aligned_to": f"o{okrs.company_objective.pk}", "visibility": "public",
    })  # fmt: skip
    html = response.content.decode()
    assert (
        'id="id_link_kind_error"' in html
        and "A cascaded objective is made from a key result" in html
    )
    assert 'value="Be loved"' in html
    assert not Objective.objects.filter(title="Be loved").exists()


def test_members_cannot_create_for_other_teams(okrs: OKRs, as_carol: Client) -> None:
    response = as_carol.post(url(okrs), {
        "title": "Take over payments", "team": okrs.objective.team_id, "owner": okrs.carol.pk,
        "link_kind": "aligned", "visibility": "public",
    })  # fmt: skip
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Objective.objects.filter(title="Take over payments").exists()


def test_members_may_create_individual_objectives_they_own(okrs: OKRs, as_carol: Client) -> None:
    as_carol.post(url(okrs), {"title": "Learn SQL", "team": "", "owner": okrs.carol.pk,
                              "link_kind": "aligned", "visibility": "private"})  # fmt: skip
    assert Objective.objects.get(title="Learn SQL").owner == okrs.carol
    response = as_carol.post(url(okrs), {"title": "Learn Go", "team": "", "owner": okrs.objective.owner_id,
                                         "link_kind": "aligned", "visibility": "public"})  # fmt: skip
    assert "individual objectives they own themselves" in response.content.decode()


def test_teams_of_another_organization_are_refused(
    world: World, okrs: OKRs, as_alice: Client
) -> None:
    foreign = factories.make_team(world.other_org, "Spies")
    response = as_alice.post(url(okrs), {"title": "Sneak", "team": foreign.pk, "contributors": [foreign.pk],
                                         "link_kind": "aligned", "visibility": "public"})  # fmt: skip
    assert response.status_code == 200 and not Objective.objects.filter(title="Sneak").exists()


def test_the_home_page_links_to_the_form(okrs: OKRs, as_bob: Client) -> None:
    assert f'href="/o/acme/objectives/new/?cycle={okrs.cycle.pk}">New objective</a>' in page(
        as_bob, "/o/acme/"
    )


def selected_team(html: str) -> str | None:
    select = html[html.index('<select name="team"') :]
    select = select[: select.index("</select>")]
    chosen = re.search(r'<option value="(\d*)" selected>', select)
    return chosen.group(1) if chosen else None


def test_a_team_pages_new_objective_starts_with_that_team(
    world: World, okrs: OKRs, as_alice: Client
) -> None:
    team_page = page(as_alice, f"/o/acme/teams/{okrs.growth.pk}/?cycle={okrs.cycle.pk}")
    link = f"/o/acme/objectives/new/?cycle={okrs.cycle.pk}&amp;team={okrs.growth.pk}"
    assert f'href="{link}"' in team_page
    assert selected_team(page(as_alice, link.replace("&amp;", "&"))) == str(okrs.growth.pk)


def test_otherwise_it_starts_with_the_persons_own_team(
    world: World, okrs: OKRs, as_alice: Client, as_bob: Client
) -> None:
    assert selected_team(page(as_bob, url(okrs))) == str(world.payments.pk)
    # Alice (an admin) belongs to the company team only.
    assert selected_team(page(as_alice, url(okrs))) == str(world.company.pk)
    # A team Bob may not own objectives for is not chosen for him.
    assert selected_team(page(as_bob, f"{url(okrs)}&team={okrs.growth.pk}")) == str(
        world.payments.pk
    )


def test_no_objective_is_added_to_a_closed_cycle(world: World, okrs: OKRs, as_bob: Client) -> None:
    Cycle.objects.filter(pk=okrs.cycle.pk).update(state=CycleState.CLOSED)
    response = as_bob.post(url(okrs), {"title": "Too late", "team": world.payments.pk,
                                       "owner": world.bob.pk, "link_kind": "aligned",
                                       "visibility": "public"})  # fmt: skip
    assert response.status_code == 200
    assert (
        "Now is closed; add the objective to a cycle that is not over" in response.content.decode()
    )
    assert not Objective.objects.filter(title="Too late").exists()
    # The form is not offered for it: the page says why and goes back to the cycle.
    response = as_bob.get(url(okrs), follow=True)
    assert response.redirect_chain[-1][0] == f"/o/acme/?cycle={okrs.cycle.pk}"
    assert (
        "Now is closed; add the objective to a cycle that is not over." in response.content.decode()
    )
    assert "New objective" not in response.content.decode()
