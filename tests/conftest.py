"""Shared fixtures. Three personas in one organization, as in healthchecks' tests:
Alice is an admin, Bob a member of the Payments team, Vic a viewer; Mallory belongs
to another organization and must never see Acme's data."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.conf import settings as django_settings
from django.test import Client

from bearing.okrs.models import Cycle
from bearing.orgs.models import Organization, Person, Team
from tests import factories

# The tests' HTTP receivers (Slack, Teams, webhooks) listen on 127.0.0.1: as an installation
# with BEARING_OUTBOUND_ALLOW_PRIVATE=1 (tests/notify/test_outbound.py turns it off again).
django_settings.OUTBOUND_ALLOW_PRIVATE = True


@dataclass
class World:
    org: Organization
    company: Team
    payments: Team
    cycle: Cycle
    alice: Person  # admin
    bob: Person  # member, lead of Payments
    vic: Person  # viewer
    other_org: Organization
    mallory: Person  # admin of the other organization


@pytest.fixture
def world(db: None) -> World:
    org = factories.make_org("acme", "Acme")
    company = factories.company(org)
    payments = factories.make_team(org, "Payments")
    other = factories.make_org("globex", "Globex")
    return World(
        org=org,
        company=company,
        payments=payments,
        cycle=factories.make_cycle(org),
        alice=factories.make_member(org, "alice@acme.example", "admin", teams=(company,)),
        bob=factories.make_member(org, "bob@acme.example", "member", teams=(payments,), lead=True),
        vic=factories.make_member(org, "vic@acme.example", "viewer"),
        other_org=other,
        mallory=factories.make_member(other, "mallory@globex.example", "admin"),
    )


def signed_in(person: Person) -> Client:
    client = Client()
    client.force_login(person)
    return client


@pytest.fixture
def as_alice(world: World) -> Client:
    return signed_in(world.alice)


@pytest.fixture
def as_bob(world: World) -> Client:
    return signed_in(world.bob)


@pytest.fixture
def as_vic(world: World) -> Client:
    return signed_in(world.vic)


@pytest.fixture
def as_mallory(world: World) -> Client:
    return signed_in(world.mallory)


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Each test starts with empty caches: rate limits (password resets) count per test, and
    the coach's team trees are read from the test's own database."""
    from django.core.cache import cache, caches

    from bearing.okrs.coaching import forget_team_trees

    cache.clear()
    caches["exports"].clear()
    forget_team_trees()


def pytest_configure(config: pytest.Config) -> None:
    """Kept exports live in this test process's memory, not in a folder other test processes
    (xdist workers, earlier runs) share."""
    from django.conf import settings

    settings.CACHES["exports"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "exports",
    }
