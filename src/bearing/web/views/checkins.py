"""The weekly check-in, and comments and reactions on check-ins (htmx, with a no-JS fallback)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from bearing.okrs.models import CheckIn
from bearing.okrs.models.checkins import Status
from bearing.okrs.permissions import (
    CHECK_IN_WRITERS,
    VIEWERS_READ,
    can_check_in,
    can_comment,
    can_edit_key_result,
)
from bearing.okrs.scoring import as_of_for, score_objectives
from bearing.okrs.selectors_web import checkin_for_change, checkin_with_talk, objective_for_page
from bearing.okrs.services.checkins import (
    checkin_closed_reason,
    checkin_create,
    comment_add,
    reaction_toggle,
    suggested_status,
)
from bearing.web.access import OrgRequest, access_of, allowed, found, org_context, writer_required
from bearing.web.forms.checkins import CheckInForm, CommentForm, checkin_initial
from bearing.web.views.objective_page import checkin_view


@writer_required
def check_in(request: OrgRequest, pk: int) -> HttpResponse:
    objective = found(objective_for_page(request.membership, pk))
    access = access_of(request)
    allowed(can_check_in(access, objective), CHECK_IN_WRITERS)
    if reason := checkin_closed_reason(objective):
        messages.error(request, f"No check-in: {reason}.")
        return redirect("web:objective", org=request.membership.organization.slug, pk=objective.pk)
    # No forecast (nothing measured yet): nothing is suggested, the owner chooses.
    suggestion = suggested_status(objective)
    last = CheckIn.objects.filter(objective=objective).first()
    initial = checkin_initial(suggestion, last)
    # A key result's owner who is not an editor enters values for their key results only.
    mine = [kr for kr in objective.key_results.all() if can_edit_key_result(access, kr)]
    form = CheckInForm(request.POST or None, initial=initial, key_results=mine)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            checkin_create(
                actor=request.user, objective=objective, values=form.values(),
                progress_status=form.status_to_record(), capacity_status=data["capacity_status"],
                confidence=data["confidence"], narrative=data["narrative"],
                status_reason=data["status_reason"],
            )  # fmt: skip
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, "Checked in. Thank you!")
            return redirect("web:objective", org=request.membership.organization.slug, pk=pk)
    cycle = objective.cycle
    scored = score_objectives(
        [objective], cycle, as_of_for(cycle), request.membership.organization.bands
    )[0]
    scores = dict(
        zip(
            (kr.pk for kr, _ in scored.key_results), (s for _, s in scored.key_results), strict=True
        )
    )
    rows = [(kr, field, scores[kr.pk]) for kr, field in form.rows()]
    context = org_context(
        request, nav="home", objective=objective, form=form, rows=rows, suggestion=Status(suggestion) if suggestion else None, no_forecast=not suggestion,
        last=last,
    )  # fmt: skip
    return render(request, "bearing/checkin_form.html", context)


def _talk(request: OrgRequest, checkin: CheckIn, form: CommentForm | None = None) -> HttpResponse:
    """The check-in's comments and reactions: a fragment for htmx, else back to the page."""
    if request.headers.get("HX-Request"):
        fresh = checkin_with_talk(checkin.pk)
        context = org_context(
            request, item=checkin_view(fresh, access_of(request), form, cycle=checkin.objective.cycle),
            objective=checkin.objective, can_comment=True,
        )  # fmt: skip
        return render(request, "bearing/includes/checkin_talk.html", context)
    url = reverse(
        "web:objective", args=[request.membership.organization.slug, checkin.objective_id]
    )
    return redirect(f"{url}#checkin-{checkin.pk}")


@require_POST
@writer_required
def add_comment(request: OrgRequest, pk: int) -> HttpResponse:
    checkin = found(checkin_for_change(request.membership, pk))
    allowed(can_comment(access_of(request), checkin.objective), VIEWERS_READ)
    form = CommentForm(request.POST, auto_id=f"id_checkin{checkin.pk}_%s")
    if form.is_valid():
        try:
            comment_add(actor=request.user, checkin=checkin, text=form.cleaned_data["text"])
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            return _talk(request, checkin)
    if not request.headers.get("HX-Request"):
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return _talk(request, checkin, form)


@require_POST
@writer_required
def toggle_reaction(request: OrgRequest, pk: int) -> HttpResponse:
    checkin = found(checkin_for_change(request.membership, pk))
    allowed(can_comment(access_of(request), checkin.objective), VIEWERS_READ)
    try:
        reaction_toggle(actor=request.user, checkin=checkin, kind=request.POST.get("kind", ""))
    except ValidationError:
        messages.error(request, "Choose one of the reactions shown.")
    return _talk(request, checkin)
