"""The organization's change feed: every change record, newest first, as the reader may see
it — for the Changes page and ``GET /api/v1/changes`` alike.

What a reader may see follows the rules of the pages the records describe: changes of an
objective (and of its key results, values, check-ins…) only with the objective
(``visible_objectives``: private ones for their owner, the owning team's leads and admins);
records of an objective that no longer exists only for admins (nothing is left to tell
whether it was private); changes of people, invitations and settings only for admins, like
the People and Settings pages. Alignment records naming a parent the reader cannot see are
reworded (``reword_hidden_parents``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from bearing.okrs.models import ChangeRecord, Objective
from bearing.okrs.selectors import visible_objectives
from bearing.orgs.models import Membership

# entity → how the feed names that kind of change (the ?kind= filter takes the keys).
KINDS: dict[str, str] = {
    "objective": "Objectives",
    "key_result": "Key results",
    "measurement": "Values",
    "checkin": "Check-ins",
    "comment": "Comments",
    "alignment_link": "Alignment",
    "initiative": "Initiatives",
    "learning": "Learnings",
    "retrospective": "Retrospectives",
    "kpi": "KPIs",
    "cycle": "Cycles",
    "team": "Teams",
    "team_member": "Team members",
    "membership": "People",
    "invitation": "Invitations",
    "organization": "Settings",
}
# Shown to admins only, as the pages that make these changes are theirs alone.
ADMIN_KINDS = frozenset({"membership", "invitation", "organization"})


@dataclass(frozen=True)
class ChangeFilter:
    """What the feed is narrowed to; None or '': not narrowed."""

    team_id: int | None = None
    objective_id: int | None = None
    person_id: int | None = None
    kind: str = ""


def kinds_for(membership: Membership) -> dict[str, str]:
    """The kinds the reader may filter by."""
    if membership.is_admin:
        return KINDS
    return {k: v for k, v in KINDS.items() if k not in ADMIN_KINDS}


def organization_changes(
    membership: Membership, narrowed: ChangeFilter | None = None
) -> QuerySet[ChangeRecord]:
    """The organization's change records the reader may see, newest first, with their actor."""
    records = ChangeRecord.objects.filter(organization_id=membership.organization_id)
    if not membership.is_admin:
        seen = visible_objectives(membership).values("pk")
        records = records.filter(
            (Q(objective_id__isnull=True) & ~Q(entity__in=ADMIN_KINDS)) | Q(objective_id__in=seen)
        )
    f = narrowed or ChangeFilter()
    if f.kind:
        records = records.filter(entity=f.kind)
    if f.person_id is not None:
        records = records.filter(actor_id=f.person_id)
    if f.objective_id is not None:
        records = records.filter(objective_id=f.objective_id)
    if f.team_id is not None:
        # The team's objectives (with everything about them) and the team itself.
        of_team = Objective.objects.filter(
            organization_id=membership.organization_id, team_id=f.team_id
        ).values("pk")
        records = records.filter(
            Q(objective_id__in=of_team) | Q(entity="team", entity_id=f.team_id)
        )
    return records.select_related("actor").order_by("-at", "-id")
