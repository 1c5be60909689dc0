"""The alignment page: the tree from the company down, key-result links, orphans apart."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bearing.okrs.services.alignment import link_create
from bearing.okrs.services.cycles import cycle_create
from bearing.okrs.services.measurements import measurement_add
from tests import factories
from tests.conftest import World
from tests.web.conftest import OKRs, at, page

URL = "/o/acme/alignment/"


def test_the_navigation_links_to_it(okrs: OKRs, as_bob: Client) -> None:
    assert f'<a href="{URL}">Alignment</a>' in page(as_bob, "/o/acme/")
    assert f'<a href="{URL}" aria-current="page">Alignment</a>' in page(as_bob, URL)


def test_tree_from_company_down_with_key_result_links(
    world: World, okrs: OKRs, as_bob: Client
) -> None:
    refunds = factories.make_objective(okrs.cycle, "Make refunds instant", team=world.payments)
    link_create(actor=None, child=refunds, parent_key_result=okrs.kr, kind="cascaded")
    html = page(as_bob, URL)
    tree = html[html.index('id="tree-heading"') : html.index('id="orphans-heading"')]
    company = tree.index("Delight every customer")
    payments = tree.index("Make payments effortless")
    kr = tree.index("Cut payment time from 120 s to 24 s")
    refund = tree.index("Make refunds instant")
    assert company < payments < kr < refund
    assert tree.count("<details open>") == 3  # company, payments and its key result
    assert 'class="kr-node yellow"' in tree and 'class="node red"' in tree and "cascaded" in tree
    assert '<span class="score yellow" title="yellow">0.5<' in tree


def test_orphans_are_listed_apart(world: World, okrs: OKRs, as_bob: Client) -> None:
    factories.make_objective(okrs.cycle, "Tidy the office", team=okrs.growth)
    html = page(as_bob, URL)
    orphans = html[html.index('id="orphans-heading"') :]
    assert "Tidy the office" in orphans and "Make payments effortless" not in orphans
    assert "1 orphan ·" in html


def test_private_objectives_are_hidden_from_others(
    world: World, okrs: OKRs, as_carol: Client, as_bob: Client
) -> None:
    secret = factories.make_objective(
        okrs.cycle, "Reorganize payments", team=world.payments, visibility="private"
    )
    link_create(actor=None, child=secret, parent_objective=okrs.company_objective)
    assert "Reorganize payments" not in page(as_carol, URL)
    assert "Reorganize payments" in page(as_bob, URL)  # Bob leads Payments


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
    assert (
        "Launch in Spain"
        not in html[html.index('id="orphans-heading"') : html.index('id="detached-heading"')]
    )


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
    # session, person, membership, cycles, current cycle, objectives, key results,
    # measurements, links
    assert len(queries) <= 10, "\n".join(q["sql"] for q in queries)
