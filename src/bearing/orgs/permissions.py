"""Who may change the team tree and who is in a team: one set of rules for the pages and the
API (the OKR rules are ``okrs.permissions``; both work on the same ``Access``).

Admins shape the organization: they create, rename, move and archive teams, and change roles.
A team's leads run its roster with them: they add and take out its members and name its
leads. Viewers change nothing.
"""

from __future__ import annotations

from bearing.okrs.permissions import Access
from bearing.orgs.models import Team

# Why ``can_shape_teams`` and ``can_manage_members`` said no, for the pages' and the API's 403.
TEAM_SHAPERS = "only admins can create, rename, move, archive and restore teams"
ROSTER_KEEPERS = "only the team’s leads and admins can change who is in this team"


def can_shape_teams(access: Access) -> bool:
    """Create, rename, move, archive and restore teams."""
    return access.is_admin


def can_manage_members(access: Access, team: Team) -> bool:
    """Add and take out the team's members and name its leads."""
    return access.can_write and (access.is_admin or team.pk in access.led_team_ids)
