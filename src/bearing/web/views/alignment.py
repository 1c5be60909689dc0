"""The alignment page: the cycle's tree from the company objectives down, with scores.

Bounded whatever the cycle's size (``okrs.alignment_tree``): the first two levels below the
roots are shown (up to a few hundred objectives), the rest opens branch by branch (htmx:
``alignment_below``; without JavaScript, a branch links to its own page, ``?root=``). A team
filter shows one team's objectives and what serves them; orphans and objectives serving
something outside the view are counted and linked, listed a page at a time elsewhere.
"""

from __future__ import annotations

from datetime import date

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from bearing.okrs.alignment_health import visible_orphans
from bearing.okrs.alignment_tree import DEFAULT_BUDGET, TreeReader, detached_objectives
from bearing.okrs.models import Cycle
from bearing.okrs.scoring import as_of_for
from bearing.okrs.selectors import visible_objectives
from bearing.orgs.models import Team
from bearing.web.access import OrgRequest, found, member_required, org_context
from bearing.web.cycles import chosen_cycle
from bearing.web.teamfilter import team_filter
from bearing.web.views.kpis import north_star_context

OPEN_LEVELS = 2  # levels shown below the roots before branches open on demand
DETACHED_SHOWN = 20


@member_required
def show_alignment(request: OrgRequest) -> HttpResponse:
    organization = request.membership.organization
    cycles, cycle = chosen_cycle(request, organization)
    teams = team_filter(request, organization)
    context = org_context(request, nav="alignment", cycles=cycles, cycle=cycle, teams=teams)
    context |= north_star_context(organization.pk)
    if cycle is not None:
        day, problem = asked_day(request.GET.get("as_of", ""), cycle)
        context |= {"as_of": day, "as_of_problem": problem}
        context |= _tree_context(request, cycle, teams.team, day)
    return render(request, "bearing/alignment.html", context)


def _tree_context(
    request: OrgRequest, cycle: Cycle, team: Team | None, day: date | None = None
) -> dict[str, object]:
    reader = _reader(request, cycle, day)
    asked_root = request.GET.get("root", "")
    root = None
    if asked_root.isdigit() and len(asked_root) < 19:
        root = found(reader.visible.filter(pk=int(asked_root)).first())
        roots = reader.nodes(reader.visible.filter(pk=root.pk))
    elif team is not None:
        roots = reader.nodes(reader.visible.filter(team=team))
    else:
        roots = reader.company_roots()
    tree = reader.expand(roots, OPEN_LEVELS, DEFAULT_BUDGET)
    detached = detached_objectives(request.membership, cycle)
    visible = visible_objectives(request.membership).filter(cycle=cycle)
    return {
        "tree": tree,
        "root": root,
        "urls": _urls(request, cycle, day),
        "objective_count": visible.count(),
        "orphan_count": visible_orphans(request.membership, cycle).count(),
        "detached": list(detached[:DETACHED_SHOWN]),
        "detached_count": detached.count(),
    }


def asked_day(asked: str, cycle: Cycle) -> tuple[date | None, str]:
    """Time travel (``?as_of=YYYY-MM-DD``): the day asked for within the cycle, or why not."""
    asked = asked.strip()
    if not asked:
        return None, ""
    try:
        day = date.fromisoformat(asked) if len(asked) == 10 else None
    except ValueError:
        day = None
    if day is None:
        return None, "Give the date as YYYY-MM-DD, e.g. 2026-02-15."
    if not cycle.start <= day <= cycle.end:
        return None, (
            f"Choose a day of {cycle.name}: {cycle.start:%-d %b %Y} to {cycle.end:%-d %b %Y}."
        )
    return day, ""


def _reader(request: OrgRequest, cycle: Cycle, day: date | None = None) -> TreeReader:
    bands = request.membership.organization.bands
    if day is not None:  # as it was on that day, from the measurements and when things were made
        return TreeReader(request.membership, cycle, day, bands, history=True)
    return TreeReader(request.membership, cycle, as_of_for(cycle), bands)


def _urls(request: OrgRequest, cycle: Cycle, day: date | None = None) -> dict[str, str]:
    # The nodes join these with each id: reversing a URL per node took a noticeable time.
    org = request.membership.organization.slug
    objective = reverse("web:objective", kwargs={"org": org, "pk": 0}).removesuffix("0/")
    below = reverse("web:alignment_below", kwargs={"org": org, "pk": 0}).removesuffix("0/")
    page = reverse("web:alignment", kwargs={"org": org})
    when = f"&as_of={day.isoformat()}" if day else ""
    return {
        "objective": objective, "below": below, "root": f"{page}?cycle={cycle.pk}{when}&root=",
        "below_query": f"?as_of={day.isoformat()}" if day else "",
    }  # fmt: skip


@member_required
def alignment_below(request: OrgRequest, pk: int) -> HttpResponse:
    """The objectives serving one objective (a branch being opened), as list items."""
    objective = found(
        visible_objectives(request.membership).filter(pk=pk).select_related("cycle").first()
    )
    day, _ = asked_day(request.GET.get("as_of", ""), objective.cycle)
    reader = _reader(request, objective.cycle, day)
    (node,) = found(reader.nodes(reader.visible.filter(pk=pk)) or None)
    reader.seen.discard(node.pk)
    reader.load_children([node])
    context = {"groups_of": [node], "urls": _urls(request, objective.cycle, day)}
    return render(request, "bearing/includes/alignment_below.html", context)
