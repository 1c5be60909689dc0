"""Importing an OKR file: one transaction, updates by ref, idempotent, errors by line and field."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db.models import Model

from bearing.okrs.io import ImportFailed, ImportResult, import_okr_file
from bearing.okrs.models import (
    AlignmentLink,
    ChangeRecord,
    Cycle,
    KeyResult,
    Measurement,
    Objective,
)
from bearing.orgs.models import Membership, Organization, Team, TeamMember
from tests.io.conftest import SAMPLE, TODAY, new_org

pytestmark = pytest.mark.django_db


def rows() -> dict[str, int]:
    models: list[type[Model]] = [Cycle, Team, TeamMember, Membership, Objective, KeyResult,
                                 Measurement, AlignmentLink, ChangeRecord]  # fmt: skip
    return {m.__name__: m._default_manager.count() for m in models}


def org(slug: str = "acme", company: str = "Acme") -> Organization:
    found = Organization.objects.filter(slug=slug).first()
    return found or new_org(slug, company)


def load(text: str = SAMPLE, *, dry_run: bool = False, company: str = "Acme") -> ImportResult:
    return import_okr_file(
        organization=org(company=company), text=text, filename="okrs.yaml", today=TODAY,
        dry_run=dry_run,
    )  # fmt: skip


def test_a_file_creates_its_cycle_teams_people_and_okrs() -> None:
    result = load()
    cycle = Cycle.objects.get(name="2026-Q1")
    assert result.cycle_created and result.cycle == cycle
    assert list(Team.objects.order_by("name").values_list("name", "parent__name")) == [
        ("Acme", None), ("Payments", "Acme"), ("Support", "Acme"),
    ]  # fmt: skip
    assert TeamMember.objects.get(team__name="Acme", person__email="ana@acme.example").is_lead
    ben = Membership.objects.get(person__email="ben@acme.example")
    assert ben.role == "member" and ben.person.name == "Ben Okafor"
    assert not ben.person.has_usable_password()
    acme = Objective.objects.get(ref="acme")
    assert [t.name for t in acme.contributors.all()] == ["Support"]
    assert list(acme.key_results.values_list("ref", flat=True)) == [
        "acme-time", "autopay", "paypal", "uptime",
    ]  # fmt: skip
    coach = Objective.objects.get(ref="coach")
    assert (coach.team, coach.visibility, coach.state) == (None, "private", "draft")
    idea = KeyResult.objects.get(ref="idea")
    assert idea.kind == "" and idea.start is None
    links = AlignmentLink.objects.filter(child__ref="pay-fast").order_by("kind")
    assert [(link.kind, link.parent_objective_id, link.parent_key_result_id) for link in links] == [
        ("aligned", acme.pk, None),
        ("cascaded", None, KeyResult.objects.get(ref="acme-time").pk),
    ]


def test_history_and_current_become_measurements_from_the_import() -> None:
    load()
    autopay = KeyResult.objects.get(ref="autopay")
    assert [(m.measured_at.date().isoformat(), m.value, m.note, m.source)
            for m in autopay.measurements.all()] == [
        ("2026-01-10", Decimal(1100), "", "import"),
        ("2026-02-10", Decimal(1400), "reminder e-mails live", "import"),
    ]  # fmt: skip
    # ``current`` without history: one value, dated the import's "today" within the cycle.
    time_kr = KeyResult.objects.get(ref="acme-time")
    assert [(m.measured_at.date(), m.value) for m in time_kr.measurements.all()] == [
        (TODAY, Decimal(60))
    ]


def test_the_summary_counts_in_words_that_agree() -> None:
    one = """version: 1
cycle: {name: 2026-Q2, start: 2026-04-01, end: 2026-06-30}
teams: [{name: Acme}]
objectives:
  - title: Grow the business
    team: Acme
    key_results: [{title: Grow revenue from 1 to 2, start: 1, target: 2}]
"""
    summary = load(one).summary()
    assert summary == "Imported 2026-Q2 (a new cycle): 1 objective created, 1 key result created."


def test_importing_the_same_file_again_changes_nothing() -> None:
    load()
    before = rows()
    versions = list(Objective.objects.order_by("id").values_list("version", flat=True))
    result = load()
    assert not result.changed
    assert rows() == before
    assert list(Objective.objects.order_by("id").values_list("version", flat=True)) == versions
    assert "already as the file says" in result.summary()


def test_a_changed_file_updates_by_ref_and_adds_only_new_values() -> None:
    load()
    changed = (
        SAMPLE.replace("title: Make paying feel instant", "title: Make paying instant")
        .replace("          - {date: 2026-02-10, value: 1400, note: \"reminder e-mails live\"}",
                 "          - {date: 2026-02-10, value: 1400, note: \"reminder e-mails live\"}\n"
                 "          - {date: 2026-02-14, value: 1500}")
        .replace("        current: 60\n", "        current: 50\n")
    )  # fmt: skip
    result = load(changed)
    assert Objective.objects.count() == 3 and KeyResult.objects.count() == 6
    assert Objective.objects.get(ref="pay-fast").title == "Make paying instant"
    assert result.counts["objectives updated"] == 1
    assert result.counts["measurements added"] == 2
    assert [m.value for m in KeyResult.objects.get(ref="autopay").measurements.all()] == [
        1100, 1400, 1500,
    ]  # fmt: skip
    assert [m.value for m in KeyResult.objects.get(ref="acme-time").measurements.all()] == [60, 50]


def test_links_follow_the_file() -> None:
    load()
    turned = SAMPLE.replace("    aligned_to: [acme]\n    cascaded_from: acme-time\n", "")
    turned = turned.replace(
        "    contributors: [Support]\n", "    contributors: [Support]\n    aligned_to: [latency]\n"
    )
    result = load(turned)
    assert result.counts["links removed"] == 2 and result.counts["links added"] == 1
    link = AlignmentLink.objects.get()
    assert (link.child.ref, link.parent_key_result.ref) == ("acme", "latency")  # type: ignore[union-attr]


def test_objectives_not_in_the_file_are_left_alone() -> None:
    load()
    shorter = SAMPLE[: SAMPLE.index("  - ref: coach")]
    result = load(shorter)
    assert Objective.objects.filter(ref="coach").exists()
    assert result.untouched == ["coach"]


def test_a_dry_run_writes_nothing() -> None:
    org()
    before = rows()
    result = load(dry_run=True)
    assert result.dry_run and result.counts["objectives created"] == 3
    assert rows() == before


def _problems(text: str, company: str = "Acme") -> list[str]:
    org(company=company)
    before = rows()
    with pytest.raises(ImportFailed) as failed:
        load(text, company=company)
    assert rows() == before, "a rejected file must change nothing"
    return [str(p) for p in failed.value.problems]


def test_a_file_with_an_error_changes_nothing_and_names_line_and_field() -> None:
    bad = SAMPLE.replace("        target: 2000\n", "        target: 1000\n")
    assert _problems(bad) == [
        "okrs.yaml:37: objectives[0].key_results[1].target: equals the start; "
        "give a different target, or a kind of at_least or at_most"
    ]


def test_database_checks_name_line_and_field_too() -> None:
    too_precise = SAMPLE.replace("target: 99.9\n", "target: 99.9000001\n")
    assert _problems(too_precise) == [
        "okrs.yaml:49: objectives[0].key_results[3].target: use at most 6 decimal places"
    ]
    long_unit = SAMPLE.replace("        unit: s\n", "        unit: " + "s" * 31 + "\n")
    assert _problems(long_unit) == [
        "okrs.yaml:33: objectives[0].key_results[0].unit: keep the unit under 30 characters"
    ]


def test_nothing_is_kept_when_a_late_step_fails() -> None:
    """Teams and people were written before the key result failed: all rolled back."""
    future = SAMPLE.replace("{date: 2026-01-10, value: 1100}", "{date: 2099-01-10, value: 1100}")
    found = _problems(future.replace("2026-02-10, value: 1400", "2099-02-10, value: 1400"))
    assert (
        found[0]
        == "okrs.yaml:40: objectives[0].key_results[1].history[0].date: that moment is in the future"
    )
    assert Team.objects.count() == 1  # only the company team new_org made


def test_a_starting_team_the_organization_lacks_is_named() -> None:
    load()
    two_roots = SAMPLE.replace("people:\n", "  - name: Sales\npeople:\n", 1)
    assert _problems(two_roots) == [
        "okrs.yaml:14: teams[3].name: this organization has no team named 'Sales'; give it a "
        "parent (a team of the file), or name a team the organization has"
    ]


def test_a_cycle_keeps_its_dates() -> None:
    load()
    moved = SAMPLE.replace("  end: 2026-03-31", "  end: 2026-04-30")
    found = _problems(moved)
    assert len(found) == 1 and found[0].startswith("okrs.yaml:6: cycle.end: cycle 2026-Q1 runs")


def test_a_key_result_does_not_move_between_objectives() -> None:
    load()
    moved = SAMPLE.replace("      - ref: latency", "      - ref: uptime-2").replace(
        "      - ref: uptime\n", "      - ref: latency\n"
    )
    found = _problems(moved)
    assert any("objectives[0].key_results[3].ref: key result 'latency' belongs to objective "
               "'pay-fast'" in p for p in found), found  # fmt: skip


def test_a_ref_the_cycle_gives_a_key_result_is_named() -> None:
    """Objective and key-result refs share one namespace per cycle, in Bearing as in a file."""
    load()
    other = SAMPLE[: SAMPLE.index("objectives:")] + (
        "objectives:\n  - ref: autopay\n    title: Clash with a key result\n    team: Acme\n"
    )
    assert _problems(other) == [
        "okrs.yaml:22: objectives[0].ref: ref 'autopay' is used in this cycle already"
    ]
