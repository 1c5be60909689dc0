"""A directory sync reads whole lists: listing users and groups (with their members) makes
the same number of queries whatever the organization's size."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bearing.orgs.services import team_member_add
from tests import factories
from tests.scim.conftest import Scim


def queries(scim: Scim, path: str) -> int:
    client = Client()
    with CaptureQueriesContext(connection) as captured:
        answer = client.get(path, headers={"Authorization": f"Bearer {scim.acme}"})
    assert answer.status_code == 200
    return len(captured)


def grow(scim: Scim, size: int) -> None:
    org = scim.world.org
    for n in range(size):
        team = factories.make_team(org, f"Team {size}-{n}")
        person = factories.make_member(org, f"p{size}-{n}@acme.example")
        team_member_add(team=team, person=person)
        team_member_add(team=scim.world.payments, person=person)


def test_lists_read_the_same_at_any_size(scim: Scim) -> None:
    paths = ["/scim/v2/Users", "/scim/v2/Groups", '/scim/v2/Groups?filter=displayName eq "Payments"',
             "/scim/v2/Users?startIndex=2&count=3"]  # fmt: skip
    grow(scim, 2)
    queries(scim, "/scim/v2/ServiceProviderConfig")  # stamps the token's last use, once a minute
    small = [queries(scim, p) for p in paths]
    grow(scim, 12)
    assert [queries(scim, p) for p in paths] == small
