"""Every page reads the same at ten and at twenty times the organization (issue 8): the
same queries and no more rows. See tests/growth.py; bench/ times the same pages at 10,000 people."""

from __future__ import annotations

import pytest

from bearing.orgs.models import Team
from tests.conftest import World, signed_in
from tests.growth import NEW_TEAMS, check, grow
from tests.reads import reads
from tests.web import routes as web_routes
from tests.web.conftest import OKRs

# Pages whose rows grow with the number of teams, by design (bounded by the team filter's
# switch to a search field at 200 teams, and the Teams page by the tree's size).
GROWS_WITH_TEAMS = {"teams", "coach", "alignment", "alignment_health", "objective_create",
                    "objective_edit", "search_teams"}  # fmt: skip
# The KPI forms' team pickers: a select up to 200 teams, a searched field past it.
GROWS_WITH_TEAMS |= {"kpi_create", "kpi_edit", "kpi_promote"}


WEB_GETS = [r for r in web_routes.ORG_ROUTES if r.method == "GET"]


@pytest.mark.parametrize("route", WEB_GETS, ids=str)
def test_every_page_reads_the_same_as_the_organization_grows(
    world: World, okrs: OKRs, route: web_routes.Route
) -> None:
    route.prepare(okrs)
    reader = world.alice if "alice" in web_routes.MAY[route.who] else world.bob  # Bob: an author
    client = signed_in(reader)
    grow(okrs.cycle, okrs.company_objective, world, round=1)
    client.get(route.url(okrs))  # a first visit may do once-only work (a session's first read)
    with reads() as small:
        assert client.get(route.url(okrs)).status_code == 200
    grow(okrs.cycle, okrs.company_objective, world, round=2)
    with reads() as large:
        assert client.get(route.url(okrs)).status_code == 200
    allowance = NEW_TEAMS if route.name in GROWS_WITH_TEAMS else 0
    check(small, large, allowance)


def test_the_team_list_stays_a_filter_past_two_hundred_teams(world: World, okrs: OKRs) -> None:
    """Beyond 200 teams a team filter is a search field: its rows stop growing."""
    Team.objects.bulk_create(
        [Team(organization=world.org, name=f"Squad {i}", parent=world.company) for i in range(210)]
    )
    html = signed_in(world.bob).get("/o/acme/alignment/").content.decode()
    assert 'list="filter-team-options"' in html and "Squad 150" not in html
