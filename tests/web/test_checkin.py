"""The weekly check-in: one value per key result, status from the forecast, one submit."""

from __future__ import annotations

import re
from decimal import Decimal

from django.test import Client

from bearing.okrs.models import CheckIn, KeyResult, Measurement
from bearing.okrs.services.checkins import suggested_status
from tests.conftest import World
from tests.web.conftest import OKRs, page


def url(okrs: OKRs) -> str:
    return f"/o/acme/objectives/{okrs.objective.pk}/check-in/"


def data(okrs: OKRs, **changes: object) -> dict[str, object]:
    suggestion = suggested_status(okrs.objective)
    base = {f"kr-{okrs.kr.pk}": "60", f"kr-{okrs.milestone.pk}": "on", "progress_status": suggestion,
            "suggested": suggestion, "capacity_status": "needs_attention", "confidence": "70",
            "narrative": "Refunds shipped."}  # fmt: skip
    return {**base, **changes}


def test_one_value_field_per_key_result_beside_its_title(okrs: OKRs, as_bob: Client) -> None:
    html = page(as_bob, url(okrs))
    assert f"<legend>{okrs.kr.title}</legend>" in html
    assert f'<label for="id_kr-{okrs.kr.pk}">Value</label>' in html
    assert f"<legend>{okrs.milestone.title}</legend>" in html
    assert f'<label for="id_kr-{okrs.milestone.pk}">Done</label>' in html
    assert 'type="checkbox"' in html
    for legend in ("<legend>Progress</legend>", "<legend>Capacity</legend>"):
        assert legend in html
    assert ">Confidence" in html and ">Narrative" in html and ">Check in</button>" in html


def test_progress_status_is_preselected_from_the_forecast(okrs: OKRs, as_bob: Client) -> None:
    html = page(as_bob, url(okrs))
    suggestion = suggested_status(okrs.objective)
    assert suggestion
    checked = re.search(r'name="progress_status" value="(\w+)"[^>]*checked', html)
    assert checked is not None and checked.group(1) == suggestion
    assert f'name="suggested" value="{suggestion}"' in html


def test_check_in_records_values_statuses_and_narrative(
    world: World, okrs: OKRs, as_bob: Client
) -> None:
    response = as_bob.post(url(okrs), data(okrs))
    assert response.status_code == 302
    checkin = CheckIn.objects.filter(objective=okrs.objective).first()
    assert checkin is not None and checkin != okrs.checkin
    assert (checkin.capacity_status, checkin.confidence, checkin.narrative) == (
        "needs_attention",
        70,
        "Refunds shipped.",
    )
    assert Measurement.objects.get(checkin=checkin).value == Decimal(60)
    assert KeyResult.objects.get(pk=okrs.milestone.pk).done
    html = page(as_bob, f"/o/acme/objectives/{okrs.objective.pk}/")
    assert "Refunds shipped." in html and "Checked in. Thank you!" in html
    # (120 − 60) / 96 = 0.625 → 0.6 and the milestone 1.0: (0.6 + 1.0) / 2 = 0.8 → green
    assert '<span class="score green" title="green">0.8<' in html


def test_untouched_status_follows_the_new_forecast(okrs: OKRs, as_bob: Client) -> None:
    as_bob.post(url(okrs), data(okrs, **{f"kr-{okrs.kr.pk}": "24"}))
    checkin = CheckIn.objects.filter(objective=okrs.objective).first()
    assert checkin is not None
    assert checkin.progress_status == checkin.suggested_status == "on_track"


def test_a_different_status_needs_a_reason(okrs: OKRs, as_bob: Client) -> None:
    other = "at_risk" if suggested_status(okrs.objective) != "at_risk" else "on_track"
    response = as_bob.post(
        url(okrs), data(okrs, progress_status=other, **{f"kr-{okrs.kr.pk}": "72"})
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_status_reason_error"' in html and "say why you chose otherwise" in html
    assert 'value="72"' in html and "Refunds shipped.</textarea>" in html  # kept
    assert CheckIn.objects.filter(objective=okrs.objective).count() == 1  # nothing half-written
    as_bob.post(url(okrs), data(okrs, progress_status=other, status_reason="A big customer left."))
    latest = CheckIn.objects.filter(objective=okrs.objective).first()
    assert latest is not None and latest.status_reason == "A big customer left."


def test_a_bad_value_is_shown_next_to_its_key_result(okrs: OKRs, as_bob: Client) -> None:
    response = as_bob.post(url(okrs), data(okrs, **{f"kr-{okrs.kr.pk}": "fast"}))
    html = response.content.decode()
    assert f'id="id_kr-{okrs.kr.pk}_error"' in html and "“fast” is not a number" in html
    assert 'value="fast"' in html
    assert CheckIn.objects.filter(objective=okrs.objective).count() == 1


def test_empty_values_leave_key_results_unchanged(okrs: OKRs, as_bob: Client) -> None:
    as_bob.post(url(okrs), data(okrs, **{f"kr-{okrs.kr.pk}": ""}))
    assert Measurement.objects.filter(key_result=okrs.kr).count() == 2


def test_confidence_is_a_percentage(okrs: OKRs, as_bob: Client) -> None:
    html = as_bob.post(url(okrs), data(okrs, confidence="140")).content.decode()
    assert 'id="id_confidence_error"' in html


def test_a_closed_cycle_takes_no_check_ins_and_says_so(okrs: OKRs, as_bob: Client) -> None:
    cycle = okrs.objective.cycle
    cycle.state = "closed"
    cycle.save()
    before = CheckIn.objects.count()
    objective_page = f"/o/acme/objectives/{okrs.objective.pk}/"
    assert ">Check in</a>" not in page(as_bob, objective_page)
    response = as_bob.post(url(okrs), data(okrs), follow=True)
    assert response.redirect_chain[-1][0] == objective_page
    assert f"No check-in: {cycle.name} is closed" in response.content.decode()
    assert CheckIn.objects.count() == before


def test_without_a_forecast_nothing_is_suggested(world: World, okrs: OKRs, as_bob: Client) -> None:
    """Before any value is measured there is no forecast, so no status is pre-selected; left
    empty, the status follows the forecast of the values entered with the check-in."""
    from tests import factories

    fresh = factories.make_objective(okrs.cycle, "Make refunds boring", team=world.payments)
    kr = factories.make_key_result(fresh, "Cut refund time from 10 days to 2", unit="days",
                                   start=Decimal(10), target=Decimal(2))  # fmt: skip
    address = f"/o/acme/objectives/{fresh.pk}/check-in/"
    html = page(as_bob, address)
    assert "No forecast yet" in html and "The forecast suggests" not in html
    assert not re.search(r'name="progress_status"[^>]*checked', html)
    nothing = as_bob.post(address, {"capacity_status": "on_track", "suggested": ""})
    assert nothing.status_code == 200 and "choose one" in nothing.content.decode()
    assert not CheckIn.objects.filter(objective=fresh).exists()
    done = as_bob.post(
        address, {f"kr-{kr.pk}": "6", "capacity_status": "on_track", "suggested": ""}
    )
    assert done.status_code == 302
    checkin = CheckIn.objects.get(objective=fresh)
    assert checkin.suggested_status and checkin.progress_status == checkin.suggested_status
