"""A team's retrospective of a cycle (003) on the team page: shown once the cycle is in grading
or closed; the team's leads and admins write it, everyone else reads it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bearing.okrs.models import ChangeRecord, Cycle, CycleState, Retrospective
from bearing.okrs.services.checkins import checkin_create
from bearing.okrs.services.learning import retrospective_save
from tests import factories
from tests.conftest import World, signed_in
from tests.web.conftest import OKRs, page
from tests.web.test_team_page import TEAM_PAGE_QUERIES

ANSWERS = {"went_well": "We paired on <b>refunds</b>.", "went_badly": "Estimates slipped.",
           "try_next": "Smaller bets, weekly demos."}  # fmt: skip


def to_state(okrs: OKRs, state: str) -> None:
    Cycle.objects.filter(pk=okrs.cycle.pk).update(state=state)


def team_url(world: World, okrs: OKRs) -> str:
    return f"/o/acme/teams/{world.payments.pk}/?cycle={okrs.cycle.pk}"


def save_url(world: World, okrs: OKRs, org: str = "acme") -> str:
    return f"/o/{org}/teams/{world.payments.pk}/cycles/{okrs.cycle.pk}/retrospective/"


def test_a_running_cycle_has_no_retrospective_yet(world: World, okrs: OKRs, as_bob: Client) -> None:
    html = page(as_bob, team_url(world, okrs))
    assert "Retrospective" not in html
    assert as_bob.post(save_url(world, okrs), ANSWERS, follow=True).status_code == 200
    assert not Retrospective.objects.exists()


@pytest.mark.parametrize("state", [CycleState.GRADING, CycleState.CLOSED])
def test_the_teams_lead_writes_it_and_rewrites_it(
    world: World, okrs: OKRs, as_bob: Client, state: str
) -> None:
    to_state(okrs, state)
    html = page(as_bob, team_url(world, okrs))
    assert '<h2 id="retrospective-heading">Retrospective of Now</h2>' in html
    labels = {"went_well": "What went well", "went_badly": "What went badly",
              "try_next": "What we will try next"}  # fmt: skip
    for name, label in labels.items():
        assert f'<label for="id_{name}">{label}' in html
    response = as_bob.post(save_url(world, okrs), ANSWERS, follow=True)
    html = response.content.decode()
    assert "Retrospective of Payments saved." in html
    assert "We paired on &lt;b&gt;refunds&lt;/b&gt;.</textarea>" in html  # kept in the form
    retro = Retrospective.objects.get(team=world.payments, cycle=okrs.cycle)
    assert (retro.went_well, retro.try_next, retro.author) == (
        ANSWERS["went_well"], ANSWERS["try_next"], world.bob,
    )  # fmt: skip
    as_bob.post(save_url(world, okrs), {**ANSWERS, "went_badly": "Estimates slipped twice."})
    assert Retrospective.objects.get().went_badly == "Estimates slipped twice."
    actions = ChangeRecord.objects.filter(entity="retrospective").values_list("action", flat=True)
    assert sorted(actions) == ["create", "update"]


def test_everyone_else_reads_it(world: World, okrs: OKRs, as_carol: Client, as_vic: Client) -> None:
    to_state(okrs, CycleState.CLOSED)
    retrospective_save(actor=world.bob, team=world.payments, cycle=okrs.cycle, **ANSWERS)
    dan = factories.make_member(world.org, "dan@acme.example", "member", teams=(world.payments,))
    for client in (as_carol, as_vic, signed_in(dan)):  # another team's, a viewer, not a lead
        html = page(client, team_url(world, okrs))
        assert "We paired on &lt;b&gt;refunds&lt;/b&gt;." in html and "Written by Bob" in html
        assert "Save retrospective" not in html
        assert client.post(save_url(world, okrs), {"went_well": "Mine"}).status_code == 403
    assert Retrospective.objects.get().went_well == ANSWERS["went_well"]


def test_admins_write_any_teams(world: World, okrs: OKRs, as_alice: Client) -> None:
    to_state(okrs, CycleState.GRADING)
    assert "Save retrospective" in page(as_alice, team_url(world, okrs))
    as_alice.post(save_url(world, okrs), ANSWERS)
    assert Retrospective.objects.get().author == world.alice


def test_an_unwritten_one_says_so(world: World, okrs: OKRs, as_carol: Client) -> None:
    to_state(okrs, CycleState.GRADING)
    assert "Payments has not written its retrospective of Now yet" in page(
        as_carol, team_url(world, okrs)
    )


def test_overlong_answers_are_refused_next_to_their_field(
    world: World, okrs: OKRs, as_bob: Client
) -> None:
    to_state(okrs, CycleState.GRADING)
    response = as_bob.post(save_url(world, okrs), {**ANSWERS, "try_next": "x" * 5001})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<p class="error" id="id_try_next_error">Ensure this value has at most 5000' in html
    assert "Estimates slipped.</textarea>" in html  # what was typed stays
    assert not Retrospective.objects.exists()


def test_other_organizations_ids_do_not_exist(
    world: World, okrs: OKRs, as_mallory: Client, as_alice: Client
) -> None:
    to_state(okrs, CycleState.GRADING)
    assert as_mallory.post(save_url(world, okrs, org="globex"), ANSWERS).status_code == 404
    assert as_mallory.post(save_url(world, okrs), ANSWERS).status_code == 404
    theirs = factories.make_cycle(world.other_org, "G-Q1", state=CycleState.GRADING)
    path = f"/o/acme/teams/{world.payments.pk}/cycles/{theirs.pk}/retrospective/"
    assert as_alice.post(path, ANSWERS).status_code == 404
    assert not Retrospective.objects.exists()


@pytest.mark.parametrize("size", [1, 12])
def test_query_count_does_not_grow(world: World, okrs: OKRs, as_bob: Client, size: int) -> None:
    for i in range(size):
        objective = factories.make_objective(
            okrs.cycle, f"Payments goal {i}", team=world.payments, owner=world.bob
        )
        kr = factories.make_key_result(objective, f"Cut fees {i}")
        checkin_create(actor=world.bob, objective=objective, values={kr: Decimal(100)}, progress_status=None,
                       capacity_status="on_track")  # fmt: skip
    to_state(okrs, CycleState.CLOSED)
    retrospective_save(actor=world.bob, team=world.payments, cycle=okrs.cycle, **ANSWERS)
    with CaptureQueriesContext(connection) as queries:
        page(as_bob, team_url(world, okrs))
    # test_team_page's bound holds with the retrospective read too
    assert len(queries) <= TEAM_PAGE_QUERIES + 1, "\n".join(q["sql"] for q in queries)
