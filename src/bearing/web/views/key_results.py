"""Adding, editing and removing key results, and the initiatives that serve them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from bearing.okrs.errors import ConflictError
from bearing.okrs.permissions import (
    KEY_RESULT_EDITORS,
    OBJECTIVE_EDITORS,
    can_edit_key_result,
    can_edit_objective,
)
from bearing.okrs.selectors_web import (
    key_result_for_change,
    objective_for_change,
    organization_people,
)
from bearing.okrs.services.initiatives import initiative_create
from bearing.okrs.services.key_results import (
    key_result_create,
    key_result_delete,
    key_result_update,
)
from bearing.web.access import OrgRequest, access_of, allowed, found, org_context, writer_required
from bearing.web.forms.key_results import InitiativeForm, KeyResultEditForm, KeyResultForm
from bearing.web.views.coach import KEY_RESULT, form_hints


@writer_required
def add_key_result(request: OrgRequest, pk: int) -> HttpResponse:
    objective = found(objective_for_change(request.membership, pk))
    allowed(can_edit_objective(access_of(request), objective), OBJECTIVE_EDITORS)
    people = organization_people(request.membership.organization_id)
    form = KeyResultForm(
        request.POST or None, organization=request.membership.organization, people=people,
        initial={"owner": objective.owner_id},
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            key_result_create(actor=request.user, objective=objective, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, "Key result added.")
            return redirect("web:objective", org=request.membership.organization.slug, pk=pk)
    hints = form_hints(request, form, KEY_RESULT)
    context = org_context(request, nav="home", form=form, objective=objective, **hints)
    return render(request, "bearing/key_result_form.html", context)


@writer_required
def edit_key_result(request: OrgRequest, pk: int) -> HttpResponse:
    kr = found(key_result_for_change(request.membership, pk))
    objective = kr.objective
    allowed(can_edit_key_result(access_of(request), kr), KEY_RESULT_EDITORS)
    initial = {
        "title": kr.title, "kind": kr.kind, "unit": kr.unit, "owner": kr.owner_id, "done": kr.done,
        "start": _plain(kr.start), "target": _plain(kr.target), "weight": _plain(kr.weight),
        "version": kr.version,
    }  # fmt: skip
    people = organization_people(request.membership.organization_id, keep=kr.owner_id)
    form = KeyResultEditForm(
        request.POST or None, organization=request.membership.organization, people=people,
        initial=initial,
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            key_result_update(actor=request.user, key_result=kr, version=version, **data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        except ConflictError as exc:
            form.add_error(None, f"{str(exc)[:1].upper()}{str(exc)[1:]}.")
        else:
            messages.success(request, "Key result saved.")
            return redirect(
                "web:objective", org=request.membership.organization.slug, pk=objective.pk
            )
    hints = form_hints(request, form, KEY_RESULT, current=initial, saved=kr, stored=kr)
    context = org_context(
        request, nav="home", form=form, objective=objective, key_result=kr, **hints
    )
    return render(request, "bearing/key_result_form.html", context)


def _plain(value: object) -> str:
    """A decimal as typed: 120, not 120.000000."""
    if value is None:
        return ""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


@require_POST
@writer_required
def delete_key_result(request: OrgRequest, pk: int) -> HttpResponse:
    kr = found(key_result_for_change(request.membership, pk))
    allowed(can_edit_objective(access_of(request), kr.objective), OBJECTIVE_EDITORS)
    key_result_delete(actor=request.user, key_result=kr)
    messages.success(request, f"Removed the key result “{kr.title}”.")
    return redirect("web:objective", org=request.membership.organization.slug, pk=kr.objective_id)


@writer_required
def add_initiative(request: OrgRequest, pk: int) -> HttpResponse:
    kr = found(key_result_for_change(request.membership, pk))
    allowed(can_edit_key_result(access_of(request), kr), KEY_RESULT_EDITORS)
    people = organization_people(request.membership.organization_id)
    form = InitiativeForm(
        request.POST or None, organization=request.membership.organization, people=people,
        initial={"owner": kr.owner_id},
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            initiative_create(
                actor=request.user, organization=request.membership.organization,
                key_results=[kr], **form.cleaned_data,
            )  # fmt: skip
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, "Initiative added.")
            return redirect(
                "web:objective", org=request.membership.organization.slug, pk=kr.objective_id
            )
    context = org_context(request, nav="home", form=form, objective=kr.objective, key_result=kr)
    return render(request, "bearing/initiative_form.html", context)
