"""Invitations by e-mail: asking people in (one or many, pasted), their links, sending and
resending them, withdrawing them, and joining through one.

Who becomes a member and how stays in ``orgs.services`` (``invitation_create``,
``invitation_accept``): the pages, the API, the CLI and the OKR-file import all come through
there. This module adds the link: signed with the installation's secret key, carrying the
invitation and a nonce that changes on every sending (so only the latest link works), valid
for ``BEARING_INVITATION_DAYS`` from its sending, and used once (joining marks the invitation
accepted).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from bearing import mail
from bearing.domain.limits import MAX_EMAIL, MAX_NAME, label_problem
from bearing.orgs.models import Invitation, Membership, Organization, Person, Role, Team
from bearing.orgs.services import invitation_accept, invitation_create, record

SALT = "bearing.invitation"
MAX_AT_ONCE = 200  # addresses in one paste: one request's work stays bounded


def validity() -> timedelta:
    return timedelta(days=settings.BEARING_INVITATION_DAYS)


def expires_at(invitation: Invitation) -> datetime | None:
    return invitation.sent_at + validity() if invitation.sent_at else None


# Links


@transaction.atomic
def invitation_issue(*, actor: Person | None, invitation: Invitation) -> str:
    """A new link for a pending invitation (its token); earlier links stop working."""
    fresh = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not fresh.is_pending:
        raise ValidationError({"invitation": ["this invitation was used or withdrawn already"]})
    again = fresh.sent_at is not None
    fresh.nonce = secrets.token_urlsafe(16)
    fresh.sent_at = timezone.now()
    fresh.save(update_fields=["nonce", "sent_at"])
    record(
        organization=fresh.organization_id, actor=actor, action="update", entity="invitation",
        entity_id=fresh.pk, summary=f"{'sent again' if again else 'sent'} the invitation to {fresh.email}",
    )  # fmt: skip
    invitation.nonce, invitation.sent_at = fresh.nonce, fresh.sent_at
    return signing.dumps({"i": fresh.pk, "n": fresh.nonce}, salt=SALT, compress=True)


def invitation_path(token: str) -> str:
    return reverse("web:invitation", kwargs={"token": token})


class LinkState(Enum):
    OK = "ok"
    INVALID = "invalid"  # not a link we made: mistyped, cut short or tampered with
    REPLACED = "replaced"  # a newer link was sent
    EXPIRED = "expired"
    USED = "used"
    REVOKED = "revoked"


@dataclass(frozen=True)
class LinkCheck:
    state: LinkState
    invitation: Invitation | None = None


def invitation_from_link(token: str) -> LinkCheck:
    """What a link says, and whether it may still be used. An expired link still names its
    invitation (its signature is good), so the page can say whom to ask for a new one."""
    signer = signing.TimestampSigner(salt=SALT)
    try:
        payload = signing.loads(token, salt=SALT, max_age=validity())
        expired = False
    except signing.SignatureExpired:
        payload = signer.unsign_object(token, serializer=signing.JSONSerializer)
        expired = True
    except (signing.BadSignature, ValueError, UnicodeError):
        return LinkCheck(LinkState.INVALID)
    if not isinstance(payload, dict) or not isinstance(payload.get("i"), int):
        return LinkCheck(LinkState.INVALID)
    invitation = (
        Invitation.objects.select_related("organization", "invited_by")
        .filter(pk=payload["i"])
        .first()
    )
    if invitation is None:
        return LinkCheck(LinkState.INVALID)
    if invitation.accepted_at is not None:
        return LinkCheck(LinkState.USED, invitation)
    if invitation.revoked_at is not None:
        return LinkCheck(LinkState.REVOKED, invitation)
    if payload.get("n") != invitation.nonce:
        return LinkCheck(LinkState.REPLACED, invitation)
    if expired:
        return LinkCheck(LinkState.EXPIRED, invitation)
    return LinkCheck(LinkState.OK, invitation)


# Inviting many at once


@dataclass
class Invited:
    invitations: list[Invitation] = field(default_factory=list)
    members: list[str] = field(default_factory=list)  # already members: nobody to invite


def parse_addresses(text: str) -> list[tuple[str, str]]:
    """(name, e-mail) for each address pasted: one per line or separated by commas or
    semicolons, bare or as ``Ana Lima <ana@example.com>``; each e-mail once. Nothing is
    dropped: a piece that is not an address comes back as one, for the check to name it."""
    seen: dict[str, tuple[str, str]] = {}
    for piece in re.split(r"[,;\n\r]+", text):
        piece = piece.strip()
        if not piece:
            continue
        named = re.fullmatch(r"(.*?)\s*<([^<>]*)>", piece)
        name, email = (named.group(1).strip().strip('"'), named.group(2)) if named else ("", piece)
        email = email.strip().lower()
        seen.setdefault(email, (name, email))
    return list(seen.values())


def _address_problems(people: list[tuple[str, str]]) -> list[str]:
    problems = []
    for name, email in people:
        try:
            if len(email) > MAX_EMAIL:
                raise ValidationError("too long")
            validate_email(email)
        except ValidationError:
            problems.append(f"{email!r} is not an e-mail address")
            continue
        if name and (label_problem(name) or len(name) > MAX_NAME):
            problems.append(f"the name given for {email} cannot be used")
    return problems


@transaction.atomic
def invitations_create(
    *,
    actor: Person | None,
    organization: Organization,
    addresses: str,
    role: str = Role.MEMBER,
    teams: dict[Team, bool] | None = None,
) -> Invited:
    """Invite everyone in ``addresses`` (as pasted) with one role and the same teams. All or
    nothing: one address that is not an e-mail refuses the lot, saying which. People who are
    members already are listed, not invited; someone invited already keeps their one
    invitation, with the teams added."""
    people = parse_addresses(addresses)
    if not people:
        raise ValidationError({"emails": ["give at least one e-mail address"]})
    if len(people) > MAX_AT_ONCE:
        raise ValidationError({"emails": [f"invite at most {MAX_AT_ONCE} people at once"]})
    if problems := _address_problems(people):
        raise ValidationError({"emails": problems})
    if any(t.is_archived for t in teams or {}):
        raise ValidationError({"teams": ["archived teams take no new members"]})
    emails = [email for _, email in people]
    members = set(
        Membership.objects.filter(organization=organization, person__email__in=emails)
        .values_list("person__email", flat=True)
    )  # fmt: skip
    done = Invited(members=[e for e in emails if e in members])
    for name, email in people:
        if email not in members:
            done.invitations.append(
                invitation_create(
                    actor=actor,
                    organization=organization,
                    email=email,
                    name=name,
                    role=role,
                    teams=teams,
                )
            )
    return done


def invitation_message(invitation: Invitation, inviter: Person | None, link: str) -> EmailMessage:
    teams = [t.team.name for t in invitation.teams.select_related("team")]
    return mail.message(
        invitation.email, "invitation",
        {"invitation": invitation, "organization": invitation.organization, "inviter": inviter,
         "teams": teams, "link": link, "days": settings.BEARING_INVITATION_DAYS},
    )  # fmt: skip


def invitations_send(
    *, actor: Person | None, invitations: Sequence[Invitation], base_url: str
) -> list[mail.Failed]:
    """A new link for each invitation, e-mailed to its person; those that could not be sent."""
    messages = []
    for invitation in invitations:
        token = invitation_issue(actor=actor, invitation=invitation)
        messages.append(invitation_message(invitation, actor, base_url + invitation_path(token)))
    return mail.send(messages)


@transaction.atomic
def invitation_revoke(*, actor: Person | None, invitation: Invitation) -> Invitation:
    """Withdraw a pending invitation: its links stop working."""
    fresh = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not fresh.is_pending:
        raise ValidationError({"invitation": ["this invitation was used or withdrawn already"]})
    fresh.revoked_at = timezone.now()
    fresh.save(update_fields=["revoked_at"])
    record(
        organization=fresh.organization_id, actor=actor, action="update", entity="invitation",
        entity_id=fresh.pk, summary=f"withdrew the invitation to {fresh.email}",
        before={"pending": True}, after={"pending": False},
    )  # fmt: skip
    return fresh


# Joining


def person_for(invitation: Invitation) -> Person | None:
    return Person.objects.filter(email=invitation.email).first()


def has_account(invitation: Invitation) -> bool:
    """Whether the invited address can sign in already (then they join by signing in)."""
    person = person_for(invitation)
    return person is not None and person.has_usable_password() and person.is_active


@transaction.atomic
def invitation_join(*, invitation: Invitation, name: str, password: str) -> Membership:
    """Someone new joins through their invitation: their account (name and password, which
    must pass every validator) and their membership, in one transaction."""
    name = name.strip()
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = ["say how colleagues should call you"]
    elif problem := label_problem(name) or (
        "keep it under 200 characters" if len(name) > MAX_NAME else None
    ):
        errors["name"] = [problem]
    if has_account(invitation):
        errors["invitation"] = [f"{invitation.email} has an account already: sign in to join"]
    person = person_for(invitation) or Person(email=invitation.email)
    person.name = name
    try:
        validate_password(password, user=person)
    except ValidationError as exc:
        errors["password"] = list(exc.messages)
    if errors:
        raise ValidationError(errors)
    person.set_password(password)
    person.save()
    return invitation_accept(invitation=invitation, person=person)
