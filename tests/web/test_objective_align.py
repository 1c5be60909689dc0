"""Aligning an objective to an objective or key result, and removing a link; loops are refused
next to the field; a link to a hidden objective does not exist."""

from __future__ import annotations

from django.test import Client

from bearing.okrs.models import AlignmentLink
from tests.conftest import World
from tests.web.conftest import OKRs, page


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
