"""The Changes page: every change record of the organization, newest first, before → after,
filtered by team, objective, person and kind; private objectives stay hidden from those who
may not see them; people, invitations and settings are for admins; bounded reads."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bearing.okrs.models import ChangeRecord, Objective
from bearing.okrs.services.alignment import link_create
from bearing.okrs.services.changes import record
from bearing.okrs.services.objectives import objective_delete, objective_update
from bearing.orgs.services import invitation_create
from tests import factories
from tests.conftest import World, signed_in
from tests.web.conftest import OKRs, page

URL = "/o/acme/changes/"


def test_newest_first_with_before_and_after(world: World, okrs: OKRs, as_carol: Client) -> None:
    objective_update(actor=world.bob, objective=okrs.objective, title="Make payments instant")
    html = page(as_carol, URL)
    first = html.index("changed title of")
    assert first < html.index("checked in on")  # the fixture's check-in came before
    assert "<del>Make payments effortless</del>" in html
    assert "<ins>Make payments instant</ins>" in html
    assert "Bob" in html[first - 400 : first]


@pytest.mark.parametrize(("who", "sees"), [("alice", True), ("bob", True), ("carol", False),
                                           ("vic", False)])  # fmt: skip
def test_private_objectives_stay_hidden(world: World, okrs: OKRs, who: str, sees: bool) -> None:
    Objective.objects.filter(pk=okrs.objective.pk).update(visibility="private")
    person = okrs.carol if who == "carol" else getattr(world, who)
    html = page(signed_in(person), URL)
    assert ("Faster checkout shipped." in html) is sees  # the check-in's narrative
    assert ("Make payments effortless" in html) is sees
    assert "Delight every customer" in html  # the public one, for everyone


def test_a_hidden_parent_is_not_named(world: World, okrs: OKRs, as_carol: Client) -> None:
    secret = factories.make_objective(okrs.cycle, "Acquire Initech", team=world.payments,
                                      owner=world.bob, visibility="private")  # fmt: skip
    child = factories.make_objective(okrs.cycle, "Grow signups", team=okrs.growth, owner=okrs.carol)
    link_create(actor=world.bob, child=child, parent_objective=secret)
    html = page(as_carol, URL)
    assert "Initech" not in html
    assert "aligned an objective to one you cannot see" in html


def test_deleted_objectives_are_for_admins(world: World, okrs: OKRs, as_alice: Client) -> None:
    gone = factories.make_objective(okrs.cycle, "Retire the fax line", team=okrs.growth,
                                    owner=okrs.carol)  # fmt: skip
    objective_delete(actor=okrs.carol, objective=gone)
    assert "deleted" in page(as_alice, URL) and "Retire the fax line" in page(as_alice, URL)
    assert "Retire the fax line" not in page(signed_in(okrs.carol), URL)


def test_people_and_invitations_are_for_admins(world: World, okrs: OKRs, as_alice: Client) -> None:
    invitation_create(actor=world.alice, organization=world.org, email="erin@example.com")
    assert "erin@example.com" in page(as_alice, URL)
    bob = page(signed_in(world.bob), URL)
    assert "erin@example.com" not in bob
    assert '<option value="invitation"' not in bob
    assert "erin@example.com" not in page(signed_in(world.bob), URL + "?kind=invitation")


def test_filters(world: World, okrs: OKRs, as_bob: Client) -> None:
    checkins = page(as_bob, URL + "?kind=checkin")
    assert "checked in on" in checkins and "added key result" not in checkins.lower()
    mine = page(as_bob, f"{URL}?person={world.bob.pk}")
    assert "checked in on" in mine
    company = f'href="/o/acme/objectives/{okrs.company_objective.pk}/"'
    assert company not in mine  # created by no one (the fixture's factory)
    assert company in page(as_bob, URL)
    objective = page(as_bob, f"{URL}?objective={okrs.company_objective.pk}")
    assert "Delight every customer" in objective and "Make payments effortless" not in objective
    payments = page(as_bob, f"{URL}?team={world.payments.pk}")
    assert "Make payments effortless" in payments and company not in payments
    nothing = page(as_bob, f"{URL}?team=Nowhere")
    assert "No team called “Nowhere”" in nothing and "No change matches these filters" in nothing


def test_nothing_of_another_organization(world: World, okrs: OKRs, as_mallory: Client) -> None:
    html = page(as_mallory, "/o/globex/changes/")
    assert "Make payments effortless" not in html and "Delight" not in html


def test_pages_of_fifty(world: World, okrs: OKRs, as_alice: Client) -> None:
    for i in range(60):
        record(organization=world.org, actor=world.alice, action="update", entity="cycle",
               entity_id=okrs.cycle.pk, summary=f"renamed the cycle, time {i}")  # fmt: skip
    first = page(as_alice, URL)
    assert "time 59" in first and "time 10" in first and "time 9<" not in first
    assert 'rel="next"' in first
    second = page(as_alice, URL + "?page=2")
    assert "time 9" in second and "time 59" not in second


@pytest.mark.parametrize("size", [1, 10])
def test_queries_do_not_grow(world: World, okrs: OKRs, size: int) -> None:
    for i in range(size * 10):
        objective = factories.make_objective(okrs.cycle, f"Objective {i}", team=world.payments,
                                             owner=world.bob, visibility="private" if i % 2 else "public")  # fmt: skip
        link_create(actor=world.bob, child=objective, parent_objective=okrs.company_objective)
    assert ChangeRecord.objects.count() > size * 10
    client = signed_in(okrs.carol)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    # +1: the inbox's unread count in the navigation bar (bearing.notify)
    assert len(queries) <= 11, "\n".join(q["sql"] for q in queries)
    assert len(response.content) < 200_000
