"""The Cycles page: every cycle with dates, state, objectives and average final score; admins
create cycles (errors next to their fields) and move them one step on or back, after a
confirmation; everyone else reads, and gets 403 on every write."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bearing.okrs.models import ChangeRecord, Cycle, CycleState, Objective
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


def test_creating_a_cycle(world: World, okrs: OKRs, as_alice: Client) -> None:
    year = factories.make_cycle(world.org, "2027", date(2027, 1, 1), date(2027, 12, 31))
    data = {"name": " 2027-Q2 ", "start": "2027-04-01", "end": "2027-06-30", "parent": year.pk}
    response = as_alice.post(NEW, data, follow=True)
    assert "Cycle 2027-Q2 created, in planning." in response.content.decode()
    cycle = Cycle.objects.get(organization=world.org, name="2027-Q2")
    assert (cycle.start, cycle.end, cycle.state, cycle.parent) == (
        date(2027, 4, 1), date(2027, 6, 30), CycleState.PLANNING, year,
    )  # fmt: skip
    record = ChangeRecord.objects.get(entity="cycle", entity_id=cycle.pk, action="create")
    assert record.actor == world.alice
    assert "in 2027" in row(response.content.decode(), cycle)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": "Later", "start": "2027-04-01", "end": "2027-03-01"}, "end",
         "The end must be after the start"),
        ({"name": "2026-Q1", "start": "2027-04-01", "end": "2027-06-30"}, "name",
         "exists already"),
        ({"name": "Later", "start": "2027-04-01", "end": "2027-06-30", "parent": "YEAR"}, "parent",
         "must be of this organization and span this one"),
        ({"name": "", "start": "2027-04-01", "end": "2027-06-30"}, "name", "This field is required"),
        ({"name": "Later", "start": "1 April", "end": "2027-06-30"}, "start",
         "Enter a date such as 2026-04-01."),
    ],
)  # fmt: skip
def test_errors_appear_next_to_their_fields_and_keep_what_was_typed(
    world: World, okrs: OKRs, as_alice: Client, data: dict[str, str], field: str, message: str
) -> None:
    year = factories.make_cycle(world.org, "2025", date(2025, 1, 1), date(2025, 12, 31))
    if data.get("parent") == "YEAR":
        data = {**data, "parent": str(year.pk)}
    count = Cycle.objects.count()
    response = as_alice.post(NEW, data)
    html = response.content.decode()
    assert response.status_code == 200
    start = html.index(f'id="id_{field}_error"')
    assert message in html[start : html.index("</p>", start)]
    assert 'aria-invalid="true"' in html
    if data["name"]:
        assert f'value="{data["name"]}"' in html
    assert Cycle.objects.count() == count


def test_another_organizations_cycle_cannot_contain_a_new_one(
    world: World, okrs: OKRs, as_mallory: Client
) -> None:
    response = as_mallory.post("/o/globex/cycles/new/", {"name": "G1", "start": "2026-01-01",
                                                         "end": "2026-03-31", "parent": okrs.cycle.pk})  # fmt: skip
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not Cycle.objects.filter(name="G1").exists()


def test_a_move_is_confirmed_first_and_says_what_it_means(okrs: OKRs, as_alice: Client) -> None:
    html = page(as_alice, state_url(okrs.cycle) + "?state=grading")
    assert "Move Now to grading?" in html
    assert "Weekly check-ins stop being asked for." in html
    assert '<input type="hidden" name="state" value="grading">' in html
    assert Cycle.objects.get(pk=okrs.cycle.pk).state == CycleState.ACTIVE  # nothing moved yet


def test_closing_warns_of_objectives_without_a_final_score(
    world: World, okrs: OKRs, as_alice: Client
) -> None:
    Cycle.objects.filter(pk=okrs.cycle.pk).update(state=CycleState.GRADING)
    objective_grade(actor=world.alice, objective=okrs.objective, graded=Decimal("0.2"), reason="")
    html = page(as_alice, state_url(okrs.cycle) + "?state=closed")
    assert "1 objective of Now has no final score yet: it keeps its computed score." in html


def test_moving_on_and_back_one_step(world: World, okrs: OKRs, as_alice: Client) -> None:
    response = as_alice.post(state_url(okrs.cycle), {"state": "grading"}, follow=True)
    assert "Now moved from Active to Grading." in response.content.decode()
    assert Cycle.objects.get(pk=okrs.cycle.pk).state == CycleState.GRADING
    record = ChangeRecord.objects.filter(entity="cycle", entity_id=okrs.cycle.pk).latest("id")
    assert (record.before, record.after, record.actor) == (
        {"state": "active"}, {"state": "grading"}, world.alice,
    )  # fmt: skip
    as_alice.post(state_url(okrs.cycle), {"state": "active"})
    assert Cycle.objects.get(pk=okrs.cycle.pk).state == CycleState.ACTIVE


@pytest.mark.parametrize("to", ["closed", "planningish", ""])
def test_moves_that_skip_a_step_are_refused(okrs: OKRs, as_alice: Client, to: str) -> None:
    response = as_alice.post(state_url(okrs.cycle), {"state": to}, follow=True)
    assert "Now is active: choose one of the moves shown for it." in response.content.decode()
    assert Cycle.objects.get(pk=okrs.cycle.pk).state == CycleState.ACTIVE
    assert as_alice.get(state_url(okrs.cycle) + f"?state={to}").status_code == 302


def test_another_organizations_cycles_do_not_exist(okrs: OKRs, as_mallory: Client) -> None:
    assert (
        as_mallory.get(f"/o/globex/cycles/{okrs.cycle.pk}/state/?state=grading").status_code == 404
    )
    assert as_mallory.post(f"/o/globex/cycles/{okrs.cycle.pk}/state/",
                           {"state": "grading"}).status_code == 404  # fmt: skip
    assert Cycle.objects.get(pk=okrs.cycle.pk).state == CycleState.ACTIVE
    assert "Now" not in page(as_mallory, "/o/globex/cycles/")


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
