"""The Grade page of a cycle: the objectives the member may see with their computed score as
of the cycle's end, ``PAGE_SIZE`` a page, for one team or all, all or only the ungraded ones;
while the cycle is in grading, its editors set the final score (a change needs a reason) and
add what was learned, one objective at a time (htmx swaps the row)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from bearing.okrs.grading import grading_objectives, scored_at_end, ungraded_count
from bearing.okrs.models import Cycle, CycleState, Objective
from bearing.okrs.permissions import OBJECTIVE_EDITORS, can_edit_objective
from bearing.okrs.scoring import ScoredObjective
from bearing.okrs.selectors import cycles_of
from bearing.okrs.selectors_web import objective_for_change
from bearing.okrs.services.objectives import grading_closed_reason, objective_grade
from bearing.web.access import (
    OrgRequest,
    access_of,
    allowed,
    found,
    member_required,
    org_context,
    writer_required,
)
from bearing.web.forms.base import sentence
from bearing.web.forms.grading import GRADE_FIELDS, GradeForm
from bearing.web.teamfilter import TeamFilter, team_filter

PAGE_SIZE = 25
# What the page shows, kept through a plain (non-htmx) save so the grader lands where they were.
KEPT = ("team", "ungraded", "page")


@dataclass(frozen=True)
class GradeRow:
    scored: ScoredObjective
    form: GradeForm | None  # None: the reader may not grade this one (or not now)
    saved: bool = False


@dataclass(frozen=True)
class Shown:
    """Which objectives the page shows: a team's (or all) and perhaps only the ungraded."""

    teams: TeamFilter
    ungraded_only: bool
    page: Page[Objective]


@member_required
def show_grading(request: OrgRequest, pk: int) -> HttpResponse:
    cycle = found(cycles_of(request.membership.organization).filter(pk=pk).first())
    shown = _shown(request, cycle)
    return _page(request, cycle, shown, _rows(request, cycle, shown.page))


def _shown(request: OrgRequest, cycle: Cycle) -> Shown:
    teams = team_filter(request, request.membership.organization)
    ungraded_only = request.GET.get("ungraded") == "1"
    objectives = grading_objectives(request.membership, cycle)
    if teams.team is not None:
        objectives = objectives.filter(team=teams.team)
    if ungraded_only:
        objectives = objectives.filter(graded_score__isnull=True)
    page = Paginator(objectives, PAGE_SIZE).get_page(request.GET.get("page"))
    return Shown(teams, ungraded_only, page)


@require_POST
@writer_required
def grade_objective(request: OrgRequest, pk: int) -> HttpResponse:
    objective = found(objective_for_change(request.membership, pk))
    allowed(can_edit_objective(access_of(request), objective), OBJECTIVE_EDITORS)
    cycle = objective.cycle
    if closed := grading_closed_reason(cycle):
        messages.error(request, f"{sentence(closed)}.")
        return redirect("web:cycle_grade", org=request.membership.organization.slug, pk=cycle.pk)
    form = GradeForm(request.POST, prefix=_prefix(objective))
    if form.is_valid():
        data = form.cleaned_data
        try:
            objective_grade(
                actor=request.user, objective=objective, graded=data["score"],
                reason=data["reason"], learning=data["learning"],
            )  # fmt: skip
        except ValidationError as exc:
            form.add_service_errors(exc, rename=GRADE_FIELDS)
        else:
            return _saved(request, objective)
    if request.headers.get("HX-Request"):
        return _row(request, cycle, objective, form)
    shown = _shown(request, cycle)  # the form posts with the page's query: the same page
    rows = [
        r if r.scored.objective.pk != pk else GradeRow(r.scored, form)
        for r in _rows(request, cycle, shown.page)
    ]
    return _page(request, cycle, shown, rows)


def _saved(request: OrgRequest, objective: Objective) -> HttpResponse:
    if request.headers.get("HX-Request"):
        return _row(request, objective.cycle, objective, None, saved=True)
    messages.success(request, f"Graded “{objective.title}”.")
    url = reverse(
        "web:cycle_grade", args=[request.membership.organization.slug, objective.cycle_id]
    )
    kept = urlencode([(k, request.GET[k][:200]) for k in KEPT if request.GET.get(k)])
    return redirect(f"{url}{'?' + kept if kept else ''}#grade-{objective.pk}")


def _prefix(objective: Objective) -> str:
    return f"o{objective.pk}"


def _blank_form(scored: ScoredObjective) -> GradeForm:
    """Starts at the grade given, else at the computed score."""
    o = scored.objective
    score = o.graded_score if o.graded_score is not None else scored.scored.score
    return GradeForm(prefix=_prefix(o), initial={"score": score, "reason": o.grading_reason})


def _rows(request: OrgRequest, cycle: Cycle, objectives: Iterable[Objective]) -> list[GradeRow]:
    access = access_of(request)
    scored = scored_at_end(objectives, cycle, request.membership.organization.bands)
    open_ = cycle.state == CycleState.GRADING
    return [
        GradeRow(s, _blank_form(s) if open_ and can_edit_objective(access, s.objective) else None)
        for s in scored
    ]


def _row(
    request: OrgRequest, cycle: Cycle, objective: Objective, form: GradeForm | None,
    saved: bool = False,
) -> HttpResponse:  # fmt: skip
    """One row, for htmx to swap in place."""
    only = grading_objectives(request.membership, cycle).filter(pk=objective.pk)
    row = _rows(request, cycle, only)[0]
    row = GradeRow(row.scored, form or row.form, saved)
    return render(request, "bearing/includes/grade_row_saved.html", org_context(request, row=row))


def _page(request: OrgRequest, cycle: Cycle, shown: Shown, rows: list[GradeRow]) -> HttpResponse:
    is_grading = cycle.state == CycleState.GRADING
    context = org_context(
        request, nav="cycles", cycle=cycle, rows=rows, is_grading=is_grading,
        can_grade_any=any(r.form for r in rows), teams=shown.teams, page=shown.page,
        ungraded_only=shown.ungraded_only,
        ungraded=ungraded_count(request.membership, cycle) if is_grading else None,
        filtered=shown.teams.team is not None or shown.ungraded_only,
    )  # fmt: skip
    return render(request, "bearing/cycle_grade.html", context)
