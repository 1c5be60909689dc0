"""A check-in week on a frozen clock: Acme's cycle runs from January to March 2026, check-in
day is Monday (09:00 UTC by default). Bob owns two of Payments' objectives, Carol one (Bob
leads Payments), Alice the company's. Globex (Mallory) has an objective of its own."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
import time_machine
from click.testing import CliRunner, Result

from bearing.cli import main
from bearing.okrs.models import Objective
from bearing.okrs.services.checkins import checkin_create
from bearing.orgs.models import Person
from tests import factories
from tests.conftest import World

MONDAY_9 = datetime(2026, 2, 16, 9, 0, tzinfo=UTC)
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@dataclass
class Week:
    world: World
    carol: Person
    bob_a: Objective
    bob_b: Objective
    carol_c: Objective
    alice_d: Objective
    globex: Objective


@pytest.fixture
def week(world: World) -> Week:
    carol = factories.make_member(
        world.org, "carol@acme.example", "member", teams=(world.payments,)
    )
    with time_machine.travel(datetime(2026, 2, 2, tzinfo=UTC), tick=False):
        made = Week(
            world=world,
            carol=carol,
            bob_a=factories.make_objective(world.cycle, "Make refunds instant", team=world.payments, owner=world.bob),
            bob_b=factories.make_objective(world.cycle, "Halve chargebacks", team=world.payments, owner=world.bob),
            carol_c=factories.make_objective(world.cycle, "Launch wallets", team=world.payments, owner=carol),
            alice_d=factories.make_objective(world.cycle, "Grow into Europe", owner=world.alice),
            globex=factories.make_objective(
                factories.make_cycle(world.other_org), "Globex's own", owner=world.mallory
            ),
        )  # fmt: skip
    return made


def check_in(objective: Objective, at: datetime) -> None:
    assert objective.owner is not None
    checkin_create(
        actor=objective.owner, objective=objective, values={}, progress_status="on_track",
        capacity_status="on_track", narrative="Fine", at=at,
    )  # fmt: skip


def cadence_run(slug: str, at: str) -> Result:
    return CliRunner().invoke(main, ["cadence", "run", "--org", slug, "--at", at])


@pytest.fixture
def frozen() -> Iterator[None]:
    with time_machine.travel(MONDAY_9, tick=False):
        yield
