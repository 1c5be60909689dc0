"""import → export → import round-trips exactly, and an export scores as the database does."""

from __future__ import annotations

from typing import Any

import pytest

from bearing.demo import create_demo
from bearing.domain.okrfile import parse_okr_file
from bearing.domain.report import score_report
from bearing.okrs.io import export_yaml, import_okr_file
from bearing.okrs.models import Cycle, KeyResult, Measurement, Objective
from bearing.okrs.scoring import as_of_for, score_objectives, with_key_results
from bearing.orgs.models import Organization
from tests.io.conftest import SAMPLE, TODAY, new_org

pytestmark = pytest.mark.django_db


def db_scores(cycle: Cycle) -> dict[str, tuple[Any, ...]]:
    """ref → (score, colour, forecast, status) of every objective and key result, from the rows."""
    rows = with_key_results(Objective.objects.filter(cycle=cycle).select_related("team"))
    out: dict[str, tuple[Any, ...]] = {}
    for item in score_objectives(rows, cycle, as_of_for(cycle, TODAY), cycle.organization.bands):
        s = item.scored
        out[item.objective.ref] = (s.score, s.color, s.forecast, s.status)
        for kr, ks in item.key_results:
            out[kr.ref] = (ks.score, ks.color, ks.forecast, ks.status)
    return out


def file_scores(text: str) -> dict[str, tuple[Any, ...]]:
    """The same, as `bearing score` computes it from the file alone."""
    report = score_report(parse_okr_file(text), TODAY)
    out: dict[str, tuple[Any, ...]] = {}
    for o in report["objectives"]:
        out[o["ref"]] = (o["score"], o["color"], o["forecast"], o["status"])
        for kr in o["key_results"]:
            out[kr["ref"]] = (kr["score"], kr["color"], kr["forecast"], kr["status"])
    return out


def test_the_demo_round_trips_through_a_new_organization() -> None:
    create_demo(password="demo-password", today=TODAY)
    demo = Organization.objects.get(slug="demo")
    # The same company name as the file's, and the demo's people have joined it already
    # (an import invites anyone else: test_import_people.py).
    people = tuple((m.person.email, "") for m in demo.memberships.select_related("person"))
    copy = new_org("copy", demo.name, people=people)
    cycles = list(Cycle.objects.filter(organization=demo).order_by("start"))
    assert len(cycles) == 2
    for cycle in cycles:
        first = export_yaml(cycle, today=TODAY)
        assert file_scores(first) == db_scores(cycle), "the export must score as the database"
        imported = import_okr_file(organization=copy, text=first, today=TODAY)
        assert imported.counts["objectives created"] == cycle.objectives.count()
        assert imported.counts["key results created"] == cycle.key_results.count()
        assert (
            imported.counts["measurements added"]
            == Measurement.objects.filter(
                key_result__cycle=cycle,
                key_result__kind__in=["increase", "decrease", "at_least", "at_most"],
            ).count()
        )
        copied = Cycle.objects.get(organization=copy, name=cycle.name)
        second = export_yaml(copied, today=TODAY)
        assert second == first
        assert db_scores(copied) == db_scores(cycle)
        assert not import_okr_file(organization=copy, text=second, today=TODAY).changed


def test_a_hand_written_file_round_trips() -> None:
    """The sample (written by hand, with `current` and inferred kinds) comes back as an export
    that means the same, and that export then round-trips to the letter."""
    import_okr_file(organization=new_org("one", "Acme"), text=SAMPLE, today=TODAY)
    first = export_yaml(Cycle.objects.get(organization__slug="one"), today=TODAY)
    assert file_scores(first) == file_scores(SAMPLE.replace("teams:", f"as_of: {TODAY}\nteams:", 1))
    import_okr_file(organization=new_org("two", "Acme"), text=first, today=TODAY)
    second = export_yaml(Cycle.objects.get(organization__slug="two"), today=TODAY)
    assert second == first


def test_key_result_order_follows_the_file() -> None:
    org = new_org("acme", "Acme")
    import_okr_file(organization=org, text=SAMPLE, today=TODAY)
    reordered = SAMPLE.replace(
        "      - ref: latency\n        title: Cut p95 latency from 1200 ms to 400 ms\n"
        "        start: 1200\n        target: 400\n        owner: ben@acme.example\n"
        "      - ref: idea\n        title: Find out what slows people down\n",
        "      - ref: idea\n        title: Find out what slows people down\n"
        "      - ref: latency\n        title: Cut p95 latency from 1200 ms to 400 ms\n"
        "        start: 1200\n        target: 400\n        owner: ben@acme.example\n",
    )
    assert reordered != SAMPLE
    import_okr_file(organization=org, text=reordered, today=TODAY)
    objective = Objective.objects.get(ref="pay-fast")
    assert list(objective.key_results.order_by("position").values_list("ref", flat=True)) == [
        "idea", "latency",
    ]  # fmt: skip
    assert KeyResult.objects.count() == 6
