"""Time travel: the alignment tree, titles, targets, scores and colours as they were on a past
day of the cycle (``?as_of=``), replayed from the change records, on the page and in the API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bearing.okrs.models import AlignmentLink, Cycle, KeyResult, Objective, Visibility
from bearing.okrs.services.alignment import link_create, link_delete
from bearing.okrs.services.key_results import key_result_delete, key_result_update
from bearing.okrs.services.measurements import measurement_add
from bearing.okrs.services.objectives import objective_delete, objective_update
from tests import factories
from tests.api.conftest import call, token_for
from tests.conftest import World, signed_in
from tests.maturity.history import on_day
from tests.maturity.quarter import END, START, on


def day(n: int) -> str:
    return f"{START + timedelta(n):%Y-%m-%d}"


@dataclass
class History:
    cycle: Cycle
    company: Objective
    nps: KeyResult
    payments: Objective
    refunds: KeyResult
    chargebacks: KeyResult


def a_quarter_lived(world: World) -> History:
    """Day 0: the company's objective and its NPS key result. Day 2: Payments' objective with
    two key results, and "Old idea" aligned to the company's. Day 20: refunds 4 of 10,
    chargebacks 6 of 10. Day 30: the objective retitled, the refunds' target 10 → 20.
    Day 40: Payments aligned to the NPS key result. Day 50: the chargebacks key result removed.
    Day 60: "Launch in Spain" added. Day 70: the link to NPS replaced by one to the objective.
    Day 80: "Old idea" deleted."""
    cycle = factories.make_cycle(world.org, "2025-Q1", START, END)
    with on_day(START):
        company = factories.make_objective(cycle, "Delight every customer", owner=world.alice)
        nps = factories.make_key_result(company, "Lift NPS from 30 to 50", kind="increase",
                                        start=Decimal(30), target=Decimal(50))  # fmt: skip
    with on_day(START + timedelta(2)):
        payments = factories.make_objective(cycle, "Make payments effortless",
                                            team=world.payments, owner=world.bob)  # fmt: skip
        refunds, chargebacks = (
            factories.make_key_result(payments, title, kind="increase", start=Decimal(0),
                                      target=Decimal(10))
            for title in ("Grow refunds", "Win chargebacks")
        )  # fmt: skip
        old = factories.make_objective(cycle, "Old idea", team=world.payments, owner=world.bob)
        link_create(actor=None, child=old, parent_objective=company)
    with on_day(START + timedelta(20)):
        measurement_add(actor=None, key_result=refunds, value=Decimal(4))
        measurement_add(actor=None, key_result=chargebacks, value=Decimal(6))
    with on_day(START + timedelta(30)):
        payments = objective_update(actor=None, objective=payments, title="Make payments painless")
        refunds = key_result_update(actor=None, key_result=refunds, target=Decimal(20))
    with on_day(START + timedelta(40)):
        to_nps = link_create(actor=None, child=payments, parent_key_result=nps)
    with on_day(START + timedelta(50)):
        key_result_delete(actor=None, key_result=chargebacks)
    with on_day(START + timedelta(60)):
        factories.make_objective(cycle, "Launch in Spain", team=world.payments, owner=world.bob)
    with on_day(START + timedelta(70)):
        link_delete(actor=None, link=to_nps)
        link_create(actor=None, child=payments, parent_objective=company)
    with on_day(START + timedelta(80)):
        objective_delete(actor=None, objective=old)
    return History(cycle, company, nps, payments, refunds, chargebacks)


def tree(world: World, history: History, as_of: str, query: str = "") -> dict[str, Any]:
    token = token_for(world, world.bob)
    path = f"/cycles/{history.cycle.pk}/alignment?as_of={as_of}{query}"
    answer = call("GET", path, token=token)
    assert answer.status == 200, answer.json()
    return answer.json()  # type: ignore[no-any-return]


def children(world: World, history: History, as_of: str) -> dict[str, Any]:
    (root,) = tree(world, history, as_of)["roots"]
    assert root["objective"]["id"] == history.company.pk
    return {c["objective"]["title"]: c for c in root["children"] or []}


def test_links_as_they_were_made_and_removed(world: World) -> None:
    history = a_quarter_lived(world)
    assert set(children(world, history, day(1))) == set()  # nothing aligned yet
    assert set(children(world, history, day(10))) == {"Old idea"}
    served = children(world, history, day(45))
    assert set(served) == {"Old idea", "Make payments painless"}
    assert served["Make payments painless"]["via_key_result"]["id"] == history.nps.pk
    later = children(world, history, day(75))
    assert later["Make payments painless"]["via_key_result"] is None  # relinked to the objective
    assert set(children(world, history, day(85))) == {"Make payments painless"}  # deleted on 80


def test_titles_and_objectives_as_they_were(world: World) -> None:
    history = a_quarter_lived(world)
    team = f"&team={world.payments.pk}"
    early = {r["objective"]["title"] for r in tree(world, history, day(25), team)["roots"]}
    assert "Make payments effortless" in early  # retitled on day 30
    assert "Launch in Spain" not in early  # added on day 60
    late = {r["objective"]["title"] for r in tree(world, history, day(65), team)["roots"]}
    assert {"Make payments painless", "Launch in Spain"} <= late


def test_scores_from_the_values_and_targets_of_the_day(world: World) -> None:
    history = a_quarter_lived(world)
    team = f"&team={world.payments.pk}"

    def score(as_of: str) -> object:
        roots = tree(world, history, as_of, team)["roots"]
        (payments,) = [r for r in roots if r["objective"]["id"] == history.payments.pk]
        return payments["objective"]["score"]

    assert score(day(10)) == 0.0  # nothing measured yet: at the start
    assert score(day(25)) == 0.5  # 4 of 10 and 6 of 10
    assert score(day(35)) == 0.4  # the target became 20: 4 of 20 and 6 of 10
    assert score(day(55)) == 0.2  # chargebacks removed: 4 of 20


def test_the_page_replays_the_quarter(world: World, as_bob: Client) -> None:
    history = a_quarter_lived(world)
    url = f"/o/acme/alignment/?cycle={history.cycle.pk}"
    early = as_bob.get(f"{url}&as_of={day(10)}").content.decode()
    assert "Delight every customer" in early and "Old idea" in early
    assert "Make payments" not in early  # not linked yet
    assert "The tree as it was at the end of" in early
    assert "replayed from the change records" in early
    mid = as_bob.get(f"{url}&as_of={day(45)}").content.decode()
    assert "Make payments painless" in mid and "Lift NPS from 30 to 50" in mid
    assert "Old idea" not in as_bob.get(url).content.decode()  # today
    assert "Back to today" in mid


def test_a_deleted_private_objective_stays_hidden_from_members(world: World) -> None:
    history = a_quarter_lived(world)
    with on_day(START + timedelta(3)):
        secret = factories.make_objective(history.cycle, "Secret plan", team=world.company,
                                          owner=world.alice, visibility=Visibility.PRIVATE)  # fmt: skip
        link_create(actor=None, child=secret, parent_objective=history.company)
    with on_day(START + timedelta(5)):
        objective_delete(actor=None, objective=secret)
    url = f"/o/acme/alignment/?cycle={history.cycle.pk}&as_of={day(4)}"
    assert "Secret plan" not in signed_in(world.bob).get(url).content.decode()
    assert "Secret plan" in signed_in(world.alice).get(url).content.decode()  # an admin


def test_another_organization_sees_nothing_of_it(world: World) -> None:
    history = a_quarter_lived(world)
    token = token_for(world, world.mallory)
    answer = call("GET", f"/cycles/{history.cycle.pk}/alignment?as_of={day(45)}", token=token)
    assert answer.status == 404


def test_a_day_outside_the_cycle_is_said_on_the_page(world: World, as_bob: Client) -> None:
    history = a_quarter_lived(world)
    url = f"/o/acme/alignment/?cycle={history.cycle.pk}"
    for asked, message in (("2024-01-01", "Choose a day of 2025-Q1"), ("soon", "YYYY-MM-DD")):
        response = as_bob.get(f"{url}&as_of={asked}")
        assert response.status_code == 200
        assert message in response.content.decode()
    wrong = call("GET", f"/cycles/{history.cycle.pk}/alignment?as_of=2030-01-01",
                 token=token_for(world, world.bob))  # fmt: skip
    assert wrong.status == 422
    assert wrong.json()["detail"][0]["loc"] == ["query", "as_of"]


def grow(world: World, history: History, n: int, first: int = 0) -> None:
    """``n`` more Payments objectives, each with a key result and a value, aligned to the
    company's, then retitled, retargeted and some unlinked: more rows and more records."""
    with on_day(START + timedelta(4)):
        made = [
            factories.make_objective(history.cycle, f"Grown {i}", team=world.payments)
            for i in range(first, first + n)
        ]
        krs = [factories.make_key_result(o, kind="increase", start=Decimal(0),
                                         target=Decimal(10)) for o in made]  # fmt: skip
        links = [link_create(actor=None, child=o, parent_objective=history.company) for o in made]
        for kr in krs:
            measurement_add(actor=None, key_result=kr, value=Decimal(5))
    with on_day(START + timedelta(50)):
        for o, kr, link in zip(made, krs, links, strict=True):
            objective_update(actor=None, objective=o, title=f"{o.title} renamed")
            key_result_update(actor=None, key_result=kr, target=Decimal(20))
            if o.pk % 2:
                link_delete(actor=None, link=AlignmentLink.objects.get(pk=link.pk))


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_page_and_the_api_read_a_fixed_number_of_queries(world: World) -> None:
    history = a_quarter_lived(world)
    page = f"/o/acme/alignment/?cycle={history.cycle.pk}&as_of={day(45)}"
    api = f"/api/v1/cycles/{history.cycle.pk}/alignment?as_of={day(45)}"
    bob = signed_in(world.bob)
    token = {"HTTP_AUTHORIZATION": f"Bearer {token_for(world, world.bob)}"}
    _api_queries(api, token)  # the token's first use is written down once
    small = (queries(bob, page), _api_queries(api, token))
    grow(world, history, 3)
    assert (queries(bob, page), _api_queries(api, token)) == small
    grow(world, history, 12, first=3)
    assert (queries(bob, page), _api_queries(api, token)) == small
    assert len(children(world, history, day(45))) == 2 + 15  # all grown ones linked then


def _api_queries(url: str, headers: dict[str, str]) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert Client().get(url, **headers).status_code == 200  # type: ignore[arg-type]
    return len(captured)


def test_rows_without_records_fall_back_to_when_they_were_made(world: World) -> None:
    """Rows made before Bearing recorded changes (or by a path that records none) are there
    from their ``created_at``."""
    history = a_quarter_lived(world)
    legacy = Objective.objects.create(organization=world.org, cycle=history.cycle,
                                      team=world.payments, title="From before the records",
                                      ref="legacy")  # fmt: skip
    Objective.objects.filter(pk=legacy.pk).update(created_at=on(START + timedelta(15)))
    team = f"&team={world.payments.pk}"
    titles = {r["objective"]["title"] for r in tree(world, history, day(10), team)["roots"]}
    assert "From before the records" not in titles
    titles = {r["objective"]["title"] for r in tree(world, history, day(20), team)["roots"]}
    assert "From before the records" in titles
