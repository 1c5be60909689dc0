"""Walks over the alignment graph: parents, children, ancestors, depth, cycles, rollups."""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bearing.domain.alignment import AlignmentGraph, objective_graph
from bearing.domain.model import KeyResult, Link, LinkKind, Objective

#        co
#       /  \
#      a    b
#     / \  /
#    c   d        (d has two parents: a and b)
#    |
#    e
#    x            (x aligns to nothing: an orphan)
EDGES = [("a", "co"), ("b", "co"), ("c", "a"), ("d", "a"), ("d", "b"), ("e", "c")]
TREE = AlignmentGraph.from_edges(["co", "a", "b", "c", "d", "e", "x"], EDGES)


@pytest.mark.parametrize(
    ("node", "parents", "children"),
    [
        ("co", (), ("a", "b")),
        ("a", ("co",), ("c", "d")),
        ("d", ("a", "b"), ()),
        ("e", ("c",), ()),
        ("x", (), ()),
        ("unknown", (), ()),
    ],
)
def test_parents_and_children(
    node: str, parents: tuple[str, ...], children: tuple[str, ...]
) -> None:
    assert TREE.parents(node) == parents
    assert TREE.children(node) == children


@pytest.mark.parametrize(
    ("node", "ancestors", "descendants"),
    [
        ("co", [], ["a", "b", "c", "d", "e"]),
        ("a", ["co"], ["c", "d", "e"]),
        ("d", ["a", "b", "co"], []),
        ("e", ["c", "a", "co"], []),
        ("x", [], []),
    ],
)
def test_ancestors_and_descendants(node: str, ancestors: list[str], descendants: list[str]) -> None:
    # Breadth first: nearer nodes come first, each node once.
    assert TREE.ancestors(node) == ancestors
    assert TREE.descendants(node) == descendants


def test_roots_are_company_objectives_and_orphans() -> None:
    assert TREE.roots() == ["co", "x"]


@pytest.mark.parametrize(
    ("edges", "dropped"),
    [
        ([("a", "a")], "self-link"),
        ([("a", "zz")], "unknown parent"),
        ([("zz", "a")], "unknown child"),
    ],
)
def test_from_edges_drops_links_it_cannot_place(edges: list[tuple[str, str]], dropped: str) -> None:
    graph = AlignmentGraph.from_edges(["a", "b"], edges)
    assert graph.parents("a") == (), dropped
    assert graph.children("a") == (), dropped


def test_from_edges_keeps_a_repeated_link_once_and_nodes_in_order() -> None:
    graph = AlignmentGraph.from_edges(["b", "a", "b"], [("a", "b"), ("a", "b")])
    assert graph.nodes == ("b", "a")
    assert graph.parents("a") == ("b",)
    assert graph.children("b") == ("a",)


@pytest.mark.parametrize(
    ("roots", "expected"),
    [
        (["co"], {"co": 1, "a": 2, "b": 2, "c": 3, "d": 3, "e": 4}),
        (["a"], {"a": 1, "c": 2, "d": 2, "e": 3}),
        (["x"], {"x": 1}),
        (["nowhere"], {}),
        ([], {}),
    ],
)
def test_depths_are_the_longest_chain_from_a_root(
    roots: list[str], expected: dict[str, int]
) -> None:
    assert TREE.depths_from(roots) == expected
    assert TREE.max_depth(roots) == max(expected.values(), default=0)


def test_depth_takes_the_longest_of_several_paths() -> None:
    # co -> a -> b and co -> b: b is at depth 3, not 2.
    graph = AlignmentGraph.from_edges(["co", "a", "b"], [("a", "co"), ("b", "a"), ("b", "co")])
    assert graph.depths_from(["co"]) == {"co": 1, "a": 2, "b": 3}


def test_depth_leaves_out_nodes_on_a_cycle() -> None:
    graph = AlignmentGraph.from_edges(
        ["co", "a", "b", "c"], [("a", "co"), ("b", "a"), ("c", "b"), ("b", "c")]
    )
    assert graph.depths_from(["co"]) == {"co": 1, "a": 2}


@pytest.mark.parametrize(
    ("edges", "cycle"),
    [
        ([], None),
        (EDGES, None),
        ([("a", "b"), ("b", "a")], ["a", "b", "a"]),
        ([("a", "b"), ("b", "c"), ("c", "a")], ["a", "c", "b", "a"]),
        ([("b", "a"), ("c", "b"), ("b", "c")], ["b", "c", "b"]),
    ],
)
def test_find_cycle(edges: list[tuple[str, str]], cycle: list[str] | None) -> None:
    graph = AlignmentGraph.from_edges(["co", "a", "b", "c", "d", "e", "x"], edges)
    assert graph.find_cycle() == cycle


@pytest.mark.parametrize(
    ("child", "parent", "closes"),
    [("co", "e", True), ("a", "a", True), ("b", "d", True), ("x", "e", False), ("c", "b", False)],
)
def test_would_create_cycle(child: str, parent: str, closes: bool) -> None:
    assert TREE.would_create_cycle(child, parent) is closes


def test_rollup_is_the_mean_of_a_node_and_its_descendants() -> None:
    values = {"co": Decimal("1.0"), "a": Decimal("0.5"), "c": Decimal("0.3"), "e": None}
    rolled = TREE.rollup(values)
    assert rolled["e"] is None  # nothing scored below or at e
    assert rolled["c"] == Decimal("0.3")
    assert rolled["a"] == Decimal("0.4")  # (0.5 + 0.3) / 2, d and e unscored
    assert rolled["co"] == Decimal("0.6")  # (1.0 + 0.5 + 0.3) / 3
    assert rolled["x"] is None


def test_objective_graph_resolves_key_result_links_to_their_objective() -> None:
    objectives = [
        Objective("Company", "Acme", ref="co", key_results=(KeyResult("KR", ref="co-kr"),)),
        Objective("A", "T1", ref="a", links=(Link("co-kr", LinkKind.CASCADED),)),
        Objective("B", "T2", ref="b", links=(Link("a"), Link("co"), Link("gone"))),
    ]
    graph = objective_graph(objectives)
    assert graph.parents("a") == ("co",)
    assert graph.parents("b") == ("a", "co")
    assert graph.max_depth(["co"]) == 3


nodes = st.integers(min_value=0, max_value=11)


@given(st.lists(st.tuples(nodes, nodes), max_size=40))
def test_walks_terminate_and_agree_on_any_graph(edges: list[tuple[int, int]]) -> None:
    graph = AlignmentGraph.from_edges(range(12), edges)
    for n in graph.nodes:
        ancestors = graph.ancestors(n)
        descendants = graph.descendants(n)
        assert len(ancestors) == len(set(ancestors)) < 12
        assert len(descendants) == len(set(descendants)) < 12
        assert n not in ancestors and n not in descendants
        for m in descendants:
            assert n in graph.ancestors(m)
    cycle = graph.find_cycle()
    if cycle is None:
        # Acyclic: every node gets a depth, and no chain is longer than the graph.
        depths = graph.depths_from(graph.roots())
        assert set(depths) == set(graph.nodes)
        assert graph.max_depth(graph.roots()) <= len(graph.nodes)
    else:
        assert cycle[0] == cycle[-1]
        for node, kid in pairwise(cycle):
            assert node in graph.parents(kid)  # the cycle runs from parent to child
