"""Roles on every route: viewers read and get 403 on every write; members change their
teams' OKRs; admins everything; private objectives exist only for owner, leads and admins."""

from __future__ import annotations

import pytest
from django.test import Client

from bearing.okrs.models import Objective
from bearing.web import urls
from tests.conftest import World, signed_in
from tests.web.conftest import OKRs
from tests.web.routes import OBJECTIVE_SCOPED, OK, ORG_ROUTES, PUBLIC_ROUTES, Route

ROLES = ["alice", "bob", "carol", "vic"]  # admin, Payments' lead and owner, Growth member, viewer


def expected(route: Route, role: str) -> tuple[int, ...]:
    if route.who == "admins":
        return OK if role == "alice" else (403,)
    if role in ("alice", "bob"):
        return OK
    if role == "vic" and route.writes:
        return (403,)
    if role == "carol" and route.who == "editors":
        return (403,)
    return OK


def call(client: Client, route: Route, okrs: OKRs) -> int:
    route.prepare(okrs)
    url = route.url(okrs)
    response = client.get(url) if route.method == "GET" else client.post(url, route.data(okrs))
    return response.status_code


def client_for(role: str, world: World, okrs: OKRs) -> Client:
    person = okrs.carol if role == "carol" else getattr(world, role)
    return signed_in(person)


def test_every_route_is_listed() -> None:
    names = {p.name for p in urls.urlpatterns}
    assert names == {r.name for r in ORG_ROUTES} | PUBLIC_ROUTES


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", ORG_ROUTES, ids=str)
def test_roles(world: World, okrs: OKRs, route: Route, role: str) -> None:
    assert call(client_for(role, world, okrs), route, okrs) in expected(route, role)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", OBJECTIVE_SCOPED, ids=str)
def test_private_objectives(world: World, okrs: OKRs, route: Route, role: str) -> None:
    Objective.objects.filter(pk=okrs.objective.pk).update(visibility="private")
    status = call(client_for(role, world, okrs), route, okrs)
    if role in ("alice", "bob"):  # admin; owner and lead of Payments
        assert status in OK
    elif role == "vic" and route.writes:
        assert status == 403  # refused as a viewer before anything is looked up
    else:
        assert status == 404


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
