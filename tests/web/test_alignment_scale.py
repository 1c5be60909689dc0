"""The alignment page on a 1,000-objective cycle: a fixed number of queries, and quick."""

from __future__ import annotations

import time
from datetime import timedelta
from decimal import Decimal

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bearing.okrs.models import AlignmentLink, KeyResult, Measurement, Objective
from tests.conftest import World
from tests.web.conftest import running_cycle

OBJECTIVES = 1000


def build_cycle(world: World) -> None:
    """A company of 10 objectives, each served by 99 more through its key results or directly,
    three key results each and weekly measurements: bulk rows, not services, to stay quick."""
    cycle = running_cycle(world)
    objectives = Objective.objects.bulk_create(
        Objective(organization=world.org, cycle=cycle, ref=f"o{i}", title=f"Objective {i}",
                  team=world.company if i < 10 else world.payments, owner=world.bob)
        for i in range(OBJECTIVES)
    )  # fmt: skip
    krs = KeyResult.objects.bulk_create(
        KeyResult(organization=world.org, objective=o, cycle=cycle, ref=f"k{o.pk}-{n}", title=f"KR {n}",
                  kind="increase", start=Decimal(0), target=Decimal(100), position=n)
        for o in objectives for n in range(3)
    )  # fmt: skip
    now = timezone.now()
    Measurement.objects.bulk_create(
        Measurement(organization=world.org, key_result=kr, value=Decimal(10 * week + kr.pk % 7),
                    measured_at=now - timedelta(weeks=4 - week))
        for kr in krs for week in range(4)
    )  # fmt: skip
    links = []
    for i, child in enumerate(objectives[10:], start=10):
        parent = objectives[(i - 10) // 10] if i < 110 else objectives[10 + (i - 110) // 9]
        if i % 3:
            links.append(
                AlignmentLink(organization=world.org, child=child, parent_objective=parent)
            )
        else:
            links.append(AlignmentLink(organization=world.org, child=child,
                                       parent_key_result=krs[3 * objectives.index(parent)]))  # fmt: skip
    AlignmentLink.objects.bulk_create(links)


def test_a_thousand_objectives(world: World, as_alice: Client) -> None:
    build_cycle(world)
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = as_alice.get("/o/acme/alignment/")
    elapsed = time.perf_counter() - started
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="node ') == OBJECTIVES and "Objective 999" in html
    assert len(queries) <= 10
    print(f"alignment page, {OBJECTIVES} objectives: {len(queries)} queries, {elapsed:.2f} s")
    assert elapsed < 5, f"{elapsed:.2f} s"
