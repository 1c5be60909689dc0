"""The Coach page: every objective and key result of a team in a cycle, rated, worst first."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bearing.okrs.analysis import analyse_cycle
from bearing.okrs.models import Objective
from tests import factories
from tests.conftest import World
from tests.reads import reads
from tests.web.conftest import OKRs, page
from tests.web.test_alignment_page import add_branch

URL = "/o/acme/coach/"


def section(html: str, heading: str) -> str:
    start = html.index(f'id="{heading}"')
    end = html.find('<section class="section"', start)
    return html[start : end if end > 0 else len(html)]


def test_the_navigation_links_to_it(okrs: OKRs, as_vic: Client) -> None:
    assert f'<a href="{URL}">Coach</a>' in page(as_vic, "/o/acme/")
    assert f'<a href="{URL}" aria-current="page">Coach</a>' in page(as_vic, URL)


def test_shows_the_members_own_team_by_default_with_ratings_and_findings(
    okrs: OKRs, as_bob: Client
) -> None:
    html = page(as_bob, URL)
    assert "Payments · Now" in html  # Bob's team, the running cycle
    assert "Delight every customer" not in html  # the company's objective is another team's
    items = section(html, "items-heading")
    assert f'href="/o/acme/objectives/{okrs.objective.pk}/">Make payments effortless</a>' in items
    refunds = items[items.index("Launch instant refunds") :]
    assert "rating-limiting" in refunds[:400]
    # The output finding, its suggestion and its rule id, in that order.
    assert "is a task (an output), not a result" in refunds
    assert refunds.index("kr-output") < refunds.index("kr-binary")
    assert 'class="suggestion"' in refunds
    assert "Cut payment time from 120 s to 24 s" in items


def test_all_teams_and_other_cycles_can_be_chosen(world: World, okrs: OKRs, as_bob: Client) -> None:
    html = page(as_bob, f"{URL}?team=all&cycle={okrs.cycle.pk}")
    assert "All teams · Now" in html
    assert "Delight every customer" in html and "Make payments effortless" in html
    switcher = html[
        html.index('class="switcher"') : html.index("</form>", html.index('class="switcher"'))
    ]
    assert f'<option value="{okrs.cycle.pk}" selected>' in switcher
    assert f'<option value="{world.cycle.pk}">' in switcher  # 2026-Q1, another cycle
    assert '<option value="all" selected>All teams</option>' in switcher
    other = page(as_bob, f"{URL}?team={okrs.growth.pk}&cycle={world.cycle.pk}")
    assert "Growth has no objectives you can see in 2026-Q1." in other


def test_objectives_needing_the_most_work_come_first(
    world: World, okrs: OKRs, as_bob: Client
) -> None:
    factories.make_objective(
        okrs.cycle, "Make refunds feel instant for every customer", team=world.payments
    )
    Objective.objects.filter(pk=okrs.objective.pk).update(title="Make payments effortless")
    weak = factories.make_objective(
        okrs.cycle, "Implement PayPal and grow revenue 20%", team=world.payments
    )
    items = section(page(as_bob, URL), "items-heading")
    # Payments' own objective has a limiting key result; the new weak one is limiting itself;
    # the refunds one has no key results and nothing limiting: last.
    assert items.index(weak.title) < items.index("Make refunds feel instant")
    assert items.index("Make payments effortless") < items.index("Make refunds feel instant")


def test_portfolio_findings_name_and_link_what_they_are_about(
    world: World, okrs: OKRs, as_bob: Client
) -> None:
    second = factories.make_objective(okrs.cycle, "Make refunds instant", team=world.payments)
    analyse_cycle(okrs.cycle)  # the background job after that change
    portfolio = section(page(as_bob, URL), "portfolio-heading")
    assert "Payments has 2 objectives this cycle; the limit is 1 per team." in portfolio
    assert f'href="/o/acme/objectives/{second.pk}/">Make refunds instant</a>' in portfolio
    assert "too-many-objectives" in portfolio and "missing-owner" in portfolio
    assert "orphan" in portfolio  # the new one aligns to nothing
    world.org.max_objectives_per_team = 2
    world.org.save()
    analyse_cycle(okrs.cycle)
    assert "too-many-objectives" not in section(page(as_bob, URL), "portfolio-heading")


def test_findings_filter_by_rule_and_rating(world: World, okrs: OKRs, as_bob: Client) -> None:
    weak = factories.make_objective(
        okrs.cycle, "Grow revenue by 20% in Q3", team=world.payments
    )  # quantitative: limiting
    all_teams = f"{URL}?team=all"
    quantitative = page(as_bob, f"{all_teams}&rule=objective-quantitative")
    assert weak.title in quantitative and "Make payments effortless" not in quantitative
    limiting = page(as_bob, f"{all_teams}&rating=limiting")
    assert weak.title in limiting
    awesome = page(as_bob, f"{all_teams}&rating=awesome")
    assert weak.title not in awesome
    assert "Nothing matches these filters" in page(as_bob, f"{all_teams}&rule=kr-compound")


def test_objectives_come_twenty_to_a_page(world: World, okrs: OKRs, as_bob: Client) -> None:
    factories.bulk_objectives(okrs.cycle, 30, team=world.payments)
    first = page(as_bob, f"{URL}?team={world.payments.pk}")
    assert first.count('class="card coach-objective') == 20
    assert "1–20 of 31 objectives" in first
    second = page(as_bob, f"{URL}?team={world.payments.pk}&page=2")
    assert second.count('class="card coach-objective') == 11


def test_private_objectives_only_for_those_who_may_see_them(
    world: World, okrs: OKRs, as_bob: Client, as_carol: Client, as_vic: Client
) -> None:
    factories.make_objective(okrs.cycle, "Reorganize payments", team=world.payments,
                             owner=world.bob, visibility="private")  # fmt: skip
    url = f"{URL}?team={world.payments.pk}"
    assert "Reorganize payments" in page(as_bob, url)  # owner and lead
    for client in (as_carol, as_vic):
        html = page(client, url)
        assert "Reorganize payments" not in html
        assert "Make payments effortless" in html


def test_titles_are_escaped(world: World, okrs: OKRs, as_bob: Client) -> None:
    factories.make_objective(okrs.cycle, "Make <script>alert(1)</script> safe", team=world.payments)
    html = page(as_bob, URL)
    assert "<script>alert(1)</script>" not in html
    assert "Make &lt;script&gt;alert(1)&lt;/script&gt; safe" in html


def test_an_organization_without_cycles(as_mallory: Client) -> None:
    assert "There is no cycle yet." in page(as_mallory, "/o/globex/coach/")


@pytest.mark.parametrize("size", [1, 15])
def test_query_count_does_not_grow(world: World, okrs: OKRs, as_bob: Client, size: int) -> None:
    world.org.key_result_cap = 50  # many key results on one objective, past the default cap
    world.org.save()
    for i in range(size):
        add_branch(world, okrs, i)
        factories.make_key_result(
            okrs.objective, f"Grow {i}", kind="increase", start=Decimal(0), target=Decimal(9)
        )
    with CaptureQueriesContext(connection) as queries:
        html = page(as_bob, f"{URL}?team=all")
    assert html.count('class="card coach-objective') == min(2 + 3 * size, 20)
    # session, person, membership, cycles, teams, own teams, counts (objectives, key
    # results), the page (count, objectives, key results), notes (count, first), visible
    # mentions, analysis, the inbox's unread count
    assert len(queries) <= 17, "\n".join(q["sql"] for q in queries)


def test_rows_read_stay_put_as_the_cycle_grows(world: World, okrs: OKRs, as_bob: Client) -> None:
    factories.bulk_objectives(okrs.cycle, 30, team=world.payments)
    analyse_cycle(okrs.cycle)
    with reads() as small:
        page(as_bob, f"{URL}?team=all")
    factories.bulk_objectives(okrs.cycle, 300, team=world.payments, prefix="More")
    analyse_cycle(okrs.cycle)
    with reads() as large:
        page(as_bob, f"{URL}?team=all")
    assert large.queries == small.queries and large.rows <= small.rows + 2, (small, large)
