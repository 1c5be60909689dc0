"""`bearing import FILE --org SLUG` and `bearing export --org SLUG --cycle NAME`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from bearing.cli import main
from bearing.okrs.models import Cycle, KeyResult, Objective
from bearing.okrs.scoring import as_of_for, score_objectives, with_key_results
from bearing.orgs.models import Invitation, Organization
from tests.io.conftest import SAMPLE, new_org

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=stdin)


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "okrs.yaml"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


def test_import_then_import_again_updates_instead_of_copying(sample: Path) -> None:
    new_org("acme", "Acme")
    first = run("import", str(sample), "--org", "acme")
    assert first.exit_code == 0, first.output
    assert "Imported 2026-Q1 (a new cycle): 2 teams added" in first.output
    assert "3 objectives created, 6 key results created" in first.output
    again = run("import", str(sample), "--org", "acme")
    assert again.exit_code == 0
    assert "2026-Q1 is already as the file says" in again.output
    assert Objective.objects.count() == 3 and KeyResult.objects.count() == 6


def test_a_bad_file_exits_2_naming_line_and_field(sample: Path) -> None:
    new_org("acme", "Acme")
    sample.write_text(SAMPLE.replace("        target: 2000\n", "        target: 1000\n"))
    result = run("import", str(sample), "--org", "acme")
    assert result.exit_code == 2
    assert "nothing changed" in result.stderr
    assert f"{sample}:37: objectives[0].key_results[1].target: equals the start" in result.stderr
    assert not Cycle.objects.exists()


def test_a_database_problem_exits_2_naming_line_and_field_too(sample: Path) -> None:
    new_org("acme", "Acme")
    sample.write_text(SAMPLE.replace("        unit: s\n", "        unit: " + "s" * 31 + "\n"))
    result = run("import", str(sample), "--org", "acme")
    assert result.exit_code == 2
    assert (
        f"{sample}:33: objectives[0].key_results[0].unit: keep the unit under 30 characters"
        in result.stderr
    )
    assert not Cycle.objects.exists()


def test_the_company_team_may_be_named_as_the_file_says(sample: Path) -> None:
    """Issue 9.9: a file whose company team is called otherwise imports, with a note, or as
    --company-team says."""
    new_org("acme", "Acme Corp")
    noted = run("import", str(sample), "--org", "acme", "--dry-run")
    assert noted.exit_code == 0, noted.output
    assert (
        "note: the file's company team 'Acme' is imported as this organization's company "
        "team 'Acme Corp'" in noted.output
    )
    named = run("import", str(sample), "--org", "acme", "--company-team", "Acme")
    assert named.exit_code == 0, named.output
    assert "company team" not in named.output
    team = Objective.objects.get(ref="acme").team
    assert team is not None and team.name == "Acme Corp"
    wrong = run("import", str(sample), "--org", "acme", "--company-team", "Nope")
    assert wrong.exit_code == 2
    assert "teams: the file has no team named 'Nope' to be the company team" in wrong.stderr


def test_dry_run_changes_nothing(sample: Path) -> None:
    new_org("acme", "Acme")
    result = run("import", str(sample), "--org", "acme", "--dry-run")
    assert result.exit_code == 0 and result.output.startswith("Would import 2026-Q1")
    assert not Cycle.objects.exists()


def test_unknown_organization_or_file(sample: Path, tmp_path: Path) -> None:
    assert run("import", str(sample), "--org", "nope").exit_code == 2
    new_org("acme", "Acme")
    missing = run("import", str(tmp_path / "missing.yaml"), "--org", "acme")
    assert missing.exit_code == 2 and "missing.yaml" in missing.stderr


def test_export_writes_yaml_that_bearing_score_reads(sample: Path, tmp_path: Path) -> None:
    new_org("acme", "Acme")
    run("import", str(sample), "--org", "acme")
    out = tmp_path / "export.yaml"
    result = run("export", "--org", "acme", "--cycle", "2026-Q1", "--output", str(out))
    assert result.exit_code == 0, result.output
    scored = run("score", str(out), "--format", "json")
    assert scored.exit_code == 0, scored.output
    report = json.loads(scored.stdout)
    cycle = Cycle.objects.get()
    rows = with_key_results(Objective.objects.filter(cycle=cycle).select_related("team"))
    as_of = as_of_for(cycle)
    db = {s.objective.ref: s.scored.score for s in score_objectives(rows, cycle, as_of)}
    from_file = {o["ref"]: o["score"] for o in report["objectives"]}
    assert from_file == {ref: None if v is None else float(v) for ref, v in db.items()}


def test_export_to_stdout_and_as_csv(sample: Path) -> None:
    new_org("acme", "Acme")
    run("import", str(sample), "--org", "acme")
    yaml_out = run("export", "--org", "acme", "--cycle", "2026-Q1")
    assert yaml_out.exit_code == 0 and yaml_out.stdout.startswith("version: 1\n")
    csv_out = run("export", "--org", "acme", "--cycle", "2026-Q1", "--format", "csv")
    assert csv_out.stdout.splitlines()[0].startswith("cycle,objective_ref,objective_title")
    assert len(csv_out.stdout.splitlines()) == 1 + 7


def test_export_of_an_unknown_cycle_says_which_exist(sample: Path) -> None:
    new_org("acme", "Acme")
    run("import", str(sample), "--org", "acme")
    result = run("export", "--org", "acme", "--cycle", "2030-Q1")
    assert result.exit_code == 2
    assert "acme has no cycle named '2030-Q1'; its cycles: 2026-Q1" in result.stderr


def test_bearing_demo_round_trips_through_export_and_import(tmp_path: Path) -> None:
    """The literal recipe: `bearing demo`, export each cycle, import into a new organization,
    export again, compare."""
    demo = run("demo", "--password", "demo-password")
    assert demo.exit_code == 0, demo.stderr
    assert run("org", "add", "copy", "--name", "Lumen Pay").exit_code == 0
    names = list(Cycle.objects.filter(organization__slug="demo").values_list("name", flat=True))
    assert len(names) == 2
    for name in names:
        first = run("export", "--org", "demo", "--cycle", name).stdout
        path = tmp_path / f"{name}.yaml"
        path.write_text(first)
        imported = run("import", str(path), "--org", "copy")
        assert imported.exit_code == 0, imported.output
        # The demo's people are invited, never added; once they join, the file assigns them.
        for email in Invitation.objects.filter(
            organization__slug="copy", accepted_at=None
        ).values_list("email", flat=True):
            joined = run(
                "user",
                "add",
                email,
                "--org",
                "copy",
                "--password-stdin",
                stdin="a-long-passphrase\n",
            )
            assert joined.exit_code == 0, joined.output
        again = run("import", str(path), "--org", "copy")
        assert again.exit_code == 0, again.output
        assert run("export", "--org", "copy", "--cycle", name).stdout == first
    assert (
        Organization.objects.get(slug="copy").objectives.count()
        == Objective.objects.filter(organization__slug="demo").count()
    )
    assert Invitation.objects.filter(organization__slug="copy", accepted_at__isnull=False).exists()
