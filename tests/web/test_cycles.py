"""The Cycles page: every cycle with dates, state, objectives and average final score, and
for admins the moves each cycle allows; everyone else reads, and gets 403 on every write.
Creating a cycle and moving one: test_cycle_create.py, test_cycle_state.py."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bearing.okrs.models import Cycle, CycleState, Objective
from bearing.okrs.services.objectives import objective_grade
from tests import factories
from tests.conftest import World, signed_in
from tests.web.conftest import OKRs, page

URL = "/o/acme/cycles/"
NEW = "/o/acme/cycles/new/"


def state_url(cycle: Cycle) -> str:
    return f"/o/acme/cycles/{cycle.pk}/state/"


def row(html: str, cycle: Cycle) -> str:
    start = html.index(f'<tr id="cycle-{cycle.pk}">')
    return html[start : html.index("</tr>", start)]


def test_lists_every_cycle_with_dates_state_objectives_and_average(
    world: World, okrs: OKRs, as_bob: Client
) -> None:
    html = page(as_bob, URL)
    assert '<a href="/o/acme/cycles/" aria-current="page">Cycles</a>' in html
    now = row(html, okrs.cycle)
    assert okrs.cycle.start.strftime("%-d %b %Y") in now
    assert "Active" in now
    # Two objectives: the company's scores 0.0 (no value yet), Payments' 0.2 → average 0.1.
    assert '<td data-label="Objectives">2</td>' in now
    assert 'class="score red" title="red">0.1<' in now
    empty = row(html, world.cycle)
    assert '<td data-label="Objectives">0</td>' in empty and "no score yet" in empty


def test_each_cycle_links_to_its_pages(okrs: OKRs, as_vic: Client) -> None:
    now = row(page(as_vic, URL), okrs.cycle)
    for address in ("/o/acme/", "/o/acme/alignment/", "/o/acme/alignment/health/",
                    "/o/acme/coach/", "/o/acme/okr-files/"):  # fmt: skip
        assert f'href="{address}?cycle={okrs.cycle.pk}"' in now


def test_the_average_uses_final_scores_where_graded(
    world: World, okrs: OKRs, as_alice: Client
) -> None:
    factories.grade(okrs.objective, Decimal("0.8"), "Refunds shipped after the last check-in.")
    now = row(page(as_alice, URL), okrs.cycle)
    assert 'class="score yellow" title="yellow">0.4<' in now  # mean of 0.0 and 0.8


def test_private_objectives_count_only_for_those_who_may_see_them(
    world: World, okrs: OKRs, as_alice: Client, as_carol: Client
) -> None:
    Objective.objects.filter(pk=okrs.objective.pk).update(visibility="private")
    assert '<td data-label="Objectives">2</td>' in row(page(as_alice, URL), okrs.cycle)
    carol = row(page(as_carol, URL), okrs.cycle)
    assert '<td data-label="Objectives">1</td>' in carol and ">0.0<" in carol


@pytest.mark.parametrize("role", ["bob", "carol", "vic"])
def test_others_read_without_controls_and_get_403_on_writes(
    world: World, okrs: OKRs, role: str
) -> None:
    client = signed_in(okrs.carol if role == "carol" else getattr(world, role))
    html = page(client, URL)
    assert "New cycle" not in html and "Move to" not in html and "Back to" not in html
    assert client.get(NEW).status_code == 403
    assert (
        client.post(NEW, {"name": "X", "start": "2027-01-01", "end": "2027-03-31"}).status_code
        == 403
    )
    assert client.get(state_url(okrs.cycle) + "?state=grading").status_code == 403
    assert client.post(state_url(okrs.cycle), {"state": "grading"}).status_code == 403
    assert not Cycle.objects.filter(name="X").exists()
    assert Cycle.objects.get(pk=okrs.cycle.pk).state == CycleState.ACTIVE


def test_admins_see_the_moves_each_cycle_allows(world: World, okrs: OKRs, as_alice: Client) -> None:
    planning = factories.make_cycle(world.org, "2027-Q1", date(2027, 1, 1), date(2027, 3, 31),
                                    state=CycleState.PLANNING)  # fmt: skip
    closed = factories.make_cycle(world.org, "2025-Q4", date(2025, 10, 1), date(2025, 12, 31),
                                  state=CycleState.CLOSED)  # fmt: skip
    html = page(as_alice, URL)
    assert "New cycle" in html
    now = row(html, okrs.cycle)
    assert f'{state_url(okrs.cycle)}?state=grading">Move to grading' in now
    assert f'{state_url(okrs.cycle)}?state=planning">Back to planning' in now
    assert "Move to active" in row(html, planning) and "Back to" not in row(html, planning)
    assert "Back to grading" in row(html, closed) and "Move to" not in row(html, closed)


@pytest.mark.parametrize("size", [1, 10])
def test_query_count_does_not_grow(world: World, okrs: OKRs, as_bob: Client, size: int) -> None:
    for i in range(size):
        start = date(2020, 1, 1) + timedelta(days=100 * i)
        cycle = factories.make_cycle(world.org, f"Old {i}", start, start + timedelta(days=90),
                                     state=CycleState.GRADING)  # fmt: skip
        for j in range(3):
            objective = factories.make_objective(cycle, f"Goal {i}.{j}", team=world.payments)
            factories.make_key_result(objective, f"Cut {i}.{j}")
            if j == 0:
                objective_grade(actor=None, objective=objective, graded=Decimal("0.5"),
                                reason="Half done.")  # fmt: skip
        Cycle.objects.filter(pk=cycle.pk).update(state=CycleState.CLOSED)
    with CaptureQueriesContext(connection) as queries:
        html = page(as_bob, URL)
    assert html.count('<tr id="cycle-') == size + 2
    # session, person, membership, cycles, objectives' grades, ungraded objectives,
    # their key results, their measurements
    assert len(queries) <= 8, "\n".join(q["sql"] for q in queries)
