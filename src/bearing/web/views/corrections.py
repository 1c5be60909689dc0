"""Authors correct what they wrote: edit or delete a check-in (before its cycle closes) or a
comment. Deleting asks first on a page of its own, so it works without JavaScript."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from bearing.okrs.models import CheckIn
from bearing.okrs.permissions import AUTHORS_ONLY, can_correct
from bearing.okrs.selectors_web import checkin_for_change, comment_for_change
from bearing.okrs.services.checkins import (
    CHECKIN_EDITABLE,
    checkin_delete,
    checkin_update,
    comment_delete,
    comment_update,
)
from bearing.web.access import OrgRequest, access_of, allowed, found, org_context, writer_required
from bearing.web.forms.base import sentence
from bearing.web.forms.checkins import CheckInWriting, CommentForm


def _back_to(request: OrgRequest, checkin: CheckIn) -> HttpResponse:
    url = reverse(
        "web:objective", args=[request.membership.organization.slug, checkin.objective_id]
    )
    return redirect(f"{url}#checkin-{checkin.pk}")


@writer_required
def edit_checkin(request: OrgRequest, pk: int) -> HttpResponse:
    checkin = found(checkin_for_change(request.membership, pk))
    allowed(can_correct(access_of(request), checkin.author_id), AUTHORS_ONLY)
    initial = {name: getattr(checkin, name) for name in CHECKIN_EDITABLE}
    form = CheckInWriting(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            checkin_update(actor=request.user, checkin=checkin, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, "Check-in corrected.")
            return _back_to(request, checkin)
    context = org_context(
        request, nav="home", form=form, checkin=checkin, objective=checkin.objective
    )
    return render(request, "bearing/checkin_edit.html", context)


@writer_required
def delete_checkin(request: OrgRequest, pk: int) -> HttpResponse:
    checkin = found(checkin_for_change(request.membership, pk))
    allowed(can_correct(access_of(request), checkin.author_id), AUTHORS_ONLY)
    if request.method != "POST":
        return _confirm(
            request, "Delete this check-in?", "Delete the check-in", _back_to(request, checkin),
            [f"Your check-in of {checkin.created_at.day} {checkin.created_at:%b} on “{checkin.objective.title}” "
             "goes, with its comments, reactions and the values entered in it.",
             "The change history keeps a record of it."],
        )  # fmt: skip
    try:
        checkin_delete(actor=request.user, checkin=checkin)
    except ValidationError as exc:
        messages.error(request, f"{sentence(' '.join(exc.messages))}.")
        return _back_to(request, checkin)
    messages.success(request, "Check-in deleted.")
    return redirect(
        "web:objective", org=request.membership.organization.slug, pk=checkin.objective_id
    )


@writer_required
def edit_comment(request: OrgRequest, pk: int) -> HttpResponse:
    comment = found(comment_for_change(request.membership, pk))
    allowed(can_correct(access_of(request), comment.author_id), AUTHORS_ONLY)
    form = CommentForm(request.POST or None, initial={"text": comment.text})
    if request.method == "POST" and form.is_valid():
        try:
            comment_update(actor=request.user, comment=comment, text=form.cleaned_data["text"])
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, "Comment saved.")
            return _back_to(request, comment.checkin)
    context = org_context(request, nav="home", form=form, comment=comment)
    return render(request, "bearing/comment_edit.html", context)


@writer_required
def delete_comment(request: OrgRequest, pk: int) -> HttpResponse:
    comment = found(comment_for_change(request.membership, pk))
    allowed(can_correct(access_of(request), comment.author_id), AUTHORS_ONLY)
    if request.method != "POST":
        return _confirm(
            request, "Delete this comment?", "Delete the comment", _back_to(request, comment.checkin),
            [f"“{comment.text[:120]}” goes for everyone.", "The change history keeps a record of it."],
        )  # fmt: skip
    comment_delete(actor=request.user, comment=comment)
    messages.success(request, "Comment deleted.")
    return _back_to(request, comment.checkin)


def _confirm(
    request: OrgRequest, question: str, button: str, cancel: HttpResponse, meanings: list[str]
) -> HttpResponse:
    """The page that asks before a deletion; its button posts to the same address."""
    context = org_context(
        request, nav="home", question=question, button=button, meanings=meanings,
        cancel_url=cancel["Location"], danger=True,
    )  # fmt: skip
    return render(request, "bearing/confirm.html", context)
