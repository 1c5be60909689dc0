"""Numbers in value fields as people type them ("3,5", "0.4 %", "1 200"), a message naming the
accepted forms when one cannot be read, and thousands grouped wherever values are shown."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from bearing.okrs.models import KeyResult, Measurement
from bearing.okrs.services.checkins import suggested_status
from bearing.orgs.models import Organization
from tests.conftest import World
from tests.web.conftest import OKRs, page


def check_in(okrs: OKRs, client: Client, value: str) -> str:
    suggestion = suggested_status(okrs.objective)
    response = client.post(f"/o/acme/objectives/{okrs.objective.pk}/check-in/", {
        f"kr-{okrs.kr.pk}": value, "progress_status": suggestion, "suggested": suggestion,
        "capacity_status": "on_track", "status_reason": "As typed.",
    })  # fmt: skip
    return response.content.decode() if response.status_code == 200 else ""


@pytest.mark.parametrize(
    ("typed", "read"), [("60,5", "60.5"), ("60.5 s", "60.5"), ("1 200", "1200"), ("−3", "-3")]
)
def test_check_in_values_are_read_as_typed(
    okrs: OKRs, as_bob: Client, typed: str, read: str
) -> None:
    assert check_in(okrs, as_bob, typed) == ""
    assert Measurement.objects.filter(key_result=okrs.kr).latest("id").value == Decimal(read)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1,200", "“1,200” could be 1.2 or 1200: write 1.2 or 1200."),
        ("fast", "“fast” is not a number: write a number such as 1200, 1 200, 1,200.5, 3.5 or 3,5"),
    ],
)
def test_a_value_that_cannot_be_read_names_the_accepted_forms(
    okrs: OKRs, as_bob: Client, typed: str, message: str
) -> None:
    html = check_in(okrs, as_bob, typed)
    assert f'id="id_kr-{okrs.kr.pk}_error"' in html and message in html
    assert Measurement.objects.filter(key_result=okrs.kr).count() == 2  # nothing added


def test_key_result_numbers_are_read_with_their_unit(
    world: World, okrs: OKRs, as_bob: Client
) -> None:
    as_bob.post(f"/o/acme/objectives/{okrs.objective.pk}/key-results/new/", {
        "title": "Cut refund time from 1 200 s to 300 s", "start": "1 200 s", "target": "300 s",
        "unit": "s", "weight": "1,5",
    })  # fmt: skip
    kr = KeyResult.objects.get(title="Cut refund time from 1 200 s to 300 s")
    assert (kr.kind, kr.start, kr.target, kr.weight) == (
        "decrease", Decimal(1200), Decimal(300), Decimal("1.5"),
    )  # fmt: skip


def test_settings_read_a_decimal_comma(world: World, okrs: OKRs, as_alice: Client) -> None:
    as_alice.post("/o/acme/settings/", {
        "yellow_from": "0,3", "green_from": "0,7", "checkin_weekday": "1",
        "max_objectives_per_team": "5", "max_key_results_per_objective": "5",
        "key_result_cap": "10", "cascaded_warn_pct": "40 %", "aligned_drop_warn_pct": "5",
    })  # fmt: skip
    organization = Organization.objects.get(pk=world.org.pk)
    assert organization.yellow_from == Decimal("0.3")


def test_values_are_shown_with_thousands_grouped(okrs: OKRs, as_bob: Client) -> None:
    KeyResult.objects.filter(pk=okrs.kr.pk).update(start=12000, target=2400)
    html = page(as_bob, f"/o/acme/objectives/{okrs.objective.pk}/")
    assert "from 12\u202f000 s to 2\u202f400 s" in html


def test_the_coach_hint_reads_numbers_as_the_form_will(okrs: OKRs, as_bob: Client) -> None:
    typed = {"title": "Cut checkout time from 90 s to 30 s", "kind": "", "start": "1 200 s",
             "target": "30 s", "unit": "s"}  # fmt: skip
    hint = as_bob.post("/o/acme/coach/hint/?for=key_result", typed).content.decode()
    assert "draft" not in hint.lower()  # start and target read, the kind follows from them
