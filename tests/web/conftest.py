"""Fixtures for the pages: a cycle running today, and OKRs of Payments and of the company.

Carol joins the personas here: a member of Growth, not of Payments, so she may
read Payments' OKRs but not change them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from bearing.okrs.models import AlignmentLink, CheckIn, Comment, Cycle, KeyResult, Objective
from bearing.okrs.services.alignment import link_create
from bearing.okrs.services.checkins import checkin_create
from bearing.okrs.services.cycles import cycle_create
from bearing.okrs.services.measurements import measurement_add
from bearing.orgs.models import Person, Team
from tests import factories
from tests.conftest import World, signed_in


@dataclass
class OKRs:
    cycle: Cycle  # running today: day 30 of 90
    growth: Team
    carol: Person  # member of Growth
    company_objective: Objective  # owned by Alice, company team
    company_kr: KeyResult
    objective: Objective  # Payments', owned by Bob, aligned to the company objective
    kr: KeyResult  # decrease 120 → 24, at 72 now
    milestone: KeyResult
    checkin: CheckIn
    link: AlignmentLink
    comment: Comment | None = None  # Alice's on the check-in, made when a test asks for it


def running_cycle(world: World, name: str = "Now") -> Cycle:
    today = timezone.localdate()
    return cycle_create(
        actor=None, organization=world.org, name=name, start=today - timedelta(days=30),
        end=today + timedelta(days=60), state="active",
    )  # fmt: skip


def at(days_ago: int) -> datetime:
    return timezone.now().astimezone(UTC) - timedelta(days=days_ago)


@pytest.fixture
def okrs(world: World) -> OKRs:
    cycle = running_cycle(world)
    growth = factories.make_team(world.org, "Growth")
    carol = factories.make_member(world.org, "carol@acme.example", "member", teams=(growth,))
    company = factories.make_objective(cycle, "Delight every customer", owner=world.alice)
    company_kr = factories.make_key_result(company, "Raise NPS from 30 to 50", kind="increase",
                                           start=Decimal(30), target=Decimal(50))  # fmt: skip
    objective = factories.make_objective(
        cycle, "Make payments effortless", team=world.payments, owner=world.bob
    )
    kr = factories.make_key_result(objective, "Cut payment time from 120 s to 24 s", unit="s")
    milestone = factories.make_key_result(
        objective, "Launch instant refunds", kind="milestone", start=None, target=None
    )
    measurement_add(actor=world.bob, key_result=kr, value=Decimal(96), measured_at=at(20))
    checkin = checkin_create(
        actor=world.bob, objective=objective, values={kr: Decimal(72)}, progress_status=None,
        capacity_status="on_track", confidence=60, narrative="Faster checkout shipped.", at=at(10),
    )  # fmt: skip
    link = link_create(actor=world.bob, child=objective, parent_objective=company)
    return OKRs(cycle, growth, carol, company, company_kr, objective, kr, milestone, checkin, link)


@pytest.fixture
def as_carol(okrs: OKRs) -> Client:
    return signed_in(okrs.carol)


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    """The personas' passwords are hashed on every test; a fast hasher keeps the suite quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
