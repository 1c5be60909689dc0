"""Reads for the pages: each loads what one page shows in a bounded number of queries.

Everything starts from ``visible_objectives`` so private objectives stay hidden,
and from one organization so nothing crosses tenants.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Window
from django.db.models.functions import RowNumber, TruncDate

from bearing.domain import model as domain
from bearing.okrs.models import (
    AlignmentLink,
    ChangeRecord,
    CheckIn,
    Comment,
    Cycle,
    Initiative,
    KeyResult,
    Learning,
    Measurement,
    Objective,
    ObjectiveState,
)
from bearing.okrs.permissions import Access
from bearing.okrs.scoring import ScoredObjective, as_of_for, objective_score
from bearing.okrs.selectors import visible_objectives
from bearing.orgs.models import Membership, Person, Team, TeamMember

HISTORY_LIMIT = 100


def with_last_checkin(objectives: QuerySet[Objective]) -> QuerySet[Objective]:
    """Annotate ``last_checkin_id``: the objective's latest check-in, in the same query."""
    latest = CheckIn.objects.filter(objective=OuterRef("pk")).order_by("-created_at", "-id")
    return objectives.annotate(last_checkin_id=Subquery(latest.values("id")[:1]))


def last_checkins(objectives: Iterable[Objective]) -> dict[int, CheckIn]:
    """objective id → latest check-in, for objectives loaded ``with_last_checkin`` (one query)."""
    ids = [i for o in objectives if (i := getattr(o, "last_checkin_id", None))]
    if not ids:
        return {}
    return {c.objective_id: c for c in CheckIn.objects.filter(pk__in=ids).select_related("author")}


def scoring_key_results() -> QuerySet[KeyResult]:
    """Key results in order with their owners; their scores are stored on their rows."""
    return KeyResult.objects.order_by("position", "id").select_related("owner")


def home_objectives(
    membership: Membership, cycle: Cycle, team_ids: Iterable[int]
) -> QuerySet[Objective]:
    """The cycle's company objectives, the person's own, their teams' and those holding a key
    result they own — scored and with their last check-in."""
    mine = (
        Q(owner_id=membership.person_id)
        | Q(team_id__in=list(team_ids))
        | Q(team__parent__isnull=True)
        | Q(pk__in=KeyResult.objects.filter(cycle=cycle, owner_id=membership.person_id).values(
            "objective_id"))
    )  # fmt: skip
    objectives = (
        visible_objectives(membership)
        .filter(mine, cycle=cycle)
        .select_related("team", "owner")
        .prefetch_related(Prefetch("key_results", queryset=scoring_key_results()))
        .order_by(F("team__parent_id").asc(nulls_first=True), "team__name", "id")
    )
    return with_last_checkin(objectives)


def objective_for_page(membership: Membership, pk: int) -> Objective | None:
    """One visible objective with all the objective page shows about it and its key results."""
    initiatives = Initiative.objects.select_related("owner").order_by("position", "id")
    krs = scoring_key_results().prefetch_related(Prefetch("initiatives", queryset=initiatives))
    learnings = Learning.objects.select_related("author").order_by("created_at", "id")
    return (
        visible_objectives(membership)
        .select_related("team", "owner", "cycle", "moves_kpi")
        .prefetch_related(
            "contributors",
            Prefetch("key_results", queryset=krs),
            Prefetch("learnings", queryset=learnings),
        )
        .filter(pk=pk)
        .first()
    )


def objective_for_change(membership: Membership, pk: int) -> Objective | None:
    """A visible objective with what the write paths read (team, owner, cycle)."""
    return (
        visible_objectives(membership)
        .select_related("team", "owner", "cycle", "organization")
        .filter(pk=pk)
        .first()
    )


def key_result_for_change(membership: Membership, pk: int) -> KeyResult | None:
    """A key result of a visible objective, with its objective loaded for permission checks."""
    return (
        KeyResult.objects.filter(objective__in=visible_objectives(membership), pk=pk)
        .select_related("objective", "objective__cycle", "objective__organization", "cycle")
        .first()
    )


def checkin_for_change(membership: Membership, pk: int) -> CheckIn | None:
    return (
        CheckIn.objects.filter(objective__in=visible_objectives(membership), pk=pk)
        .select_related("objective", "objective__cycle", "objective__organization")
        .first()
    )


def comment_for_change(membership: Membership, pk: int) -> Comment | None:
    """A comment on a check-in of a visible objective."""
    return (
        Comment.objects.filter(checkin__objective__in=visible_objectives(membership), pk=pk)
        .select_related("checkin__objective__cycle")
        .first()
    )


def alignment_link_for_change(membership: Membership, pk: int) -> AlignmentLink | None:
    """A link whose child and parent the member may both see (a hidden end hides the link)."""
    visible = visible_objectives(membership)
    return (
        AlignmentLink.objects.filter(child__in=visible, pk=pk)
        .filter(Q(parent_objective__in=visible) | Q(parent_key_result__objective__in=visible))
        .select_related("child", "child__organization", "child__cycle")
        .first()
    )


def objective_checkins(objective: Objective) -> QuerySet[CheckIn]:
    """Check-ins newest first, with comments, reactions and the values entered with them."""
    return (
        CheckIn.objects.filter(objective=objective)
        .select_related("author")
        .prefetch_related(
            Prefetch("comments", queryset=Comment.objects.select_related("author")),
            "reactions",
            Prefetch("measurements", queryset=Measurement.objects.select_related("key_result")),
        )
    )


def checkin_with_talk(checkin_id: int) -> CheckIn:
    """One check-in with its comments and reactions, for the htmx fragments."""
    return (
        CheckIn.objects.select_related("objective")
        .prefetch_related(
            Prefetch("comments", queryset=Comment.objects.select_related("author")), "reactions"
        )
        .get(pk=checkin_id)
    )


NEIGHBOURS = 50  # objectives listed per group on an objective page ("and N more" after)


@dataclass
class Neighbours:
    """The objectives around one: what it serves, and what serves it directly or through
    each of its key results — visible ones only, at most ``NEIGHBOURS`` per group."""

    parents: list[tuple[AlignmentLink, ScoredObjective]]
    direct_children: list[tuple[AlignmentLink, ScoredObjective]]
    more_children: int
    via_key_result: dict[int, list[tuple[AlignmentLink, ScoredObjective]]]
    more_via_key_result: dict[int, int]

    def serving(self, key_result_id: int) -> list[tuple[AlignmentLink, ScoredObjective]]:
        return self.via_key_result.get(key_result_id, [])


def objective_neighbours(
    membership: Membership, access: Access, objective: Objective
) -> Neighbours:
    """Parents and children with their scores (three queries, whatever their number)."""
    visible = visible_objectives(membership).values("pk")
    parents = list(
        AlignmentLink.objects.filter(child=objective)
        .filter(Q(parent_objective__in=visible) | Q(parent_key_result__objective__in=visible))
        .select_related(
            "parent_objective__team", "parent_objective__cycle",
            "parent_key_result__objective__team", "parent_key_result__objective__cycle",
        )
        .order_by("id")[:NEIGHBOURS]
    )  # fmt: skip
    children = AlignmentLink.objects.filter(
        Q(parent_objective=objective) | Q(parent_key_result__objective=objective),
        child__in=visible,
    )
    counts: dict[int | None, int] = dict(
        children.values("parent_key_result_id")
        .annotate(n=Count("id"))
        .values_list("parent_key_result_id", "n")
    )
    rank = Window(
        RowNumber(),
        partition_by=[F("parent_key_result_id")],
        order_by=[F("child__title").asc(), F("id").asc()],
    )
    shown = list(
        children.annotate(rank=rank)
        .filter(rank__lte=NEIGHBOURS)
        .select_related("child__team", "child__cycle", "parent_key_result")
        .order_by("child__title", "id")
    )
    bands = membership.organization.bands

    def scored(o: Objective) -> ScoredObjective:
        return ScoredObjective(o, objective_score(o, o.cycle, as_of_for(o.cycle), bands))

    direct: list[tuple[AlignmentLink, ScoredObjective]] = [
        (link, scored(link.child)) for link in shown if link.parent_key_result_id is None
    ]
    via: dict[int, list[tuple[AlignmentLink, ScoredObjective]]] = {}
    for link in shown:
        if link.parent_key_result_id is not None:
            via.setdefault(link.parent_key_result_id, []).append((link, scored(link.child)))
    return Neighbours(
        parents=[(link, scored(_parent_of(link))) for link in parents],
        direct_children=direct,
        more_children=counts.get(None, 0) - len(direct),
        via_key_result=via,
        more_via_key_result={
            k: n - len(via.get(k, [])) for k, n in counts.items() if k is not None
        },
    )


def _parent_of(link: AlignmentLink) -> Objective:
    if link.parent_objective is not None:
        return link.parent_objective
    assert link.parent_key_result is not None
    return link.parent_key_result.objective


def chart_histories(
    key_result_ids: list[int], cycle: Cycle
) -> dict[int, tuple[domain.Measurement, ...]]:
    """For each key result, the last value of each day of the cycle, oldest first: what its
    chart draws. At most one point a day, however often a pipeline sends values."""
    day = TruncDate("measured_at")
    last_of_day = Window(
        RowNumber(),
        partition_by=[F("key_result_id"), day],
        order_by=[F("measured_at").desc(), F("id").desc()],
    )
    rows = (
        Measurement.objects.filter(
            key_result_id__in=key_result_ids,
            measured_at__date__gte=cycle.start,
            measured_at__date__lte=cycle.end,
        )
        .annotate(day=day, rank=last_of_day)
        .filter(rank=1)
        .order_by("key_result_id", "measured_at")
        .values_list("key_result_id", "day", "value")
    )
    out: dict[int, list[domain.Measurement]] = {}
    for kr_id, on, value in rows:
        out.setdefault(kr_id, []).append(domain.Measurement(on=on, value=value))
    return {k: tuple(v) for k, v in out.items()}


def objective_changes(membership: Membership, objective: Objective) -> list[ChangeRecord]:
    """The objective's latest changes. Alignment records name the parent's title, so those
    whose parent the reader may not see are reworded (two queries, only if there are any)."""
    records = list(
        ChangeRecord.objects.filter(
            organization_id=objective.organization_id, objective_id=objective.pk
        ).select_related("actor")[:HISTORY_LIMIT]
    )
    return reword_hidden_parents(membership, records, "aligned it to an objective you cannot see")


def reword_hidden_parents(
    membership: Membership, records: list[ChangeRecord], hidden: str
) -> list[ChangeRecord]:
    """Alignment records name their parent's title: those whose parent the reader may not see
    get the summary ``hidden`` instead (two queries, only if there are any)."""
    links = [r for r in records if r.entity == "alignment_link" and r.action == "create"]
    if not links:
        return records
    after: dict[int, dict[str, Any]] = {r.pk: r.after or {} for r in links}
    kr_ids = {a.get("parent_key_result") for a in after.values()} - {None}
    kr_objective: dict[Any, int] = dict(
        KeyResult.objects.filter(pk__in=kr_ids).values_list("pk", "objective_id")
    )
    parents = {
        pk: a.get("parent_objective") or kr_objective.get(a.get("parent_key_result"))
        for pk, a in after.items()
    }
    seen = set(
        visible_objectives(membership)
        .filter(pk__in={p for p in parents.values() if p})
        .values_list("pk", flat=True)
    )
    for record in links:
        if parents[record.pk] not in seen:
            record.summary = hidden
    return records


def alignment_targets(
    membership: Membership, cycle: Cycle, child: Objective | None = None
) -> QuerySet[Objective]:
    """What an objective of ``cycle`` (``child``, when it exists) may align to: the objectives
    of the cycle and of the cycle containing it, not abandoned, in the order a picker lists
    them (the company's first, then by team)."""
    cycles = [c for c in (cycle.pk, cycle.parent_id) if c is not None]
    targets = (
        visible_objectives(membership)
        .filter(cycle_id__in=cycles)
        .exclude(state=ObjectiveState.ABANDONED)
        .order_by("cycle__start", F("team__parent_id").asc(nulls_first=True), "team__name", "id")
    )
    return targets.exclude(pk=child.pk) if child is not None else targets


def team_objectives(membership: Membership, team: Team, cycle: Cycle) -> QuerySet[Objective]:
    """The objectives a team owns or contributes to in a cycle, scored, with last check-ins."""
    objectives = (
        visible_objectives(membership)
        .filter(Q(team=team) | Q(contributors=team), cycle=cycle)
        .distinct()
        .select_related("team", "owner")
        .prefetch_related(Prefetch("key_results", queryset=scoring_key_results()))
        .order_by("team__name", "id")
    )
    return with_last_checkin(objectives)


def team_members(team: Team) -> list[TeamMember]:
    return list(
        TeamMember.objects.filter(team=team)
        .select_related("person")
        .order_by("-is_lead", "person__name", "person__email")
    )


def organization_people(organization_id: int, keep: int | None = None) -> QuerySet[Person]:
    """Who may be given something to own: the organization's active members, and ``keep``
    (the current owner, so a form does not drop someone deactivated without a hand-over)."""
    active = Q(memberships__organization_id=organization_id, memberships__deactivated_at=None)
    chosen = active | Q(pk=keep) if keep is not None else active
    return Person.objects.filter(chosen).distinct().order_by("name", "email")


def initiative_for_change(
    membership: Membership, pk: int
) -> tuple[Initiative, list[KeyResult]] | None:
    """An initiative of the organization serving a visible objective's key result, with the
    key results it serves (their objectives loaded for permission checks), or None."""
    initiative = (
        Initiative.objects.filter(organization_id=membership.organization_id, pk=pk)
        .select_related("owner", "organization")
        .first()
    )
    if initiative is None:
        return None
    krs = list(
        KeyResult.objects.filter(
            initiatives=initiative, objective__in=visible_objectives(membership)
        )
        .select_related("objective", "objective__cycle", "objective__team", "cycle")
        .order_by("objective_id", "position", "id")
    )
    return (initiative, krs) if krs else None


def kr_initiatives(key_result: KeyResult) -> list[Initiative]:
    """A key result's backlog in its order, as the objective page lists it."""
    return list(
        Initiative.objects.filter(key_results=key_result)
        .select_related("owner")
        .order_by("position", "id")
    )
