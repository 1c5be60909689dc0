"""The Teams page (the tree, with each team's leads, people, objectives and score in the chosen
cycle) and a team's page (its objectives and key results, who is due for a check-in, its
people, its retrospectives, the teams within it).

Bounded whatever the organization's size (``okrs.team_tree``): the tree shows the company,
the teams directly within it and a few of theirs; deeper branches open on demand (htmx:
``teams_below``; without JavaScript, a branch links to its own page, ``?root=``). A search
(``?q=``) and the archived teams (``?archived=1``) are listed a page at a time, as are a
team's objectives and people.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from bearing.maturity.looks import note_look
from bearing.okrs.cadence import awaiting_checkin, cycle_is_running, week_began
from bearing.okrs.grading import is_reflecting
from bearing.okrs.models import Cycle, Objective, Retrospective
from bearing.okrs.permissions import can_write_retrospective
from bearing.okrs.scoring import as_of_for, score_objectives
from bearing.okrs.selectors import visible_objectives
from bearing.okrs.selectors_people import team_people, team_retrospectives
from bearing.okrs.selectors_web import last_checkins, team_objectives, with_last_checkin
from bearing.okrs.team_tree import TeamNode, TeamTreeReader
from bearing.orgs.models import Team
from bearing.orgs.permissions import can_manage_members
from bearing.orgs.selectors import teams_of
from bearing.web.access import OrgRequest, access_of, found, member_required, org_context
from bearing.web.cycles import chosen_cycle
from bearing.web.forms.grading import RetrospectiveForm
from bearing.web.forms.people import MemberAddForm, TeamForm
from bearing.web.views.maturity import team_maturity_section

# Children shown below the company, and below each of those, before branches open on demand.
SHOWN_PER_LEVEL = (50, 8)
BRANCH_PAGE = 50  # a branch opened, or a team's own branch page
LISTED = 50  # teams per page of a search or of the archived teams
OBJECTIVES_PER_PAGE = 25
PEOPLE_PER_PAGE = 50
DUE_SHOWN = 50
RETROSPECTIVES_SHOWN = 10


def _urls(request: OrgRequest, cycle: Cycle | None) -> dict[str, str]:
    org = request.membership.organization.slug
    team = reverse("web:team", kwargs={"org": org, "pk": 0}).removesuffix("0/")
    below = reverse("web:teams_below", kwargs={"org": org, "pk": 0}).removesuffix("0/")
    page = reverse("web:teams", kwargs={"org": org})
    query = f"?cycle={cycle.pk}" if cycle else "?"
    return {"team": team, "below": below, "root": f"{page}{query}&root=", "query": query}


@member_required
def list_teams(request: OrgRequest) -> HttpResponse:
    organization = request.membership.organization
    cycles, cycle = chosen_cycle(request, organization)
    reader = TeamTreeReader(request.membership, cycle)
    q = request.GET.get("q", "").strip()[:100]
    archived = request.GET.get("archived") == "1"
    context = org_context(
        request, nav="teams", cycles=cycles, cycle=cycle, q=q, archived=archived,
        urls=_urls(request, cycle),
    )  # fmt: skip
    asked_root = request.GET.get("root", "")
    if q or archived:
        teams = reader.teams.filter(archived_at__isnull=not archived)
        if q:
            teams = teams.filter(name__icontains=q)
        context |= _listed(request, reader, teams.select_related("parent").order_by("name", "id"))
    elif asked_root.isdigit() and len(asked_root) < 19:
        context |= _branch(request, reader, int(asked_root))
    else:
        roots = reader.roots()
        reader.expand(roots, SHOWN_PER_LEVEL)
        context["tree"] = roots
    return render(request, "bearing/teams.html", context)


def _listed(request: OrgRequest, reader: TeamTreeReader, teams: QuerySet[Team]) -> dict[str, Any]:
    page = Paginator(reader.counted(teams), LISTED).get_page(request.GET.get("page"))
    nodes = [TeamNode(t, t.children_count) for t in page.object_list]
    reader.add_figures(nodes)
    return {"page": page, "listed": nodes}


def _branch(request: OrgRequest, reader: TeamTreeReader, pk: int) -> dict[str, Any]:
    """One team and, a page at a time, the teams within it."""
    (root,) = found(reader.nodes(reader.teams.filter(pk=pk)) or None)
    children = reader.teams.filter(parent_id=pk, archived_at=None).order_by("name", "id")
    page = Paginator(reader.counted(children), BRANCH_PAGE).get_page(request.GET.get("page"))
    root.children = [TeamNode(t, t.children_count) for t in page.object_list]
    reader.add_figures([root, *root.children])
    return {"tree": [root], "root": root.team, "page": page}


@member_required
def teams_below(request: OrgRequest, pk: int) -> HttpResponse:
    """The teams within one (a branch being opened), as list items."""
    organization = request.membership.organization
    _, cycle = chosen_cycle(request, organization)
    reader = TeamTreeReader(request.membership, cycle)
    (node,) = found(reader.nodes(reader.teams.filter(pk=pk)) or None)
    reader.add_figures(reader.load_children([node], BRANCH_PAGE))
    context = {"node": node, "urls": _urls(request, cycle)}
    return render(request, "bearing/includes/teams_below.html", context)


@member_required
def show_team(request: OrgRequest, pk: int) -> HttpResponse:
    return team_page(request, pk)


def team_page(
    request: OrgRequest,
    pk: int,
    chosen: Cycle | None = None,
    retrospective_form: RetrospectiveForm | None = None,
    member_form: MemberAddForm | None = None,
) -> HttpResponse:
    """The page for ``?cycle=`` (or ``chosen``), also after a form on it was refused."""
    organization = request.membership.organization
    team = found(teams_of(organization).select_related("parent").filter(pk=pk).first())
    if request.method == "GET":
        note_look(request, [team.pk])  # once a week at most (maturity.looks)
    cycles, cycle = chosen_cycle(request, organization)
    cycle = chosen or cycle
    access = access_of(request)
    manages = can_manage_members(access, team)
    people = Paginator(team_people(team.pk, organization.pk), PEOPLE_PER_PAGE).get_page(
        request.GET.get("people")
    )
    subteams = team.children.filter(archived_at=None).order_by("name")
    context = org_context(
        request, nav="teams", team=team, cycles=cycles, cycle=cycle, people=people,
        subteams=list(subteams[:LISTED]), subteam_count=subteams.count(),
        manages_members=manages, member_form=member_form or (
            MemberAddForm(organization=organization) if manages and not team.is_archived else None),
        retrospectives=list(team_retrospectives(team.pk)[:RETROSPECTIVES_SHOWN]),
        cycle_is_running=cycle is not None and cycle_is_running(cycle),
        **(_objectives(request, team, cycle) if cycle else {}),
        **_retrospective(request, team, cycle, retrospective_form),
        **team_maturity_section(request, team, cycle),
    )  # fmt: skip
    return render(request, "bearing/team.html", context)


def _objectives(request: OrgRequest, team: Team, cycle: Cycle) -> dict[str, Any]:
    """The team's objectives with their key results (a page of them), and who is due for this
    week's check-in on the objectives it owns."""
    organization = request.membership.organization
    page = Paginator(
        team_objectives(request.membership, team, cycle), OBJECTIVES_PER_PAGE
    ).get_page(request.GET.get("page"))
    objectives = list(page.object_list)
    checkins = last_checkins(objectives)
    scored = score_objectives(objectives, cycle, as_of_for(cycle), organization.bands)
    rows = [(s, checkins.get(s.objective.pk), s.objective.team_id != team.pk) for s in scored]
    today = timezone.localdate()
    own = visible_objectives(request.membership).filter(team=team, cycle=cycle)
    due = with_last_checkin(
        awaiting_checkin(own, cycle, week_began(organization, today), today)
        .select_related("owner")
        .order_by("owner__name", "owner__email", "title", "id")
    )
    due_shown: list[Objective] = list(due[:DUE_SHOWN])
    return {
        "page": page, "rows": rows, "due": due_shown, "due_checkins": last_checkins(due_shown),
        "due_count": due.count() if len(due_shown) == DUE_SHOWN else len(due_shown),
    }  # fmt: skip


def _retrospective(
    request: OrgRequest, team: Team, cycle: Cycle | None, form: RetrospectiveForm | None
) -> dict[str, Any]:
    """The team's retrospective of a cycle in grading or closed, and a form for who may write."""
    if cycle is None or not is_reflecting(cycle):
        return {"reflecting": False}
    retro = Retrospective.objects.filter(team=team, cycle=cycle).select_related("author").first()
    editable = can_write_retrospective(access_of(request), team.pk) and not team.is_archived
    if editable and form is None:
        fields = ("went_well", "went_badly", "try_next")
        form = RetrospectiveForm(initial={f: getattr(retro, f) for f in fields} if retro else None)
    return {
        "reflecting": True,
        "retrospective": retro,
        "retrospective_form": form if editable else None,
    }


def team_form_for(
    request: OrgRequest, team: Team | None, data: Any = None, initial: Any = None
) -> TeamForm:
    """The form to create (``team`` None) or change a team."""
    organization = request.membership.organization
    parents = None
    if team is None or not team.is_company:
        parents = teams_of(organization).filter(archived_at=None)
        if team is not None:
            parents = parents.exclude(pk=team.pk)
    return TeamForm(data, organization=organization, parents=parents, initial=initial)  # fmt: skip
