"""Alignment analytics and the coach over the database: figures, snapshots, trend, findings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bearing.domain.model import LinkKind
from bearing.okrs.analysis import analyse_cycle
from bearing.okrs.analytics import cycle_connectivity, snapshot_take, trend_of
from bearing.okrs.models import CycleAnalysis, Objective, PortfolioNote
from bearing.okrs.services.alignment import link_create
from bearing.okrs.services.objectives import objective_update
from tests import factories
from tests.conftest import World


def build(world: World) -> dict[str, Objective]:
    sales = factories.make_team(world.org, "Sales")
    company = factories.make_objective(world.cycle, "Make digital payments effortless")
    kr = factories.make_key_result(company)
    cascaded = factories.make_objective(
        world.cycle, "Make paying feel instant", team=world.payments
    )
    link_create(actor=None, child=cascaded, parent_key_result=kr, kind=LinkKind.CASCADED)
    deep = factories.make_objective(
        world.cycle, "Make receipts arrive at once", team=sales, contributors=[world.payments]
    )
    link_create(actor=None, child=deep, parent_objective=cascaded)
    orphan = factories.make_objective(world.cycle, "Hire great engineers", team=sales)
    return {"company": company, "cascaded": cascaded, "deep": deep, "orphan": orphan}


def test_figures_from_the_database_count_key_result_links_and_cascades(world: World) -> None:
    o = build(world)
    with CaptureQueriesContext(connection) as queries:
        c = cycle_connectivity(world.cycle)
    assert len(queries) <= 6
    assert (c.objectives, c.company_objectives) == (4, 1)
    assert c.aligned_pct == Decimal("66.7")  # 2 of 3 non-company objectives have a parent
    assert c.cascaded_pct == Decimal("33.3")
    assert c.cross_functional_pct == Decimal("25.0")
    assert c.max_depth == 3  # company → (via its key result) cascaded → deep
    assert c.orphans == (o["orphan"].pk,)


def test_abandoned_objectives_do_not_count(world: World) -> None:
    o = build(world)
    objective_update(actor=None, objective=o["orphan"], state="abandoned")
    c = cycle_connectivity(world.cycle)
    assert c.objectives == 3 and c.orphans == () and c.aligned_pct == Decimal("100.0")


def test_weekly_snapshots_make_a_trend_and_warn_when_the_aligned_share_drops(world: World) -> None:
    o = build(world)
    objective_update(actor=None, objective=o["orphan"], state="abandoned")
    now = timezone.now()
    week1 = snapshot_take(world.cycle, at=now)
    assert (
        snapshot_take(world.cycle, at=now + timedelta(minutes=5)).pk == week1.pk
    )  # same week: refreshed
    objective_update(actor=None, objective=o["orphan"], state="active")
    factories.make_objective(world.cycle, "Grow the partner channel", team=world.payments)
    week2 = snapshot_take(world.cycle, at=now + timedelta(days=7))
    assert [(p.week, p.aligned_pct) for p in trend_of(world.cycle)] == [
        (week1.week, Decimal("100.0")), (week1.week + timedelta(days=7), Decimal("50.0")),
    ]  # fmt: skip
    # Week 2 compared with week 1: 100 % → 50 % aligned is a drop of more than 5 points.
    assert "aligned-share-dropped" in {
        w.rule for w in cycle_connectivity(world.cycle, at=now + timedelta(days=7)).warnings
    }
    assert week2.warnings >= 2  # the drop and the orphans


def test_snapshots_at_a_past_moment_see_only_what_existed_then(world: World) -> None:
    build(world)
    assert cycle_connectivity(world.cycle, at=datetime(2000, 1, 1, tzinfo=UTC)).objectives == 0


def test_the_analysis_stores_portfolio_notes_and_what_the_coach_says(world: World) -> None:
    o = build(world)
    careers = factories.make_key_result(
        o["orphan"], "Launch the careers page", kind="milestone", start=None, target=None
    )
    with CaptureQueriesContext(connection) as queries:
        analysis = analyse_cycle(world.cycle)
    assert analysis.is_current and analysis.max_depth == 3
    careers.refresh_from_db()
    assert careers.coach_rating == "limiting"  # reviewed when it was written
    notes = {n.rule: n for n in PortfolioNote.objects.filter(cycle=world.cycle)}
    assert {"orphan", "missing-owner", "too-few-key-results"} <= set(notes)
    assert notes["orphan"].mentions == [[o["orphan"].pk, None, o["orphan"].title]]
    assert notes["orphan"].team_id is None  # about the whole cycle
    missing = notes["missing-owner"]
    assert missing.team_id is not None and missing.mention_count == len(missing.mentions)
    for i in range(10):
        factories.make_key_result(
            factories.make_objective(world.cycle, f"Grow {i}", team=world.payments)
        )
    with CaptureQueriesContext(connection) as more:
        analyse_cycle(world.cycle)
    assert max(len(queries), len(more)) <= 22  # whatever the cycle's size


def test_the_analysis_is_queued_once_however_many_changes_follow(world: World) -> None:
    """The services stamp the change and queue one job; while it waits, more changes only
    move the stamp (so the stored results say they are behind)."""
    build(world)
    row = CycleAnalysis.objects.get(cycle=world.cycle)
    assert row.queued and not row.is_current
    analyse_cycle(world.cycle)
    row.refresh_from_db()
    assert row.is_current and not row.queued
    objective_update(
        actor=None, objective=Objective.objects.filter(cycle=world.cycle).first(), title="Renamed"
    )
    row.refresh_from_db()
    assert row.queued and not row.is_current
