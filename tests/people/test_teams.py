"""The Teams page (the tree with each team's leads, people, objectives and score, branches
opened on demand, a search, the archived teams), a team's page, and changing teams: create,
rename, move without loops, archive and restore, members and leads."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from bearing.okrs.models import ChangeRecord
from bearing.okrs.services.learning import retrospective_save
from bearing.orgs.models import Team, TeamMember
from bearing.web.views import teams as teams_view
from tests import factories
from tests.conftest import World
from tests.growth import check, grow, grow_people
from tests.reads import reads
from tests.web.conftest import OKRs, page

TEAMS = "/o/acme/teams/"


def team_url(team: Team) -> str:
    return f"/o/acme/teams/{team.pk}/"


def test_the_tree_shows_leads_people_objectives_and_scores(
    world: World, okrs: OKRs, as_vic: Client
) -> None:
    html = page(as_vic, TEAMS + f"?cycle={okrs.cycle.pk}")
    node = html[html.index(f'{team_url(world.payments)}?cycle={okrs.cycle.pk}">Payments</a>') :]
    node = node[: node.index("</li>")]
    assert "Lead: Bob · 1 person · 1 objective" in node
    score = okrs.objective.__class__.objects.get(pk=okrs.objective.pk).score
    assert 'class="score ' in node and f">{score}<" in node
    assert '<span class="badge">company</span>' in html and "Growth" in html


def test_deeper_branches_open_on_demand(world: World, okrs: OKRs, as_vic: Client) -> None:
    mobile = factories.make_team(world.org, "Mobile", parent=world.payments)
    ios = factories.make_team(world.org, "iOS", parent=mobile)
    html = page(as_vic, TEAMS)
    assert ">Mobile</a>" in html and ">iOS</a>" not in html  # two levels below the company
    assert f'hx-get="/o/acme/teams/below/{mobile.pk}/' in html and f'root={mobile.pk}"' in html
    below = page(as_vic, f"/o/acme/teams/below/{mobile.pk}/")
    assert f'href="{team_url(ios)}?cycle={okrs.cycle.pk}">iOS</a>' in below
    assert ">iOS</a>" in page(as_vic, TEAMS + f"?root={mobile.pk}")


def test_a_wide_level_shows_a_few_and_links_the_rest(
    world: World, okrs: OKRs, as_vic: Client, monkeypatch: Any
) -> None:
    monkeypatch.setattr(teams_view, "SHOWN_PER_LEVEL", (1, 1))
    html = page(as_vic, TEAMS)
    assert ">Growth</a>" in html and ">Payments</a>" not in html
    assert "and 1 more: <a" in html and f'root={world.company.pk}"' in html
    assert ">Payments</a>" in page(as_vic, TEAMS + f"?root={world.company.pk}")


def test_search_and_archived_teams(world: World, okrs: OKRs, as_alice: Client) -> None:
    html = page(as_alice, TEAMS + "?q=pay")
    assert ">Payments</a>" in html and ">Growth</a>" not in html
    as_alice.post(f"/o/acme/teams/{okrs.growth.pk}/archive/")
    assert ">Growth</a>" not in page(as_alice, TEAMS)
    assert ">Growth</a>" in page(as_alice, TEAMS + "?archived=1")


def test_creating_renaming_and_moving(world: World, okrs: OKRs, as_alice: Client) -> None:
    response = as_alice.post("/o/acme/teams/new/", {"name": "Risk", "parent": world.payments.pk})
    risk = Team.objects.get(name="Risk")
    assert (
        risk.parent == world.payments and response["Location"] == team_url(risk) + "#people-heading"
    )
    as_alice.post(
        f"/o/acme/teams/{risk.pk}/edit/", {"name": "Risk & Fraud", "parent": okrs.growth.pk}
    )
    risk.refresh_from_db()
    assert (risk.name, risk.parent) == ("Risk & Fraud", okrs.growth)
    summaries = set(ChangeRecord.objects.filter(entity="team").values_list("summary", flat=True))
    assert {
        "created team Risk",
        "renamed team Risk to Risk & Fraud; moved team Risk & Fraud under Growth",
    } <= summaries


def test_a_team_cannot_move_under_itself(world: World, okrs: OKRs, as_alice: Client) -> None:
    mobile = factories.make_team(world.org, "Mobile", parent=world.payments)
    html = as_alice.post(
        f"/o/acme/teams/{world.payments.pk}/edit/", {"name": "Payments", "parent": mobile.pk}
    ).content.decode()
    assert "Mobile is Payments or a team within it; a team cannot move under itself" in html
    assert Team.objects.get(pk=world.payments.pk).parent == world.company
    html = as_alice.post(
        "/o/acme/teams/new/", {"name": "Growth", "parent": world.company.pk}
    ).content.decode()
    assert "A team named &#x27;Growth&#x27; exists already" in html


def test_archiving_and_restoring(world: World, okrs: OKRs, as_alice: Client) -> None:
    factories.make_team(world.org, "Mobile", parent=world.payments)
    confirm = page(as_alice, f"/o/acme/teams/{world.payments.pk}/archive/")
    assert "Payments has 1 team of its own. Move or archive it first." in confirm
    html = as_alice.post(
        f"/o/acme/teams/{world.payments.pk}/archive/", follow=True
    ).content.decode()
    assert "Payments has 1 team of its own" in html
    confirm = page(as_alice, f"/o/acme/teams/{okrs.growth.pk}/archive/")
    assert "It has 1 member" in confirm
    as_alice.post(f"/o/acme/teams/{okrs.growth.pk}/archive/")
    growth = Team.objects.get(pk=okrs.growth.pk)
    assert growth.is_archived
    html = page(as_alice, team_url(growth))
    assert '<span class="badge">archived</span>' in html and "Restore Growth" in html
    objective = as_alice.post(
        f"/o/acme/objectives/new/?cycle={okrs.cycle.pk}",
        {"title": "Grow faster", "team": growth.pk, "visibility": "public", "link_kind": "aligned"},
    )
    assert objective.status_code == 200  # refused: archived teams take no new objectives
    as_alice.post(f"/o/acme/teams/{growth.pk}/restore/")
    assert not Team.objects.get(pk=growth.pk).is_archived


def test_leads_run_their_teams_roster(
    world: World, okrs: OKRs, as_bob: Client, as_carol: Client
) -> None:
    url = f"/o/acme/teams/{world.payments.pk}/members/"
    assert as_bob.post(url, {"email": "carol@acme.example", "lead": "on"}).status_code == 302
    assert TeamMember.objects.get(team=world.payments, person=okrs.carol).is_lead
    as_bob.post(f"{url}{okrs.carol.pk}/lead/", {"lead": "0"})
    assert not TeamMember.objects.get(team=world.payments, person=okrs.carol).is_lead
    as_bob.post(f"{url}{okrs.carol.pk}/remove/")
    assert not TeamMember.objects.filter(team=world.payments, person=okrs.carol).exists()
    assert (
        as_carol.post(
            f"/o/acme/teams/{okrs.growth.pk}/members/", {"email": "bob@acme.example"}
        ).status_code
        == 403
    )
    assert (
        as_bob.post(f"/o/acme/teams/{world.payments.pk}/edit/", {"name": "Pay"}).status_code == 403
    )
    summaries = list(
        ChangeRecord.objects.filter(entity="team_member").values_list("summary", flat=True)
    )
    assert "added carol@acme.example to Payments as lead" in summaries
    assert "took carol@acme.example out of Payments" in summaries


def test_the_team_page(world: World, okrs: OKRs, as_vic: Client) -> None:
    html = page(as_vic, team_url(world.payments))
    objectives = html[html.index('id="objectives-heading"') : html.index('id="missing-heading"')]
    assert (
        "Make payments effortless" in objectives
        and "Cut payment time from 120 s to 24 s" in objectives
    )
    assert "Launch instant refunds" in objectives
    people = html[html.index('id="people-heading"') :]
    assert (
        f'href="/o/acme/people/{world.bob.pk}/' in people
        and '<span class="badge">lead</span>' in people
    )
    assert "Make lead" not in people  # Vic reads


def test_past_retrospectives_are_listed(world: World, okrs: OKRs, as_vic: Client) -> None:
    old = factories.make_cycle(world.org, "2025-Q4", state="closed")
    retrospective_save(actor=world.bob, team=world.payments, cycle=old, went_well="Pairing",
                       went_badly="Estimates", try_next="Smaller bets")  # fmt: skip
    html = page(as_vic, team_url(world.payments) + f"?cycle={okrs.cycle.pk}")
    section = html[html.index('id="retrospectives-heading"') :]
    assert "2025-Q4" in section and "Smaller bets" in section


@pytest.fixture
def many_people(world: World, okrs: OKRs) -> None:
    grow_people(world, 60, prefix="Member", teams=(world.payments,))


def test_the_pages_read_a_bounded_amount(
    world: World, okrs: OKRs, as_bob: Client, many_people: None, monkeypatch: Any
) -> None:
    monkeypatch.setattr(teams_view, "SHOWN_PER_LEVEL", (1, 1))
    monkeypatch.setattr(teams_view, "BRANCH_PAGE", 1)
    factories.make_team(world.org, "Aardvarks")  # first in the tree before and after growth
    pages = [TEAMS, TEAMS + "?q=pay", team_url(world.payments), f"/o/acme/teams/below/{world.company.pk}/",
             f"/o/acme/people/{world.bob.pk}/"]  # fmt: skip
    # Bob's look at his team's OKRs this week is noted on his first visit (maturity/looks.py).
    page(as_bob, team_url(world.payments))
    small = {}
    for url in pages:
        with reads() as small[url]:
            page(as_bob, url)
    grow(okrs.cycle, okrs.company_objective, world)
    grow_people(world, 600, teams=(world.payments, world.company))
    for url in pages:
        with reads() as large:
            page(as_bob, url)
        check(small[url], large)
