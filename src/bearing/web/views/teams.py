"""The teams: the org tree, and each team's objectives with who has not checked in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from bearing.okrs.cadence import cycle_is_running, waits_for_checkin, week_began
from bearing.okrs.grading import is_reflecting
from bearing.okrs.models import CheckIn, Cycle, Retrospective
from bearing.okrs.permissions import can_write_retrospective
from bearing.okrs.scoring import ScoredObjective, as_of_for, score_objectives
from bearing.okrs.selectors_web import last_checkins, team_members, team_objectives
from bearing.orgs.models import Team
from bearing.orgs.selectors import teams_of
from bearing.web.access import OrgRequest, access_of, found, member_required, org_context
from bearing.web.cycles import chosen_cycle
from bearing.web.forms.grading import RetrospectiveForm


@dataclass(frozen=True)
class TeamRow:
    scored: ScoredObjective
    last_checkin: CheckIn | None
    checked_in_this_week: bool
    contributing: bool


@member_required
def list_teams(request: OrgRequest) -> HttpResponse:
    teams = list(teams_of(request.membership.organization))
    children: dict[int | None, list[Team]] = {}
    for team in teams:
        children.setdefault(team.parent_id, []).append(team)
    ordered: list[tuple[Team, int]] = []
    stack = [(t, 0) for t in reversed(children.get(None, []))]
    while stack:
        team, depth = stack.pop()
        ordered.append((team, depth))
        stack.extend((t, depth + 1) for t in reversed(children.get(team.pk, [])))
    context = org_context(request, nav="teams", teams=ordered)
    return render(request, "bearing/teams.html", context)


@member_required
def show_team(request: OrgRequest, pk: int) -> HttpResponse:
    return team_page(request, pk)


def team_page(
    request: OrgRequest,
    pk: int,
    chosen: Cycle | None = None,
    retrospective_form: RetrospectiveForm | None = None,
) -> HttpResponse:
    """The page for ``?cycle=`` (or ``chosen``), also after a retrospective was refused."""
    organization = request.membership.organization
    team = found(teams_of(organization).select_related("parent").filter(pk=pk).first())
    cycles, cycle = chosen_cycle(request, organization)
    cycle = chosen or cycle
    rows = _rows(request, team, cycle) if cycle else []
    missing = [r for r in rows if not r.checked_in_this_week and not r.contributing]
    context = org_context(
        request, nav="teams", team=team, cycles=cycles, cycle=cycle, rows=rows,
        missing=missing, members=team_members(team),
        subteams=[t for t in teams_of(organization) if t.parent_id == team.pk],
        cycle_is_running=cycle is not None and cycle_is_running(cycle),
        **_retrospective(request, team, cycle, retrospective_form),
    )  # fmt: skip
    return render(request, "bearing/team.html", context)


def _retrospective(
    request: OrgRequest, team: Team, cycle: Cycle | None, form: RetrospectiveForm | None
) -> dict[str, Any]:
    """The team's retrospective of a cycle in grading or closed, and a form for who may write."""
    if cycle is None or not is_reflecting(cycle):
        return {"reflecting": False}
    retro = Retrospective.objects.filter(team=team, cycle=cycle).select_related("author").first()
    editable = can_write_retrospective(access_of(request), team.pk)
    if editable and form is None:
        fields = ("went_well", "went_badly", "try_next")
        form = RetrospectiveForm(initial={f: getattr(retro, f) for f in fields} if retro else None)
    return {
        "reflecting": True,
        "retrospective": retro,
        "retrospective_form": form if editable else None,
    }


def _rows(request: OrgRequest, team: Team, cycle: Cycle) -> list[TeamRow]:
    objectives = list(team_objectives(request.membership, team, cycle))
    checkins = last_checkins(objectives)
    organization = request.membership.organization
    today = timezone.localdate()
    since = week_began(organization, today)
    rows = []
    for scored in score_objectives(objectives, cycle, as_of_for(cycle), organization.bands):
        objective = scored.objective
        last = checkins.get(objective.pk)
        waiting = waits_for_checkin(objective, last, cycle, since, today)
        rows.append(TeamRow(scored, last, not waiting, objective.team_id != team.pk))
    return rows
