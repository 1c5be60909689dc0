"""The API's test world: the shared personas, each with a token, and one of everything."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from bearing.okrs.models import (
    KPI,
    AlignmentLink,
    CheckIn,
    Initiative,
    KeyResult,
    Measurement,
    Objective,
)
from bearing.okrs.services.alignment import link_create
from bearing.okrs.services.checkins import checkin_create
from bearing.okrs.services.initiatives import initiative_create
from bearing.okrs.services.measurements import measurement_add
from bearing.orgs.models import Invitation, Person
from bearing.orgs.services import invitation_create, token_create
from tests import factories
from tests.conftest import World
from tests.kpis import checkout_errors

API = "/api/v1"


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    """The personas' passwords need no real hashing here; it would take most of the time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Seed:
    world: World
    objective: Objective  # the company's, owned by Alice
    key_result: KeyResult
    child: Objective  # Payments', owned by Bob, aligned to ``objective``
    link: AlignmentLink
    measurement: Measurement
    checkin: CheckIn
    tokens: dict[str, str]
    invitation: Invitation  # pending, to erin@example.com
    kpi: KPI  # Payments' checkout errors, owned by Bob, unhealthy (tests/kpis.py)
    initiative: Initiative  # under ``key_result``


def token_for(world: World, person: Person) -> str:
    org = world.other_org if person == world.mallory else world.org
    return token_create(organization=org, person=person, name="tests")[1]


@pytest.fixture
def seed(world: World) -> Seed:
    objective = factories.make_objective(world.cycle, "Make payments effortless", owner=world.alice)
    kr = factories.make_key_result(objective)
    child = factories.make_objective(
        world.cycle, "Make paying feel instant", team=world.payments, owner=world.bob
    )
    link = link_create(actor=None, child=child, parent_objective=objective)
    measurement = measurement_add(
        actor=None, key_result=kr, value=Decimal(72), measured_at=datetime(2026, 2, 1, tzinfo=UTC)
    )
    checkin = checkin_create(
        actor=world.alice, objective=objective, values={}, progress_status="on_track",
        capacity_status="on_track", status_reason="steady", at=datetime(2026, 2, 2, tzinfo=UTC),
    )  # fmt: skip
    for row in (objective, kr, child):
        row.refresh_from_db()  # adding key results and links moved the versions on
    people = {"alice": world.alice, "bob": world.bob, "vic": world.vic, "mallory": world.mallory}
    notify_rows(world)
    integration_rows(world, kr)
    return Seed(
        world=world, objective=objective, key_result=kr, child=child, link=link,
        measurement=measurement, checkin=checkin,
        tokens={name: token_for(world, p) for name, p in people.items()},
        invitation=invitation_create(actor=None, organization=world.org, email="erin@example.com"),
        kpi=checkout_errors(child),
        initiative=initiative_create(actor=None, organization=world.org, title="Cache the tokens",
                                     key_results=[kr]),
    )  # fmt: skip


def notify_rows(world: World) -> None:
    """An unread notice of Alice's and a webhook of Acme's (tests/api/routes.py reads them)."""
    from bearing.notify.models import Notice, Preferences, WebhookEndpoint

    Notice.objects.create(
        organization=world.org, recipient=world.alice, key="test", kind="reminder",
        title="Time to check in", created_at=datetime(2026, 2, 2, tzinfo=UTC),
    )  # fmt: skip
    WebhookEndpoint.objects.create(
        organization=world.org, url="http://127.0.0.1:9/acme", events=["*"], secret="whsec_dGVzdA=="
    )
    # Vic's and Mallory's notice preferences exist already: changing their own (a viewer, an
    # admin of another organization) then adds no row the route tables would count.
    Preferences.objects.create(organization=world.org, person=world.vic)
    Preferences.objects.create(organization=world.other_org, person=world.mallory)


def integration_rows(world: World, key_result: KeyResult) -> None:
    """Acme's connections "warehouse" (feeding ``key_result``) and "spare" (unused), for the
    data sources' routes (tests/api/routes.py)."""
    from bearing.integrations.services import checked_recipe, connection_save, source_save

    connection_save(organization=world.org, name="warehouse", kind="http",
                    base_url="http://127.0.0.1:9/", header_name="X-Api-Key", secret="acme-key")  # fmt: skip
    connection_save(
        organization=world.org, name="spare", kind="http", base_url="http://127.0.0.1:9/"
    )
    recipe = checked_recipe(world.org.pk, kind="json", connection="warehouse", url="metrics",
                            selector="total")  # fmt: skip
    source_save(organization=world.org, recipe=recipe, key_result=key_result)


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    content: bytes

    def json(self) -> Any:
        return json.loads(self.content)


def call(
    method: str,
    url: str,
    body: Any = None,
    *,
    token: str | None = None,
    headers: dict[str, str] | None = None,
    raw: str | None = None,
) -> Answer:
    """One request to the API as a client would send it (JSON body, bearer token)."""
    all_headers = dict(headers or {})
    if token is not None:
        all_headers["Authorization"] = f"Bearer {token}"
    data = raw if raw is not None else ("" if body is None else json.dumps(body))
    response = Client().generic(
        method, url if url.startswith(API) else f"{API}{url}", data=data,
        content_type="application/json", headers=all_headers,
    )  # fmt: skip
    return Answer(response.status_code, dict(response.headers), response.content)


def assert_error_shape(answer: Answer, loc_prefix: list[Any] | None = None) -> None:
    """Every 4xx body says what and where: {"detail": [{"loc": [...], "msg": ..., "type": ...}]}."""
    body = answer.json()
    assert isinstance(body["detail"], list) and body["detail"], body
    for item in body["detail"]:
        assert isinstance(item["loc"], list) and isinstance(item["msg"], str) and item["msg"]
        assert isinstance(item["type"], str)
    if loc_prefix is not None:
        locs = [item["loc"][: len(loc_prefix)] for item in body["detail"]]
        assert loc_prefix in locs, body
