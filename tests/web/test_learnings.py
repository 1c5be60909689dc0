"""Learnings on the objective page (002): shown once the cycle is in grading or closed, added by
the objective's editors, read by everyone who may see the objective."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bearing.okrs.models import ChangeRecord, Cycle, CycleState, Learning, Objective
from bearing.okrs.services.learning import learning_add
from tests import factories
from tests.conftest import World, signed_in
from tests.web.conftest import OKRs, page


def to_state(okrs: OKRs, state: str) -> None:
    Cycle.objects.filter(pk=okrs.cycle.pk).update(state=state)


def url(objective: Objective) -> str:
    return f"/o/acme/objectives/{objective.pk}/"


def add_url(objective: Objective) -> str:
    return f"/o/acme/objectives/{objective.pk}/learnings/"


def test_a_running_cycle_shows_no_learnings_yet(okrs: OKRs, as_bob: Client) -> None:
    html = page(as_bob, url(okrs.objective))
    assert "Learnings" not in html and "Add learning" not in html


@pytest.mark.parametrize("state", [CycleState.GRADING, CycleState.CLOSED])
def test_editors_add_learnings_once_the_cycle_is_graded(
    world: World, okrs: OKRs, as_bob: Client, state: str
) -> None:
    to_state(okrs, state)
    html = page(as_bob, url(okrs.objective))
    assert '<h2 id="learnings-heading">Learnings</h2>' in html and "No learnings yet" in html
    assert "What did we learn?" in html
    text = "Refunds need the <b>bank</b> on board first."
    response = as_bob.post(add_url(okrs.objective), {"text": text}, follow=True)
    html = response.content.decode()
    assert "Learning recorded. Thank you!" in html
    assert "Refunds need the &lt;b&gt;bank&lt;/b&gt; on board first." in html
    learning = Learning.objects.get(objective=okrs.objective)
    assert (learning.author, learning.text) == (world.bob, text)
    assert ChangeRecord.objects.filter(entity="learning", entity_id=learning.pk).exists()
    assert response.redirect_chain[-1][0].endswith("#learnings")


def test_an_empty_learning_is_refused_next_to_its_field(okrs: OKRs, as_bob: Client) -> None:
    to_state(okrs, CycleState.GRADING)
    response = as_bob.post(add_url(okrs.objective), {"text": "   "})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<p class="error" id="id_text_error">' in html and 'aria-invalid="true"' in html
    assert "<h1>Make payments effortless</h1>" in html  # the objective page, with the form
    assert not Learning.objects.exists()


def test_everyone_who_may_see_the_objective_reads_its_learnings(
    world: World, okrs: OKRs, as_carol: Client, as_vic: Client
) -> None:
    to_state(okrs, CycleState.CLOSED)
    learning_add(actor=world.bob, objective=okrs.objective, text="Pair with finance early.")
    for client in (as_carol, as_vic):
        html = page(client, url(okrs.objective))
        assert "Pair with finance early." in html and "Add learning" not in html
        assert client.post(add_url(okrs.objective), {"text": "Mine"}).status_code == 403
    assert Learning.objects.count() == 1


def test_admins_add_learnings_to_any_objective(world: World, okrs: OKRs, as_alice: Client) -> None:
    to_state(okrs, CycleState.GRADING)
    as_alice.post(add_url(okrs.objective), {"text": "Measure before we promise."})
    assert Learning.objects.get().author == world.alice


def test_learnings_wait_for_grading(okrs: OKRs, as_bob: Client) -> None:
    response = as_bob.post(add_url(okrs.objective), {"text": "Too soon"}, follow=True)
    assert "Learnings are written once the cycle is in grading." in response.content.decode()
    assert not Learning.objects.exists()


def test_private_objectives_and_other_organizations(
    world: World, okrs: OKRs, as_carol: Client, as_mallory: Client
) -> None:
    to_state(okrs, CycleState.GRADING)
    Objective.objects.filter(pk=okrs.objective.pk).update(visibility="private")
    assert as_carol.post(add_url(okrs.objective), {"text": "Peek"}).status_code == 404
    path = f"/o/globex/objectives/{okrs.objective.pk}/learnings/"
    assert as_mallory.post(path, {"text": "Peek"}).status_code == 404
    assert as_mallory.post(add_url(okrs.objective), {"text": "Peek"}).status_code == 404
    assert not Learning.objects.exists()
    assert signed_in(world.bob).post(add_url(okrs.objective), {"text": "Ok"}).status_code == 302


@pytest.mark.parametrize("size", [1, 10])
def test_query_count_does_not_grow(world: World, okrs: OKRs, as_bob: Client, size: int) -> None:
    to_state(okrs, CycleState.CLOSED)
    people = [factories.make_member(world.org, f"p{i}@acme.example") for i in range(size)]
    for person in people:
        learning_add(actor=person, objective=okrs.objective, text=f"Lesson of {person.email}")
    with CaptureQueriesContext(connection) as queries:
        html = page(as_bob, url(okrs.objective))
    assert html.count('<li class="learning">') == size
    # as in test_objective_page (the learnings with their authors are one of them)
    # 21, + 5 to note a look at one's own team's OKRs once a week (maturity/looks.py)
    assert len(queries) <= 26, "\n".join(q["sql"] for q in queries)
