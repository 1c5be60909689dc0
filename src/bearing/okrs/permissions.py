"""Who may see and change which OKRs: one set of rules for the pages and the API.

Roles (PRODUCT.md "Domain"): admins may do everything; members change the
OKRs of the teams they belong to and the objectives they own; viewers read.
Private objectives are seen only by their owner, the leads of the owning team
and admins — everyone else is told they do not exist (callers answer 404).

Load an ``Access`` once per request with ``access_for`` (one query); every
check after that is plain Python, so lists of objectives cost nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass

from bearing.okrs.models import Objective, Visibility
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


def can_check_in(access: Access, objective: Objective) -> bool:
    return can_edit_objective(access, objective)


def can_comment(access: Access, objective: Objective) -> bool:
    """Comment and react on check-ins: any writer who can see the objective (004: celebrate)."""
    return access.can_write and can_view_objective(access, objective)


def can_create_objective(access: Access, *, team: Team | None, owner_id: int | None) -> bool:
    """Members create objectives for their own teams, or individual objectives they own."""
    if not access.can_write:
        return False
    if access.is_admin:
        return True
    if team is None:
        return owner_id == access.person_id
    return team.pk in access.team_ids


def can_write_retrospective(access: Access, team_id: int) -> bool:
    """A team's retrospective of a cycle: its leads and admins write it, everyone reads it."""
    return access.can_write and (access.is_admin or team_id in access.led_team_ids)
