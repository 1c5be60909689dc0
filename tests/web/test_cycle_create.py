"""Creating a cycle: admins only, it starts in planning; errors next to their fields, and what
was typed kept."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from bearing.okrs.models import ChangeRecord, Cycle, CycleState
from tests import factories
from tests.conftest import World
from tests.web.conftest import OKRs

URL = "/o/acme/cycles/"
NEW = "/o/acme/cycles/new/"


def row(html: str, cycle: Cycle) -> str:
    start = html.index(f'<tr id="cycle-{cycle.pk}">')
    return html[start : html.index("</tr>", start)]


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
