"""The form pages' query counts do not grow with the organization's OKRs.

The list pages (home, objective, alignment, team) assert theirs beside their other tests.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.conftest import World
from tests.web.conftest import OKRs
from tests.web.test_alignment_page import add_branch

PAGES = {
    # page: (address, most queries)
    # +1 on every page: the inbox's unread count in the navigation bar (bearing.notify)
    "teams": ("/o/acme/teams/", 11),
    "new objective": ("/o/acme/objectives/new/", 14),  # + the KPIs it may move
    # 11: the "Moves KPI" select reads the organization's KPIs (one query)
    "edit objective": ("/o/acme/objectives/{objective}/edit/", 11),
    "align": ("/o/acme/objectives/{objective}/align/", 8),
    "check in": ("/o/acme/objectives/{objective}/check-in/", 15),
    "add key result": ("/o/acme/objectives/{objective}/key-results/new/", 7),
    # the coach's hint is the review stored on the row (no team tree read on opening)
    "edit key result": ("/o/acme/key-results/{kr}/edit/", 9),
    "add initiative": ("/o/acme/key-results/{kr}/initiatives/new/", 7),
}


@pytest.mark.parametrize("size", [1, 12])
@pytest.mark.parametrize("name", PAGES)
def test_query_count_does_not_grow(
    world: World, okrs: OKRs, as_bob: Client, name: str, size: int
) -> None:
    world.org.key_result_cap = 50  # many key results on one objective, past the default cap
    world.org.save()
    for i in range(size):
        add_branch(world, okrs, i)
        factories.make_key_result(
            okrs.objective, f"Grow {i}", kind="increase", start=Decimal(0), target=Decimal(9)
        )
    address, most = PAGES[name]
    with CaptureQueriesContext(connection) as queries:
        response = as_bob.get(address.format(objective=okrs.objective.pk, kr=okrs.kr.pk))
    assert response.status_code == 200
    assert len(queries) <= most, "\n".join(q["sql"] for q in queries)
