"""Which team a page is filtered by (?team=), and how the filter is offered.

A small organization gets a plain select of its teams. A large one (more than
``pickers.select_limit()`` teams) would send thousands of options with every page, so it gets a text
field whose suggestions come from the team search (htmx, ``web.views.search``); without
JavaScript the typed name is matched on submit.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

from bearing.orgs.models import Organization, Team
from bearing.orgs.selectors import teams_of
from bearing.web.pickers import few

ALL_TEAMS = "all"


@dataclass(frozen=True)
class TeamFilter:
    team: Team | None  # None: all teams
    asked: str  # what ?team= said, shown back when it named no team
    choices: list[Team] | None  # every team, or None when there are too many for a select
    unknown: bool  # ?team= named no team of the organization


def team_filter(
    request: HttpRequest, organization: Organization, default: Team | None = None
) -> TeamFilter:
    """The team asked for by id or name; "all" or nothing asked: ``default``."""
    asked = request.GET.get("team", "").strip()[:200]
    teams = teams_of(organization)
    choices = few(teams)
    if not asked:
        return TeamFilter(default, asked, choices, unknown=False)
    if asked == ALL_TEAMS:
        return TeamFilter(None, asked, choices, unknown=False)
    team = (
        teams.filter(pk=int(asked)).first()
        if asked.isdigit() and len(asked) < 19
        else teams.filter(name=asked).first() or teams.filter(name__iexact=asked).first()
    )
    return TeamFilter(team, asked, choices, unknown=team is None)
