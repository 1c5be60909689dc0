"""The People pages, for admins: every member with role, teams, last sign-in and last
check-in, a page at a time and searched; invitations (one or many, pasted), resent or
withdrawn; changing a role; deactivating (with a hand-over) and reactivating.

The rules are the services' (``orgs.invitations``, ``orgs.members``); refusals are shown as
messages or next to their field, never as an error page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from bearing import mail
from bearing.okrs.models import CycleState, KeyResult, Objective
from bearing.okrs.selectors_people import (
    last_checkins,
    members_of,
    pending_invitations,
    search_members,
    teams_of_people,
)
from bearing.orgs.invitations import (
    expires_at,
    invitation_issue,
    invitation_path,
    invitation_revoke,
    invitations_create,
    invitations_send,
)
from bearing.orgs.members import member_deactivate, member_reactivate, member_set_role
from bearing.orgs.models import ApiToken, Invitation, Membership, Role
from bearing.web.access import OrgRequest, admin_required, found, org_context
from bearing.web.forms.people import DeactivateForm, InviteForm, RoleForm

PER_PAGE = 50
INVITATIONS_PER_PAGE = 20
STATES = {"": "Active", "deactivated": "Deactivated", "all": "Everyone"}


@admin_required
def list_people(request: OrgRequest) -> HttpResponse:
    organization = request.membership.organization
    q = request.GET.get("q", "").strip()[:100]
    role = request.GET.get("role", "")
    role = role if role in Role.values else ""
    state = request.GET.get("state", "")
    state = state if state in STATES else ""
    members = search_members(members_of(organization), q, role, state)
    page = Paginator(members, PER_PAGE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    checked_in = last_checkins(organization, [m.person_id for m in rows])
    for m in rows:
        m.last_checkin_at = checked_in.get(m.person_id)
    invitations = Paginator(pending_invitations(organization), INVITATIONS_PER_PAGE).get_page(
        request.GET.get("invitations")
    )
    context = org_context(
        request, nav="people", page=page, rows=rows, q=q, role=role, state=state,
        roles=Role.choices, states=STATES, teams=teams_of_people(organization, [m.person_id for m in rows]),
        invitations=invitations, expiry={i.pk: expires_at(i) for i in invitations.object_list},
        unsent=Invitation.objects.filter(organization=organization, accepted_at=None, revoked_at=None, sent_at=None).count(),
        email_configured=mail.is_configured(), back=request.get_full_path(), now=timezone.now(),
    )  # fmt: skip
    return render(request, "bearing/people/people.html", context)


def _back(request: OrgRequest) -> HttpResponse:
    """To the People page the form was on (its search and page kept), never elsewhere."""
    people = reverse("web:people", kwargs={"org": request.membership.organization.slug})
    back = request.POST.get("back", "")
    return redirect(back if back.startswith(people) and "//" not in back else people)


def _membership(request: OrgRequest, person_id: int) -> Membership:
    return found(
        Membership.objects.select_related("person", "organization")
        .filter(organization=request.membership.organization, person_id=person_id)
        .first()
    )


def _refused(request: OrgRequest, exc: ValidationError) -> None:
    for text in exc.messages:
        messages.error(request, text[:1].upper() + text[1:])


@admin_required
def invite(request: OrgRequest) -> HttpResponse:
    organization = request.membership.organization
    form = InviteForm(request.POST or None, organization=organization)
    links: list[tuple[str, str]] = []
    if request.method == "POST" and form.is_valid():
        try:
            invited = invitations_create(
                actor=request.user, organization=organization, addresses=form.cleaned_data["emails"],
                role=form.cleaned_data["role"], teams=form.chosen_teams(),
            )  # fmt: skip
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            links = _deliver(request, invited.invitations)
            if invited.members:
                messages.success(
                    request, "Members already, not invited: " + ", ".join(invited.members) + "."
                )
            if not links:
                return redirect("web:people", org=organization.slug)
            form = InviteForm(organization=organization)
    context = org_context(
        request, nav="people", form=form, links=links, email_configured=mail.is_configured()
    )
    response = render(request, "bearing/people/invite.html", context)
    if links:
        response["Cache-Control"] = (
            "no-store"  # the links let someone join: keep them out of caches
        )
    return response


def _deliver(request: OrgRequest, invitations: list[Invitation]) -> list[tuple[str, str]]:
    """E-mail the invitations; without e-mail set up, the links to hand over instead."""
    if not invitations:
        return []
    base = mail.base_url(request)
    if not mail.is_configured():
        links = [(i.email, base + invitation_path(invitation_issue(actor=request.user, invitation=i)))
                 for i in invitations]  # fmt: skip
        messages.success(request, f"Invited {_count(len(invitations), 'person', 'people')}.")
        return links
    failed = invitations_send(actor=request.user, invitations=invitations, base_url=base)
    sent = len(invitations) - len(failed)
    if sent:
        messages.success(
            request, f"Invited {_count(sent, 'person', 'people')}: the e-mails are on their way."
        )
    for f in failed:
        messages.error(
            request,
            f"The invitation to {f.to} was saved but not sent: {f.reason}. Send it again from the list.",
        )
    return []


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _pending(request: OrgRequest, pk: int) -> Invitation:
    return found(
        Invitation.objects.select_related("organization")
        .filter(
            organization=request.membership.organization, pk=pk, accepted_at=None, revoked_at=None
        )
        .first()
    )


@require_POST
@admin_required
def resend(request: OrgRequest, pk: int) -> HttpResponse:
    """A new link for a pending invitation (the earlier ones stop working), e-mailed — or, with
    no e-mail set up, shown once to hand over."""
    invitation = _pending(request, pk)
    links = _deliver(request, [invitation])
    if links:
        context = org_context(request, nav="people", links=links, email_configured=False, form=None)
        response = render(request, "bearing/people/invite.html", context)
        response["Cache-Control"] = "no-store"
        return response
    return _back(request)


@require_POST
@admin_required
def send_unsent(request: OrgRequest) -> HttpResponse:
    """Send the invitations nobody sent yet (those an OKR-file import made), a batch at a time."""
    batch = list(
        Invitation.objects.select_related("organization")
        .filter(organization=request.membership.organization, accepted_at=None, revoked_at=None, sent_at=None)
        .order_by("id")[:INVITATIONS_PER_PAGE]
    )  # fmt: skip
    links = _deliver(request, batch)
    if links:
        context = org_context(request, nav="people", links=links, email_configured=False, form=None)
        response = render(request, "bearing/people/invite.html", context)
        response["Cache-Control"] = "no-store"
        return response
    return _back(request)


@require_POST
@admin_required
def revoke(request: OrgRequest, pk: int) -> HttpResponse:
    invitation = _pending(request, pk)
    invitation_revoke(actor=request.user, invitation=invitation)
    messages.success(
        request, f"Withdrew the invitation to {invitation.email}; its link no longer works."
    )
    return _back(request)


@require_POST
@admin_required
def change_role(request: OrgRequest, pk: int) -> HttpResponse:
    membership = _membership(request, pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose admin, member or viewer.")
        return _back(request)
    try:
        changed = member_set_role(
            actor=request.user, membership=membership, role=form.cleaned_data["role"]
        )
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(
            request, f"{changed.person.display_name} is now {changed.get_role_display().lower()}."
        )
    return _back(request)


@admin_required
def deactivate(request: OrgRequest, pk: int) -> HttpResponse:
    """A page that says what deactivating means and what the person owns, then does it."""
    membership = _membership(request, pk)
    organization = membership.organization
    if not membership.is_active:
        messages.success(request, f"{membership.person.display_name} is deactivated already.")
        return redirect("web:people", org=organization.slug)
    form = DeactivateForm(
        request.POST if request.method == "POST" else None, organization=organization
    )
    if request.method == "POST" and form.is_valid():
        try:
            moved = member_deactivate(
                actor=request.user, membership=membership, hand_to=form.cleaned_data["hand_to"]
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            text = f"Deactivated {membership.person.display_name}: they can no longer sign in to {organization.name}."
            if moved.objectives or moved.key_results:
                text += f" {form.cleaned_data['hand_to'].display_name} now owns {_count(moved.objectives, 'objective', 'objectives')} and {_count(moved.key_results, 'key result', 'key results')} of theirs."
            messages.success(request, text)
            return redirect("web:people", org=organization.slug)
    context = org_context(request, nav="people", form=form, member=membership, **_owned(membership))
    return render(request, "bearing/people/deactivate.html", context)


def _owned(membership: Membership) -> dict[str, Any]:
    """What the person owns in cycles not closed, and their live API tokens (three counts)."""
    mine = {"organization": membership.organization, "owner": membership.person}
    return {
        "objectives": Objective.objects.filter(**mine)
        .exclude(cycle__state=CycleState.CLOSED)
        .count(),
        "key_results": KeyResult.objects.filter(**mine)
        .exclude(cycle__state=CycleState.CLOSED)
        .count(),
        "tokens": ApiToken.objects.filter(
            organization=membership.organization, person=membership.person, revoked_at=None
        ).count(),
    }


@require_POST
@admin_required
def reactivate(request: OrgRequest, pk: int) -> HttpResponse:
    membership = _membership(request, pk)
    member_reactivate(actor=request.user, membership=membership)
    messages.success(
        request,
        f"{membership.person.display_name} may sign in again, with the role and teams they had.",
    )
    return _back(request)
