"""Roles on every route: viewers read and get 403 on every write; members change their
teams' OKRs; a key result's owner reports on it; admins everything; private objectives exist
only for owner, leads and admins. A write a role may make happens (the database changes);
a refused one leaves the database as it was."""

from __future__ import annotations

import pytest
from django.test import Client

from bearing.okrs.models import KeyResult, Objective
from bearing.orgs.models import Person
from bearing.web import urls
from tests.conftest import World, signed_in
from tests.fingerprint import fingerprint
from tests.web.conftest import OKRs
from tests.web.routes import MAY, OBJECTIVE_SCOPED, OK, ORG_ROUTES, PUBLIC_ROUTES, Route

ROLES = ["alice", "bob", "carol", "kr_owner", "vic"]


def person_for(role: str, world: World, okrs: OKRs) -> Person:
    if role == "kr_owner":
        KeyResult.objects.filter(pk=okrs.kr.pk).update(owner=okrs.carol)
        return okrs.carol
    person: Person = okrs.carol if role == "carol" else getattr(world, role)
    return person


def call(client: Client, person: Person, route: Route, okrs: OKRs) -> tuple[int, bool]:
    """The status, and whether the database changed."""
    route.prepare(okrs)
    url = route.url(okrs)
    data = route.data(okrs, person)
    before = fingerprint()
    response = client.get(url) if route.method == "GET" else client.post(url, data)
    return response.status_code, fingerprint() != before


def test_every_route_is_listed() -> None:
    names = {p.name for p in urls.urlpatterns}
    assert names == {r.name for r in ORG_ROUTES} | PUBLIC_ROUTES


def test_every_route_says_who_may_call_it() -> None:
    assert {r.who for r in ORG_ROUTES} <= MAY.keys()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", ORG_ROUTES, ids=str)
def test_roles(world: World, okrs: OKRs, route: Route, role: str) -> None:
    person = person_for(role, world, okrs)
    status, changed = call(signed_in(person), person, route, okrs)
    # Viewers change nothing of the organization's; their own inbox and choices are theirs.
    permitted = role in MAY[route.who] and not (
        role == "vic" and route.writes and route.who != "self"
    )
    if not permitted:
        assert status == 403
        assert not changed, "a refused request must write nothing"
    elif route.writes and route.method == "POST":
        assert status in OK
        assert changed, "a permitted write must change something"
    else:
        assert status == 200
        assert not changed, "a page that only shows must write nothing"


@pytest.mark.parametrize("role", ["alice", "bob", "carol", "vic"])
@pytest.mark.parametrize("route", OBJECTIVE_SCOPED, ids=str)
def test_private_objectives(world: World, okrs: OKRs, route: Route, role: str) -> None:
    Objective.objects.filter(pk=okrs.objective.pk).update(visibility="private")
    person = person_for(role, world, okrs)
    status, changed = call(signed_in(person), person, route, okrs)
    if role in ("alice", "bob"):  # admin; owner and lead of Payments: they see it
        assert status in (OK if role in MAY[route.who] else (403,))
        return
    if role == "vic" and route.writes:
        assert status == 403  # refused as a viewer before anything is looked up
    else:
        assert status == 404
    assert not changed


@pytest.mark.parametrize("route", [r for r in ORG_ROUTES if r.method == "GET"], ids=str)
def test_signed_out_people_are_sent_to_sign_in(okrs: OKRs, client: Client, route: Route) -> None:
    response = client.get(route.url(okrs))
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/?next=")


def test_viewers_get_403_before_a_write_reaches_the_database(
    world: World, okrs: OKRs, as_vic: Client
) -> None:
    as_vic.post(f"/o/acme/objectives/{okrs.objective.pk}/state/", {"state": "closed"})
    assert Objective.objects.get(pk=okrs.objective.pk).state == "active"
    assert (
        b"You cannot change this"
        in as_vic.get(f"/o/acme/objectives/{okrs.objective.pk}/edit/").content
    )
