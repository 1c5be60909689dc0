"""The API tokens page: your tokens (admins: the organization's), create one, revoke."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from bearing.orgs.models import ApiToken
from bearing.orgs.services import token_create, token_revoke
from bearing.web.access import OrgRequest, member_required, org_context
from bearing.web.io_views.forms import TokenForm


def _visible_tokens(request: OrgRequest) -> QuerySet[ApiToken]:
    membership = request.membership
    tokens = ApiToken.objects.filter(organization=membership.organization).select_related("person")
    return tokens if membership.is_admin else tokens.filter(person=membership.person)


@member_required
def tokens(request: OrgRequest) -> HttpResponse:
    """List tokens and create one. A new token's secret is on this one answer only."""
    membership = request.membership
    form = TokenForm(request.POST or None)
    raw: str | None = None
    if request.method == "POST" and form.is_valid():
        _, raw = token_create(
            organization=membership.organization,
            person=membership.person,
            name=form.cleaned_data["name"],
        )
        form = TokenForm()
    context = org_context(
        request, nav="tokens", form=form, tokens=_visible_tokens(request), raw=raw
    )
    response = render(request, "bearing/io/tokens.html", context)
    if raw is not None:
        response["Cache-Control"] = "no-store"  # the secret must not linger in any cache
    return response


@require_POST
@member_required
def revoke(request: OrgRequest, token_id: int) -> HttpResponse:
    """Revoke your own token; admins may revoke any of the organization's."""
    token = _visible_tokens(request).filter(pk=token_id).first()
    if token is None:
        raise Http404("no such token")
    token_revoke(token=token)
    messages.success(request, f"Revoked the token {token.prefix}…; it no longer works.")
    return redirect("io:tokens", org=request.membership.organization.slug)
