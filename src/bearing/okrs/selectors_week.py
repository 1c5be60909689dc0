"""Reads for My week: what one person owns in the running cycles, in a fixed number of
queries however much that is (the page checks in on all of it at once)."""

from __future__ import annotations

from datetime import date

from django.db.models import F, Prefetch, QuerySet

from bearing.okrs.cadence import running_cycle
from bearing.okrs.models import KeyResult, Objective, ObjectiveState
from bearing.okrs.selectors import visible_objectives
from bearing.okrs.selectors_web import scoring_key_results, with_last_checkin
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
