"""The alignment graph: which objectives serve which, and walks over it.

Links may point at an objective or at one of its key results; for walking the
tree a link to a key result counts as a link to its objective (okr-file-format
"max_depth"). Nodes are any hashable ids: refs from an OKR file, primary keys
from the database.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Generic, TypeVar

from bearing.domain.model import Objective
from bearing.domain.scoring import mean_score

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
        return {
            n: mean_score(values.get(m) for m in [n, *self.descendants(n)]) for n in self.nodes
        }

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
    owner_of = {o.ref: o.ref for o in objectives}
    for o in objectives:
        for kr in o.key_results:
            owner_of[kr.ref] = o.ref
    edges = [
        (o.ref, owner_of[link.parent_ref])
        for o in objectives
        for link in o.links
        if link.parent_ref in owner_of
    ]
    return AlignmentGraph.from_edges((o.ref for o in objectives), edges)
