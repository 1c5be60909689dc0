"""The inbox: a person's notices in an organization, their choices, and the e-mails'
one-click unsubscribe. Personal pages: every member, viewers too, manages their own."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from bearing.notify.cadence_settings import preferences_for, preferences_update, snooze_a_week
from bearing.notify.deliver import read_unsubscribe_token
from bearing.notify.inbox import inbox_of, mark_all_read, mark_read
from bearing.orgs.models import Membership
from bearing.web.access import OrgRequest, member_required, org_context
from bearing.web.forms.cadence import PreferencesForm

PAGE_SIZE = 25


@member_required
def show_inbox(request: OrgRequest) -> HttpResponse:
    membership = request.membership
    page = Paginator(inbox_of(membership), PAGE_SIZE).get_page(request.GET.get("page"))
    preferences = preferences_for(membership.organization, request.user)
    form = PreferencesForm(
        initial={"email_on": preferences.email_on, "digest_on": preferences.digest_on}
    )
    context = org_context(request, nav="inbox", page=page, form=form, preferences=preferences)
    return render(request, "bearing/inbox.html", context)


@require_POST
@member_required
def read(request: OrgRequest) -> HttpResponse:
    """Mark one notice read (``notice``; and open its link with ``open``), or all of them."""
    slug = request.membership.organization.slug
    given = request.POST.get("notice", "")
    if not given:
        count = mark_all_read(request.membership)
        messages.success(request, f"{count} notice{'s' if count != 1 else ''} marked read.")
        return redirect("web:inbox", org=slug)
    notice = mark_read(request.membership, int(given)) if given.isdigit() else None
    if notice is None:
        raise Http404("no such notice")
    link = notice.link if request.POST.get("open") else ""
    if link and url_has_allowed_host_and_scheme(link, allowed_hosts=None):
        return redirect(link)
    return redirect("web:inbox", org=slug)


@require_POST
@member_required
def save_preferences(request: OrgRequest) -> HttpResponse:
    organization = request.membership.organization
    form = PreferencesForm(request.POST)
    if form.is_valid():
        preferences_update(organization=organization, person=request.user, **form.cleaned_data)
        messages.success(request, "Your notice choices are saved.")
    return redirect("web:inbox", org=organization.slug)


@require_POST
@member_required
def snooze(request: OrgRequest) -> HttpResponse:
    preferences = snooze_a_week(organization=request.membership.organization, person=request.user)
    messages.success(request, f"No check-in reminders until {preferences.snoozed_until:%d %b %Y}.")
    return redirect("web:inbox", org=request.membership.organization.slug)


# Mail programs send the one-click unsubscribe (RFC 8058) as a POST without a CSRF token; the
# signed token in the address is what proves it came from the e-mail.
@csrf_exempt
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    found = read_unsubscribe_token(token)
    membership = (
        Membership.objects.select_related("organization", "person")
        .filter(organization_id=found[0], person_id=found[1])
        .first()
        if found
        else None
    )
    if membership is None:
        raise Http404("this link does not work")
    done = request.method == "POST"
    if done:
        preferences_update(
            organization=membership.organization, person=membership.person, email_on=False
        )
    context = {"membership": membership, "done": done, "token": token}
    return render(request, "bearing/unsubscribe.html", context)
