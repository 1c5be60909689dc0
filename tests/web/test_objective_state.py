"""Closing, abandoning and reopening an objective: Close and Abandon ask first on a page
that says what the move means; Reopen undoes either in one click; each move is recorded."""

from __future__ import annotations

import pytest
from django.test import Client

from bearing.okrs.models import ChangeRecord, Objective
from tests.conftest import World
from tests.web.conftest import OKRs, page


def test_close_abandon_and_reopen(world: World, okrs: OKRs, as_bob: Client) -> None:
    url = f"/o/acme/objectives/{okrs.objective.pk}/state/"
    for state in ("closed", "active", "abandoned"):
        response = as_bob.post(url, {"state": state}, follow=True)
        assert Objective.objects.get(pk=okrs.objective.pk).state == state
    html = response.content.decode()
    assert "Abandoned “Make payments effortless”." in html and ">Reopen</button>" in html
    summaries = list(ChangeRecord.objects.filter(objective_id=okrs.objective.pk, entity="objective",
                                                 action="update").values_list("after", flat=True))  # fmt: skip
    assert [s["state"] for s in summaries if s] == ["abandoned", "active", "closed"]


def test_unknown_state_changes_nothing(okrs: OKRs, as_bob: Client) -> None:
    as_bob.post(f"/o/acme/objectives/{okrs.objective.pk}/state/", {"state": "deleted"})
    assert Objective.objects.get(pk=okrs.objective.pk).state == "active"


def state_url(okrs: OKRs) -> str:
    return f"/o/acme/objectives/{okrs.objective.pk}/state/"


def state(okrs: OKRs) -> str:
    return Objective.objects.get(pk=okrs.objective.pk).state


@pytest.mark.parametrize(("to", "verb"), [("closed", "Close"), ("abandoned", "Abandon")])
def test_the_objective_page_asks_before_closing_or_abandoning(
    okrs: OKRs, as_bob: Client, to: str, verb: str
) -> None:
    objective_page = page(as_bob, f"/o/acme/objectives/{okrs.objective.pk}/")
    assert f'href="{state_url(okrs)}?state={to}"' in objective_page
    confirm = page(as_bob, f"{state_url(okrs)}?state={to}")
    assert f"{verb} “Make payments effortless”?" in confirm
    assert "You can reopen it" in confirm
    assert state(okrs) == "active"  # asking changed nothing
    response = as_bob.post(state_url(okrs), {"state": to}, follow=True)
    assert state(okrs) == to
    assert "Reopen" in response.content.decode()  # the way back is on the page it lands on


def test_reopening_undoes_it_in_one_click(okrs: OKRs, as_bob: Client) -> None:
    as_bob.post(state_url(okrs), {"state": "closed"})
    objective_page = page(as_bob, f"/o/acme/objectives/{okrs.objective.pk}/")
    assert '<button type="submit" name="state" value="active">Reopen</button>' in objective_page
    as_bob.post(state_url(okrs), {"state": "active"})
    assert state(okrs) == "active"


def test_asking_for_an_unknown_move_goes_back_to_the_objective(okrs: OKRs, as_bob: Client) -> None:
    response = as_bob.get(f"{state_url(okrs)}?state=deleted", follow=True)
    assert response.redirect_chain[-1][0] == f"/o/acme/objectives/{okrs.objective.pk}/"
    assert "Choose close, abandon or reopen." in response.content.decode()
