"""The data sources on the pages: connections (secrets never shown again), a key result's
source with its Test button (htmx), refresh now, the last error shown on the key result."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from django.test import Client
from django.urls import reverse

from bearing.integrations.models import Connection, Source
from bearing.okrs.models import KeyResult, Measurement
from tests.conftest import World
from tests.integrations.conftest import API_KEY, Served


def url(name: str, **ids: int) -> str:
    return reverse(f"web:{name}", kwargs={"org": "acme", **ids})


def test_connection_secret_is_never_shown(
    world: World, as_alice: Client, http_server: Served
) -> None:
    answer = as_alice.post(url("connections"), {
        "name": "crm", "kind": "http", "base_url": http_server.base, "header_name": "X-Api-Key",
        "secret": API_KEY,
    })  # fmt: skip
    assert answer.status_code == 302
    stored = Connection.objects.get(name="crm")
    assert stored.secret_sealed and API_KEY not in stored.secret_sealed
    page = as_alice.get(url("connections")).content.decode()
    assert "crm" in page and API_KEY not in page and stored.secret_sealed not in page
    bad = as_alice.post(url("connections"), {"name": "crm", "kind": "http"})
    assert bad.status_code == 200 and "Another connection has this name" in bad.content.decode()


def test_test_button_answers_without_saving(
    world: World, kr: KeyResult, as_alice: Client, http_server: Served
) -> None:
    form = {"kind": "json", "url": f"{http_server.base}/metrics.json", "selector": "data.total",
            "schedule": "daily", "action": "test"}  # fmt: skip
    answer = as_alice.post(url("key_result_source", pk=kr.pk), form, headers={"HX-Request": "true"})
    assert answer.status_code == 200
    assert answer.content.decode().strip() == (
        '<p class="test-result" data-testid="source-test">The selector found 42.</p>'
    )
    miss = as_alice.post(url("key_result_source", pk=kr.pk), {**form, "selector": "data.nope"},
                         headers={"HX-Request": "true"})  # fmt: skip
    assert "The selector data.nope finds nothing." in miss.content.decode()
    refused = as_alice.post(url("key_result_source", pk=kr.pk), {**form, "url": "ftp://x/y"},
                            headers={"HX-Request": "true"})  # fmt: skip
    assert "Use an http:// or https:// address" in refused.content.decode()
    page = as_alice.post(url("key_result_source", pk=kr.pk), form)  # without JavaScript
    assert "The selector found 42." in page.content.decode()
    assert not Source.objects.exists() and not Measurement.objects.filter(key_result=kr).exists()


def test_test_button_for_a_query(
    world: World, kr: KeyResult, as_alice: Client, sqlite_file: Path
) -> None:
    as_alice.post(url("connections"), {"name": "nps", "kind": "sqlite", "database": sqlite_file})
    nps = Connection.objects.get(name="nps")
    form = {"kind": "sql", "connection": str(nps.pk), "query": "SELECT max(score) FROM nps",
            "schedule": "weekly", "action": "test"}  # fmt: skip
    answer = as_alice.post(url("key_result_source", pk=kr.pk), form, headers={"HX-Request": "1"})
    assert "The query returned 42." in answer.content.decode()


def test_save_refresh_and_the_error_on_the_key_result(
    world: World, kr: KeyResult, as_alice: Client, http_server: Served
) -> None:
    form = {"kind": "csv", "url": f"{http_server.base}/sheet.csv", "selector": "Revenue@last",
            "schedule": "hourly", "action": "save"}  # fmt: skip
    saved = as_alice.post(url("key_result_source", pk=kr.pk), form)
    assert saved.status_code == 302 and saved["Location"] == url("key_result_values", pk=kr.pk)
    refreshed = as_alice.post(url("key_result_refresh", pk=kr.pk), follow=True)
    page = refreshed.content.decode()
    assert "The source returned 1350.5 (recorded)." in page
    assert "Integration" in page and ("1,350.5" in page or "1350.5" in page)
    http_server.pages["/sheet.csv"] = ("text/csv", b"Month,Revenue\nMar,n/a\n")
    failed = as_alice.post(url("key_result_refresh", pk=kr.pk), follow=True).content.decode()
    assert "The source failed: expected a number, got &#x27;n/a&#x27;" in failed
    assert "The last fetch failed: expected a number, got &#x27;n/a&#x27;" in failed
    assert Measurement.objects.filter(key_result=kr).count() == 1
    bob_sees = Client()
    bob_sees.force_login(world.bob)
    shown = bob_sees.get(url("key_result_values", pk=kr.pk)).content.decode()
    assert "The last fetch failed" in shown and "Refresh now" not in shown
    removed = as_alice.post(url("key_result_source_delete", pk=kr.pk))
    assert removed.status_code == 302 and not Source.objects.exists()
    assert Measurement.objects.filter(key_result=kr).count() == 1  # the values stay


def test_only_admins_of_the_organization(
    world: World, kr: KeyResult, as_bob: Client, as_mallory: Client, as_alice: Client
) -> None:
    assert as_bob.get(url("key_result_source", pk=kr.pk)).status_code == 403
    assert as_bob.get(url("connections")).status_code == 403
    assert as_mallory.get(url("key_result_source", pk=kr.pk)).status_code == 404
    globex = reverse("web:key_result_source", kwargs={"org": "globex", "pk": kr.pk})
    assert as_mallory.get(globex).status_code == 404
    as_alice.post(url("connections"), {"name": "crm", "kind": "http"})
    crm = Connection.objects.get(name="crm")
    mallory_delete = reverse("web:connection_delete", kwargs={"org": "globex", "pk": crm.pk})
    assert as_mallory.post(mallory_delete).status_code == 404
    assert Connection.objects.filter(pk=crm.pk).exists()


def test_a_used_connection_is_not_removed(world: World, kr: KeyResult, as_alice: Client) -> None:
    as_alice.post(url("connections"), {"name": "crm", "kind": "http",
                                       "base_url": "http://127.0.0.1:9/"})  # fmt: skip
    crm = Connection.objects.get(name="crm")
    as_alice.post(url("key_result_source", pk=kr.pk), {
        "kind": "json", "connection": str(crm.pk), "url": "m.json", "selector": "a",
        "schedule": "daily", "action": "save",
    })  # fmt: skip
    answer = as_alice.post(url("connection_delete", pk=crm.pk), follow=True)
    assert "sources still use this connection" in answer.content.decode()
    assert Connection.objects.filter(pk=crm.pk).exists()


def test_a_kpi_fed_from_a_source(world: World, as_alice: Client, http_server: Served) -> None:
    from bearing.okrs.services.kpis import kpi_create

    kpi = kpi_create(actor=world.alice, organization=world.org, name="Revenue")
    form = {"kind": "csv", "url": f"{http_server.base}/sheet.csv", "selector": "Revenue@last",
            "schedule": "daily"}  # fmt: skip
    tested = as_alice.post(url("kpi_source", pk=kpi.pk), {**form, "action": "test"},
                           headers={"HX-Request": "1"})  # fmt: skip
    assert "The cell holds 1350.5." in tested.content.decode()
    saved = as_alice.post(url("kpi_source", pk=kpi.pk), {**form, "action": "save"})
    assert saved.status_code == 302 and saved["Location"] == url("kpi", pk=kpi.pk)
    page = as_alice.post(url("kpi_refresh", pk=kpi.pk), follow=True).content.decode()
    assert "The source returned 1350.5 (recorded)." in page and "Data source" in page
    kpi.refresh_from_db()
    assert kpi.latest_value == Decimal("1350.5")
    assert as_alice.post(url("kpi_source_delete", pk=kpi.pk)).status_code == 302
    assert not Source.objects.exists()
