"""The OpenID Connect relying party, through Authlib: discovery, PKCE (S256), state and nonce
kept in the session, and the ID token's signature, issuer, audience, expiry and nonce checked.

Each organization's provider is registered afresh on each request (a registry per call), so a
changed secret or issuer applies at once and no organization's client is ever another's.
Every failure becomes ``ProviderProblem``, which the pages turn into a page that says what
happened — never a 500.
"""

from __future__ import annotations

from typing import Any

import requests
from authlib.common.errors import AuthlibBaseError  # type: ignore[import-untyped]
from authlib.integrations.django_client import OAuth  # type: ignore[import-untyped]
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from joserfc.errors import JoseError

from bearing.notify.outbound import refusal
from bearing.secrets import SecretUnreadable, open_secret
from bearing.sso.models import Provider

SCOPES = "openid email profile"


class ProviderProblem(Exception):
    """Signing in through the provider failed; ``reason`` names the case, ``message`` says
    what to do, ``status`` is the HTTP status of the page that tells it."""

    def __init__(self, reason: str, message: str, status: int = 502) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.status = status


def discovery_url(issuer: str) -> str:
    return f"{issuer.rstrip('/')}/.well-known/openid-configuration"


def _client(provider: Provider) -> Any:
    try:
        secret = open_secret(provider.client_secret_sealed)
    except SecretUnreadable:
        raise ProviderProblem(
            "secret_unreadable",
            "Bearing cannot read the stored client secret. Ask an admin to enter it again.",
        ) from None
    if reason := refusal(provider.issuer):
        raise ProviderProblem("issuer_refused", f"Bearing will not call the issuer: {reason}.")
    registry = OAuth()
    return registry.register(
        name=f"bearing-sso-{provider.organization_id}",
        client_id=provider.client_id,
        client_secret=secret,
        server_metadata_url=discovery_url(provider.issuer),
        client_kwargs={
            "scope": SCOPES,
            "code_challenge_method": "S256",
            "default_timeout": settings.OUTBOUND_TIMEOUT_SECONDS,
        },
    )


def _metadata(provider: Provider, client: Any) -> None:
    """Discovery, and the issuer it names must be the one the admin entered (OIDC
    Discovery 1.0 §4.3): another would let one provider speak for another."""
    metadata = client.load_server_metadata()
    named = str(metadata.get("issuer", "")).rstrip("/")
    if named != provider.issuer.rstrip("/"):
        raise ProviderProblem(
            "issuer_mismatch",
            f"The provider's discovery document names the issuer {named or '(none)'}, not "
            f"{provider.issuer}. Ask an admin to check the issuer in the single sign-on settings.",
        )


def _provider_down(provider: Provider) -> ProviderProblem:
    return ProviderProblem(
        "provider_down",
        f"{provider.name} did not answer. Try again in a moment; if it goes on, tell an admin.",
    )


def start(request: HttpRequest, provider: Provider, redirect_uri: str) -> HttpResponse:
    """The redirect to the provider's sign-in page (state, nonce and PKCE kept in the session)."""
    client = _client(provider)
    try:
        _metadata(provider, client)
        response: HttpResponse = client.authorize_redirect(request, redirect_uri)
    except (requests.RequestException, ValueError, KeyError, RuntimeError):
        raise _provider_down(provider) from None
    return response


def finish(request: HttpRequest, provider: Provider) -> dict[str, Any]:
    """The ID token's validated claims, from the provider's answer at the callback."""
    client = _client(provider)
    try:
        _metadata(provider, client)
        token = client.authorize_access_token(request)
    except AuthlibBaseError as error:
        raise _answer_problem(provider, error) from None
    except JoseError:
        raise ProviderProblem(
            "bad_id_token",
            f"The answer from {provider.name} did not pass Bearing's checks (its signature, "
            "issuer, audience, expiry or nonce). Sign in again.",
            400,
        ) from None
    except (requests.RequestException, ValueError, KeyError, RuntimeError):
        raise _provider_down(provider) from None
    claims = token.get("userinfo")
    if not claims:
        raise ProviderProblem(
            "no_id_token", f"{provider.name} sent no ID token. Ask an admin to check its setup."
        )
    return dict(claims)


def _answer_problem(provider: Provider, error: AuthlibBaseError) -> ProviderProblem:
    code = getattr(error, "error", "") or ""
    if code == "mismatching_state":
        return ProviderProblem(
            "state",
            "This sign-in link was already used, has expired, or was started in another "
            "browser. Start signing in again.",
            400,
        )
    if code == "access_denied":
        return ProviderProblem(
            "cancelled", f"Signing in with {provider.name} was cancelled. Nothing changed.", 400
        )
    if code in ("invalid_client", "unauthorized_client"):
        return ProviderProblem(
            "bad_client",
            f"{provider.name} refused Bearing's client id or secret. Ask an admin to check "
            "them in the single sign-on settings.",
        )
    return ProviderProblem(
        "provider_error",
        f"{provider.name} answered with an error ({code or 'unknown'}). Sign in again; if it "
        "goes on, tell an admin.",
        400,
    )
