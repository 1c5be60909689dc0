"""Single sign-on pages: the admins' settings, and signing in through the provider.

How the sign-in page knows the organization: by its short name in the address
(``/sso/<org>/``), which admins hand out (and the sign-in page asks for). Not by e-mail: a page
that routed an e-mail to an organization would tell anyone who types one whether it belongs
to a member, and of which organization. The short name is in every address of the
organization already; ``/sso/<org>/`` says only whether it has single sign-on, the same for an
organization that does not exist as for one without single sign-on.
"""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from bearing.sso import client
from bearing.sso.forms import OrganizationForm, ProviderForm
from bearing.sso.models import Provider
from bearing.sso.services import (
    SESSION_ORG,
    SignInRefused,
    enabled_provider,
    provider_of,
    provider_remove,
    provider_save,
    sign_in_resolve,
)
from bearing.web.access import OrgRequest, admin_required, org_context

log = logging.getLogger(__name__)
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
NEXT_KEY = "bearing_sso_next"


# --- The admins' settings -------------------------------------------------------------------


@admin_required
def edit_provider(request: OrgRequest) -> HttpResponse:
    organization = request.membership.organization
    provider = provider_of(organization)
    initial: dict[str, object] = {"enabled": True}
    if provider:
        initial = {
            field: getattr(provider, field)
            for field in ("name", "issuer", "client_id", "enabled", "allow_new_members",
                          "password_sign_in_off")
        }  # fmt: skip
    form = ProviderForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            provider_save(actor=request.user, organization=organization, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, "Single sign-on saved.")
            return redirect("web:sso_settings", org=organization.slug)
    callback = request.build_absolute_uri(reverse("web:sso_callback", args=[organization.slug]))
    sign_in = request.build_absolute_uri(reverse("web:sso_sign_in", args=[organization.slug]))
    context = org_context(
        request, nav="settings", form=form, provider=provider, callback_url=callback,
        sign_in_url=sign_in,
    )  # fmt: skip
    return render(request, "sso/settings.html", context)


@admin_required
@require_POST
def remove_provider(request: OrgRequest) -> HttpResponse:
    organization = request.membership.organization
    provider_remove(actor=request.user, organization=organization)
    messages.success(request, "Single sign-on removed: everyone signs in with a password again.")
    return redirect("web:sso_settings", org=organization.slug)


# --- Signing in -----------------------------------------------------------------------------


def find_organization(request: HttpRequest) -> HttpResponse:
    """ "Sign in with single sign-on": asks for the organization's short name."""
    form = OrganizationForm(request.GET or None)
    if form.is_valid():
        return redirect("web:sso_sign_in", org=form.cleaned_data["organization"].lower())
    return render(request, "sso/find.html", {"form": form})


def _no_sso(request: HttpRequest) -> HttpResponse:
    # The same for an unknown organization as for one without single sign-on.
    return render(request, "sso/none.html", status=404)


def _next(request: HttpRequest) -> str:
    wanted = request.GET.get("next") or request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(wanted, {request.get_host()}, request.is_secure()):
        return wanted
    return ""


@never_cache
def sign_in(request: HttpRequest, org: str) -> HttpResponse:
    """The organization's sign-in page: "Sign in with <provider>", and the password form
    when its password sign-in is on (admins may use /sign-in/ either way)."""
    provider = enabled_provider(org)
    if provider is None:
        return _no_sso(request)
    return render(request, "sso/sign_in.html", {"provider": provider, "next": _next(request)})


@never_cache
def start(request: HttpRequest, org: str) -> HttpResponse:
    """Off to the provider. Another site that sends someone here only makes them sign in as
    themselves: the answer is bound to this browser's session by the state."""
    provider = enabled_provider(org)
    if provider is None:
        return _no_sso(request)
    request.session[NEXT_KEY] = _next(request)
    callback = request.build_absolute_uri(reverse("web:sso_callback", args=[org]))
    try:
        return client.start(request, provider, callback)
    except client.ProviderProblem as problem:
        return _problem(request, provider, problem.reason, problem.message, problem.status)


@never_cache
def callback(request: HttpRequest, org: str) -> HttpResponse:
    """The provider sends the person back here with a code (or an error)."""
    provider = enabled_provider(org)
    if provider is None:
        return _no_sso(request)
    try:
        claims = client.finish(request, provider)
        membership = sign_in_resolve(provider=provider, claims=claims)
    except client.ProviderProblem as problem:
        return _problem(request, provider, problem.reason, problem.message, problem.status)
    except SignInRefused as refused:
        return _problem(request, provider, refused.reason, refused.message, 403)
    next_url = request.session.pop(NEXT_KEY, "")
    login(request, membership.person, backend=MODEL_BACKEND)
    # This session enters only the organization whose provider vouched for the person.
    request.session[SESSION_ORG] = provider.organization_id
    organization = provider.organization
    home = reverse("web:home", args=[organization.slug])
    return redirect(next_url if next_url.startswith(home) else home)


def _problem(
    request: HttpRequest, provider: Provider, reason: str, message: str, status: int
) -> HttpResponse:
    log.warning("single sign-on into organization %s failed: %s", provider.organization_id, reason)
    context = {"provider": provider, "reason": reason, "message": message}
    return render(request, "sso/problem.html", context, status=status)
