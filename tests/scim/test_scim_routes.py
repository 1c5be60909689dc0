"""Every /scim/v2 route, declared once, in the spirit of tests/api/routes.py: it works with the
organization's token; without one, with a wrong, revoked or API token it is 401 in SCIM's error
shape; another organization's token gets exactly the answer for ids that do not exist (404),
and its lists show only its own people and teams. Nothing changes when a call is refused."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from bearing.orgs.models import Membership
from bearing.orgs.services import token_create
from bearing.scim import urls
from bearing.scim.models import ScimToken
from tests.fingerprint import fingerprint
from tests.scim.conftest import ERROR_SCHEMA, GROUP_SCHEMA, PATCH_SCHEMA, USER_SCHEMA, Scim

Url = Callable[[Scim], str]


@dataclass(frozen=True)
class Route:
    name: str  # the URL's name in bearing.scim.urls
    method: str
    url: Url
    ok: int
    foreign: str  # "404": the URL names one of Acme's rows; "scoped": a list or a creation
    body: Callable[[Scim], dict[str, Any]] | None = None

    def __str__(self) -> str:
        return f"{self.method} {self.name}"


def bob(s: Scim) -> str:
    return f"/scim/v2/Users/{s.user_id('bob@acme.example')}"


def payments(s: Scim) -> str:
    return f"/scim/v2/Groups/{s.world.payments.pk}"


def patch(*operations: dict[str, Any]) -> dict[str, Any]:
    return {"schemas": [PATCH_SCHEMA], "Operations": list(operations)}


NEW_USER = {"schemas": [USER_SCHEMA], "userName": "dana@acme.example",
            "name": {"givenName": "Dana", "familyName": "Diaz"}, "active": True}  # fmt: skip
ROUTES = [
    Route("service_provider_config", "GET", lambda s: "/scim/v2/ServiceProviderConfig", 200, "scoped"),
    Route("resource_types", "GET", lambda s: "/scim/v2/ResourceTypes", 200, "scoped"),
    Route("resource_type", "GET", lambda s: "/scim/v2/ResourceTypes/User", 200, "scoped"),
    Route("schemas", "GET", lambda s: "/scim/v2/Schemas", 200, "scoped"),
    Route("schema", "GET", lambda s: f"/scim/v2/Schemas/{USER_SCHEMA}", 200, "scoped"),
    Route("users", "GET", lambda s: "/scim/v2/Users", 200, "scoped"),
    Route("users", "POST", lambda s: "/scim/v2/Users", 201, "scoped", lambda s: NEW_USER),
    Route("user", "GET", bob, 200, "404"),
    Route("user", "PUT", bob, 200, "404",
          lambda s: {"schemas": [USER_SCHEMA], "userName": "bob@acme.example",
                     "displayName": "Robert", "active": True}),
    Route("user", "PATCH", bob, 200, "404",
          lambda s: patch({"op": "replace", "value": {"active": False}})),
    Route("user", "DELETE", bob, 204, "404"),
    Route("groups", "GET", lambda s: "/scim/v2/Groups", 200, "scoped"),
    Route("groups", "POST", lambda s: "/scim/v2/Groups", 201, "scoped",
          lambda s: {"schemas": [GROUP_SCHEMA], "displayName": "Platform", "members": []}),
    Route("group", "GET", payments, 200, "404"),
    Route("group", "PUT", payments, 200, "404",
          lambda s: {"schemas": [GROUP_SCHEMA], "displayName": "Payments", "members": []}),
    Route("group", "PATCH", payments, 200, "404",
          lambda s: patch({"op": "replace", "path": "displayName", "value": "Money"})),
    Route("group", "DELETE", payments, 204, "404"),
    Route("unknown", "GET", lambda s: "/scim/v2/Bulk", 404, "scoped"),
]  # fmt: skip
WRITES = [r for r in ROUTES if r.method != "GET"]


def call(route: Route, scim: Scim, token: str | None) -> tuple[int, dict[str, Any] | None]:
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    body = json.dumps(route.body(scim)) if route.body else ""
    response = Client().generic(
        route.method, route.url(scim), data=body, content_type="application/scim+json",
        headers=headers,
    )  # fmt: skip
    return response.status_code, json.loads(response.content) if response.content else None


def test_every_scim_route_is_listed() -> None:
    assert {p.name for p in urls.urlpatterns} == {r.name for r in ROUTES}


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_the_organizations_token_works(scim: Scim, route: Route) -> None:
    before = fingerprint()
    status, _ = call(route, scim, scim.acme)
    assert status == route.ok
    if route.method != "GET":
        assert fingerprint() != before, "a successful write must change something"


# Every route without a token; every kind of wrong token on a read and on writes.
UNAUTHENTICATED = [(r, "none") for r in ROUTES] + [
    (r, token)
    for r in ROUTES
    if str(r) in ("GET users", "PATCH user", "POST groups")
    for token in ("wrong", "revoked", "api token", "not bearer")
]


@pytest.mark.parametrize(("route", "token"), UNAUTHENTICATED, ids=lambda v: str(v))
def test_without_the_organizations_token_it_is_401(scim: Scim, route: Route, token: str) -> None:
    world = scim.world
    if token == "revoked":
        ScimToken.objects.filter(organization=world.org).update(revoked_at="2026-01-01T00:00Z")
    raw = {
        "none": None,
        "wrong": "brgscim_" + "x" * 43,
        "revoked": scim.acme,
        "api token": token_create(organization=world.org, person=world.alice)[1],
        "not bearer": None,
    }[token]
    before = fingerprint()
    if token == "not bearer":
        response = Client().get(route.url(scim), headers={"Authorization": f"Basic {scim.acme}"})
        status, body = response.status_code, json.loads(response.content)
        assert response["WWW-Authenticate"].startswith("Bearer")
    else:
        status, body = call(route, scim, raw)
    assert status == 401
    assert body is not None and body["schemas"] == [ERROR_SCHEMA] and body["status"] == "401"
    assert fingerprint() == before


@pytest.mark.parametrize("route", [r for r in ROUTES if r.foreign == "404"], ids=str)
def test_another_organizations_ids_are_404(scim: Scim, route: Route) -> None:
    before = fingerprint()
    status, body = call(route, scim, scim.globex)
    assert status == 404
    assert body is not None and body["schemas"] == [ERROR_SCHEMA] and body["status"] == "404"
    assert fingerprint() == before
    # Exactly the answer for an id that does not exist at all.
    missing = Route(route.name, route.method, lambda s: route.url(s).rsplit("/", 1)[0] + "/999999",
                    route.ok, route.foreign, route.body)  # fmt: skip
    assert call(missing, scim, scim.acme) == (status, body)


def test_another_organizations_lists_show_only_its_own(scim: Scim) -> None:
    people = Client().get("/scim/v2/Users", headers={"Authorization": f"Bearer {scim.globex}"})
    assert [u["userName"] for u in people.json()["Resources"]] == ["mallory@globex.example"]
    teams = Client().get("/scim/v2/Groups", headers={"Authorization": f"Bearer {scim.globex}"})
    assert [g["displayName"] for g in teams.json()["Resources"]] == ["Globex"]
    for text in ("acme", "Payments"):
        assert text not in people.content.decode() + teams.content.decode()


def test_another_organizations_creations_stay_in_it(scim: Scim) -> None:
    for route in (r for r in ROUTES if r.method == "POST"):
        assert call(route, scim, scim.globex)[0] == 201
    assert not Membership.objects.filter(
        organization=scim.world.org, person__email="dana@acme.example"
    ).exists()
    assert Membership.objects.filter(
        organization=scim.world.other_org, person__email="dana@acme.example"
    ).exists()


def test_a_member_of_another_organization_cannot_join_a_team_here(scim: Scim) -> None:
    mallory = str(Membership.objects.get(person=scim.world.mallory).pk)
    route = Route("group", "PATCH", payments, 400, "404",
                  lambda s: patch({"op": "add", "path": "members", "value": [{"value": mallory}]}))  # fmt: skip
    before = fingerprint()
    status, body = call(route, scim, scim.acme)
    assert (status, body and body["scimType"]) == (400, "invalidValue")
    assert fingerprint() == before
