"""The Grade page of a cycle: every objective the member may see with its computed score as of
the cycle's end; while the cycle is in grading, its editors set the final score (a change
needs a reason) and add what was learned, one objective at a time (htmx swaps the row)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from bearing.okrs.grading import grading_objectives, scored_at_end
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


@dataclass(frozen=True)
class GradeRow:
    scored: ScoredObjective
    form: GradeForm | None  # None: the reader may not grade this one (or not now)
    saved: bool = False


@member_required
def show_grading(request: OrgRequest, pk: int) -> HttpResponse:
    cycle = found(cycles_of(request.membership.organization).filter(pk=pk).first())
    return _page(request, cycle, _rows(request, cycle))


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
    rows = [
        r if r.scored.objective.pk != pk else GradeRow(r.scored, form)
        for r in _rows(request, cycle)
    ]
    return _page(request, cycle, rows)


def _saved(request: OrgRequest, objective: Objective) -> HttpResponse:
    if request.headers.get("HX-Request"):
        return _row(request, objective.cycle, objective, None, saved=True)
    messages.success(request, f"Graded “{objective.title}”.")
    url = reverse(
        "web:cycle_grade", args=[request.membership.organization.slug, objective.cycle_id]
    )
    return redirect(f"{url}#grade-{objective.pk}")


def _prefix(objective: Objective) -> str:
    return f"o{objective.pk}"


def _blank_form(scored: ScoredObjective) -> GradeForm:
    """Starts at the grade given, else at the computed score."""
    o = scored.objective
    score = o.graded_score if o.graded_score is not None else scored.scored.score
    return GradeForm(prefix=_prefix(o), initial={"score": score, "reason": o.grading_reason})


def _rows(request: OrgRequest, cycle: Cycle, only: int | None = None) -> list[GradeRow]:
    access = access_of(request)
    objectives = grading_objectives(request.membership, cycle)
    if only is not None:
        objectives = objectives.filter(pk=only)
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
    row = _rows(request, cycle, only=objective.pk)[0]
    row = GradeRow(row.scored, form or row.form, saved)
    return render(request, "bearing/includes/grade_row_saved.html", org_context(request, row=row))


def _page(request: OrgRequest, cycle: Cycle, rows: list[GradeRow]) -> HttpResponse:
    context = org_context(
        request, nav="cycles", cycle=cycle, rows=rows, is_grading=cycle.state == CycleState.GRADING,
        can_grade_any=any(r.form for r in rows),
    )  # fmt: skip
    return render(request, "bearing/cycle_grade.html", context)
