"""The ``kpis:`` section of an OKR file: KPIs by name with their healthy range and readings,
imported in the file's one transaction; a bad range or reading names its line and writes
nothing; importing again changes nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bearing.domain.okrfile import OKRFileError, parse_okr_file
from bearing.okrs.io import ImportFailed, import_okr_file
from bearing.okrs.models import KPI, KPIMeasurement, Objective
from bearing.orgs.models import Organization
from tests.fingerprint import fingerprint
from tests.io.conftest import SAMPLE, TODAY, new_org

pytestmark = pytest.mark.django_db

KPIS = """\
kpis:
  - name: Monthly churn
    unit: "%"
    healthy_max: 2.5
    owner: ana@acme.example
    team: Payments
    north_star: true
    history:
      - {date: 2026-01-05, value: 2.1}
      - {date: 2026-02-05, value: 3.1}
  - name: Uptime
    healthy_min: 99.9
"""


def _org() -> Organization:
    return Organization.objects.filter(slug="acme").first() or new_org("acme", "Acme")


def _load(text: str) -> str:
    return import_okr_file(
        organization=_org(), text=text, filename="okrs.yaml", today=TODAY
    ).summary()


def test_kpis_come_in_with_their_readings_and_health() -> None:
    summary = _load(SAMPLE + KPIS)
    assert "2 KPIs created" in summary and "2 KPI readings added" in summary
    churn = KPI.objects.get(name="Monthly churn")
    assert (churn.healthy_max, churn.unit, churn.is_north_star) == (Decimal("2.5"), "%", True)
    assert churn.team is not None and churn.team.name == "Payments"
    assert churn.owner is not None and churn.owner.email == "ana@acme.example"
    assert churn.health == "unhealthy" and str(churn.health_since) == "2026-02-05"


def test_importing_again_changes_nothing() -> None:
    _load(SAMPLE + KPIS)
    before = fingerprint()
    _load(SAMPLE + KPIS)
    assert fingerprint() == before
    assert KPIMeasurement.objects.count() == 2


def test_a_new_range_updates_by_name() -> None:
    _load(SAMPLE + KPIS)
    summary = _load(SAMPLE + KPIS.replace("healthy_max: 2.5", "healthy_max: 3.5"))
    assert "1 KPI updated" in summary
    assert KPI.objects.get(name="Monthly churn").health == "healthy"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ("    healthy_min: 99.9\n", "kpis[1].healthy_max"),
        ("value: 3.1}", "kpis[0].history[1].value"),
        ("team: Payments", "kpis[0].team"),
    ],
)
def test_bad_kpis_name_the_field_and_write_nothing(change: str, field: str) -> None:
    text = SAMPLE + KPIS
    text = {
        "    healthy_min: 99.9\n": text.replace("    healthy_min: 99.9\n", "    healthy_min: 99.9\n    healthy_max: 90\n"),
        "value: 3.1}": text.replace("value: 3.1}", "value: lots}"),
        "team: Payments": text.replace("team: Payments", "team: Nobody"),
    }[change]  # fmt: skip
    _org()
    before = fingerprint()
    with pytest.raises((ImportFailed, OKRFileError)) as raised:
        _load(text)
    assert field in str(raised.value)
    assert fingerprint() == before
    assert not Objective.objects.exists()


def test_a_file_without_kpis_still_reads() -> None:
    assert parse_okr_file(SAMPLE).kpis == ()


def test_the_export_writes_the_kpis_back_and_they_read_the_same() -> None:
    """Export → import is a round trip for KPIs too: the section comes back with the range,
    owner, team, North Star and the cycle's readings, and importing it changes nothing."""
    from bearing.okrs.io.export import export_yaml
    from bearing.okrs.models import Cycle

    _load(SAMPLE + KPIS)
    exported = export_yaml(Cycle.objects.get(organization=_org()), today=TODAY)
    assert "kpis:" in exported
    doc = parse_okr_file(exported)
    churn = next(k for k in doc.kpis if k.name == "Monthly churn")
    assert (churn.healthy_max, churn.team, churn.owner, churn.north_star) == (
        Decimal("2.5"), "Payments", "ana@acme.example", True,
    )  # fmt: skip
    assert [(m.on.isoformat(), m.value) for m in churn.history] == [
        ("2026-01-05", Decimal("2.1")), ("2026-02-05", Decimal("3.1")),
    ]  # fmt: skip
    before = fingerprint()
    _load(exported)
    assert fingerprint() == before
