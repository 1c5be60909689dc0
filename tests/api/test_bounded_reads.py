"""Every API read reads the same at ten and at twenty times the organization (issue 8): the
same queries and no more rows. See tests/growth.py."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.test import Client

from tests.api import routes as api_routes
from tests.api.conftest import API, Seed
from tests.growth import NEW_TEAMS, check, grow
from tests.reads import reads

API_GETS = [r for r in api_routes.ROUTES if r.method == "GET"]


@pytest.mark.parametrize("route", API_GETS, ids=lambda r: r.id)
def test_every_api_read_reads_the_same_as_the_organization_grows(
    seed: Seed, route: api_routes.Route
) -> None:
    client = Client()
    headers = {"Authorization": f"Bearer {seed.tokens['alice']}"}

    def get() -> None:
        # A kept export would answer from the cache (okrs/io/export_cache.py): measure the
        # work of writing it, at both sizes.
        caches["exports"].clear()
        response = client.get(API + route.url(seed), headers=headers)
        assert response.status_code == 200, response.content

    grow(seed.world.cycle, seed.objective, seed.world, round=1)
    get()  # the token's first use of the minute is recorded: leave that write out
    with reads() as small:
        get()
    grow(seed.world.cycle, seed.objective, seed.world, round=2)
    with reads() as large:
        get()
    # The cycle's alignment and its OKR file read the whole cycle by design (three queries,
    # rows as the cycle: see their tests).
    allowance = {"/teams": NEW_TEAMS}.get(route.path, 0)
    # The organization's report reads a capped page of 50 teams, a few grouped rows each
    # (issue 14); the growth here does not fill it.
    allowance += {"/cycles/{id}/report": NEW_TEAMS * 8}.get(route.path, 0)
    if route.path in ("/cycles/{id}/alignment", "/cycles/{id}/okr-file"):
        assert large.queries == small.queries
        return
    check(small, large, allowance)
