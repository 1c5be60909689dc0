"""The alignment tree of a cycle as a flat list of rows, ready to render without recursion.

Alignment is a many-to-many graph: an objective may serve several parents,
and a parent may be a key result. The outline walks it from the roots (the
company objectives) down; children that serve a key result are grouped under
that key result. An objective reached a second time is not expanded again but
marked as a repeat, so the outline grows with the links, never exponentially.

Objectives the walk never reaches are either **orphans** (they align to
nothing: each is walked as a tree of its own) or **detached** (their parents
are outside the outline: another cycle, or hidden from the reader).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Generic, TypeVar

from bearing.domain.alignment import AlignmentGraph

N = TypeVar("N", bound=Hashable)  # objective ids
K = TypeVar("K", bound=Hashable)  # key-result ids


class Step(StrEnum):
    OPEN = "open"  # an objective with children: what follows is nested under it
    CLOSE = "close"
    LEAF = "leaf"  # an objective with no children
    REPEAT = "repeat"  # an objective shown in full elsewhere in the outline
    KR_OPEN = "kr_open"  # a key result that children serve
    KR_CLOSE = "kr_close"


@dataclass(frozen=True)
class Row(Generic[N, K]):
    """One line of the outline. For an objective shown under a parent, ``parent`` is that
    objective and ``key_result`` the parent's key result it serves, if any."""

    step: Step
    objective: N
    key_result: K | None = None
    depth: int = 0
    parent: N | None = None


@dataclass(frozen=True)
class OutlineLink(Generic[N, K]):
    child: N
    parent: N  # the parent objective, or the objective of the parent key result
    key_result: K | None = None


@dataclass
class Outline(Generic[N, K]):
    tree: list[Row[N, K]] = field(default_factory=list)
    orphans: list[Row[N, K]] = field(default_factory=list)
    detached: list[N] = field(default_factory=list)


def build_outline(
    objectives: Sequence[N],
    roots: Iterable[N],
    links: Iterable[OutlineLink[N, K]],
    key_results: dict[N, Sequence[K]],
) -> Outline[N, K]:
    """Walk ``objectives`` from ``roots``; ``key_results`` orders each objective's key results.

    Links naming objectives outside ``objectives`` are ignored (their children
    become detached or orphans).
    """
    known = set(objectives)
    links = [link for link in links if link.child in known]
    graph = AlignmentGraph.from_edges(objectives, ((link.child, link.parent) for link in links))
    direct: dict[N, list[N]] = {}
    via_kr: dict[tuple[N, K], list[N]] = {}
    for link in links:
        if link.parent not in known or link.child == link.parent:
            continue
        if link.key_result is None:
            _add(direct.setdefault(link.parent, []), link.child)
        else:
            _add(via_kr.setdefault((link.parent, link.key_result), []), link.child)
    walker = _Walker(direct, via_kr, key_results)
    outline: Outline[N, K] = Outline()
    # A company objective serving another one is reached through it, not walked as a root.
    for root in dict.fromkeys(r for r in roots if r in known and not graph.parents(r)):
        walker.walk(root, outline.tree)
    has_parent = {link.child for link in links}
    for node in graph.roots():
        if node not in walker.seen and node not in has_parent:
            walker.walk(node, outline.orphans)
    outline.detached = [n for n in objectives if n not in walker.seen]
    return outline


def _add(items: list[N], item: N) -> None:
    if item not in items:
        items.append(item)


class _Walker(Generic[N, K]):
    def __init__(
        self,
        direct: dict[N, list[N]],
        via_kr: dict[tuple[N, K], list[N]],
        key_results: dict[N, Sequence[K]],
    ) -> None:
        self.direct = direct
        self.via_kr = via_kr
        self.key_results = key_results
        self.seen: set[N] = set()

    def groups(self, node: N) -> list[tuple[K | None, list[N]]]:
        """The node's children: first by key result in the key results' order, then direct."""
        groups: list[tuple[K | None, list[N]]] = [
            (kr, self.via_kr[(node, kr)])
            for kr in self.key_results.get(node, ())
            if (node, kr) in self.via_kr
        ]
        if node in self.direct:
            groups.append((None, self.direct[node]))
        return groups

    def walk(self, root: N, out: list[Row[N, K]]) -> None:
        # An explicit stack: a long chain of objectives must not hit the recursion limit.
        stack: list[Row[N, K] | _Visit[N, K]] = [_Visit(root, 0)]
        while stack:
            item = stack.pop()
            if isinstance(item, Row):
                out.append(item)
            elif item.node in self.seen:
                out.append(item.row(Step.REPEAT))
            else:
                stack.extend(reversed(self.expand(item)))

    def expand(self, visit: _Visit[N, K]) -> list[Row[N, K] | _Visit[N, K]]:
        """The rows and visits that stand for an objective seen here for the first time."""
        node, depth = visit.node, visit.depth
        self.seen.add(node)
        groups = self.groups(node)
        if not groups:
            return [visit.row(Step.LEAF)]
        items: list[Row[N, K] | _Visit[N, K]] = [visit.row(Step.OPEN)]
        for kr, children in groups:
            if kr is None:
                items.extend(_Visit(child, depth + 1, node) for child in children)
                continue
            items.append(Row(Step.KR_OPEN, objective=node, key_result=kr, depth=depth + 1))
            items.extend(_Visit(child, depth + 2, node, kr) for child in children)
            items.append(Row(Step.KR_CLOSE, objective=node, key_result=kr, depth=depth + 1))
        items.append(Row(Step.CLOSE, objective=node, depth=depth))
        return items


@dataclass(frozen=True)
class _Visit(Generic[N, K]):
    node: N
    depth: int
    parent: N | None = None
    via: K | None = None

    def row(self, step: Step) -> Row[N, K]:
        return Row(
            step, objective=self.node, key_result=self.via, depth=self.depth, parent=self.parent
        )
