"""Services for SCIM tokens: create (the secret shown once), revoke, and find the organization
a bearer secret provisions. Hashed as API tokens are (``orgs.services.token_digest``)."""

from __future__ import annotations

import secrets

from django.utils import timezone

from bearing.orgs.models import Organization, Person
from bearing.orgs.services import token_digest
from bearing.scim.models import ScimToken

SCIM_TOKEN_PREFIX = "brgscim_"  # noqa: S105 -- a public marker, not a secret


def scim_token_create(
    *, organization: Organization, actor: Person | None, name: str = ""
) -> tuple[ScimToken, str]:
    """A new token and its raw secret, which is never stored or shown again."""
    raw = SCIM_TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ScimToken.objects.create(
        organization=organization,
        name=name.strip()[:100],
        prefix=raw[:12],
        digest=token_digest(raw),
        created_by=actor,
    )
    return token, raw


def scim_token_revoke(*, token: ScimToken) -> ScimToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def scim_token_authenticate(raw: str) -> ScimToken | None:
    """The active token for a bearer secret, with its organization; marks it used."""
    if not raw.startswith(SCIM_TOKEN_PREFIX):
        return None  # an API token (or anything else) never provisions
    token = (
        ScimToken.objects.select_related("organization")
        .filter(digest=token_digest(raw), revoked_at=None)
        .first()
    )
    if token is not None:
        now = timezone.now()
        # At most a write a minute: a directory sync of thousands of calls stays reads.
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            ScimToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
