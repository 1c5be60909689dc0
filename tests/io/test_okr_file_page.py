"""The OKR files page: download a cycle; admins upload a file, and see every problem by line."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from bearing.domain.okrfile import parse_okr_file
from bearing.okrs.models import ChangeRecord, Cycle, Objective
from tests import factories
from tests.conftest import World
from tests.io.conftest import SAMPLE

PAGE = reverse("io:okr_files", kwargs={"org": "acme"})


def download(cycle: Cycle, fmt: str) -> str:
    return reverse("io:okr_file_download", kwargs={"org": "acme", "cycle_id": cycle.pk, "fmt": fmt})


def test_the_page_offers_each_cycle_for_download(world: World, as_vic: Client) -> None:
    html = as_vic.get(PAGE).content.decode()
    assert download(world.cycle, "yaml") in html and download(world.cycle, "csv") in html
    assert "Import a file" not in html  # viewers and members only download


def test_downloads_are_the_cycle_as_yaml_and_csv(world: World, as_bob: Client) -> None:
    factories.make_objective(world.cycle, "Make payments effortless")
    response = as_bob.get(download(world.cycle, "yaml"))
    assert response["Content-Type"].startswith("application/yaml")
    assert 'filename="acme-2026-Q1.yaml"' in response["Content-Disposition"]
    okrs = parse_okr_file(response.content.decode())
    assert [o.title for o in okrs.objectives] == ["Make payments effortless"]
    csv_response = as_bob.get(download(world.cycle, "csv"))
    assert csv_response.content.decode().startswith("cycle,objective_ref,")


def test_private_objectives_stay_out_of_a_viewers_download(world: World, as_vic: Client) -> None:
    factories.make_objective(
        world.cycle, "Grow as a coach", visibility="private", owner=world.alice
    )
    assert b"Grow as a coach" not in as_vic.get(download(world.cycle, "yaml")).content


def test_an_admin_imports_a_file(world: World, as_alice: Client) -> None:
    upload = SimpleUploadedFile("okrs.yaml", SAMPLE.encode(), content_type="application/yaml")
    response = as_alice.post(PAGE, {"file": upload}, follow=True)
    assert "Imported 2026-Q1" in response.content.decode()
    assert Objective.objects.filter(cycle=world.cycle, ref="pay-fast").exists()


def test_a_bad_file_shows_line_and_field_and_writes_nothing(world: World, as_alice: Client) -> None:
    before = ChangeRecord.objects.count()
    bad = SAMPLE.replace("        target: 2000\n", "        target: 1000\n")
    response = as_alice.post(PAGE, {"text": bad})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was imported" in html
    assert "<td>37</td><td><code>objectives[0].key_results[1].target</code></td>" in html
    assert ChangeRecord.objects.count() == before
    assert not Objective.objects.filter(ref="pay-fast").exists()


def test_a_dry_run_says_what_would_happen(world: World, as_alice: Client) -> None:
    response = as_alice.post(PAGE, {"text": SAMPLE, "dry_run": "on"})
    assert "The file is fine." in response.content.decode()
    assert not Objective.objects.filter(ref="pay-fast").exists()


def test_an_empty_form_asks_for_a_file(world: World, as_alice: Client) -> None:
    response = as_alice.post(PAGE, {})
    assert "Choose a file, or paste one below." in response.content.decode()


def test_a_binary_upload_is_refused_clearly(world: World, as_alice: Client) -> None:
    upload = SimpleUploadedFile("okrs.yaml", b"\xff\xfe\x00bad", content_type="application/yaml")
    response = as_alice.post(PAGE, {"file": upload})
    assert "not a UTF-8 text file" in response.content.decode()


def test_only_admins_import(world: World, as_bob: Client) -> None:
    assert as_bob.post(PAGE, {"text": SAMPLE}).status_code == 403
    assert not Objective.objects.filter(ref="pay-fast").exists()


def test_strangers_get_404(world: World, as_mallory: Client) -> None:
    assert as_mallory.get(PAGE).status_code == 404
    assert as_mallory.get(download(world.cycle, "yaml")).status_code == 404
    assert as_mallory.post(PAGE, {"text": SAMPLE}).status_code == 404


def test_an_unknown_format_is_404(world: World, as_bob: Client) -> None:
    assert as_bob.get(download(world.cycle, "pdf")).status_code == 404
