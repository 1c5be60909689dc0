"""Who may see and change which OKRs: one set of rules for the pages and the API.

Roles (PRODUCT.md "Domain"): admins may do everything; members change the
OKRs of the teams they belong to and the objectives they own; viewers read. A key
result's owner reports on it (seeds 002, 004): they change it, enter its values, add its
initiatives and check in on its objective, wherever their own team is.
Private objectives are seen only by their owner, the leads of the owning team
and admins — everyone else is told they do not exist (callers answer 404).

Load an ``Access`` once per request with ``access_for`` (one query); every
check after that is plain Python, so lists of objectives cost nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from bearing.okrs.models import KPI, KeyResult, Objective, Visibility
from bearing.orgs.models import Membership, Team, TeamMember


@dataclass(frozen=True)
class Access:
    """A member of one organization, with the teams they belong to and lead."""

    membership: Membership
    team_ids: frozenset[int]
    led_team_ids: frozenset[int]

    @property
    def person_id(self) -> int:
        return self.membership.person_id

    @property
    def organization_id(self) -> int:
        return self.membership.organization_id

    @property
    def is_admin(self) -> bool:
        return self.membership.is_admin

    @property
    def can_write(self) -> bool:
        return self.membership.can_write


def access_for(membership: Membership) -> Access:
    rows = TeamMember.objects.filter(
        person_id=membership.person_id, team__organization_id=membership.organization_id
    ).values_list("team_id", "is_lead")
    teams = list(rows)
    return Access(
        membership=membership,
        team_ids=frozenset(team for team, _ in teams),
        led_team_ids=frozenset(team for team, lead in teams if lead),
    )


def can_view_objective(access: Access, objective: Objective) -> bool:
    """Mirrors ``selectors.visible_objectives`` for one objective already in memory."""
    if objective.organization_id != access.organization_id:
        return False
    if objective.visibility == Visibility.PUBLIC or access.is_admin:
        return True
    return objective.owner_id == access.person_id or objective.team_id in access.led_team_ids


def can_edit_objective(access: Access, objective: Objective) -> bool:
    """Change the objective, its key results, initiatives and links, and check in on it."""
    if not access.can_write or not can_view_objective(access, objective):
        return False
    if access.is_admin:
        return True
    return objective.owner_id == access.person_id or objective.team_id in access.team_ids


def can_edit_key_result(access: Access, key_result: KeyResult) -> bool:
    """Change a key result, enter its values and add initiatives under it: the objective's
    editors, and the key result's owner. Deleting it is the objective's editors' alone."""
    objective = key_result.objective
    if can_edit_objective(access, objective):
        return True
    return (
        access.can_write
        and key_result.owner_id == access.person_id
        and can_view_objective(access, objective)
    )


def can_check_in(access: Access, objective: Objective) -> bool:
    """The objective's editors, and the owners of its key results (with values for theirs
    only: ``can_edit_key_result``). Reads the key results (prefetch them on lists)."""
    if can_edit_objective(access, objective):
        return True
    return (
        access.can_write
        and can_view_objective(access, objective)
        and any(kr.owner_id == access.person_id for kr in objective.key_results.all())
    )


def can_comment(access: Access, objective: Objective) -> bool:
    """Comment and react on check-ins: any writer who can see the objective (004: celebrate)."""
    return access.can_write and can_view_objective(access, objective)


# Why a change was refused: the 403 of the pages and of the API say who may (typographic
# apostrophes, so the pages show them as written).
VIEWERS_READ = "your role is viewer: you may read these OKRs but not change them"
OBJECTIVE_EDITORS = (
    "only the objective’s owner, the members of its team and admins can change this objective"
)
KEY_RESULT_EDITORS = (
    "only the key result’s owner, the objective’s owner, the members of its team and admins "
    "can change this key result"
)
CHECK_IN_WRITERS = (
    "only the objective’s owner, the members of its team, the owners of its key results and "
    "admins can check in on this objective"
)
RETROSPECTIVE_WRITERS = "only the team’s leads and admins can write its retrospective"
ADMINS_ONLY = "only admins can change the organization’s settings"
AUTHORS_ONLY = "only its author can change or delete it"


def can_correct(access: Access, author_id: int | None) -> bool:
    """Edit or delete a check-in or a comment: its author, while their role lets them write
    (the services refuse anyone else too)."""
    return access.can_write and author_id is not None and author_id == access.person_id


def refusal(access: Access, why: str) -> str:
    """What a 403 says: a viewer is told about their role, anyone else who may (``why``)."""
    return why if access.can_write else VIEWERS_READ


# Why ``can_own`` said no, for the page's form and the API's 403 alike.
OWN_TEAMS_ONLY = (
    "members own objectives only for their own teams, or individual objectives they own themselves"
)


def can_own(
    access: Access, *, team: Team | None, owner_id: int | None, current: Objective | None = None
) -> bool:
    """May this person leave an objective with this team and owner? Admins: any. Members:
    their own teams, or an individual objective (no team) they own themselves. ``current``:
    the objective being edited; keeping its team needs only the right to edit it (checked
    apart, with ``can_edit_objective``), so an editor is never forced to move it."""
    if not access.can_write:
        return False
    if access.is_admin:
        return True
    if current is not None and team is not None and team.pk == current.team_id:
        return True
    if team is None:
        return owner_id == access.person_id
    return team.pk in access.team_ids


def ownable_teams(
    access: Access, teams: QuerySet[Team], current: Objective | None = None
) -> QuerySet[Team]:
    """The teams ``can_own`` allows, as the choices of a form: all for admins, their own for
    members, plus the current team of an objective being edited."""
    if access.is_admin:
        return teams
    keep = current.team_id if current is not None else None
    return teams.filter(Q(pk__in=access.team_ids) | Q(pk=keep))


def default_team(access: Access, choices: QuerySet[Team], asked: str | None) -> Team | None:
    """The team a new objective starts with: the one asked for (a team page's "New
    objective") when it is among the choices, else the person's own team (one below the
    company first), else none."""
    if asked and asked.isdigit() and len(asked) < 19:
        wanted = choices.filter(pk=int(asked)).first()
        if wanted is not None:
            return wanted
    own = list(choices.filter(pk__in=access.team_ids))  # the person's teams: a few
    return next((t for t in own if not t.is_company), None) or next(iter(own), None)


def can_write_retrospective(access: Access, team_id: int) -> bool:
    """A team's retrospective of a cycle: its leads and admins write it, everyone reads it."""
    return access.can_write and (access.is_admin or team_id in access.led_team_ids)


# KPIs (001): any writer may add one; its owner, the members of its team and admins keep it
# (change it, add readings, archive it, make it an objective). The North Star is the admins'.
KPI_EDITORS = "only the KPI’s owner, the members of its team and admins can change this KPI"
NORTH_STAR_ADMINS = "only admins choose the organization’s North Star Metric"


def can_edit_kpi(access: Access, kpi: KPI) -> bool:
    if not access.can_write or kpi.organization_id != access.organization_id:
        return False
    if access.is_admin or kpi.owner_id == access.person_id:
        return True
    if kpi.team_id is not None:
        return kpi.team_id in access.team_ids
    return kpi.owner_id is None  # nobody's KPI: any writer keeps it


INITIATIVE_EDITORS = (
    "only the initiative’s owner and those who may change a key result it serves can change it"
)


def can_edit_initiative(access: Access, owner_id: int | None, key_results: list[KeyResult]) -> bool:
    """Change, reorder or remove an initiative: its owner (a writer who can see what it
    serves), and whoever may change one of the key results it serves (objectives loaded)."""
    if not access.can_write:
        return False
    if any(can_edit_key_result(access, kr) for kr in key_results):
        return True
    return owner_id == access.person_id and any(
        can_view_objective(access, kr.objective) for kr in key_results
    )
