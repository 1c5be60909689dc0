"""The cycle's alignment as JSON (GET /cycles/{id}/alignment), from ``okrs.alignment_tree``:
the same rules as the Alignment page, read from the whole cycle at once (three queries) so
any depth costs the same, and bounded by ``limit`` objectives per answer."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from bearing.api.auth import Caller
from bearing.api.errors import BadInput
from bearing.api.present import cycle_out, scores
from bearing.api.schemas.alignment import TreeQuery
from bearing.okrs.alignment_health import visible_orphans
from bearing.okrs.alignment_tree import Node, TreeReader, detached_objectives
from bearing.okrs.models import Cycle, Objective
from bearing.okrs.scoring import as_of_for, objective_score
from bearing.orgs.models import Team

LISTED = 50


def alignment_tree(
    request: HttpRequest, caller: Caller, cycle: Cycle, q: TreeQuery
) -> dict[str, Any]:
    bands = caller.organization.bands
    as_of = as_of_for(cycle)
    if q.as_of is not None and not cycle.start <= q.as_of <= cycle.end:
        raise BadInput(f"as_of must be a day of {cycle.name}", ["query", "as_of"])
    reader = TreeReader(
        caller.membership, cycle, q.as_of or as_of, bands, whole_cycle=True,
        history=q.as_of is not None,
    )  # fmt: skip
    if q.root is not None:
        roots = reader.nodes(reader.visible.filter(pk=q.root))
        if not roots:
            raise BadInput("no such objective in this cycle", ["query", "root"])
    elif q.team is not None:
        if not Team.objects.filter(
            organization_id=caller.access.organization_id, pk=q.team
        ).exists():
            raise BadInput("no such team", ["query", "team"])
        roots = reader.nodes(reader.visible.filter(team_id=q.team))
    else:
        roots = reader.company_roots()
    tree = reader.expand(roots, q.depth, q.limit)
    base = request.build_absolute_uri(request.path)
    when = f"&as_of={q.as_of.isoformat()}" if q.as_of else ""
    orphans = visible_orphans(caller.membership, cycle)
    orphan_count = orphans.count()
    detached = detached_objectives(caller.membership, cycle)

    def brief(o: Objective) -> dict[str, Any]:
        s = objective_score(o, cycle, as_of, bands)
        return {
            "id": o.pk, "ref": o.ref, "title": o.title, "team": o.team_id,
            **scores(s.score, s.color, s.forecast, s.status),
        }  # fmt: skip

    def node(n: Node, via: Any = None) -> dict[str, Any]:
        children = None
        more = 0
        if n.children is not None:
            children = [node(c, g) for g in n.children for c in g.nodes]
            more = sum(g.more for g in n.children)
        o, s = n.objective, n.score
        return {
            "objective": {
                "id": o.pk, "ref": o.ref, "title": o.title, "team": o.team_id,
                **scores(s.score, s.color, s.forecast, s.status),
            },
            "kind": n.kind,
            "via_key_result": _kr(via),
            "repeated": n.repeated,
            "children_count": n.children_count,
            "children": children,
            "more": more,
            "expand": f"{base}?root={n.pk}{when}" if n.children_count and not n.repeated else None,
        }  # fmt: skip

    listed = list(orphans[:LISTED])
    return {
        "cycle": cycle_out(cycle),
        "roots": [node(n) for n in tree.roots],
        "truncated": tree.truncated,
        "orphans": [brief(o) for o in listed],
        "orphans_count": orphan_count,
        "orphans_next": _next(base, "orphans", len(listed), orphan_count),
        "detached": [brief(o) for o in detached[:LISTED]],
        "detached_count": detached.count(),
    }


def _kr(group: Any) -> dict[str, Any] | None:
    if group is None or group.key_result is None:
        return None
    kr, s = group.key_result, group.score
    return {
        "id": kr.pk, "ref": kr.ref, "title": kr.title,
        **scores(s.score, s.color, s.forecast, s.status),
    }  # fmt: skip


def _next(base: str, name: str, shown: int, total: int) -> str | None:
    if shown >= total:
        return None
    return f"{base.removesuffix('alignment')}{name}?offset={shown}&limit={shown}"
