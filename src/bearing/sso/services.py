"""The rules of single sign-on: who configures it, whom a provider's answer signs in, and
where a password still works. Pages and the API call these; nothing else decides.

Sessions remember how they were opened (``SESSION_ORG``, ``SESSION_BLOCKED``), so checking a
page costs no query: a session opened by an organization's provider enters only that
organization — its provider vouches for nobody elsewhere — and a password session does not
enter an organization whose password sign-in is off, unless the person is an admin there.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from bearing.notify.outbound import checked_url
from bearing.orgs.models import Invitation, Membership, Organization, Person, Role
from bearing.orgs.services import invitation_accept, member_add, pending_invitation, record
from bearing.secrets import seal
from bearing.sso.models import Identity, Provider

# The organization whose provider signed this session in (absent: signed in with a password).
SESSION_ORG = "bearing_sso_org"
# Organizations a password session may not enter: their password sign-in is off.
SESSION_BLOCKED = "bearing_password_blocked"


class SignInRefused(Exception):
    """The provider's answer signs nobody in; ``reason`` names the case (for tests and logs),
    ``message`` tells the person what to do."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


def provider_of(organization: Organization) -> Provider | None:
    return Provider.objects.filter(organization=organization).first()


def enabled_provider(slug: str) -> Provider | None:
    """The organization's provider when single sign-on is on (None for unknown slugs too)."""
    return (
        Provider.objects.select_related("organization")
        .filter(organization__slug=slug, enabled=True)
        .first()
    )


def _issuer(url: str) -> str:
    """The issuer, checked like every outbound address (no private addresses unless the
    installation allows them), and https: its answers sign people in."""
    url = checked_url(url, field="issuer").rstrip("/")
    if not url.startswith("https://") and not settings.OUTBOUND_ALLOW_PRIVATE:
        raise ValidationError({"issuer": ["use an https:// address"]})
    return url


@transaction.atomic
def provider_save(
    *,
    actor: Person | None,
    organization: Organization,
    name: str,
    issuer: str,
    client_id: str,
    client_secret: str = "",
    enabled: bool = True,
    allow_new_members: bool = False,
    password_sign_in_off: bool = False,
) -> Provider:
    """Create or change the organization's provider. A blank secret keeps the stored one."""
    problems: dict[str, list[str]] = {}
    name, client_id = name.strip(), client_id.strip()
    if not name:
        problems["name"] = ["name the provider: people see “Sign in with …”"]
    elif len(name) > 100:
        problems["name"] = ["at most 100 characters"]
    if not client_id:
        problems["client_id"] = ["enter the client id the provider gave Bearing"]
    elif len(client_id) > 255:
        problems["client_id"] = ["at most 255 characters"]
    try:
        issuer = _issuer(issuer)
    except ValidationError as error:
        problems.update(error.message_dict)
    existing = Provider.objects.select_for_update().filter(organization=organization).first()
    if not client_secret and existing is None:
        problems["client_secret"] = ["enter the client secret the provider gave Bearing"]
    if password_sign_in_off and not enabled:
        problems["password_sign_in_off"] = [
            "password sign-in can only be off while single sign-on is on"
        ]
    if problems:
        raise ValidationError(problems)
    values = {
        "name": name, "issuer": issuer, "client_id": client_id, "enabled": enabled,
        "allow_new_members": allow_new_members, "password_sign_in_off": password_sign_in_off,
    }  # fmt: skip
    before = {k: getattr(existing, k) for k in values} if existing else None
    provider = existing or Provider(organization=organization)
    for key, value in values.items():
        setattr(provider, key, value)
    if client_secret:
        provider.client_secret_sealed = seal(client_secret)
    provider.save()
    after: dict[str, Any] = dict(values)
    if client_secret:
        after["client_secret"] = "(changed)"  # noqa: S105 -- never its text, not even in the history
    record(
        organization=organization, actor=actor, action="update" if existing else "create",
        entity="sso_provider", entity_id=provider.pk, summary=f"single sign-on with {name}",
        before=before, after=after,
    )  # fmt: skip
    if password_sign_in_off and not (before or {}).get("password_sign_in_off"):
        _end_password_sessions(organization)
    return provider


def _end_password_sessions(organization: Organization) -> None:
    """Password sign-in just went off: its non-admin members' sessions end (each person's
    sessions everywhere, as the sessions do not say which organizations they may enter
    until they are opened again)."""
    members = Membership.objects.filter(organization=organization, deactivated_at=None).exclude(
        role=Role.ADMIN
    )
    Person.objects.filter(pk__in=members.values("person_id")).update(
        session_generation=F("session_generation") + 1
    )


@transaction.atomic
def provider_remove(*, actor: Person | None, organization: Organization) -> None:
    provider = provider_of(organization)
    if provider is None:
        return
    record(
        organization=organization, actor=actor, action="delete", entity="sso_provider",
        entity_id=provider.pk, summary=f"removed single sign-on with {provider.name}",
    )  # fmt: skip
    Identity.objects.filter(organization=organization).delete()
    provider.delete()


def _usable(invited: Invitation) -> bool:
    """A pending invitation still in time (one never sent has no expiry yet)."""
    from bearing.orgs.invitations import expires_at

    ends = expires_at(invited)
    return invited.is_pending and (ends is None or ends > timezone.now())


def _verified(claims: Mapping[str, Any]) -> bool:
    # Some providers send the claim as the string "true".
    verified = claims.get("email_verified")
    return verified is True or (isinstance(verified, str) and verified.lower() == "true")


@transaction.atomic
def sign_in_resolve(*, provider: Provider, claims: Mapping[str, Any]) -> Membership:
    """The member that the provider's validated ID-token claims sign in.

    The provider's account (issuer + ``sub``) is found first; a first sign-in links to the
    organization's member with the same *verified* e-mail, accepts that e-mail's pending
    invitation, or, when the organization allows it, makes that e-mail a member. Anything else
    is refused with SignInRefused.
    """
    organization = provider.organization
    subject = str(claims.get("sub") or "")
    if not subject:
        raise SignInRefused("no_subject", f"{provider.name} did not say who you are.")
    identity = (
        Identity.objects.select_related("person")
        .filter(organization=organization, issuer=provider.issuer, subject=subject)
        .first()
    )
    if identity is not None:
        person = identity.person
    else:
        email = str(claims.get("email") or "").strip().lower()
        if not email:
            raise SignInRefused(
                "no_email", f"{provider.name} did not share your e-mail address with Bearing."
            )
        if not _verified(claims):
            raise SignInRefused(
                "unverified",
                f"{provider.name} has not verified your e-mail address {email}. Verify it there, "
                "then sign in again.",
            )
        found = Person.objects.filter(email=email).first()
        membership = (
            Membership.objects.filter(organization=organization, person=found).first()
            if found
            else None
        )
        name = str(claims.get("name") or "").strip()[:200]
        invited = pending_invitation(organization, email) if membership is None else None
        if invited is not None and _usable(invited):
            # Invited: they join as the invitation says (role, teams), whatever the switch.
            person = found or Person.objects.create_user(email=email, password=None, name=name)
            membership = invitation_accept(invitation=invited, person=person)
        elif membership is None:
            if not provider.allow_new_members:
                raise SignInRefused(
                    "not_a_member",
                    f"{email} is not a member of {organization.name}. Ask one of its admins to "
                    "invite you.",
                )
            try:
                membership = member_add(
                    organization=organization, email=email, role=Role.MEMBER, name=name
                )
            except ValidationError:
                raise SignInRefused(
                    "bad_email", f"{email} cannot be used as an e-mail address in Bearing."
                ) from None
        person = membership.person
        identity = Identity.objects.create(
            organization=organization, person=person, issuer=provider.issuer, subject=subject
        )
    membership = (
        Membership.objects.select_related("organization", "person")
        .filter(organization=organization, person=person)
        .first()
    )
    if membership is None or not membership.is_active or not person.is_active:
        raise SignInRefused(
            "deactivated",
            f"Your membership of {organization.name} is deactivated. Ask one of its admins.",
        )
    Identity.objects.filter(pk=identity.pk).update(last_signed_in_at=timezone.now())
    return membership


def password_blocked(person: Person) -> list[int]:
    """The organizations this person may not enter after signing in with a password: those
    whose password sign-in is off, where the person is not an admin (admins keep the
    password as the break-glass path, in case the provider fails)."""
    return list(
        Membership.objects.filter(
            person=person,
            deactivated_at=None,
            organization__sso_provider__enabled=True,
            organization__sso_provider__password_sign_in_off=True,
        )
        .exclude(role=Role.ADMIN)
        .values_list("organization_id", flat=True)
    )


def password_refused(person: Person) -> Provider | None:
    """The provider to use instead when a password lets this person into no organization
    at all (every membership has password sign-in off); None when a password may do."""
    blocked = password_blocked(person)
    if not blocked:
        return None
    others = (
        Membership.objects.filter(person=person, deactivated_at=None)
        .exclude(organization_id__in=blocked)
        .exists()
    )
    if others:
        return None
    return (
        Provider.objects.select_related("organization").filter(organization_id=blocked[0]).first()
    )


def remember_password_blocked(sender: object, request: Any, user: Person, **kwargs: Any) -> None:
    """On every sign-in (password, invitation, password reset): the organizations this session
    may not enter, kept in the session so pages need no query. A provider's sign-in then sets
    ``SESSION_ORG``, which takes precedence (``may_enter``)."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_BLOCKED] = password_blocked(user)


def may_enter(session: Mapping[str, Any], organization_id: int) -> bool:
    """Whether a session may enter the organization (no query: it reads the session)."""
    signed_in_by = session.get(SESSION_ORG)
    if signed_in_by is not None:
        return bool(signed_in_by == organization_id)
    return organization_id not in session.get(SESSION_BLOCKED, ())
