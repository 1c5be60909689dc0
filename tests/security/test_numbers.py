"""Numbers are bounded by what both databases store exactly (domain/limits.py); a value
stored before the bounds existed must not take an organization's pages down (issue 10.2)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection

from bearing.okrs.io import ImportFailed, export_csv, export_yaml, import_okr_file
from bearing.okrs.models import KeyResult, Measurement
from tests import factories
from tests.api.conftest import Seed, assert_error_shape, call
from tests.conftest import signed_in
from tests.fingerprint import fingerprint

TOO_BIG = "999999999999999999"  # accepted once, then every page answered 500 on SQLite
TOO_MANY_DIGITS = "1234567890.123456"  # 16 significant digits: SQLite would keep 15


@pytest.mark.parametrize("bad", [TOO_BIG, TOO_MANY_DIGITS, "1e16", "0.0000001"])
def test_the_api_refuses_numbers_the_databases_cannot_keep(seed: Seed, bad: str) -> None:
    kr = seed.key_result
    writes = [
        ("POST", f"/objectives/{seed.objective.pk}/key-results",
         {"title": "Grow revenue", "start": "0", "target": bad}, ["body", "target"]),
        ("PATCH", f"/key-results/{kr.pk}", {"version": kr.version, "weight": bad}, ["body", "weight"]),
        ("POST", f"/key-results/{kr.pk}/measurements", {"value": bad}, ["body", "value"]),
        ("POST", f"/objectives/{seed.objective.pk}/check-ins",
         {"capacity_status": "on_track", "values": [{"key_result": kr.pk, "value": bad}]},
         ["body", "values", 0, "value"]),
    ]  # fmt: skip
    for method, url, body, loc in writes:
        assert isinstance(loc, list)
        before = fingerprint()
        answer = call(method, url, body, token=seed.tokens["alice"])
        assert answer.status == 422, (url, answer.content)
        assert_error_shape(answer, loc)
        assert fingerprint() == before


@pytest.mark.parametrize(
    "good", ["999999999999999", "-999999999999999", "123456789.123456", "0.000001"]
)
def test_fifteen_significant_digits_come_back_exactly(seed: Seed, good: str) -> None:
    answer = call(
        "POST", f"/key-results/{seed.key_result.pk}/measurements", {"value": good},
        token=seed.tokens["alice"],
    )  # fmt: skip
    assert answer.status == 201, answer.content
    stored = Measurement.objects.get(pk=answer.json()["id"])
    assert stored.value == Decimal(good)
    assert answer.json()["value"] == float(good)


def _poison(kr: KeyResult) -> None:
    """What an older Bearing let through: written past every check, straight to the table."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE okrs_keyresult SET target = {TOO_BIG} WHERE id = %s",
            [kr.pk],
        )
        cursor.execute(
            f"UPDATE okrs_measurement SET value = {TOO_BIG} WHERE key_result_id = %s",
            [kr.pk],
        )


def test_pages_survive_a_value_stored_before_the_bounds(seed: Seed) -> None:
    world = seed.world
    _poison(seed.key_result)
    client = signed_in(world.alice)
    for url in (
        "/o/acme/", f"/o/acme/objectives/{seed.objective.pk}/", "/o/acme/cycles/",
        "/o/acme/alignment/", "/o/acme/coach/", f"/o/acme/teams/{world.company.pk}/",
        f"/o/acme/cycles/{world.cycle.pk}/grade/", f"/o/acme/okr-files/{world.cycle.pk}.yaml",
        f"/o/acme/okr-files/{world.cycle.pk}.csv", "/o/acme/alignment/health/",
    ):  # fmt: skip
        assert client.get(url).status_code == 200, url
    for url in ("/objectives", f"/objectives/{seed.objective.pk}",
                f"/key-results/{seed.key_result.pk}/measurements"):  # fmt: skip
        assert call("GET", url, token=seed.tokens["alice"]).status == 200, url
    assert export_yaml(world.cycle) and export_csv(world.cycle)


def test_the_key_result_form_says_what_fits(seed: Seed) -> None:
    kr = seed.key_result
    response = signed_in(seed.world.alice).post(
        f"/o/acme/key-results/{kr.pk}/edit/",
        {"title": kr.title, "kind": "decrease", "start": "120", "target": TOO_BIG,
         "weight": "1", "version": kr.version},
    )  # fmt: skip
    assert response.status_code == 200
    assert "That number is too large" in response.content.decode()
    kr.refresh_from_db()
    assert kr.target == Decimal(24)


def test_an_okr_file_names_the_number_that_does_not_fit(seed: Seed) -> None:
    text = (
        "version: 1\ncycle: {name: Big, start: 2026-01-01, end: 2026-03-31}\nteams: [{name: Acme}]\n"
        "objectives:\n  - title: Grow\n    team: Acme\n    key_results:\n"
        f"      - title: Revenue\n        start: 0\n        target: {TOO_BIG}\n"
    )
    with pytest.raises(ImportFailed) as failed:
        import_okr_file(organization=seed.world.org, text=text)
    (problem,) = failed.value.problems
    assert (problem.line, problem.field) == (10, "objectives[0].key_results[0].target")
    assert "too large" in problem.message


def test_a_weight_at_the_limit_still_scores(seed: Seed) -> None:
    big = factories.make_key_result(
        seed.objective, "Grow the float", kind="increase", start=Decimal(0),
        target=Decimal("999999999999999"), weight=Decimal("999999999999999"),
    )  # fmt: skip
    body = call("GET", f"/objectives/{seed.objective.pk}", token=seed.tokens["alice"]).json()
    assert body["score"] is not None and big.pk in [kr["id"] for kr in body["key_results"]]
    assert (
        signed_in(seed.world.alice).get(f"/o/acme/objectives/{seed.objective.pk}/").status_code
        == 200
    )
