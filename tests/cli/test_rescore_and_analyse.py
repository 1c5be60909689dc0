"""`bearing rescore` repairs stored figures (never a closed cycle's unless asked) and
`bearing analyse` computes look-alikes now, where no worker runs."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from click.testing import CliRunner, Result

from bearing.cli import main
from bearing.okrs.models import Cycle, CycleAnalysis, CycleState, KeyResult
from bearing.okrs.services.measurements import measurement_add
from bearing.orgs.models import Organization
from tests import factories

pytestmark = pytest.mark.django_db


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def _scored_key_result(org: Organization, cycle_name: str, closed: bool = False) -> KeyResult:
    cycle = factories.make_cycle(org, cycle_name)
    kr = factories.make_key_result(factories.make_objective(cycle, f"Delight {cycle_name}"))
    measurement_add(actor=None, key_result=kr, value=Decimal(72),
                    measured_at=datetime(2026, 2, 1, tzinfo=UTC))  # fmt: skip
    if closed:  # closed after its values came in, as a cycle is
        Cycle.objects.filter(pk=cycle.pk).update(state=CycleState.CLOSED)
    kr.refresh_from_db()
    return kr


def test_rescore_repairs_stored_scores_and_leaves_closed_cycles_alone() -> None:
    org = factories.make_org("acme", "Acme")
    running = _scored_key_result(org, "2026-Q1")
    closed = _scored_key_result(org, "2025-Q4", closed=True)
    right = running.score
    assert right is not None
    KeyResult.objects.filter(pk__in=[running.pk, closed.pk]).update(score=Decimal("0.0"))

    result = run("rescore", "--org", "acme")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["acme  2026-Q1: 1 key results", "Rescored 1 key result."]
    running.refresh_from_db()
    closed.refresh_from_db()
    assert running.score == right
    assert closed.score == Decimal("0.0")  # graded figures stay as they were

    assert run("rescore", "--all-cycles").exit_code == 0
    closed.refresh_from_db()
    assert closed.score == right


def test_analyse_computes_each_running_cycle_now() -> None:
    org = factories.make_org("acme", "Acme")
    cycle = factories.make_cycle(org)
    sales = factories.make_team(org, "Sales")
    support = factories.make_team(org, "Support")
    factories.make_objective(cycle, "Cut customer churn among small shops", team=sales)
    factories.make_objective(cycle, "Reduce churn of small shop customers", team=support)
    result = run("analyse", "--org", "acme")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("acme  2026-Q1: 1 look-alike pair, depth ")
    assert CycleAnalysis.objects.get(cycle=cycle).look_alikes == 1


@pytest.mark.parametrize("command", ["rescore", "analyse", "snapshot"])
def test_an_unknown_organization_is_one_line_and_exit_2(command: str) -> None:
    result = run(command, "--org", "nobody")
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1].endswith("no organization with slug 'nobody'")
