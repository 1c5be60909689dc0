"""Single sign-on over the API (admins only): read the organization's provider settings and
set them. The client secret goes in and never comes out: answers say only whether one is set."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Router, Schema

from bearing.api.auth import caller
from bearing.api.lookups import may_administer
from bearing.api.schemas.common import READ_ERRORS, WRITE_ERRORS, Input
from bearing.orgs.models import Organization
from bearing.sso.services import provider_of, provider_save

router = Router(tags=["single sign-on"])


class SsoOut(Schema):
    configured: bool = Field(description="Whether the organization has a provider at all.")
    name: str | None = Field(description='What people see: "Sign in with <name>".')
    issuer: str | None
    client_id: str | None
    client_secret_set: bool = Field(description="The secret itself is never shown.")
    enabled: bool
    allow_new_members: bool
    password_sign_in_off: bool
    sign_in_url: str = Field(description="Where the organization's people sign in.")
    callback_url: str = Field(description="The redirect address to register at the provider.")


class SsoIn(Input):
    name: str = Field(max_length=100)
    issuer: str = Field(max_length=500, description="https://…; Bearing reads its discovery.")
    client_id: str = Field(max_length=255)
    client_secret: str = Field(
        "", max_length=2000, description="Empty keeps the stored one (required the first time)."
    )
    enabled: bool = True
    allow_new_members: bool = False
    password_sign_in_off: bool = Field(
        False, description="Members and viewers sign in only through the provider; admins keep "
        "their password (break-glass).",
    )  # fmt: skip


def _out(request: HttpRequest, organization: Organization) -> dict[str, Any]:
    provider = provider_of(organization)
    slug = organization.slug
    return {
        "configured": provider is not None,
        "name": provider.name if provider else None,
        "issuer": provider.issuer if provider else None,
        "client_id": provider.client_id if provider else None,
        "client_secret_set": bool(provider and provider.client_secret_sealed),
        "enabled": bool(provider and provider.enabled),
        "allow_new_members": bool(provider and provider.allow_new_members),
        "password_sign_in_off": bool(provider and provider.password_sign_in_off),
        "sign_in_url": request.build_absolute_uri(reverse("web:sso_sign_in", args=[slug])),
        "callback_url": request.build_absolute_uri(reverse("web:sso_callback", args=[slug])),
    }


@router.get("/sso", response={200: SsoOut, **READ_ERRORS})
def get_sso(request: HttpRequest) -> dict[str, Any]:
    """Admins only: the organization's single sign-on settings."""
    c = caller(request)
    may_administer(c, "read the single sign-on settings")
    return _out(request, c.organization)


@router.put("/sso", response={200: SsoOut, **WRITE_ERRORS})
def put_sso(request: HttpRequest, payload: SsoIn) -> dict[str, Any]:
    """Admins only: set the organization's provider (docs/sso.md)."""
    c = caller(request)
    may_administer(c, "set up single sign-on")
    provider_save(actor=c.person, organization=c.organization, **payload.model_dump())
    return _out(request, c.organization)
