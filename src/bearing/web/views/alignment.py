"""The alignment page: the cycle's tree from the company objectives down, with scores.

Bounded whatever the size of the cycle: cycles, objectives, key results,
measurements and links are one query each; the tree is built in Python
(``domain.outline``) and rendered from a flat list of rows, without recursion.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from bearing.domain.outline import OutlineLink, Row, build_outline
from bearing.domain.scoring import KRScore
from bearing.okrs.models import Cycle, KeyResult
from bearing.okrs.scoring import ScoredObjective, as_of_for, score_objectives
from bearing.okrs.selectors_web import alignment_objectives, cycle_links
from bearing.web.access import OrgRequest, member_required, org_context
from bearing.web.cycles import chosen_cycle


@dataclass(frozen=True)
class Line:
    """A row of the outline with what the template shows for it."""

    row: Row[int, int]
    item: ScoredObjective
    key_result: tuple[KeyResult, KRScore] | None
    link_kind: str


@dataclass(frozen=True)
class Tree:
    lines: list[Line]
    orphans: list[Line]
    detached: list[ScoredObjective]
    count: int

    @property
    def orphan_count(self) -> int:
        return sum(1 for line in self.orphans if line.row.depth == 0)


@member_required
def show_alignment(request: OrgRequest) -> HttpResponse:
    cycles, cycle = chosen_cycle(request, request.membership.organization)
    tree = _tree(request, cycle) if cycle else None
    organization = request.membership.organization.slug
    # The tree joins this with each id: reversing a thousand URLs took a noticeable time.
    objectives_url = reverse("web:objective", kwargs={"org": organization, "pk": 0}).removesuffix(
        "0/"
    )
    context = org_context(
        request,
        nav="alignment",
        cycles=cycles,
        cycle=cycle,
        tree=tree,
        objectives_url=objectives_url,
    )
    return render(request, "bearing/alignment.html", context)


def _tree(request: OrgRequest, cycle: Cycle) -> Tree:
    objectives = list(alignment_objectives(request.membership, cycle))
    bands = request.membership.organization.bands
    scored = {
        s.objective.pk: s for s in score_objectives(objectives, cycle, as_of_for(cycle), bands)
    }
    key_results = {kr.pk: (kr, score) for s in scored.values() for kr, score in s.key_results}
    kinds: dict[tuple[int, int, int | None], str] = {}
    links = []
    for child, parent, parent_kr, kr_objective, kind in cycle_links(cycle):
        owner = parent if parent is not None else kr_objective
        assert owner is not None
        links.append(OutlineLink(child, owner, parent_kr))
        kinds[(child, owner, parent_kr)] = kind
    outline = build_outline(
        [o.pk for o in objectives],
        roots=[o.pk for o in objectives if o.team is not None and o.team.is_company],
        links=links,
        key_results={o.pk: [kr.pk for kr in o.key_results.all()] for o in objectives},
    )

    def line(row: Row[int, int]) -> Line:
        kr = key_results.get(row.key_result) if row.key_result is not None else None
        kind = kinds.get((row.objective, row.parent, row.key_result), "") if row.parent else ""
        return Line(row, scored[row.objective], kr, kind)

    return Tree(
        lines=[line(r) for r in outline.tree],
        orphans=[line(r) for r in outline.orphans],
        detached=[scored[pk] for pk in outline.detached],
        count=len(objectives),
    )
