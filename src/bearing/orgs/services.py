"""Writes for organizations, people, teams and API tokens. Keyword-only, one transaction each."""

from __future__ import annotations

import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.core.validators import validate_email, validate_slug
from django.db import transaction
from django.utils import timezone

from bearing.orgs.models import ApiToken, Membership, Organization, Person, Role, Team, TeamMember

TOKEN_PREFIX = "brg_"  # noqa: S105 -- a public marker, not a secret


def organization_create(*, slug: str, name: str) -> Organization:
    try:
        validate_slug(slug)
    except ValidationError:
        raise ValidationError({"slug": ["use lower-case letters, digits, '-' and '_'"]}) from None
    if Organization.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": [f"an organization with slug {slug!r} exists already"]})
    if not name.strip():
        raise ValidationError({"name": ["an organization needs a name"]})
    return Organization.objects.create(slug=slug, name=name.strip())


@transaction.atomic
def member_add(
    *,
    organization: Organization,
    email: str,
    role: str,
    password: str | None = None,
    name: str = "",
) -> Membership:
    """Add a person to an organization (creating the person if new), or change their role."""
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": [f"{email!r} is not an e-mail address"]}) from None
    if role not in Role.values:
        raise ValidationError({"role": [f"use one of {', '.join(Role.values)}"]})
    person = Person.objects.filter(email=email).first()
    if person is None:
        person = Person.objects.create_user(email=email, password=password, name=name)
    else:
        if password:
            person.set_password(password)
        if name:
            person.name = name
        person.save()
    membership, _ = Membership.objects.update_or_create(
        organization=organization, person=person, defaults={"role": role}
    )
    return membership


def team_create(*, organization: Organization, name: str, parent: Team | None = None) -> Team:
    name = name.strip()
    if not name:
        raise ValidationError({"name": ["a team needs a name"]})
    if parent is not None and parent.organization_id != organization.pk:
        raise ValidationError({"parent": ["no such team"]})
    if parent is None and Team.objects.filter(organization=organization, parent=None).exists():
        raise ValidationError({"parent": ["the company team exists already; choose a parent team"]})
    if Team.objects.filter(organization=organization, name=name).exists():
        raise ValidationError({"name": [f"a team named {name!r} exists already"]})
    return Team.objects.create(organization=organization, name=name, parent=parent)


def team_member_add(*, team: Team, person: Person, is_lead: bool = False) -> TeamMember:
    if not Membership.objects.filter(organization_id=team.organization_id, person=person).exists():
        raise ValidationError({"person": ["only members of the organization can join its teams"]})
    member, _ = TeamMember.objects.update_or_create(
        team=team, person=person, defaults={"is_lead": is_lead}
    )
    return member


def token_digest(raw: str) -> str:
    # Tokens are 256 random bits, so a plain SHA-256 is as strong as a slow hash here.
    return hashlib.sha256(raw.encode()).hexdigest()


def token_create(
    *, organization: Organization, person: Person, name: str = ""
) -> tuple[ApiToken, str]:
    """Create a token; returns it with the raw secret, which is never stored or shown again."""
    if not Membership.objects.filter(organization=organization, person=person).exists():
        raise ValidationError(
            {"person": [f"{person.email} is not a member of {organization.slug}"]}
        )
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        organization=organization,
        person=person,
        name=name.strip(),
        prefix=raw[:12],
        digest=token_digest(raw),
    )
    return token, raw


def token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
