"""A person's page: their teams, objectives, key results and check-ins, only as far as the
reader may see them, and no ranking or rating of the person."""

from __future__ import annotations

from django.test import Client

from bearing.okrs.models import KeyResult, Objective
from tests import factories
from tests.conftest import World
from tests.web.conftest import OKRs, page


def test_what_a_person_owns_and_their_check_ins(world: World, okrs: OKRs, as_carol: Client) -> None:
    KeyResult.objects.filter(pk=okrs.company_kr.pk).update(owner=world.bob)
    html = page(as_carol, f"/o/acme/people/{world.bob.pk}/")
    assert "<h1>Bob" in html and "bob@acme.example" in html and "Payments</a> (lead)" in html
    assert "Make payments effortless" in html.split('id="objectives-heading"')[1]
    krs = html.split('id="krs-heading"')[1]
    assert "Raise NPS from 30 to 50" in krs and "Delight every customer" in krs
    assert "Faster checkout shipped." in html.split('id="checkins-heading"')[1]
    for word in ("rank", "rating", "average", "performance"):
        assert word not in html.lower().split("<main")[1]


def test_private_objectives_stay_hidden(
    world: World, okrs: OKRs, as_carol: Client, as_alice: Client
) -> None:
    Objective.objects.filter(pk=okrs.objective.pk).update(visibility="private")
    html = page(as_carol, f"/o/acme/people/{world.bob.pk}/")
    assert "Make payments effortless" not in html and "Faster checkout shipped." not in html
    assert "Make payments effortless" in page(as_alice, f"/o/acme/people/{world.bob.pk}/")


def test_one_s_own_page_from_the_header(world: World, okrs: OKRs, as_bob: Client) -> None:
    html = page(as_bob, "/o/acme/")
    assert f'href="/o/acme/people/{world.bob.pk}/"' in html
    assert "Objectives you own" in page(as_bob, f"/o/acme/people/{world.bob.pk}/")


def test_another_organization_s_people_do_not_exist(
    world: World, okrs: OKRs, as_alice: Client
) -> None:
    assert as_alice.get(f"/o/acme/people/{world.mallory.pk}/").status_code == 404
    factories.make_member(world.other_org, "zed@globex.example")
    assert as_alice.get("/o/acme/people/999999/").status_code == 404
