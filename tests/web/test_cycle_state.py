"""Moving a cycle one step on or back: confirmed first on a page that says what the move means;
steps are never skipped; recorded in the history."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from bearing.okrs.models import ChangeRecord, Cycle, CycleState
from bearing.okrs.services.objectives import objective_grade
from tests.conftest import World
from tests.web.conftest import OKRs, page

URL = "/o/acme/cycles/"
NEW = "/o/acme/cycles/new/"


def state_url(cycle: Cycle) -> str:
    return f"/o/acme/cycles/{cycle.pk}/state/"


def test_a_move_is_confirmed_first_and_says_what_it_means(okrs: OKRs, as_alice: Client) -> None:
    html = page(as_alice, state_url(okrs.cycle) + "?state=grading")
    assert "Move Now to grading?" in html
    assert "Weekly check-ins stop being asked for." in html
    assert '<input type="hidden" name="state" value="grading">' in html
    assert Cycle.objects.get(pk=okrs.cycle.pk).state == CycleState.ACTIVE  # nothing moved yet


def test_closing_warns_of_objectives_without_a_final_score(
    world: World, okrs: OKRs, as_alice: Client
) -> None:
    Cycle.objects.filter(pk=okrs.cycle.pk).update(state=CycleState.GRADING)
    objective_grade(actor=world.alice, objective=okrs.objective, graded=Decimal("0.2"), reason="")
    html = page(as_alice, state_url(okrs.cycle) + "?state=closed")
    assert "1 objective of Now has no final score yet: it keeps its computed score." in html


def test_moving_on_and_back_one_step(world: World, okrs: OKRs, as_alice: Client) -> None:
    response = as_alice.post(state_url(okrs.cycle), {"state": "grading"}, follow=True)
    assert "Now moved from Active to Grading." in response.content.decode()
    assert Cycle.objects.get(pk=okrs.cycle.pk).state == CycleState.GRADING
    record = ChangeRecord.objects.filter(entity="cycle", entity_id=okrs.cycle.pk).latest("id")
    assert (record.before, record.after, record.actor) == (
        {"state": "active"}, {"state": "grading"}, world.alice,
    )  # fmt: skip
    as_alice.post(state_url(okrs.cycle), {"state": "active"})
    assert Cycle.objects.get(pk=okrs.cycle.pk).state == CycleState.ACTIVE


@pytest.mark.parametrize("to", ["closed", "planningish", ""])
def test_moves_that_skip_a_step_are_refused(okrs: OKRs, as_alice: Client, to: str) -> None:
    response = as_alice.post(state_url(okrs.cycle), {"state": to}, follow=True)
    assert "Now is active: choose one of the moves shown for it." in response.content.decode()
    assert Cycle.objects.get(pk=okrs.cycle.pk).state == CycleState.ACTIVE
    assert as_alice.get(state_url(okrs.cycle) + f"?state={to}").status_code == 302


def test_another_organizations_cycles_do_not_exist(okrs: OKRs, as_mallory: Client) -> None:
    assert (
        as_mallory.get(f"/o/globex/cycles/{okrs.cycle.pk}/state/?state=grading").status_code == 404
    )
    assert as_mallory.post(f"/o/globex/cycles/{okrs.cycle.pk}/state/",
                           {"state": "grading"}).status_code == 404  # fmt: skip
    assert Cycle.objects.get(pk=okrs.cycle.pk).state == CycleState.ACTIVE
    assert "Now" not in page(as_mallory, "/o/globex/cycles/")
