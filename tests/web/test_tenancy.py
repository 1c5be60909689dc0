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


def call(client: Client, person: Person, route: Route, url: str, okrs: OKRs) -> int:
    route.prepare(okrs)
    if route.method == "GET":
        return client.get(url).status_code
    return client.post(url, route.data(okrs, person)).status_code


@pytest.mark.parametrize("route", ORG_ROUTES, ids=str)
def test_strangers_get_404_for_the_organization(
    world: World, okrs: OKRs, as_mallory: Client, route: Route
) -> None:
    before = fingerprint()
    assert call(as_mallory, world.mallory, route, route.url(okrs), okrs) == 404
    assert fingerprint() == before


@pytest.mark.parametrize("route", WITH_IDS, ids=str)
def test_ids_of_another_organization_are_404_in_ones_own(
    world: World, okrs: OKRs, as_mallory: Client, route: Route
) -> None:
    # Mallory is an admin of Globex: she may do anything there, but Acme's ids do not exist.
    before = fingerprint()
    assert call(as_mallory, world.mallory, route, route.url(okrs, org="globex"), okrs) == 404
    assert fingerprint() == before


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
