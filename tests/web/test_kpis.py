"""The KPIs page and a KPI's page: health since when, the chart against the range, keeping
KPIs (bad input refused with nothing written), and making an unhealthy KPI an objective."""

from __future__ import annotations

from decimal import Decimal

from django.test import Client

from bearing.okrs.models import KPI, KeyResult, KPIMeasurement, Objective
from bearing.okrs.services.kpis import kpi_create
from tests.conftest import World
from tests.fingerprint import fingerprint
from tests.kpis import checkout_errors
from tests.web.conftest import OKRs, page


def test_list_shows_range_latest_and_health_since(okrs: OKRs, as_vic: Client) -> None:
    kpi = checkout_errors(okrs)
    html = page(as_vic, "/o/acme/kpis/")
    assert "Checkout errors" in html and "at most 2 %" in html and "3.5 %" in html
    assert "Unhealthy" in html and f'datetime="{kpi.health_since:%Y-%m-%d}"' in html


def test_kpi_page_draws_readings_against_the_band(okrs: OKRs, as_vic: Client) -> None:
    kpi = checkout_errors(okrs)
    html = page(as_vic, f"/o/acme/kpis/{kpi.pk}/")
    assert '<rect class="healthy-band"' in html and html.count('<circle class="dot"') == 2
    assert "healthy: at most 2 %" in html
    assert "Make it an objective" not in html  # Vic reads, and may not change it


def test_owner_adds_a_reading_and_health_is_judged_again(okrs: OKRs, as_bob: Client) -> None:
    kpi = checkout_errors(okrs)
    response = as_bob.post(f"/o/acme/kpis/{kpi.pk}/readings/", {"value": "1.2"})
    assert response.status_code == 302
    kpi.refresh_from_db()
    assert kpi.health == "healthy" and kpi.latest_value == Decimal("1.2")


def test_a_reading_that_is_not_a_number_is_refused(okrs: OKRs, as_bob: Client) -> None:
    kpi = checkout_errors(okrs)
    before = fingerprint()
    response = as_bob.post(f"/o/acme/kpis/{kpi.pk}/readings/", {"value": "lots"})
    assert response.status_code == 400 and "not a number" in response.content.decode().lower()
    assert fingerprint() == before


def test_a_range_upside_down_is_refused(world: World, as_bob: Client) -> None:
    before = fingerprint()
    response = as_bob.post(
        "/o/acme/kpis/new/", {"name": "Latency", "healthy_min": "300", "healthy_max": "100"}
    )
    assert response.status_code == 200
    assert "top is below its bottom" in response.content.decode()
    assert fingerprint() == before


def test_members_create_but_only_admins_crown_the_north_star(world: World, as_bob: Client) -> None:
    as_bob.post("/o/acme/kpis/new/", {"name": "Uptime", "healthy_min": "99", "is_north_star": "on"})
    assert KPI.objects.get(name="Uptime").is_north_star is False
    assert "North Star Metric" in page(signed_in_alice(world), "/o/acme/kpis/new/")


def signed_in_alice(world: World) -> Client:
    from tests.conftest import signed_in

    return signed_in(world.alice)


def test_one_north_star_per_organization(world: World) -> None:
    first = kpi_create(actor=None, organization=world.org, name="A", is_north_star=True)
    kpi_create(actor=None, organization=world.org, name="B", is_north_star=True)
    first.refresh_from_db()
    assert not first.is_north_star
    assert KPI.objects.filter(organization=world.org, is_north_star=True).count() == 1


def test_promote_drafts_the_objective_then_links_it(okrs: OKRs, as_bob: Client) -> None:
    kpi = checkout_errors(okrs)
    html = page(as_bob, f"/o/acme/kpis/{kpi.pk}/promote/")
    assert "Cut Checkout errors from 3.5 % to 2 %" in html
    response = as_bob.post(
        f"/o/acme/kpis/{kpi.pk}/promote/",
        {"title": "Make checkout reliable", "cycle": okrs.cycle.pk, "team": okrs.objective.team_id,
         "owner": okrs.objective.owner_id, "key_result_title": "Cut checkout errors to 1.8 %",
         "start": "3.5", "target": "1.8"},
    )  # fmt: skip
    assert response.status_code == 302
    objective = Objective.objects.get(title="Make checkout reliable")
    assert objective.promoted_from_id == kpi.pk and objective.moves_kpi_id == kpi.pk
    kr = KeyResult.objects.get(objective=objective)
    assert (kr.kind, kr.start, kr.target, kr.unit) == (
        "decrease",
        Decimal("3.5"),
        Decimal("1.8"),
        "%",
    )
    assert "Make checkout reliable" in page(as_bob, f"/o/acme/kpis/{kpi.pk}/")


def test_promote_with_a_bad_target_writes_nothing(okrs: OKRs, as_bob: Client) -> None:
    kpi = checkout_errors(okrs)
    before = fingerprint()
    response = as_bob.post(
        f"/o/acme/kpis/{kpi.pk}/promote/",
        {"title": "Make checkout reliable", "cycle": okrs.cycle.pk, "team": okrs.objective.team_id,
         "key_result_title": "Cut errors", "start": "3.5", "target": "3.5"},
    )  # fmt: skip
    assert response.status_code == 200
    assert fingerprint() == before


def test_archive_hides_it_from_the_list(okrs: OKRs, as_bob: Client) -> None:
    kpi = checkout_errors(okrs)
    as_bob.post(f"/o/acme/kpis/{kpi.pk}/archive/")
    assert f'id="kpi-{kpi.pk}"' not in page(as_bob, "/o/acme/kpis/")
    assert "Checkout errors" in page(as_bob, "/o/acme/kpis/?archived=1")
    assert KPIMeasurement.objects.filter(kpi=kpi).count() == 2  # the history stays


def test_the_north_star_shows_above_the_company_objectives(okrs: OKRs, as_vic: Client) -> None:
    kpi = checkout_errors(okrs)
    KPI.objects.filter(pk=kpi.pk).update(is_north_star=True)
    for path in ("/o/acme/", "/o/acme/alignment/"):
        html = page(as_vic, path)
        assert (
            'id="north-star-heading"' in html and "↑" in html and "+2 % since the reading" in html
        )
        assert html.index("north-star-heading") < html.index(
            "company-heading" if path == "/o/acme/" else "tree-heading"
        )


def test_no_north_star_no_card(okrs: OKRs, as_vic: Client) -> None:
    checkout_errors(okrs)
    assert "north-star-heading" not in page(as_vic, "/o/acme/")


def test_an_objective_says_which_kpi_it_moves(okrs: OKRs, as_bob: Client) -> None:
    kpi = checkout_errors(okrs)
    edit = f"/o/acme/objectives/{okrs.objective.pk}/edit/"
    assert "Moves KPI" in page(as_bob, edit)
    version = Objective.objects.get(pk=okrs.objective.pk).version
    response = as_bob.post(
        edit,
        {"title": okrs.objective.title, "team": okrs.objective.team_id, "owner": okrs.objective.owner_id,
         "visibility": "public", "version": version, "moves_kpi": kpi.pk},
    )  # fmt: skip
    assert response.status_code == 302
    assert Objective.objects.get(pk=okrs.objective.pk).moves_kpi_id == kpi.pk
    html = page(as_bob, f"/o/acme/objectives/{okrs.objective.pk}/")
    assert f'href="/o/acme/kpis/{kpi.pk}/">Checkout errors</a>' in html


def test_a_new_objective_may_say_which_kpi_it_moves_from_the_kpis_page(
    okrs: OKRs, as_bob: Client
) -> None:
    kpi = checkout_errors(okrs)
    assert f'href="/o/acme/objectives/new/?kpi={kpi.pk}"' in page(as_bob, f"/o/acme/kpis/{kpi.pk}/")
    new = f"/o/acme/objectives/new/?cycle={okrs.cycle.pk}&kpi={kpi.pk}"
    assert f'<option value="{kpi.pk}" selected>Checkout errors</option>' in page(as_bob, new)
    response = as_bob.post(new, {"title": "Make checkout errors rare", "team": okrs.objective.team_id,
                                 "owner": okrs.objective.owner_id, "visibility": "public",
                                 "link_kind": "aligned", "moves_kpi": kpi.pk})  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Objective.objects.get(title="Make checkout errors rare").moves_kpi_id == kpi.pk


def test_the_coach_offers_to_move_a_disguised_kpi_to_the_kpis(okrs: OKRs, as_bob: Client) -> None:
    from bearing.okrs.analysis import analyse_cycle
    from tests import factories

    kr = factories.make_key_result(
        okrs.objective, "Keep checkout availability at least 99.9 %", kind="at_least",
        start=None, target=Decimal("99.9"), unit="%",
    )  # fmt: skip
    analyse_cycle(okrs.cycle)
    html = page(as_bob, f"/o/acme/coach/?cycle={okrs.cycle.pk}&team=all")
    assert f'action="/o/acme/key-results/{kr.pk}/to-kpi/"' in html
    response = as_bob.post(f"/o/acme/key-results/{kr.pk}/to-kpi/")
    assert response.status_code == 302
    kpi = KPI.objects.get(name=kr.title)
    assert (kpi.healthy_min, kpi.unit, kpi.team_id) == (
        Decimal("99.9"),
        "%",
        okrs.objective.team_id,
    )
