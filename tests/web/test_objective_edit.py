"""Editing, closing, abandoning, reopening and re-aligning an objective; all in the history."""

from __future__ import annotations

from typing import Any

from django.test import Client

from bearing.okrs.models import AlignmentLink, ChangeRecord, Objective
from tests.conftest import World
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


def test_align_to_a_key_result_and_remove_a_link(okrs: OKRs, as_bob: Client) -> None:
    url = f"/o/acme/objectives/{okrs.objective.pk}/align/"
    assert 'for="id_aligned_to">Aligned to</label>' in page(as_bob, url)
    as_bob.post(url, {"aligned_to": f"k{okrs.company_kr.pk}", "link_kind": "cascaded"})
    assert AlignmentLink.objects.filter(child=okrs.objective, parent_key_result=okrs.company_kr,
                                        kind="cascaded").exists()  # fmt: skip
    as_bob.post(f"/o/acme/links/{okrs.link.pk}/remove/")
    assert not AlignmentLink.objects.filter(pk=okrs.link.pk).exists()
    html = page(as_bob, f"/o/acme/objectives/{okrs.objective.pk}/")
    assert "removed a link of “Make payments effortless”" in html


def test_a_loop_is_refused_next_to_the_field(world: World, okrs: OKRs, as_alice: Client) -> None:
    url = f"/o/acme/objectives/{okrs.company_objective.pk}/align/"
    html = as_alice.post(
        url, {"aligned_to": f"o{okrs.objective.pk}", "link_kind": "aligned"}
    ).content.decode()
    assert 'id="id_aligned_to_error"' in html and "that would be a loop" in html


def test_a_link_to_a_hidden_objective_cannot_be_removed(
    world: World, okrs: OKRs, as_bob: Client
) -> None:
    from bearing.okrs.services.alignment import link_create
    from tests import factories

    secret = factories.make_objective(
        okrs.cycle, "Grow as a coach", owner=world.alice, visibility="private"
    )
    hidden = link_create(actor=None, child=okrs.objective, parent_objective=secret)
    assert as_bob.post(f"/o/acme/links/{hidden.pk}/remove/").status_code == 404
    assert (
        "Grow as a coach"
        not in as_bob.get(f"/o/acme/objectives/{okrs.objective.pk}/").content.decode()
    )
