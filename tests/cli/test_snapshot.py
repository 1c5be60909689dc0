"""`bearing snapshot`: this week's connectivity snapshot of every active cycle (weekly cron)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from click.testing import CliRunner, Result
from django.utils import timezone

from bearing.cli import main
from bearing.okrs.analytics import trend_of
from bearing.okrs.models import ConnectivitySnapshot, Cycle
from bearing.okrs.services.alignment import link_create
from bearing.orgs.models import Organization
from tests import factories

pytestmark = pytest.mark.django_db


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["snapshot", *args])


def running(slug: str, name: str) -> tuple[Organization, Cycle]:
    org = factories.make_org(slug, name)
    today = timezone.localdate()
    cycle = factories.make_cycle(org, "Now", today - timedelta(days=20), today + timedelta(days=70))
    company = factories.make_objective(cycle, "Make payments effortless")
    sales = factories.make_team(org, "Sales")
    child = factories.make_objective(cycle, "Win small shops", team=sales)
    link_create(actor=None, child=child, parent_objective=company)
    factories.make_objective(cycle, "Hire engineers", team=sales)  # an orphan
    return org, cycle


def test_takes_one_snapshot_per_active_cycle_and_says_what_it_did() -> None:
    acme, cycle = running("acme", "Acme")
    running("globex", "Globex")
    today = timezone.localdate()
    factories.make_cycle(acme, "Old", today - timedelta(days=200), today - timedelta(days=100))
    factories.make_cycle(acme, "Next", today + timedelta(days=100), today + timedelta(days=190),
                         state="planning")  # fmt: skip
    result = run()
    assert result.exit_code == 0, result.output
    monday = today - timedelta(days=today.weekday())
    assert result.output.splitlines() == [
        f"acme  Now  week of {monday}: 3 objectives, aligned 50.0%, cascaded 0.0%, 1 orphan, "
        "0 look-alike pairs, 1 warning",
        f"globex  Now  week of {monday}: 3 objectives, aligned 50.0%, cascaded 0.0%, 1 orphan, "
        "0 look-alike pairs, 1 warning",
        "2 snapshots taken.",
    ]
    assert ConnectivitySnapshot.objects.count() == 2
    assert [p.aligned_pct for p in trend_of(cycle)] == [50]


def test_a_second_run_in_the_same_week_refreshes_that_week() -> None:
    acme, cycle = running("acme", "Acme")
    run()
    factories.make_objective(cycle, "Tidy the office", team=factories.make_team(acme, "Ops"))
    result = run()
    assert result.exit_code == 0 and "4 objectives" in result.output
    assert ConnectivitySnapshot.objects.count() == 1


def test_one_organization_only() -> None:
    running("acme", "Acme")
    running("globex", "Globex")
    result = run("--org", "globex")
    assert result.exit_code == 0
    assert "globex  Now" in result.output and "acme" not in result.output
    assert ConnectivitySnapshot.objects.get().organization.slug == "globex"


def test_an_unknown_organization_is_a_clear_error() -> None:
    result = run("--org", "nobody")
    assert result.exit_code == 2
    assert "error: no organization with slug 'nobody'" in result.stderr
    assert not ConnectivitySnapshot.objects.exists()


def test_nothing_running_says_so() -> None:
    factories.make_org("acme", "Acme")
    result = run()
    assert result.exit_code == 0
    assert result.output == "No active cycle is running: no snapshot taken.\n"
