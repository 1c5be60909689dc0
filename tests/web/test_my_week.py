"""My week: every objective and key result a person owns in the running cycles, on one page,
prefilled; one save checks in on all of them — every part or nothing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bearing.okrs.models import CheckIn, KeyResult, Measurement, Objective
from bearing.okrs.services.checkins import suggested_status
from bearing.okrs.services.measurements import measurement_add
from bearing.orgs.models import Person
from tests import factories
from tests.conftest import World, signed_in
from tests.fingerprint import fingerprint
from tests.web.conftest import OKRs, at, page

URL = "/o/acme/my-week/"


def week_data(person: Person, **extra: str) -> dict[str, Any]:
    """What the page posts when nothing is touched: each owned objective's statuses as shown."""
    data: dict[str, Any] = {}
    for o in Objective.objects.filter(owner=person, state="active", cycle__name="Now"):
        suggestion = suggested_status(o)
        data |= {f"o{o.pk}-suggested": suggestion, f"o{o.pk}-progress_status": suggestion or "on_track",
                 f"o{o.pk}-capacity_status": "on_track"}  # fmt: skip
        for kr in o.key_results.all():
            if kr.kind != "milestone" and kr.current is not None:
                data[f"o{o.pk}-kr-{kr.pk}"] = format(kr.current.normalize(), "f")
            elif kr.done:
                data[f"o{o.pk}-kr-{kr.pk}"] = "on"
    return data | extra


def second_objective(world: World, okrs: OKRs) -> tuple[Objective, KeyResult]:
    objective = factories.make_objective(
        okrs.cycle, "Keep payments up", team=world.payments, owner=world.bob
    )
    kr = factories.make_key_result(objective, "Cut incidents from 10 to 2", start=Decimal(10),
                                   target=Decimal(2))  # fmt: skip
    measurement_add(actor=world.bob, key_result=kr, value=Decimal(8), measured_at=at(12))
    return objective, kr


def test_the_page_is_prefilled(world: World, okrs: OKRs, as_bob: Client) -> None:
    html = page(as_bob, URL)
    assert "Make payments effortless" in html
    assert "Delight every customer" not in html  # Alice's
    # Last week's value, the forecast's status and the last check-in's confidence.
    assert f'name="o{okrs.objective.pk}-kr-{okrs.kr.pk}" value="72"' in html
    assert f'name="o{okrs.objective.pk}-confidence" value="60"' in html
    suggestion = suggested_status(okrs.objective)
    assert f'value="{suggestion}"' in html and "The forecast suggests" in html


def test_one_save_checks_in_on_every_objective(world: World, okrs: OKRs, as_bob: Client) -> None:
    second, incidents = second_objective(world, okrs)
    before = Measurement.objects.count()
    data = week_data(world.bob, **{f"o{okrs.objective.pk}-kr-{okrs.kr.pk}": "60",
                                  f"o{okrs.objective.pk}-kr-{okrs.milestone.pk}": "on"})  # fmt: skip
    response = as_bob.post(URL, data)
    assert response.status_code == 302, response.content.decode()
    assert CheckIn.objects.filter(objective=okrs.objective).count() == 2
    assert CheckIn.objects.filter(objective=second).count() == 1
    # One measurement: the value that changed (the incidents' 8 was left as it was).
    assert Measurement.objects.count() == before + 1
    assert Measurement.objects.filter(key_result=okrs.kr, value=60).exists()
    assert not Measurement.objects.filter(key_result=incidents).exclude(value=8).exists()
    assert KeyResult.objects.get(pk=okrs.milestone.pk).done
    html = page(as_bob, URL)
    assert "Checked in on 2 objectives. Thank you!" in html


def test_one_wrong_value_saves_nothing(world: World, okrs: OKRs, as_bob: Client) -> None:
    second, incidents = second_objective(world, okrs)
    data = week_data(world.bob, **{f"o{okrs.objective.pk}-kr-{okrs.kr.pk}": "60",
                                  f"o{second.pk}-kr-{incidents.pk}": "lots"})  # fmt: skip
    before = fingerprint()
    response = as_bob.post(URL, data)
    assert response.status_code == 200
    assert fingerprint() == before
    html = response.content.decode()
    assert "Nothing was saved" in html
    assert f'id="id_o{second.pk}-kr-{incidents.pk}_error"' in html
    assert 'value="lots"' in html and 'value="60"' in html  # what was typed stays


def test_a_refusal_of_the_service_saves_nothing(world: World, okrs: OKRs, as_bob: Client) -> None:
    """The forms pass, the service refuses one check-in (a status against the forecast with no
    reason): the other objective's check-in is rolled back too, the error beside its field."""
    second, _ = second_objective(world, okrs)
    suggestion = suggested_status(second)
    other = next(s for s in ("on_track", "at_risk", "off_track") if s != suggestion)
    data = week_data(world.bob, **{f"o{second.pk}-progress_status": other})
    before = fingerprint()
    response = as_bob.post(URL, data)
    assert response.status_code == 200
    assert fingerprint() == before
    html = response.content.decode()
    assert "say why you chose otherwise" in html
    assert CheckIn.objects.filter(objective=okrs.objective).count() == 1


def test_a_key_result_owner_enters_values(world: World, okrs: OKRs) -> None:
    """Carol owns a key result of Bob's objective: its value, no check-in of hers."""
    KeyResult.objects.filter(pk=okrs.kr.pk).update(owner=okrs.carol)
    client = signed_in(okrs.carol)
    html = page(client, URL)
    assert "Your key results in others’ objectives" in html
    assert f'name="k-kr-{okrs.kr.pk}" value="72"' in html
    assert "Launch instant refunds" not in html  # Bob's milestone, not hers
    response = client.post(URL, {f"k-kr-{okrs.kr.pk}": "50"})
    assert response.status_code == 302
    assert Measurement.objects.filter(key_result=okrs.kr, value=50, created_by=okrs.carol).exists()
    assert not CheckIn.objects.filter(author=okrs.carol).exists()


def test_nothing_owned_says_so(world: World, okrs: OKRs) -> None:
    html = page(signed_in(okrs.carol), URL)
    assert "You own no active objective or key result in a running cycle" in html


def test_closed_objectives_and_other_cycles_stay_out(
    world: World, okrs: OKRs, as_bob: Client
) -> None:
    Objective.objects.filter(pk=okrs.objective.pk).update(state="closed")
    factories.make_objective(world.cycle, "Last year's", team=world.payments, owner=world.bob)
    html = page(as_bob, URL)
    assert "Make payments effortless" not in html and "Last year's" not in html


def test_viewers_may_not(world: World, okrs: OKRs, as_vic: Client) -> None:
    assert as_vic.get(URL).status_code == 403


def test_the_navigation_and_home_link_it(world: World, okrs: OKRs, as_bob: Client) -> None:
    html = page(as_bob, "/o/acme/")
    assert html.count('href="/o/acme/my-week/"') >= 2


@pytest.mark.parametrize("size", [1, 8])
def test_queries_do_not_grow(world: World, okrs: OKRs, size: int, as_bob: Client) -> None:
    KeyResult.objects.filter(pk=okrs.company_kr.pk).update(owner=world.bob)
    for i in range(size):
        objective = factories.make_objective(okrs.cycle, f"Objective {i}", team=world.payments,
                                             owner=world.bob)  # fmt: skip
        for j in range(3):
            factories.make_key_result(objective, f"KR {i}.{j}")
    with CaptureQueriesContext(connection) as queries:
        response = as_bob.get(URL)
    assert response.status_code == 200
    # 12, + 1 to note a look at one's own team's OKRs once a week (maturity/looks.py)
    assert len(queries) <= 13, "\n".join(q["sql"] for q in queries)
