"""The SCIM provisioning page, for admins: the address to give the identity provider, the
organization's SCIM tokens, create one (its secret shown on that one answer), revoke one.
Mirrors the API tokens page (``web/io_views/tokens.py``)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from bearing.scim.models import ScimToken
from bearing.scim.tokens import scim_token_create, scim_token_revoke
from bearing.scim.views import PREFIX
from bearing.web.access import OrgRequest, admin_required, org_context
from bearing.web.io_views.forms import TokenForm

# Shown at most: a provider needs one token (two while rotating); revoked ones are history.
SHOWN_TOKENS = 50


@admin_required
def scim_settings(request: OrgRequest) -> HttpResponse:
    organization = request.membership.organization
    form = TokenForm(request.POST or None)
    raw: str | None = None
    if request.method == "POST" and form.is_valid():
        _, raw = scim_token_create(
            organization=organization, actor=request.user, name=form.cleaned_data["name"]
        )
        form = TokenForm()
    tokens = ScimToken.objects.filter(organization=organization)[:SHOWN_TOKENS]
    context = org_context(
        request, nav="scim", form=form, tokens=tokens, raw=raw,
        base_url=request.build_absolute_uri(PREFIX),
    )  # fmt: skip
    response = render(request, "bearing/scim/settings.html", context)
    if raw is not None:
        response["Cache-Control"] = "no-store"  # the secret must not linger in any cache
    return response


@require_POST
@admin_required
def scim_token_revoke_page(request: OrgRequest, pk: int) -> HttpResponse:
    organization = request.membership.organization
    token = ScimToken.objects.filter(organization=organization, pk=pk).first()
    if token is None:
        raise Http404("no such token")
    scim_token_revoke(token=token)
    messages.success(request, f"Revoked the SCIM token {token.prefix}…; it no longer works.")
    return redirect("web:scim_settings", org=organization.slug)


# Appended to the web app's routes (``web/urls.py``), so the route tables cover them.
ORG = "o/<slug:org>/"
urlpatterns = [
    path(f"{ORG}settings/scim/", scim_settings, name="scim_settings"),
    path(f"{ORG}settings/scim/<int:pk>/revoke/", scim_token_revoke_page, name="scim_token_revoke"),
]
