"""Nothing crosses organizations: every route with another organization's ids is a 404, and
changes nothing."""

from __future__ import annotations

import pytest
from django.test import Client

from bearing.orgs.models import Person
from tests.conftest import World
from tests.fingerprint import fingerprint
from tests.web.conftest import OKRs
from tests.web.routes import ORG_ROUTES, WITH_IDS, Route


def call(client: Client, person: Person, route: Route, okrs: OKRs, org: str) -> tuple[int, bool]:
    """The status, and whether the database changed."""
    route.prepare(okrs)
    url = route.url(okrs, org=org)
    data = route.data(okrs, person)
    before = fingerprint()
    response = client.get(url) if route.method == "GET" else client.post(url, data)
    return response.status_code, fingerprint() != before


@pytest.mark.parametrize("route", ORG_ROUTES, ids=str)
def test_strangers_get_404_for_the_organization(
    world: World, okrs: OKRs, as_mallory: Client, route: Route
) -> None:
    assert call(as_mallory, world.mallory, route, okrs, org="acme") == (404, False)


@pytest.mark.parametrize("route", WITH_IDS, ids=str)
def test_ids_of_another_organization_are_404_in_ones_own(
    world: World, okrs: OKRs, as_mallory: Client, route: Route
) -> None:
    # Mallory is an admin of Globex: she may do anything there, but Acme's ids do not exist.
    assert call(as_mallory, world.mallory, route, okrs, org="globex") == (404, False)


@pytest.mark.parametrize(
    "path",
    ["", "cycles/", "alignment/", "alignment/health/", "coach/?team=all", "teams/", "settings/"],
)
def test_own_pages_show_nothing_of_another_organization(
    okrs: OKRs, as_mallory: Client, path: str
) -> None:
    html = as_mallory.get(f"/o/globex/{path}").content.decode()
    for title in ("Make payments effortless", "Delight every customer", "Payments"):
        assert title not in html
