"""Editing an objective: the form filled in, the change saved and recorded, a stale form
refused, a move to a team not one's own refused. Closing and aligning: test_objective_state.py,
test_objective_align.py."""

from __future__ import annotations

from typing import Any

from django.test import Client

from bearing.okrs.models import Objective
from tests.web.conftest import OKRs, page


def edit_url(okrs: OKRs) -> str:
    return f"/o/acme/objectives/{okrs.objective.pk}/edit/"


def form_data(okrs: OKRs, **changes: Any) -> dict[str, Any]:
    objective = Objective.objects.get(pk=okrs.objective.pk)
    data = {"title": objective.title, "description": objective.description, "team": objective.team_id,
            "owner": objective.owner_id, "visibility": objective.visibility, "version": objective.version}  # fmt: skip
    return {**data, **changes}


def test_the_form_is_filled_in(okrs: OKRs, as_bob: Client) -> None:
    html = page(as_bob, edit_url(okrs))
    assert 'value="Make payments effortless"' in html and ">Save</button>" in html


def test_edit_saves_and_records_the_change(okrs: OKRs, as_bob: Client) -> None:
    response = as_bob.post(
        edit_url(okrs), form_data(okrs, title="Make paying a joy", contributors=[okrs.growth.pk])
    )
    assert response.status_code == 302
    objective = Objective.objects.get(pk=okrs.objective.pk)
    assert objective.title == "Make paying a joy" and list(objective.contributors.all()) == [
        okrs.growth
    ]
    html = page(as_bob, f"/o/acme/objectives/{objective.pk}/")
    assert "changed title, contributors of objective “Make paying a joy”" in html


def test_a_stale_form_is_refused_and_keeps_the_input(okrs: OKRs, as_bob: Client) -> None:
    stale = form_data(okrs, title="Second edit")
    as_bob.post(edit_url(okrs), form_data(okrs, title="First edit"))
    response = as_bob.post(edit_url(okrs), stale)
    html = response.content.decode()
    assert response.status_code == 200 and "changed by someone else meanwhile" in html
    assert 'value="Second edit"' in html
    assert Objective.objects.get(pk=okrs.objective.pk).title == "First edit"


def test_members_cannot_move_an_objective_to_a_team_not_theirs(okrs: OKRs, as_bob: Client) -> None:
    response = as_bob.post(edit_url(okrs), form_data(okrs, team=okrs.growth.pk))
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()


def test_empty_title_shows_the_error_next_to_it(okrs: OKRs, as_bob: Client) -> None:
    html = as_bob.post(edit_url(okrs), form_data(okrs, title="  ")).content.decode()
    assert 'id="id_title_error"' in html
