"""Noting that a person looked at their teams' OKRs this week (the Focus dimension).

Pages are read-only by rule (issue 8: no heavy writes on GET). This is the one light
exception, kept light on purpose: a person's first look of an ISO week inserts one small row
(``OkrLook``, ignored if it is there already) and sets a flag in their session; every other
look that week, in that session, is a dictionary lookup and writes nothing. A person counts
once a week whatever the number of pages they open, so the table grows by at most one row
per person and week, and it never holds what was looked at (only that they looked).

"Their teams' OKRs" are My week, and the objective and team pages of a team they belong to:
looking at another team's OKRs is not the team keeping its own in view.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.utils import timezone

from bearing.domain.maturity import week_of
from bearing.maturity.models import OkrLook
from bearing.orgs.models import TeamMember

if TYPE_CHECKING:
    from bearing.web.access import OrgRequest


def note_look(request: OrgRequest, team_ids: Iterable[int | None] | None = None) -> bool:
    """Note that the member looked at their OKRs this week: ``team_ids`` are the teams whose
    OKRs the page shows (None: their own, as on My week). True when a row was written."""
    membership = request.membership
    week = week_of(timezone.localdate())
    flag = f"bearing.looked.{membership.organization_id}"
    if request.session.get(flag) == week.isoformat():
        return False  # looked already this week: nothing to read or write
    if team_ids is not None:
        shown = [pk for pk in team_ids if pk is not None]
        if (
            not shown
            or not TeamMember.objects.filter(
                person_id=membership.person_id, team_id__in=shown
            ).exists()
        ):
            return False  # another team's OKRs
    OkrLook.objects.bulk_create(
        [OkrLook(organization_id=membership.organization_id, person_id=membership.person_id,
                 week=week)],
        ignore_conflicts=True,
    )  # fmt: skip
    request.session[flag] = week.isoformat()
    return True
