"""Time travel: the alignment tree, scores and colours as they were on a past day of the
cycle (``?as_of=``), on the page and in the API."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.test import Client

from bearing.okrs.models import AlignmentLink, Cycle, CycleState, KeyResult, Objective
from bearing.okrs.services.alignment import link_create
from bearing.okrs.services.measurements import measurement_add
from tests import factories
from tests.api.conftest import call, token_for
from tests.conftest import World
from tests.maturity.quarter import END, START, Quarter, closed_quarter, on


def quarter_with_a_company_objective(world: World) -> tuple[Quarter, Objective]:
    """The company's objective from the first day; Payments' objective from day 3, linked to
    it on day 40; Payments' key results measured at 0.3 on day 20 and at 0.7 / 0.5 near the
    end."""
    quarter = closed_quarter(world)
    Cycle.objects.filter(pk=quarter.cycle.pk).update(state=CycleState.ACTIVE)  # to add to it
    quarter.cycle.refresh_from_db()
    company = factories.make_objective(quarter.cycle, "Delight every customer", team=world.company,
                                       owner=world.alice)  # fmt: skip
    link = link_create(actor=None, child=quarter.objective, parent_objective=company)
    Objective.objects.filter(pk=company.pk).update(created_at=on(START))
    Objective.objects.filter(pk=quarter.objective.pk).update(created_at=on(START + timedelta(2)))
    KeyResult.objects.filter(objective=quarter.objective).update(
        created_at=on(START + timedelta(2))
    )
    AlignmentLink.objects.filter(pk=link.pk).update(created_at=on(START + timedelta(40)))
    for kr in quarter.krs:
        measurement_add(
            actor=None, key_result=kr, value=Decimal(3), measured_at=on(START + timedelta(20))
        )
    return quarter, company


def test_the_page_replays_the_quarter(world: World, as_bob: Client) -> None:
    quarter, _ = quarter_with_a_company_objective(world)
    url = f"/o/acme/alignment/?cycle={quarter.cycle.pk}"
    early = as_bob.get(f"{url}&as_of={START + timedelta(10):%Y-%m-%d}").content.decode()
    assert "Delight every customer" in early
    assert "Make payments effortless" not in early  # not linked yet
    assert "The tree as it was at the end of" in early
    late = as_bob.get(f"{url}&as_of={END:%Y-%m-%d}").content.decode()
    assert "Make payments effortless" in late
    assert "Back to today" in late


def test_a_day_outside_the_cycle_is_said_on_the_page(world: World, as_bob: Client) -> None:
    quarter, _ = quarter_with_a_company_objective(world)
    url = f"/o/acme/alignment/?cycle={quarter.cycle.pk}"
    for asked, message in (("2024-01-01", "Choose a day of 2025-Q1"), ("soon", "YYYY-MM-DD")):
        response = as_bob.get(f"{url}&as_of={asked}")
        assert response.status_code == 200
        assert message in response.content.decode()


def test_the_api_scores_as_of_the_day(world: World) -> None:
    quarter, company = quarter_with_a_company_objective(world)
    token = token_for(world, world.bob)
    path = f"/cycles/{quarter.cycle.pk}/alignment"

    def child_score(day: str) -> object:
        body = call("GET", f"{path}?as_of={day}", token=token).json()
        (root,) = body["roots"]
        assert root["objective"]["id"] == company.pk
        (child,) = root["children"]
        return child["objective"]["score"]

    assert child_score(f"{START + timedelta(45):%Y-%m-%d}") == 0.3  # 3 of 10 then
    assert child_score(f"{END:%Y-%m-%d}") == 0.6  # 0.7 and 0.5
    before = call("GET", f"{path}?as_of={START + timedelta(10):%Y-%m-%d}", token=token).json()
    assert before["roots"][0]["children_count"] == 0 and not before["roots"][0]["children"]
    wrong = call("GET", f"{path}?as_of=2030-01-01", token=token)
    assert wrong.status == 422
    assert wrong.json()["detail"][0]["loc"] == ["query", "as_of"]
