"""Loading one cycle for export, in a fixed number of queries whatever its size."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from bearing.okrs.models import AlignmentLink, Cycle, KeyResult, Objective
from bearing.okrs.selectors import visible_objectives
from bearing.orgs.models import Membership, Organization, Team, TeamMember


@dataclass(frozen=True)
class Snapshot:
    """What an OKR file of one cycle is made from."""

    organization: Organization
    cycle: Cycle
    teams: list[Team]
    team_members: list[TeamMember]
    objectives: list[Objective]

    @property
    def objective_ids(self) -> set[int]:
        return {o.pk for o in self.objectives}


def exported_objectives(cycle: Cycle, membership: Membership | None) -> QuerySet[Objective]:
    """The cycle's objectives in creation order, with everything the file and scores need.

    Without a membership (the operator's CLI) every objective is exported; with
    one, only those the member may see, so a file never leaks a private objective.
    """
    base = (
        visible_objectives(membership)
        if membership is not None
        else Objective.objects.filter(organization_id=cycle.organization_id)
    )
    key_results = (
        KeyResult.objects.select_related("owner")
        .order_by("position", "id")
        .prefetch_related("measurements")
    )
    links = AlignmentLink.objects.select_related("parent_objective", "parent_key_result").order_by(
        "id"
    )
    return (
        base.filter(cycle=cycle)
        .select_related("team", "owner")
        .prefetch_related(
            "contributors",
            Prefetch("key_results", queryset=key_results),
            Prefetch("parent_links", queryset=links),
        )
        .order_by("id")
    )


def load_snapshot(cycle: Cycle, membership: Membership | None = None) -> Snapshot:
    organization = cycle.organization
    teams = list(Team.objects.filter(organization=organization).order_by("name"))
    members = list(
        TeamMember.objects.filter(team__organization=organization)
        .select_related("person", "team")
        .order_by("id")
    )
    return Snapshot(
        organization=organization,
        cycle=cycle,
        teams=teams,
        team_members=members,
        objectives=list(exported_objectives(cycle, membership)),
    )
