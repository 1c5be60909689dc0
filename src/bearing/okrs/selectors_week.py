"""Reads for My week: what one person owns in the running cycles, in a fixed number of
queries however much that is (the page checks in on all of it at once)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import F, Prefetch, QuerySet

from bearing.okrs.cadence import running_cycle
from bearing.okrs.models import CheckIn, KeyResult, Objective, ObjectiveState
from bearing.okrs.permissions import Access, can_check_in, can_edit_key_result
from bearing.okrs.selectors import visible_objectives
from bearing.okrs.selectors_web import last_checkins, scoring_key_results, with_last_checkin
from bearing.orgs.models import Membership

# One page holds at most this much: past it the page says so and links the rest.
WEEK_OBJECTIVES = 25
WEEK_KEY_RESULTS = 50


def week_objectives(membership: Membership, today: date | None = None) -> QuerySet[Objective]:
    """The active objectives the person owns in the running cycles, with their cycle, team,
    key results (in order) and last check-in."""
    return with_last_checkin(
        visible_objectives(membership)
        .filter(
            running_cycle(today=today), owner_id=membership.person_id, state=ObjectiveState.ACTIVE
        )
        .select_related("cycle", "team")
        .prefetch_related(Prefetch("key_results", queryset=scoring_key_results()))
        .order_by("cycle__start", F("team__name").asc(nulls_first=True), "id")
    )


def week_key_results(membership: Membership, today: date | None = None) -> QuerySet[KeyResult]:
    """The key results the person owns in active objectives of the running cycles that they
    do not own themselves (those come with their objective), with their objective."""
    return (
        KeyResult.objects.filter(
            running_cycle(today=today),
            owner_id=membership.person_id,
            objective__in=visible_objectives(membership),
            objective__state=ObjectiveState.ACTIVE,
        )
        .exclude(objective__owner_id=membership.person_id)
        .select_related("objective", "objective__cycle", "objective__team", "cycle")
        .order_by("cycle__start", "objective__title", "objective_id", "position", "id")
    )


@dataclass(frozen=True)
class Week:
    """What one person checks in on this week, as far as the rules let them."""

    objectives: list[Objective]  # theirs, each with key results and ``last_checkin_id``
    key_results: list[KeyResult]  # theirs in objectives they do not own, with the objective
    last_checkins: dict[int, CheckIn]  # objective id → its latest check-in
    more: bool  # past WEEK_OBJECTIVES or WEEK_KEY_RESULTS: the rest is left out


def load_week(access: Access, today: date | None = None) -> Week:
    """My week's objectives and key results for the page and the API (five queries)."""
    membership = access.membership
    objectives = list(week_objectives(membership, today)[: WEEK_OBJECTIVES + 1])
    krs = list(week_key_results(membership, today)[: WEEK_KEY_RESULTS + 1])
    more = len(objectives) > WEEK_OBJECTIVES or len(krs) > WEEK_KEY_RESULTS
    objectives = [o for o in objectives[:WEEK_OBJECTIVES] if can_check_in(access, o)]
    krs = [kr for kr in krs[:WEEK_KEY_RESULTS] if can_edit_key_result(access, kr)]
    return Week(objectives, krs, last_checkins(objectives), more)
