"""Importing the CSV that `bearing export --format csv` writes: the same rules as an OKR file
(one transaction, updates by ref), errors by row and column; what a CSV cannot say
(descriptions, contributors, links) stays as it is."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bearing.okrs.io import ImportFailed, export_csv, import_okr_file
from bearing.okrs.models import AlignmentLink, Cycle, KeyResult, Objective
from bearing.orgs.models import Organization
from tests.fingerprint import fingerprint
from tests.io.conftest import SAMPLE, TODAY, new_org

pytestmark = pytest.mark.django_db


def _setup() -> tuple[Organization, str]:
    organization = new_org("acme", "Acme")
    import_okr_file(organization=organization, text=SAMPLE, filename="okrs.yaml", today=TODAY)
    cycle = Cycle.objects.get(organization=organization, name="2026-Q1")
    return organization, export_csv(cycle, today=TODAY)


def _load(organization: Organization, text: str) -> str:
    return import_okr_file(
        organization=organization, text=text, filename="okrs.csv", today=TODAY
    ).summary()


def test_the_export_imports_back_unchanged() -> None:
    organization, text = _setup()
    before = fingerprint()
    summary = _load(organization, text)
    assert "is already as the file says" in summary, summary
    assert fingerprint() == before
    assert AlignmentLink.objects.count() == 2  # links are not the CSV's to remove


def test_a_changed_target_updates_by_ref() -> None:
    organization, text = _setup()
    row = next(line for line in text.splitlines() if ",latency," in line)
    changed = text.replace(row, row.replace(",1200,400,", ",1200,300,"))
    summary = _load(organization, changed)
    assert "1 key result updated" in summary
    assert KeyResult.objects.get(ref="latency").target == Decimal(300)
    assert Objective.objects.get(ref="acme").contributors.count() == 1  # kept


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        (",1200,400,", ",1200,lots,", "column target: expected a number"),
        (",1200,400,", ",1200,1200,", "column target"),  # equal start and target (the service)
        ("Payments,", "Nowhere,", "column team: no team named 'Nowhere'"),
    ],
)
def test_bad_rows_name_row_and_column_and_write_nothing(old: str, new: str, where: str) -> None:
    organization, text = _setup()
    row = next(line for line in text.splitlines() if ",latency," in line)
    number = text.splitlines().index(row) + 1
    before = fingerprint()
    with pytest.raises(ImportFailed) as failed:
        _load(organization, text.replace(row, row.replace(old, new, 1)))
    assert f"okrs.csv:{number}: {where}" in str(failed.value)
    assert fingerprint() == before


def test_an_unknown_cycle_is_named() -> None:
    organization, text = _setup()
    with pytest.raises(ImportFailed) as failed:
        _load(organization, text.replace("2026-Q1,", "2026-Q9,"))
    assert "no cycle named '2026-Q9' in Bearing" in str(failed.value)
