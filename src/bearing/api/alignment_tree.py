"""The cycle's alignment as a tree of scored objectives (GET /cycles/{id}/alignment).

Links are many-to-many, so an objective serving two parents appears under
both; its own children are spelled out the first time only (later it says
``repeated``), which keeps the answer as large as the cycle, never larger.
"""

from __future__ import annotations

from typing import Any

from bearing.api.auth import Caller
from bearing.api.present import cycle_out, objectives_for_output, score, scores
from bearing.domain.scoring import KRScore
from bearing.okrs.models import AlignmentLink, Cycle, KeyResult, Objective
from bearing.okrs.scoring import ScoredObjective
from bearing.okrs.selectors import visible_objectives

# Deeper than any real company; it bounds the answer's nesting for pathological data.
MAX_DEPTH = 50


def _is_company(objective: Objective) -> bool:
    return objective.team is not None and objective.team.parent_id is None


def _brief(item: ScoredObjective) -> dict[str, Any]:
    o, s = item.objective, item.scored
    return {
        "id": o.pk, "ref": o.ref, "title": o.title, "team": o.team_id,
        **scores(s.score, s.color, s.forecast, s.status),
    }  # fmt: skip


def _kr_brief(kr: KeyResult, s: KRScore) -> dict[str, Any]:
    return {
        "id": kr.pk, "ref": kr.ref, "title": kr.title,
        **scores(s.score, s.color, s.forecast, s.status),
    }  # fmt: skip


class _Tree:
    def __init__(self, scored: list[ScoredObjective]) -> None:
        self.scored = {item.objective.pk: item for item in scored}
        self.key_results = {kr.pk: (kr, s) for item in scored for kr, s in item.key_results}
        self.children: dict[int, list[tuple[int, AlignmentLink]]] = {}
        self.has_parent: set[int] = set()
        self.expanded: set[int] = set()
        for item in scored:
            for link in item.objective.parent_links.all():
                self._add(item.objective.pk, link)

    def _add(self, child: int, link: AlignmentLink) -> None:
        kr = link.parent_key_result
        parent = link.parent_objective_id or (kr.objective_id if kr is not None else None)
        if parent is not None and parent in self.scored and parent != child:
            self.children.setdefault(parent, []).append((child, link))
            self.has_parent.add(child)

    def node(self, objective_id: int, link: AlignmentLink | None, depth: int) -> dict[str, Any]:
        repeated = objective_id in self.expanded
        self.expanded.add(objective_id)
        below = self.children.get(objective_id, [])
        expand = not repeated and depth < MAX_DEPTH
        via = link.parent_key_result_id if link is not None else None
        return {
            "objective": _brief(self.scored[objective_id]),
            "kind": link.kind if link is not None else None,
            "via_key_result": _kr_brief(*self.key_results[via]) if via in self.key_results else None,
            "repeated": repeated,
            "children": [self.node(c, lk, depth + 1) for c, lk in below] if expand else [],
        }  # fmt: skip


def alignment_tree(caller: Caller, cycle: Cycle) -> dict[str, Any]:
    rows = objectives_for_output(visible_objectives(caller.membership).filter(cycle=cycle))
    objectives = list(rows.order_by("id"))
    tree = _Tree(score(caller, objectives))
    roots = sorted(
        (o for o in objectives if o.pk not in tree.has_parent),
        key=lambda o: (not _is_company(o), o.pk),
    )
    orphans = [o for o in objectives if not _is_company(o) and not list(o.parent_links.all())]
    return {
        "cycle": cycle_out(cycle),
        "roots": [tree.node(o.pk, None, 0) for o in roots],
        "orphans": [_brief(tree.scored[o.pk]) for o in orphans],
    }  # fmt: skip
