"""Reads for the People, person and team pages: each a bounded number of queries, and lists
that grow with the organization come a page at a time.

Only the organization's own rows, and only the objectives the reader may see
(``visible_objectives``): a person page shows what its reader may see of that person, never a
ranking or a rating of people (PRODUCT.md principle 2).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, F, Max, Prefetch, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from bearing.okrs.models import CheckIn, Cycle, KeyResult, Objective, Retrospective
from bearing.okrs.selectors import visible_objectives
from bearing.okrs.selectors_web import scoring_key_results, with_last_checkin
from bearing.orgs.models import Invitation, InvitedTeam, Membership, Organization, TeamMember

TEAMS_SHOWN = 4  # a person's teams listed on the People page ("and N more" after)


def members_of(organization: Organization) -> QuerySet[Membership]:
    """The organization's memberships with their person, by name (the People page pages
    through it; ``last_checkins`` adds the moment of each shown person's last check-in)."""
    return (
        Membership.objects.filter(organization=organization)
        .select_related("person")
        .order_by("person__name", "person__email", "id")
    )


def last_checkins(organization: Organization, person_ids: Iterable[int]) -> dict[int, datetime]:
    """When each of these people last checked in here (one query over a page of people:
    a subquery per membership would run for every member before the page is cut)."""
    return dict(
        CheckIn.objects.filter(organization=organization, author_id__in=list(person_ids))
        .values("author_id")
        .annotate(at=Max("created_at"))
        .values_list("author_id", "at")
    )


def search_members(
    members: QuerySet[Membership], q: str, role: str, state: str
) -> QuerySet[Membership]:
    if q:
        members = members.filter(Q(person__name__icontains=q) | Q(person__email__icontains=q))
    if role:
        members = members.filter(role=role)
    if state == "deactivated":
        return members.exclude(deactivated_at=None)
    if state != "all":
        members = members.filter(deactivated_at=None)
    return members


@dataclass(frozen=True)
class TeamsOf:
    shown: list[TeamMember]
    more: int


def teams_of_people(organization: Organization, person_ids: Iterable[int]) -> dict[int, TeamsOf]:
    """Each person's first ``TEAMS_SHOWN`` active teams (leads first) and how many more (one
    query, at most ``TEAMS_SHOWN`` + 1 rows a person)."""
    rank = Window(
        RowNumber(),
        partition_by=[F("person_id")],
        order_by=[F("is_lead").desc(), F("team__name").asc()],
    )
    counted = Window(Count("id"), partition_by=[F("person_id")])
    rows = (
        TeamMember.objects.filter(
            person_id__in=list(person_ids), team__organization=organization, team__archived_at=None
        )
        .annotate(rank=rank, total=counted)
        .filter(rank__lte=TEAMS_SHOWN)
        .select_related("team")
        .order_by("person_id", "rank")
    )
    out: dict[int, list[TeamMember]] = {}
    totals: dict[int, int] = {}
    for member in rows:
        out.setdefault(member.person_id, []).append(member)
        totals[member.person_id] = member.total
    return {p: TeamsOf(out.get(p, []), totals[p] - len(out.get(p, []))) for p in totals}


def pending_invitations(organization: Organization) -> QuerySet[Invitation]:
    teams = InvitedTeam.objects.select_related("team").order_by("team__name")
    return (
        Invitation.objects.filter(organization=organization, accepted_at=None, revoked_at=None)
        .select_related("invited_by")
        .prefetch_related(Prefetch("teams", queryset=teams))
        .order_by("-created_at", "-id")
    )


# The person page


def owned_objectives(membership: Membership, person_id: int, cycle: Cycle) -> QuerySet[Objective]:
    """The objectives of the cycle the person owns, that the reader may see, with their key
    results and last check-in."""
    return with_last_checkin(
        visible_objectives(membership)
        .filter(cycle=cycle, owner_id=person_id)
        .select_related("team", "owner")
        .prefetch_related(Prefetch("key_results", queryset=scoring_key_results()))
        .order_by(F("team__parent_id").asc(nulls_first=True), "team__name", "id")
    )


def owned_key_results(membership: Membership, person_id: int, cycle: Cycle) -> QuerySet[KeyResult]:
    """Key results of the cycle the person owns, in objectives the reader may see and the
    person does not own (those show with their objective)."""
    return (
        KeyResult.objects.filter(
            cycle=cycle, owner_id=person_id, objective__in=visible_objectives(membership)
        )
        .exclude(objective__owner_id=person_id)
        .select_related("objective", "objective__team", "owner")
        .order_by("objective__title", "position", "id")
    )


def checkins_by(membership: Membership, person_id: int) -> QuerySet[CheckIn]:
    """The person's check-ins on objectives the reader may see, newest first."""
    return (
        CheckIn.objects.filter(author_id=person_id, objective__in=visible_objectives(membership))
        .select_related("objective", "objective__cycle")
        .order_by("-created_at", "-id")
    )


# The team page


def team_people(team_id: int, organization_id: int) -> QuerySet[TeamMember]:
    """The team's active members, leads first, with their person."""
    return (
        TeamMember.objects.filter(
            team_id=team_id,
            person__memberships__organization_id=organization_id,
            person__memberships__deactivated_at=None,
        )
        .select_related("person")
        .order_by("-is_lead", "person__name", "person__email", "id")
    )


def team_retrospectives(team_id: int) -> QuerySet[Retrospective]:
    return (
        Retrospective.objects.filter(team_id=team_id)
        .select_related("cycle", "author")
        .order_by("-cycle__start", "-id")
    )
