"""The alignment page: the tree from the company down, key-result links, orphans apart."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bearing.okrs.models import Objective
from bearing.okrs.services.alignment import link_create
from bearing.okrs.services.cycles import cycle_create
from bearing.okrs.services.measurements import measurement_add
from tests import factories
from tests.conftest import World
from tests.reads import reads
from tests.web.conftest import OKRs, at, page

URL = "/o/acme/alignment/"


def test_the_navigation_links_to_it(okrs: OKRs, as_bob: Client) -> None:
    assert f'<a href="{URL}">Alignment</a>' in page(as_bob, "/o/acme/")
    assert f'<a href="{URL}" aria-current="page">Alignment</a>' in page(as_bob, URL)


def tree_of(html: str) -> str:
    start = html.index('id="tree-heading"')
    return html[start : html.index("</section>", start)]


def test_tree_from_company_down_with_key_result_links(
    world: World, okrs: OKRs, as_bob: Client
) -> None:
    refunds = factories.make_objective(okrs.cycle, "Make refunds instant", team=world.payments)
    link_create(actor=None, child=refunds, parent_key_result=okrs.kr, kind="cascaded")
    tree = tree_of(page(as_bob, URL))
    company = tree.index("Delight every customer")
    payments = tree.index("Make payments effortless")
    kr = tree.index("Cut payment time from 120 s to 24 s")
    refund = tree.index("Make refunds instant")
    assert company < payments < kr < refund
    assert tree.count("<details open>") == 3  # company, payments and its key result
    assert 'class="kr-node yellow"' in tree and 'class="node red"' in tree and "leaf none" in tree
    assert "cascaded" in tree
    assert '<span class="score yellow" title="yellow">0.5<' in tree


def test_orphans_are_counted_and_listed_on_the_health_page(
    world: World, okrs: OKRs, as_bob: Client
) -> None:
    factories.make_objective(okrs.cycle, "Tidy the office", team=okrs.growth)
    html = page(as_bob, URL)
    assert "Tidy the office" not in tree_of(html)
    assert "1 orphan</a>" in html and "/o/acme/alignment/health/" in html


def test_private_objectives_are_hidden_from_others(
    world: World, okrs: OKRs, as_carol: Client, as_bob: Client
) -> None:
    secret = factories.make_objective(
        okrs.cycle, "Reorganize payments", team=world.payments, visibility="private"
    )
    link_create(actor=None, child=secret, parent_objective=okrs.company_objective)
    assert "Reorganize payments" not in page(as_carol, URL)
    assert "Reorganize payments" in page(as_bob, URL)  # Bob leads Payments
    below = f"/o/acme/alignment/below/{okrs.company_objective.pk}/"
    assert "Reorganize payments" not in page(as_carol, below)


def test_objectives_aligned_to_another_cycle_are_not_orphans(
    world: World, okrs: OKRs, as_alice: Client
) -> None:
    year = cycle_create(actor=None, organization=world.org, name="The year", start=okrs.cycle.start,
                        end=okrs.cycle.start.replace(year=okrs.cycle.start.year + 1), state="active")  # fmt: skip
    okrs.cycle.parent = year
    okrs.cycle.save()
    yearly = factories.make_objective(year, "Become the default way to pay")
    quarterly = factories.make_objective(okrs.cycle, "Launch in Spain", team=okrs.growth)
    link_create(actor=None, child=quarterly, parent_objective=yearly)
    html = page(as_alice, f"{URL}?cycle={okrs.cycle.pk}")
    detached = html[html.index('id="detached-heading"') :]
    assert "Launch in Spain" in detached
    assert "0 orphans</a>" in html


def chain(world: World, okrs: OKRs, length: int) -> list[Objective]:
    """Objectives each serving the one before, under Payments' objective."""
    parent, out = okrs.objective, list[Objective]()
    for i in range(length):
        parent = factories.make_objective(okrs.cycle, f"Level {i + 2} goal", team=okrs.growth)
        link_create(actor=None, child=parent, parent_objective=out[-1] if out else okrs.objective)
        out.append(parent)
    return out


def test_deeper_branches_open_on_demand(world: World, okrs: OKRs, as_bob: Client) -> None:
    """Two levels below the company show at once; a deeper branch says how many objectives
    it holds and loads them when opened (htmx), or opens on a page of its own."""
    deep = chain(world, okrs, 3)  # company → payments → level 2 → level 3 → level 4
    tree = tree_of(page(as_bob, URL))
    assert "Level 2 goal" in tree and "Level 3 goal" not in tree
    below = f"/o/acme/alignment/below/{deep[0].pk}/"
    assert f'hx-get="{below}"' in tree and "1 below" in tree
    assert f"?cycle={okrs.cycle.pk}&amp;root={deep[0].pk}" in tree  # the no-JavaScript way
    fragment = page(as_bob, below)
    assert "Level 3 goal" in fragment and "Level 4 goal" not in fragment
    subtree = tree_of(page(as_bob, f"{URL}?root={deep[0].pk}"))
    assert (
        subtree.index("Level 2 goal")
        < subtree.index("Level 3 goal")
        < subtree.index("Level 4 goal")
    )


def test_a_team_filter_shows_its_objectives_and_what_serves_them(
    world: World, okrs: OKRs, as_bob: Client
) -> None:
    chain(world, okrs, 1)
    tree = tree_of(page(as_bob, f"{URL}?team={okrs.growth.pk}"))
    assert "Growth's objectives" in tree and "Level 2 goal" in tree
    assert "Delight every customer" not in tree
    by_name = tree_of(page(as_bob, f"{URL}?team=growth"))
    assert "Level 2 goal" in by_name
    assert "No team called" in page(as_bob, f"{URL}?team=Nobody")


def test_a_crowded_level_says_how_many_more(world: World, okrs: OKRs, as_bob: Client) -> None:
    factories.bulk_objectives(okrs.cycle, 60, team=okrs.growth, under=okrs.company_objective)
    tree = tree_of(page(as_bob, URL))
    assert "and 11 more" in tree  # 50 of 61 children shown (60 and Payments')


def add_branch(world: World, okrs: OKRs, i: int) -> None:
    team = factories.make_team(world.org, f"Team {i}")
    parent = factories.make_objective(okrs.cycle, f"Department goal {i}", team=team)
    link_create(actor=None, child=parent, parent_objective=okrs.company_objective)
    kr = factories.make_key_result(parent, f"Grow thing {i} from 0 to 10", kind="increase",
                                   start=Decimal(0), target=Decimal(10))  # fmt: skip
    measurement_add(actor=None, key_result=kr, value=Decimal(i % 10), measured_at=at(3))
    child = factories.make_objective(okrs.cycle, f"Team goal {i}", team=team)
    link_create(actor=None, child=child, parent_key_result=kr)
    link_create(actor=None, child=child, parent_objective=okrs.objective)  # two parents
    factories.make_objective(okrs.cycle, f"Orphan {i}", team=team)


@pytest.mark.parametrize("size", [1, 15])
def test_query_count_does_not_grow(world: World, okrs: OKRs, as_bob: Client, size: int) -> None:
    for i in range(size):
        add_branch(world, okrs, i)
    with CaptureQueriesContext(connection) as queries:
        html = page(as_bob, URL)
    assert html.count("(also shown above)") == size  # a second parent does not repeat a subtree
    # session, person, membership, cycles, current cycle, teams (filter), roots and their
    # counts, two levels of four, orphans and objectives counted, detached listed and counted,
    # the inbox's unread count; the North Star above the tree and its readings (two queries)
    assert len(queries) <= 25, "\n".join(q["sql"] for q in queries)


def test_rows_read_stay_put_as_the_cycle_grows(world: World, okrs: OKRs, as_bob: Client) -> None:
    """Past a few hundred objectives the page reads the same rows whatever the cycle's size:
    the first levels up to the page's budget, counts for the rest."""
    first = factories.bulk_objectives(
        okrs.cycle, 60, team=okrs.growth, under=okrs.company_objective
    )
    with reads() as small:
        page(as_bob, URL)
    for i, parent in enumerate(first[:10]):
        factories.bulk_objectives(okrs.cycle, 60, team=okrs.growth, under=parent, prefix=f"Sub {i}")
    with reads() as large:  # ten times the objectives
        page(as_bob, URL)
    assert large.queries == small.queries
    assert large.rows <= small.rows + 60, (small, large)
