"""Initiatives on the objective page: edit, set status, reorder, remove (with htmx, each
answers the key result's backlog; without it, a redirect back to the page)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from bearing.okrs.models import Initiative, InitiativeStatus, KeyResult
from bearing.okrs.permissions import INITIATIVE_EDITORS, can_edit_initiative, can_edit_key_result
from bearing.okrs.selectors_web import initiative_for_change, kr_initiatives, organization_people
from bearing.okrs.services.initiatives import (
    initiative_delete,
    initiative_move,
    initiative_update,
)
from bearing.web.access import OrgRequest, access_of, allowed, found, org_context, writer_required
from bearing.web.forms.key_results import InitiativeEditForm


def _load(request: OrgRequest, pk: int) -> tuple[Initiative, list[KeyResult]]:
    initiative, krs = found(initiative_for_change(request.membership, pk))
    allowed(can_edit_initiative(access_of(request), initiative.owner_id, krs), INITIATIVE_EDITORS)
    return initiative, krs


def _on_page(request: OrgRequest, krs: list[KeyResult]) -> KeyResult:
    """The key result whose backlog the request came from (``kr``), else the first served."""
    asked = request.POST.get("kr", "")
    return next((kr for kr in krs if str(kr.pk) == asked), krs[0])


def _answer(request: OrgRequest, kr: KeyResult) -> HttpResponse:
    """htmx: the key result's backlog, fresh; otherwise back to the objective."""
    if request.headers.get("HX-Request") == "true":
        context = org_context(
            request, kr=kr, initiatives=kr_initiatives(kr), statuses=InitiativeStatus.choices,
            editable_krs={kr.pk} if can_edit_key_result(access_of(request), kr) else set(),
        )  # fmt: skip
        return render(request, "bearing/includes/kr_initiatives.html", context)
    return redirect(
        f"/o/{request.membership.organization.slug}/objectives/{kr.objective_id}/#kr-{kr.pk}"
    )


@writer_required
def edit_initiative(request: OrgRequest, pk: int) -> HttpResponse:
    initiative, krs = _load(request, pk)
    organization = request.membership.organization
    home = krs[0]
    choices = (
        KeyResult.objects.filter(organization_id=organization.pk)
        .filter(Q(objective_id=home.objective_id) | Q(pk__in=[kr.pk for kr in krs]))
        .select_related("objective")
        .order_by("objective_id", "position", "id")
    )
    initial = {
        "title": initiative.title, "status": initiative.status, "owner": initiative.owner_id,
        "target_date": initiative.target_date, "url": initiative.url,
        "description": initiative.description, "key_results": [kr.pk for kr in krs],
    }  # fmt: skip
    form = InitiativeEditForm(
        request.POST or None, organization=organization, key_results=choices,
        people=organization_people(organization.pk, keep=initiative.owner_id), initial=initial,
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["key_results"] = list(data["key_results"])
        try:
            initiative_update(actor=request.user, initiative=initiative, **data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, "Initiative saved.")
            return redirect(f"/o/{organization.slug}/objectives/{home.objective_id}/#kr-{home.pk}")
    context = org_context(
        request, nav="home", form=form, objective=home.objective, key_result=home,
        initiative=initiative,
    )  # fmt: skip
    return render(request, "bearing/initiative_form.html", context)


@require_POST
@writer_required
def set_initiative_status(request: OrgRequest, pk: int) -> HttpResponse:
    initiative, krs = _load(request, pk)
    kr = _on_page(request, krs)
    try:
        initiative_update(actor=request.user, initiative=initiative,
                          status=request.POST.get("status", ""))  # fmt: skip
    except ValidationError as exc:
        return HttpResponse(" ".join(exc.messages), status=400, content_type="text/plain")
    return _answer(request, kr)


@require_POST
@writer_required
def move_initiative(request: OrgRequest, pk: int) -> HttpResponse:
    initiative, krs = _load(request, pk)
    kr = _on_page(request, krs)
    step = -1 if request.POST.get("direction") == "up" else 1
    initiative_move(actor=request.user, initiative=initiative, key_result=kr, step=step)
    return _answer(request, kr)


@require_POST
@writer_required
def delete_initiative(request: OrgRequest, pk: int) -> HttpResponse:
    initiative, krs = _load(request, pk)
    kr = _on_page(request, krs)
    initiative_delete(actor=request.user, initiative=initiative)
    if request.headers.get("HX-Request") != "true":
        messages.success(request, f"Removed the initiative “{initiative.title}”.")
    return _answer(request, kr)
