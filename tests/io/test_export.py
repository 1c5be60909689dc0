"""Exporting a cycle: YAML in the OKR file format, and CSV for spreadsheets."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from bearing.domain.okrfile import parse_okr_file
from bearing.okrs.io import export_csv, export_yaml, import_okr_file
from bearing.okrs.models import Cycle, KeyResult, Objective
from bearing.okrs.services.key_results import key_result_update
from bearing.okrs.services.objectives import objective_create
from bearing.orgs.models import Membership
from bearing.orgs.services import member_add
from tests.io.conftest import SAMPLE, TODAY, new_org

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle() -> Cycle:
    import_okr_file(organization=new_org("acme", "Acme"), text=SAMPLE, today=TODAY)
    return Cycle.objects.get()


def test_the_yaml_reads_like_the_format(cycle: Cycle) -> None:
    text = export_yaml(cycle, today=TODAY)
    assert text.startswith("version: 1\norganization: Acme\ncycle:\n  name: 2026-Q1\n")
    assert "as_of: 2026-02-15\n" in text
    assert "    - {date: 2026-02-10, value: 1400, note: reminder e-mails live}\n" in text
    assert "    target: 99.9\n" in text and "    weight: 2\n" in text
    assert "  aligned_to: [acme]\n  cascaded_from: acme-time\n" in text
    assert "  visibility: private\n" in text and "  state: draft\n" in text
    okrs = parse_okr_file(text)
    assert [o.ref for o in okrs.objectives] == ["acme", "pay-fast", "coach"]
    assert okrs.objectives[2].team is None and okrs.objectives[2].owner == "ana@acme.example"


def test_a_member_exports_only_what_they_may_see(cycle: Cycle) -> None:
    ben = Membership.objects.get(person__email="ben@acme.example")
    text = export_yaml(cycle, ben, today=TODAY)
    assert "coach" not in text and "pay-fast" in text
    parse_okr_file(text)


def test_links_the_file_cannot_name_are_left_out(cycle: Cycle) -> None:
    """A parent the exporter may not see stays out of the file, which stays valid."""
    secret = Objective.objects.get(ref="coach")
    Objective.objects.filter(ref="pay-fast").update(visibility="public")
    from bearing.okrs.services.alignment import link_create

    link_create(actor=None, child=Objective.objects.get(ref="pay-fast"), parent_objective=secret)
    ben = Membership.objects.get(person__email="ben@acme.example")
    okrs = parse_okr_file(export_yaml(cycle, ben, today=TODAY))
    assert {link.parent_ref for link in okrs.objectives[1].links} == {"acme", "acme-time"}


def test_values_a_draft_kept_from_before_stay_out_of_the_file(cycle: Cycle) -> None:
    kr = KeyResult.objects.get(ref="acme-time")
    key_result_update(actor=None, key_result=kr, kind="", start=None, target=None)
    okrs = parse_okr_file(export_yaml(cycle, today=TODAY))
    draft = okrs.objectives[0].key_results[0]
    assert draft.is_draft and draft.history == ()


def test_csv_has_one_row_per_key_result_with_its_objective(cycle: Cycle) -> None:
    rows = list(csv.DictReader(io.StringIO(export_csv(cycle, today=TODAY))))
    assert len(rows) == 6 + 1  # six key results, and the objective that has none yet
    first = rows[0]
    assert (first["objective_ref"], first["kr_ref"], first["kind"]) == (
        "acme",
        "acme-time",
        "decrease",
    )
    assert (first["start"], first["target"], first["current"], first["unit"]) == (
        "120",
        "24",
        "60",
        "s",
    )
    # (120 − 60) / (120 − 24) = 0.625 → 0.6, yellow
    assert (first["progress"], first["kr_score"], first["kr_color"]) == ("0.625", "0.6", "yellow")
    assert first["objective_score"] and first["team"] == "Acme"
    coach = rows[-1]
    assert coach["objective_ref"] == "coach" and coach["kr_ref"] == "" and coach["team"] == ""


def test_csv_text_never_runs_as_a_formula(cycle: Cycle) -> None:
    member_add(organization=cycle.organization, email="eve@acme.example", role="admin")
    objective_create(
        actor=None, cycle=cycle, title='=HYPERLINK("http://evil.example")',
        team=Objective.objects.get(ref="acme").team, ref="evil",
    )  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(export_csv(cycle, today=TODAY))))
    evil = next(r for r in rows if r["objective_ref"] == "evil")
    assert evil["objective_title"] == '\'=HYPERLINK("http://evil.example")'


def test_numbers_are_exact_decimals(cycle: Cycle) -> None:
    kr = KeyResult.objects.get(ref="uptime")
    key_result_update(actor=None, key_result=kr, target=Decimal("99.900001"))
    text = export_yaml(cycle, today=TODAY)
    assert "    target: 99.900001\n" in text
    found = parse_okr_file(text).objectives[0].key_results[3]
    assert found.target == Decimal("99.900001")
