"""KPIs over the API: health by the latest reading, one North Star chosen by admins, readings
that are not numbers refused, archived KPIs out of the list."""

from __future__ import annotations

from bearing.okrs.models import KPI
from tests.api.conftest import Seed, call
from tests.fingerprint import fingerprint


def test_read_shows_range_health_and_since(seed: Seed) -> None:
    body = call("GET", f"/kpis/{seed.kpi.pk}", token=seed.tokens["vic"]).json()
    assert body["range"] == "at_most" and body["healthy_max"] == 2
    assert body["health"] == "unhealthy" and body["latest"] == 3.5
    assert body["health_since"] == seed.kpi.health_since.isoformat()  # type: ignore[union-attr]


def test_a_reading_back_in_range_makes_it_healthy(seed: Seed) -> None:
    answer = call("POST", f"/kpis/{seed.kpi.pk}/measurements", {"value": "1.9"},
                  token=seed.tokens["bob"])  # fmt: skip
    assert answer.status == 201
    assert (
        call("GET", f"/kpis/{seed.kpi.pk}", token=seed.tokens["bob"]).json()["health"] == "healthy"
    )
    readings = call("GET", f"/kpis/{seed.kpi.pk}/measurements", token=seed.tokens["bob"]).json()
    assert readings["count"] == 3 and readings["items"][0]["value"] == 1.9


def test_only_admins_choose_the_north_star(seed: Seed) -> None:
    before = fingerprint()
    answer = call("PATCH", f"/kpis/{seed.kpi.pk}", {"north_star": True}, token=seed.tokens["bob"])
    assert answer.status == 403 and fingerprint() == before
    call("POST", "/kpis", {"name": "Revenue", "north_star": True}, token=seed.tokens["alice"])
    answer = call("PATCH", f"/kpis/{seed.kpi.pk}", {"north_star": True}, token=seed.tokens["alice"])
    assert answer.status == 200 and answer.json()["north_star"] is True
    assert list(KPI.objects.filter(is_north_star=True).values_list("pk", flat=True)) == [
        seed.kpi.pk
    ]


def test_archive_and_restore(seed: Seed) -> None:
    call("PATCH", f"/kpis/{seed.kpi.pk}", {"archived": True}, token=seed.tokens["bob"])
    listed = call("GET", "/kpis", token=seed.tokens["bob"]).json()
    assert seed.kpi.pk not in [k["id"] for k in listed["items"]]
    archived = call("GET", "/kpis?archived=true", token=seed.tokens["bob"]).json()
    assert [k["id"] for k in archived["items"]] == [seed.kpi.pk]
    refused = call(
        "POST", f"/kpis/{seed.kpi.pk}/measurements", {"value": 1}, token=seed.tokens["bob"]
    )
    assert refused.status == 422 and "archived" in refused.json()["detail"][0]["msg"]
    call("PATCH", f"/kpis/{seed.kpi.pk}", {"archived": False}, token=seed.tokens["bob"])
    assert call("GET", f"/kpis/{seed.kpi.pk}", token=seed.tokens["bob"]).json()["archived"] is False


def test_a_name_taken_is_refused(seed: Seed) -> None:
    answer = call("POST", "/kpis", {"name": "Checkout errors"}, token=seed.tokens["bob"])
    assert answer.status == 422
    assert answer.json()["detail"][0]["loc"] == ["body", "name"]


def test_an_objective_says_which_kpi_it_moves(seed: Seed) -> None:
    url = f"/objectives/{seed.child.pk}"
    body = {"moves_kpi": seed.kpi.pk, "version": seed.child.version}
    answer = call("PATCH", url, body, token=seed.tokens["bob"])
    assert answer.status == 200 and answer.json()["moves_kpi"] == seed.kpi.pk
    body = {"moves_kpi": 999_999, "version": answer.json()["version"]}
    refused = call("PATCH", url, body, token=seed.tokens["bob"])
    assert refused.status == 422 and refused.json()["detail"][0]["loc"] == ["body", "moves_kpi"]


def test_a_new_objective_says_which_kpi_it_moves(seed: Seed) -> None:
    body = {"title": "Make checkout errors rare", "cycle": seed.world.cycle.pk,
            "team": seed.world.payments.pk, "moves_kpi": seed.kpi.pk}  # fmt: skip
    answer = call("POST", "/objectives", body, token=seed.tokens["bob"])
    assert answer.status == 201, answer.json()
    assert answer.json()["moves_kpi"] == seed.kpi.pk
    other = call("POST", "/objectives", {**body, "title": "Another", "moves_kpi": 999_999},
                 token=seed.tokens["bob"])  # fmt: skip
    assert other.status == 422 and other.json()["detail"][0]["loc"] == ["body", "moves_kpi"]
