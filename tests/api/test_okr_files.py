"""OKR files through the API: GET /cycles/{id}/okr-file and POST /okr-files."""

from __future__ import annotations

from bearing.domain.okrfile import parse_okr_file
from bearing.okrs.models import Cycle, Objective
from tests.api.conftest import Seed, assert_error_shape, call
from tests.api.routes import OKR_FILE
from tests.fingerprint import fingerprint


def test_export_is_an_okr_file_or_csv(seed: Seed) -> None:
    url = f"/cycles/{seed.world.cycle.pk}/okr-file"
    answer = call("GET", url, token=seed.tokens["vic"])
    assert answer.headers["Content-Type"] == "application/yaml; charset=utf-8"
    assert answer.headers["Content-Disposition"] == 'attachment; filename="acme-2026-Q1.yaml"'
    okrs = parse_okr_file(answer.content.decode())
    assert [o.ref for o in okrs.objectives] == [seed.objective.ref, seed.child.ref]
    csv = call("GET", f"{url}?format=csv", token=seed.tokens["vic"])
    assert csv.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        csv.content.decode().count("\r\n") == 1 + 2
    )  # header, one key result, one objective without


def test_import_reports_every_problem_with_line_and_field(seed: Seed) -> None:
    before = fingerprint()
    bad = OKR_FILE.replace("target: 2", "target: 1").replace("team: Acme", "team: Sales")
    answer = call(
        "POST", "/okr-files", {"text": bad, "filename": "q2.yaml"}, token=seed.tokens["alice"]
    )
    assert answer.status == 422
    assert_error_shape(answer)
    found = [(d["line"], d["loc"]) for d in answer.json()["detail"]]
    assert found == [
        (8, ["body", "text", "objectives[0].team"]),
        (10, ["body", "text", "objectives[0].key_results[0].target"]),
    ]
    assert fingerprint() == before


def test_import_creates_then_updates_by_ref(seed: Seed) -> None:
    first = call("POST", "/okr-files", {"text": OKR_FILE}, token=seed.tokens["alice"])
    assert first.status == 200 and first.json()["cycle_created"]
    assert first.json()["counts"] == {"objectives created": 1, "key results created": 1}
    again = call("POST", "/okr-files", {"text": OKR_FILE.replace("Grow the business", "Grow")},
                 token=seed.tokens["alice"])  # fmt: skip
    assert again.json()["counts"] == {"objectives updated": 1, "key results unchanged": 1}
    assert Objective.objects.get(ref="grow").title == "Grow"


def test_a_dry_run_writes_nothing(seed: Seed) -> None:
    answer = call(
        "POST", "/okr-files", {"text": OKR_FILE, "dry_run": True}, token=seed.tokens["alice"]
    )
    assert answer.json()["dry_run"] and answer.json()["summary"].startswith("Would import")
    assert not Cycle.objects.filter(name="2026-Q2").exists()


def test_only_admins_import(seed: Seed) -> None:
    answer = call("POST", "/okr-files", {"text": OKR_FILE}, token=seed.tokens["bob"])
    assert answer.status == 403
    assert not Cycle.objects.filter(name="2026-Q2").exists()


def test_any_cycle_name_makes_a_safe_download_name(seed: Seed) -> None:
    Cycle.objects.filter(pk=seed.world.cycle.pk).update(name='Q1 "final"\nreally')
    answer = call("GET", f"/cycles/{seed.world.cycle.pk}/okr-file", token=seed.tokens["vic"])
    assert answer.status == 200
    assert (
        answer.headers["Content-Disposition"] == 'attachment; filename="acme-Q1-final-really.yaml"'
    )


def test_the_export_is_compressed_for_clients_that_accept_it(seed: Seed) -> None:
    """A large cycle's history is megabytes of text; compressed it is a tenth of that."""
    import gzip

    from django.test import Client

    url = f"/api/v1/cycles/{seed.world.cycle.pk}/okr-file"
    headers = {"Authorization": f"Bearer {seed.tokens['alice']}"}
    plain = Client().get(url, headers=headers)
    packed = Client().get(url, headers={**headers, "Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in plain and packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
