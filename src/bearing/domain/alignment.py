"""The alignment graph: which objectives serve which, walks over it, and connectivity.

Links may point at an objective or at one of its key results; for walking the
tree a link to a key result counts as a link to its objective (okr-file-format
"max_depth"). Nodes are any hashable ids: refs from an OKR file, primary keys
from the database.

Connectivity (PRODUCT.md "Alignment analytics"): ``connectivity`` measures a
cycle from plain ``ObjectiveNode``s, whatever their source; ``align_report``
is `bearing align` for an OKR file. The data types, thresholds and warning
rules live in ``connectivity`` and the look-alike detector in ``similarity``;
both are re-exported here. docs/alignment.md defines every figure.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, Generic, TypeVar

from bearing.domain.connectivity import (
    DEFAULT_THRESHOLDS,
    Connectivity,
    ConnectivityThresholds,
    ConnectivityWarning,
    ObjectiveNode,
    TrendPoint,
    connectivity_warnings,
    percentage,
    weekly_trend,
)
from bearing.domain.model import LinkKind, Objective, OKRSet
from bearing.domain.scoring import mean_score
from bearing.domain.similarity import MeaningModel, SimilarPair, similar_pairs

N = TypeVar("N", bound=Hashable)


@dataclass(frozen=True)
class AlignmentGraph(Generic[N]):
    nodes: tuple[N, ...]
    parents_of: Mapping[N, tuple[N, ...]]
    children_of: Mapping[N, tuple[N, ...]]

    @classmethod
    def from_edges(cls, nodes: Iterable[N], edges: Iterable[tuple[N, N]]) -> AlignmentGraph[N]:
        """Build from (child, parent) pairs; pairs naming unknown nodes or self-links are dropped."""
        ordered = tuple(dict.fromkeys(nodes))
        known = set(ordered)
        parents: dict[N, list[N]] = {n: [] for n in ordered}
        children: dict[N, list[N]] = {n: [] for n in ordered}
        for child, parent in edges:
            if child == parent or child not in known or parent not in known:
                continue
            if parent not in parents[child]:
                parents[child].append(parent)
                children[parent].append(child)
        return cls(
            nodes=ordered,
            parents_of={n: tuple(p) for n, p in parents.items()},
            children_of={n: tuple(c) for n, c in children.items()},
        )

    def parents(self, node: N) -> tuple[N, ...]:
        return self.parents_of.get(node, ())

    def children(self, node: N) -> tuple[N, ...]:
        return self.children_of.get(node, ())

    def roots(self) -> list[N]:
        """Objectives that align to nothing (company objectives and orphans)."""
        return [n for n in self.nodes if not self.parents_of[n]]

    def ancestors(self, node: N) -> list[N]:
        return _walk(node, self.parents)

    def descendants(self, node: N) -> list[N]:
        return _walk(node, self.children)

    def find_cycle(self) -> list[N] | None:
        """A list of nodes that form a cycle (first node repeated last), or None."""
        state: dict[N, int] = {}  # 1 = on the current path, 2 = done
        for start in self.nodes:
            if state.get(start):
                continue
            path: list[N] = []
            stack: list[tuple[N, int]] = [(start, 0)]
            while stack:
                node, i = stack.pop()
                if i == 0:
                    state[node] = 1
                    path.append(node)
                kids = self.children(node)
                if i < len(kids):
                    stack.append((node, i + 1))
                    kid = kids[i]
                    if state.get(kid) == 1:
                        return [*path[path.index(kid) :], kid]
                    if not state.get(kid):
                        stack.append((kid, 0))
                else:
                    state[node] = 2
                    path.pop()
        return None

    def would_create_cycle(self, child: N, parent: N) -> bool:
        """Whether linking child → parent would close a loop."""
        return child == parent or child in self.ancestors(parent)

    def depths_from(self, roots: Iterable[N]) -> dict[N, int]:
        """Longest chain length from any of ``roots`` to each reachable node (a root is 1)."""
        reachable: set[N] = set()
        starts = [r for r in roots if r in self.parents_of]
        for r in starts:
            reachable.add(r)
            reachable.update(self.descendants(r))
        depth: dict[N, int] = {}
        for node in self._topological(reachable):
            in_reach = [depth[p] for p in self.parents(node) if p in depth]
            depth[node] = 1 + max(in_reach, default=0)
        return depth

    def max_depth(self, roots: Iterable[N]) -> int:
        return max(self.depths_from(roots).values(), default=0)

    def rollup(self, values: Mapping[N, Decimal | None]) -> dict[N, Decimal | None]:
        """For each node, the mean of its own value and all its descendants' values, as a score."""
        return {n: mean_score(values.get(m) for m in [n, *self.descendants(n)]) for n in self.nodes}

    def _topological(self, subset: set[N]) -> list[N]:
        indegree = {n: sum(1 for p in self.parents(n) if p in subset) for n in subset}
        queue = deque(n for n in self.nodes if n in subset and indegree[n] == 0)
        order: list[N] = []
        while queue:
            node = queue.popleft()
            order.append(node)
            for kid in self.children(node):
                if kid in indegree:
                    indegree[kid] -= 1
                    if indegree[kid] == 0:
                        queue.append(kid)
        return order  # nodes on a cycle are left out: they have no longest chain


def _walk(start: N, step: Callable[[N], Iterable[N]]) -> list[N]:
    seen: dict[N, None] = {}
    queue = deque(step(start))
    while queue:
        node = queue.popleft()
        if node in seen or node == start:
            continue
        seen[node] = None
        queue.extend(step(node))
    return list(seen)


def objective_graph(objectives: Iterable[Objective]) -> AlignmentGraph[str]:
    """The graph of an OKR set by objective ref; key-result links count as links to their objective."""
    objectives = list(objectives)
    owner_of = _objective_of_ref(objectives)
    edges = [
        (o.ref, owner_of[link.parent_ref])
        for o in objectives
        for link in o.links
        if link.parent_ref in owner_of
    ]
    return AlignmentGraph.from_edges((o.ref for o in objectives), edges)


def _objective_of_ref(objectives: Iterable[Objective]) -> dict[str, str]:
    """Objective ref for every objective and key-result ref."""
    owner_of: dict[str, str] = {}
    for o in objectives:
        owner_of[o.ref] = o.ref
        for kr in o.key_results:
            owner_of[kr.ref] = o.ref
    return owner_of


def connectivity(
    nodes: Sequence[ObjectiveNode[N]],
    thresholds: ConnectivityThresholds = DEFAULT_THRESHOLDS,
    previous: Connectivity[Any] | None = None,
    meaning: MeaningModel | None = None,
) -> Connectivity[N]:
    """The connectivity figures and warnings of one snapshot of a cycle.

    ``previous`` is the snapshot to compare with (last week's, say); without
    it the rules that watch a trend stay silent. ``meaning`` finds look-alikes
    by meaning as well as by words (``bearing.semantic.meaning_of``).
    """
    ids = [n.id for n in nodes]
    if len(set(ids)) != len(ids):
        raise ValueError("objective ids must be unique")
    others = [n for n in nodes if not n.is_company]
    companies = [n.id for n in nodes if n.is_company]
    graph = AlignmentGraph.from_edges(ids, ((n.id, p) for n in nodes for p in n.parents))
    aligned = sum(1 for n in others if n.is_aligned)
    cascaded = sum(1 for n in others if n.cascaded)
    cross = sum(1 for n in nodes if n.is_cross_functional)
    threshold = thresholds.similarity_threshold
    # Linked objectives (a child and its parent or grandparent) echo each other by design:
    # only pairs with no chain of links between them are news (000).
    figures = Connectivity(
        objectives=len(nodes),
        company_objectives=len(companies),
        aligned=aligned,
        cascaded=cascaded,
        cross_functional=cross,
        aligned_pct=percentage(aligned, len(others)),
        cascaded_pct=percentage(cascaded, len(others)),
        cross_functional_pct=percentage(cross, len(nodes)),
        max_depth=graph.max_depth(companies),
        orphans=tuple(n.id for n in others if not n.is_aligned),
        similar=()
        if threshold is None
        else similar_pairs(nodes, threshold, meaning, related=_linked_in(graph)),
    )
    titles = {n.id: n.title for n in nodes}
    return replace(figures, warnings=connectivity_warnings(figures, titles, thresholds, previous))


def _linked_in(graph: AlignmentGraph[N]) -> Callable[[N, N], bool]:
    """Whether two objectives are linked by a chain of alignment links. Each objective's
    ancestors are the union of its parents' (memoized, so a cycle of thousands of
    objectives with long chains is walked once, not once per candidate pair)."""
    ancestors: dict[N, frozenset[N]] = {}

    def of(node: N) -> frozenset[N]:
        stack = [node]
        while stack:
            top = stack[-1]
            if top in ancestors:
                stack.pop()
                continue
            todo = [p for p in graph.parents(top) if p not in ancestors and p not in stack]
            if todo:
                stack += todo
                continue
            stack.pop()
            # A parent still on the stack is on a loop: it adds itself, not its ancestors.
            found: set[N] = set()
            for p in graph.parents(top):
                found.add(p)
                found |= ancestors.get(p, frozenset())
            found.discard(top)
            ancestors[top] = frozenset(found)
        return ancestors[node]

    return lambda a, b: a in of(b) or b in of(a)


def objective_nodes(okrs: OKRSet) -> list[ObjectiveNode[str]]:
    """The objectives of an OKR set as connectivity nodes, keyed by ref."""
    company = okrs.company.name
    owner_of = _objective_of_ref(okrs.objectives)
    nodes = []
    for o in okrs.objectives:
        parents = (owner_of.get(link.parent_ref) for link in o.links)
        nodes.append(
            ObjectiveNode(
                id=o.ref,
                team=o.team,
                is_company=o.team == company,
                title=o.title,
                key_result_titles=tuple(kr.title for kr in o.key_results),
                contributors=o.contributors,
                # aligned_to an objective and cascaded_from its key result is one parent
                parents=tuple(dict.fromkeys(p for p in parents if p is not None and p != o.ref)),
                cascaded=any(link.kind is LinkKind.CASCADED for link in o.links),
            )
        )
    return nodes


def connectivity_of(
    okrs: OKRSet,
    thresholds: ConnectivityThresholds = DEFAULT_THRESHOLDS,
    meaning: MeaningModel | None = None,
) -> Connectivity[str]:
    """Connectivity of the cycle an OKR file describes."""
    return connectivity(objective_nodes(okrs), thresholds, meaning=meaning)


def align_report(
    okrs: OKRSet,
    thresholds: ConnectivityThresholds = DEFAULT_THRESHOLDS,
    meaning: MeaningModel | None = None,
) -> dict[str, Any]:
    """What `bearing align --format json` prints (okr-file-format.md); numbers stay Decimal."""
    c = connectivity_of(okrs, thresholds, meaning)
    return {
        "objectives": c.objectives,
        "company_objectives": c.company_objectives,
        "aligned_pct": c.aligned_pct,
        "cascaded_pct": c.cascaded_pct,
        "cross_functional_pct": c.cross_functional_pct,
        "max_depth": c.max_depth,
        "orphans": list(c.orphans),
        "similar": [
            {"refs": [p.a, p.b], "teams": [p.team_a, p.team_b], "similarity": p.similarity}
            for p in c.similar
        ],
        "warnings": [{"rule": w.rule, "message": w.message} for w in c.warnings],
    }


def format_align_text(report: Mapping[str, Any]) -> str:
    """A readable rendering of ``align_report`` for `bearing align --format text`."""

    def pct(key: str, of: str) -> str:
        value = report[key]
        return f"{value}% of {of}" if value is not None else f"n/a (no {of})"

    lines = [
        f"Objectives:        {report['objectives']} ({report['company_objectives']} company)",
        f"Aligned:           {pct('aligned_pct', 'non-company objectives')}",
        f"Cascaded:          {pct('cascaded_pct', 'non-company objectives')}",
        f"Cross-functional:  {pct('cross_functional_pct', 'objectives')}",
        f"Max depth:         {report['max_depth']}",
        f"Orphans:           {', '.join(report['orphans']) or 'none'}",
        f"Look-alike pairs:  {len(report['similar']) or 'none'}",
    ]
    lines += [
        f"  {p['similarity']}  {p['refs'][0]} ({p['teams'][0]})  ~  {p['refs'][1]} ({p['teams'][1]})"
        for p in report["similar"]
    ]
    lines.append(f"Warnings:          {len(report['warnings']) or 'none'}")
    lines += [f"  [{w['rule']}] {w['message']}" for w in report["warnings"]]
    return "\n".join(lines) + "\n"


__all__ = [
    "DEFAULT_THRESHOLDS",
    "AlignmentGraph",
    "Connectivity",
    "ConnectivityThresholds",
    "ConnectivityWarning",
    "ObjectiveNode",
    "SimilarPair",
    "TrendPoint",
    "align_report",
    "connectivity",
    "connectivity_of",
    "format_align_text",
    "objective_graph",
    "objective_nodes",
    "weekly_trend",
]
