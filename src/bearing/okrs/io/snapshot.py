"""Loading one cycle for export, in a fixed number of queries whatever its size."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import NamedTuple

from django.db.models import Prefetch, QuerySet

from bearing.okrs.models import AlignmentLink, Cycle, KeyResult, Measurement, Objective
from bearing.okrs.selectors import visible_objectives
from bearing.orgs.models import Membership, Organization, Team, TeamMember


class Member(NamedTuple):
    """A team membership as the file names it (plain values: an organization has thousands)."""

    team_id: int
    team_name: str
    email: str
    name: str
    is_lead: bool


@dataclass(frozen=True)
class Snapshot:
    """What an OKR file of one cycle is made from."""

    organization: Organization
    cycle: Cycle
    teams: list[Team]
    team_members: list[Member]
    objectives: list[Objective]
    histories: dict[int, list[tuple[date, Decimal, str]]]  # key result → its values
    # Key results' data sources (``source:``): for admins and the operator's CLI only.
    with_sources: bool = False

    @cached_property
    def objective_ids(self) -> set[int]:
        return {o.pk for o in self.objectives}


def exported_objectives(
    cycle: Cycle, membership: Membership | None, with_sources: bool = False
) -> QuerySet[Objective]:
    """The cycle's objectives in creation order, with everything the file and scores need.

    Without a membership (the operator's CLI) every objective is exported; with
    one, only those the member may see, so a file never leaks a private objective.
    """
    base = (
        visible_objectives(membership)
        if membership is not None
        else Objective.objects.filter(organization_id=cycle.organization_id)
    )
    key_results = KeyResult.objects.select_related("owner").order_by("position", "id")
    if with_sources:
        key_results = key_results.select_related("source__connection")
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
    members = [
        Member(*row)
        for row in TeamMember.objects.filter(team__organization=organization)
        .order_by("id")
        .values_list("team_id", "team__name", "person__email", "person__name", "is_lead")
    ]
    with_sources = membership is None or membership.is_admin
    exported = exported_objectives(cycle, membership, with_sources)
    return Snapshot(
        organization=organization,
        cycle=cycle,
        teams=teams,
        team_members=members,
        objectives=list(exported),
        histories=_histories(exported),
        with_sources=with_sources,
    )


def _histories(objectives: QuerySet[Objective]) -> dict[int, list[tuple[date, Decimal, str]]]:
    """Every value of these objectives' key results as plain (day, value, note), oldest
    first: a cycle's export writes tens of thousands of them, and model instances took
    seconds (one query)."""
    out: dict[int, list[tuple[date, Decimal, str]]] = {}
    rows = (
        Measurement.objects.filter(key_result__objective__in=objectives.values("pk"))
        .order_by("key_result_id", "measured_at", "id")
        .values_list("key_result_id", "measured_at", "value", "note")
    )
    for kr_id, measured_at, value, note in rows:
        out.setdefault(kr_id, []).append((measured_at.date(), value, note))
    return out
