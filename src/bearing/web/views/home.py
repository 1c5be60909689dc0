"""The home page: what needs my check-in this week, my OKRs, my teams' and the company's."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from bearing.okrs.cadence import waits_for_checkin, week_began
from bearing.okrs.models import CheckIn, Cycle, KeyResult
from bearing.okrs.permissions import Access
from bearing.okrs.scoring import ScoredObjective, as_of_for, score_objectives
from bearing.okrs.selectors_web import home_objectives, last_checkins
from bearing.orgs.models import Team
from bearing.orgs.selectors import teams_of
from bearing.web.access import OrgRequest, access_of, member_required, org_context
from bearing.web.cycles import chosen_cycle
from bearing.web.views.kpis import north_star_context


@dataclass
class Item:
    """An objective on the home page, with its last check-in and the reader's key results."""

    scored: ScoredObjective
    last_checkin: CheckIn | None
    my_key_results: list[KeyResult] = field(default_factory=list)


@dataclass
class TeamSection:
    team: Team
    items: list[Item]


@dataclass
class Home:
    due: list[Item] = field(default_factory=list)
    mine: list[Item] = field(default_factory=list)
    teams: list[TeamSection] = field(default_factory=list)
    company: list[Item] = field(default_factory=list)


@member_required
def home(request: OrgRequest) -> HttpResponse:
    organization = request.membership.organization
    cycles, cycle = chosen_cycle(request, organization)
    sections = _sections(request, cycle) if cycle else Home()
    context = org_context(request, nav="home", cycles=cycles, cycle=cycle, home=sections)
    context |= north_star_context(organization.pk)
    return render(request, "bearing/home.html", context)


def _sections(request: OrgRequest, cycle: Cycle) -> Home:
    access = access_of(request)
    objectives = list(home_objectives(request.membership, cycle, access.team_ids))
    checkins = last_checkins(objectives)
    organization = request.membership.organization
    scored = score_objectives(objectives, cycle, as_of_for(cycle), organization.bands)
    me = access.person_id
    items = [
        Item(s, checkins.get(s.objective.pk), [kr for kr in s.objective.key_results.all() if kr.owner_id == me])
        for s in scored
    ]  # fmt: skip
    today = timezone.localdate()
    since = week_began(organization, today)
    home = Home(
        due=[i for i in items if _due(i, access, cycle, since, today)],
        mine=[i for i in items if i.scored.objective.owner_id == me or i.my_key_results],
        company=[
            i for i in items if i.scored.objective.team and i.scored.objective.team.is_company
        ],
    )
    # The reader's own teams only (an organization may have thousands), archived ones left out.
    my_teams = [
        t for t in teams_of(organization).filter(pk__in=access.team_ids, archived_at=None)
        if not t.is_company
    ]  # fmt: skip
    home.teams = [
        TeamSection(t, [i for i in items if i.scored.objective.team_id == t.pk]) for t in my_teams
    ]
    return home


def _due(item: Item, access: Access, cycle: Cycle, since: datetime, today: date) -> bool:
    """Mine to check in on (I own it, or lead its team and nobody owns it) and waiting for
    this week's check-in."""
    objective = item.scored.objective
    mine = objective.owner_id == access.person_id or (
        objective.owner_id is None and objective.team_id in access.led_team_ids
    )
    return mine and waits_for_checkin(objective, item.last_checkin, cycle, since, today)
