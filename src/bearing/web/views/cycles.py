"""The cycles: every cycle with its dates, state, objectives and average final score; admins
create cycles and move them along planning → active → grading → closed (or one step back)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from bearing.okrs.grading import cycle_summaries, next_state, previous_state, ungraded_count
from bearing.okrs.models import Cycle, CycleState
from bearing.okrs.selectors import cycles_of
from bearing.okrs.services.cycles import cycle_create, cycle_set_state
from bearing.web.access import OrgRequest, admin_required, found, member_required, org_context
from bearing.web.forms.cycles import CycleForm

# What each move means for the people using the cycle, shown before an admin confirms it.
MEANINGS: dict[tuple[str, str], list[str]] = {
    (CycleState.PLANNING, CycleState.ACTIVE): [
        "The cycle starts: its objectives are running and their owners are asked for a "
        "check-in every week.",
        "Home opens on it while today falls between its dates.",
    ],
    (CycleState.ACTIVE, CycleState.GRADING): [
        "Weekly check-ins stop being asked for.",
        "Admins and the editors of each objective can grade it on the Grade page: the final "
        "score starts at the computed one, and any change needs a written reason.",
        "Objectives collect their learnings, and team leads write their team's retrospective.",
    ],
    (CycleState.GRADING, CycleState.CLOSED): [
        "Grading ends: the final scores stand, shown beside the computed ones with their reasons.",
        "Objectives nobody graded keep their computed score.",
        "Learnings and retrospectives can still be added.",
    ],
    (CycleState.ACTIVE, CycleState.PLANNING): [
        "The cycle goes back to planning: check-ins stop being asked for until it starts again.",
    ],
    (CycleState.GRADING, CycleState.ACTIVE): [
        "The cycle runs again: check-ins are asked for and grading pauses.",
        "Grades and learnings recorded so far are kept.",
    ],
    (CycleState.CLOSED, CycleState.GRADING): [
        "Grading opens again: final scores can be changed, each change recorded in the history.",
    ],
}


@member_required
def list_cycles(request: OrgRequest) -> HttpResponse:
    organization = request.membership.organization
    cycles = cycles_of(organization).select_related("parent")
    summaries = cycle_summaries(request.membership, cycles, organization.bands)
    context = org_context(request, nav="cycles", summaries=summaries)
    return render(request, "bearing/cycles.html", context)


@admin_required
def create_cycle(request: OrgRequest) -> HttpResponse:
    organization = request.membership.organization
    form = CycleForm(request.POST or None, cycles=cycles_of(organization))
    if request.method == "POST" and form.is_valid():
        try:
            cycle = cycle_create(actor=request.user, organization=organization, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, f"Cycle {cycle.name} created, in planning.")
            return redirect("web:cycles", org=organization.slug)
    context = org_context(request, nav="cycles", form=form)
    return render(request, "bearing/cycle_form.html", context)


@admin_required
def move_cycle(request: OrgRequest, pk: int) -> HttpResponse:
    """GET asks to confirm a move (``?to=<state>``) and says what it means; POST makes it."""
    organization = request.membership.organization
    cycle = found(cycles_of(organization).filter(pk=pk).first())
    to = (request.POST if request.method == "POST" else request.GET).get("state", "")
    if to not in (next_state(cycle), previous_state(cycle)):
        return _refuse(request, cycle, to)
    if request.method == "POST":
        before = cycle.get_state_display()
        try:
            cycle_set_state(actor=request.user, cycle=cycle, state=to)
        except ValidationError:
            return _refuse(request, cycle, to)
        messages.success(
            request, f"{cycle.name} moved from {before} to {cycle.get_state_display()}."
        )
        return redirect("web:cycles", org=organization.slug)
    context = org_context(
        request, nav="cycles", cycle=cycle, to=to, to_label=CycleState(to).label,
        meanings=MEANINGS.get((cycle.state, to), []), forward=to == next_state(cycle),
        ungraded=ungraded_count(request.membership, cycle) if to == CycleState.CLOSED else 0,
    )  # fmt: skip
    return render(request, "bearing/cycle_state.html", context)


def _refuse(request: OrgRequest, cycle: Cycle, to: str) -> HttpResponse:
    state = cycle.get_state_display().lower()
    messages.error(request, f"{cycle.name} is {state}: choose one of the moves shown for it.")
    return redirect("web:cycles", org=request.membership.organization.slug)
