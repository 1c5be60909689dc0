"""The Alignment health page: the figures explained, the warnings, the weekly trend, orphans
and look-alike pairs a page at a time. Reading it writes nothing."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bearing.okrs.analysis import analyse_cycle
from bearing.okrs.analytics import snapshot_take
from bearing.okrs.models import (
    AlignmentLink,
    ChangeRecord,
    ConnectivitySnapshot,
    CycleAnalysis,
    Objective,
)
from tests import factories
from tests.conftest import World
from tests.reads import reads
from tests.web.conftest import OKRs, page
from tests.web.test_alignment_page import add_branch

URL = "/o/acme/alignment/health/"


def section(html: str, heading: str) -> str:
    start = html.index(f'id="{heading}"')
    end = html.find("</section>", start)
    return html[start:end]


def look_alikes(world: World, okrs: OKRs) -> tuple[Objective, Objective]:
    sales = factories.make_team(world.org, "Sales")
    marketing = factories.make_team(world.org, "Marketing")
    a = factories.make_objective(okrs.cycle, "Open the small-business market in Spain", team=sales)
    factories.make_key_result(a, "Sign 40 small-business customers in Spain", kind="increase",
                              start=Decimal(0), target=Decimal(40))  # fmt: skip
    b = factories.make_objective(
        okrs.cycle, "Win more small-business customers in Spain", team=marketing
    )
    factories.make_key_result(b, "Grow small-business sign-ups in Spain from 10 to 50",
                              kind="increase", start=Decimal(10), target=Decimal(50))  # fmt: skip
    analyse_cycle(okrs.cycle)  # what the worker does after these changes
    return a, b


def test_the_navigation_and_the_alignment_page_link_to_it(okrs: OKRs, as_vic: Client) -> None:
    assert f'<a href="{URL}">Alignment health</a>' in page(as_vic, "/o/acme/")
    html = page(as_vic, URL)
    assert f'<a href="{URL}" aria-current="page">Alignment health</a>' in html
    assert 'aria-label="Breadcrumb"><a href="/o/acme/alignment/?cycle=' in html
    assert f'<a href="{URL}?cycle={okrs.cycle.pk}">How connected is it?' in page(
        as_vic, "/o/acme/alignment/"
    )


def test_the_figures_with_plain_explanations(world: World, okrs: OKRs, as_bob: Client) -> None:
    factories.make_objective(
        okrs.cycle, "Tidy the office", team=okrs.growth, contributors=[world.payments]
    )
    figures = section(page(as_bob, URL), "figures-heading")
    # Company objective + Payments' (aligned) + Growth's orphan: 1 of 2 below the company aligned.
    assert '<dd class="figure-value">50.0%</dd>' in figures
    assert (
        "1 of the 2 objectives below the company serve an objective or key result above them."
        in figures
    )
    assert "0 of 2 were made from a key result above them." in figures
    assert "1 of the 3 objectives have another team contributing." in figures
    assert "Keep it at most 40%" in figures


def test_warnings_orphans_and_look_alike_pairs_with_links_to_both(
    world: World, okrs: OKRs, as_bob: Client
) -> None:
    a, b = look_alikes(world, okrs)
    html = page(as_bob, URL)
    warnings = section(html, "warnings-heading")
    assert "orphans-present" in warnings and "look-alike-objectives" in warnings
    orphans = section(html, "orphans-heading")
    assert (
        f'<a href="/o/acme/objectives/{a.pk}/">Open the small-business market in Spain</a>'
        in orphans
    )
    pairs = section(html, "similar-heading")
    assert f'<a href="/o/acme/objectives/{a.pk}/">{a.title}</a>' in pairs
    assert f'<a href="/o/acme/objectives/{b.pk}/">{b.title}</a>' in pairs
    assert "similarity 0." in pairs and "looks like" in pairs


def test_the_cascaded_share_above_the_organizations_limit_is_marked(
    world: World, okrs: OKRs, as_bob: Client
) -> None:
    AlignmentLink.objects.filter(pk=okrs.link.pk).update(kind="cascaded")
    html = page(as_bob, URL)
    assert '<span class="badge warn">above 40%</span>' in html
    assert "cascaded-above-threshold" in section(html, "warnings-heading")
    world.org.cascaded_warn_pct = Decimal(100)
    world.org.save()
    assert "cascaded-above-threshold" not in page(as_bob, URL)


def test_opening_it_writes_nothing(world: World, okrs: OKRs, as_vic: Client) -> None:
    """No snapshot, no analysis: weekly snapshots come from `bearing snapshot`, look-alikes
    from the background job (issue 8: no GET writes)."""
    look_alikes(world, okrs)
    changes = ChangeRecord.objects.count()
    analysis = CycleAnalysis.objects.get(cycle=okrs.cycle).computed_at
    page(as_vic, URL)
    assert not ConnectivitySnapshot.objects.exists()
    assert CycleAnalysis.objects.get(cycle=okrs.cycle).computed_at == analysis
    assert ChangeRecord.objects.count() == changes


def test_it_says_when_the_look_alikes_were_computed(
    world: World, okrs: OKRs, as_bob: Client
) -> None:
    first = page(as_bob, URL)
    assert "being computed for the first time" in first
    analyse_cycle(okrs.cycle)
    assert "Computed <time" in page(as_bob, URL)
    factories.make_objective(okrs.cycle, "Tidy the office", team=okrs.growth)
    behind = page(as_bob, URL)
    assert "newer changes are being taken in" in behind
    # The shares and orphans are counted live: the new orphan is there at once.
    assert "Tidy the office" in section(behind, "orphans-heading")


def test_a_cycle_without_snapshots_says_so(world: World, okrs: OKRs, as_bob: Client) -> None:
    html = page(as_bob, f"{URL}?cycle={world.cycle.pk}")
    assert "No weekly snapshots yet" in html


def test_the_trend_is_an_svg_line_with_a_text_alternative_and_a_table(
    world: World, okrs: OKRs, as_bob: Client
) -> None:
    now = timezone.now()
    Objective.objects.update(created_at=now - timedelta(days=40))
    AlignmentLink.objects.update(created_at=now - timedelta(days=40))
    for weeks in (3, 2, 1):
        snapshot_take(okrs.cycle, at=now - timedelta(weeks=weeks))
    html = page(as_bob, URL)
    trend = section(html, "trend-heading")
    assert '<svg viewBox="0 0 640 220" role="img" aria-labelledby="trend-title"' in trend
    assert '<title id="trend-title">Weekly connectivity of Now, 3 weeks from' in trend
    assert trend.count('<polyline class="trend-line"') == 3  # aligned, cascaded, cross-functional
    assert "cascaded limit 40%" in trend
    assert trend.count('<tr><th scope="row">') == 3  # reading the page recorded none


def test_private_objectives_count_but_are_not_named(
    world: World, okrs: OKRs, as_carol: Client, as_alice: Client
) -> None:
    _, b = look_alikes(world, okrs)
    Objective.objects.filter(pk=b.pk).update(visibility="private", owner=world.alice)
    html = page(as_carol, URL)
    assert b.title not in html
    assert "and 1 private objective you cannot see" in section(html, "orphans-heading")
    assert "and 1 pair with a private objective you cannot see" in section(html, "similar-heading")
    assert '<dd class="figure-value">2</dd>' in section(html, "figures-heading")  # orphans count
    assert b.title in page(as_alice, URL)


def test_titles_are_escaped(world: World, okrs: OKRs, as_bob: Client) -> None:
    factories.make_objective(okrs.cycle, "Make <script>alert(1)</script> safe", team=okrs.growth)
    html = page(as_bob, URL)
    assert "<script>alert(1)</script>" not in html
    assert "Make &lt;script&gt;alert(1)&lt;/script&gt; safe" in html


def test_an_organization_without_cycles(as_mallory: Client) -> None:
    assert "There is no cycle yet." in page(as_mallory, "/o/globex/alignment/health/")


def test_orphans_come_a_page_at_a_time_and_by_team(
    world: World, okrs: OKRs, as_bob: Client
) -> None:
    factories.bulk_objectives(okrs.cycle, 60, team=okrs.growth)
    html = page(as_bob, URL)
    orphans = section(html, "orphans-heading")
    assert "(60)" in orphans and orphans.count("<li>") == 50
    assert "1–50 of 60 orphans" in orphans and "?orphans=2" in orphans
    second = section(page(as_bob, f"{URL}?orphans=2"), "orphans-heading")
    assert second.count("<li>") == 10
    payments = section(page(as_bob, f"{URL}?team={world.payments.pk}"), "orphans-heading")
    assert "None in Payments" in payments


@pytest.mark.parametrize("size", [1, 15])
def test_query_count_does_not_grow(world: World, okrs: OKRs, as_bob: Client, size: int) -> None:
    for i in range(size):
        add_branch(world, okrs, i)
    analyse_cycle(okrs.cycle)
    with CaptureQueriesContext(connection) as queries:
        page(as_bob, URL)
    # session, person, membership, cycles, current cycle, teams (filter), analysis, counts,
    # orphans (count, page), pairs (count, page), previous snapshot, trend, the inbox's count
    assert len(queries) <= 15, "\n".join(q["sql"] for q in queries)


def test_rows_read_stay_put_as_the_cycle_grows(world: World, okrs: OKRs, as_bob: Client) -> None:
    factories.bulk_objectives(okrs.cycle, 60, team=okrs.growth)
    analyse_cycle(okrs.cycle)
    with reads() as small:
        page(as_bob, URL)
    factories.bulk_objectives(okrs.cycle, 600, team=okrs.growth, prefix="More")
    analyse_cycle(okrs.cycle)
    with reads() as large:
        page(as_bob, URL)
    assert large.queries == small.queries and large.rows == small.rows, (small, large)
