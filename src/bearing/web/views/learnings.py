"""Learnings on an objective (002: "we pair the quarterly OKR scores with qualitative
learnings"): its editors add them once its cycle is in grading or closed."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from bearing.okrs.grading import is_reflecting
from bearing.okrs.permissions import OBJECTIVE_EDITORS, can_edit_objective
from bearing.okrs.selectors_web import objective_for_change
from bearing.okrs.services.learning import learning_add
from bearing.web.access import OrgRequest, access_of, allowed, found, writer_required
from bearing.web.forms.grading import LearningForm
from bearing.web.views.objective_page import objective_page


@require_POST
@writer_required
def add_learning(request: OrgRequest, pk: int) -> HttpResponse:
    objective = found(objective_for_change(request.membership, pk))
    allowed(can_edit_objective(access_of(request), objective), OBJECTIVE_EDITORS)
    url = reverse("web:objective", args=[request.membership.organization.slug, pk])
    if not is_reflecting(objective.cycle):
        messages.error(request, "Learnings are written once the cycle is in grading.")
        return redirect(url)
    form = LearningForm(request.POST)
    if form.is_valid():
        try:
            learning_add(actor=request.user, objective=objective, text=form.cleaned_data["text"])
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, "Learning recorded. Thank you!")
            return redirect(f"{url}#learnings")
    return objective_page(request, pk, learning_form=form)
