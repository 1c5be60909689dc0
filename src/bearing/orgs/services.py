"""Writes for organizations, people, teams and API tokens. Keyword-only, one transaction each."""

from __future__ import annotations

import hashlib
import secrets
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email, validate_slug
from django.db import transaction
from django.utils import timezone

from bearing.domain.limits import MAX_NAME, label_problem
from bearing.domain.plans import window_problem
from bearing.orgs.models import (
    ApiToken,
    Invitation,
    InvitedTeam,
    Membership,
    Organization,
    Person,
    Role,
    Team,
    TeamMember,
)

TOKEN_PREFIX = "brg_"  # noqa: S105 -- a public marker, not a secret


def record(**fields: Any) -> None:
    """Record a change in the organization's history (``okrs.services.changes.record``);
    imported late, as the OKR app's models import this app's."""
    from bearing.okrs.services.changes import record as record_change

    record_change(**fields)


def organization_create(*, slug: str, name: str) -> Organization:
    try:
        validate_slug(slug)
    except ValidationError:
        raise ValidationError({"slug": ["use lower-case letters, digits, '-' and '_'"]}) from None
    if Organization.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": [f"an organization with slug {slug!r} exists already"]})
    if not name.strip():
        raise ValidationError({"name": ["an organization needs a name"]})
    if problem := label_problem(name):
        raise ValidationError({"name": [problem]})
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
    name = name.strip()
    if name and (
        problem := label_problem(name)
        or ("keep names under 200 characters" if len(name) > MAX_NAME else None)
    ):
        raise ValidationError({"name": [problem]})
    person = Person.objects.filter(email=email).first()
    if person is None:
        person = Person.objects.create_user(email=email, password=password, name=name)
    else:
        if password:
            person.set_password(password)
        if name:
            person.name = name
        person.save()
    invited = pending_invitation(organization, email)
    if invited is not None:  # the operator adds someone who was invited: they join as asked
        return invitation_accept(invitation=invited, person=person, role=role)
    membership = Membership.objects.filter(organization=organization, person=person).first()
    if membership is None:
        membership = Membership.objects.create(organization=organization, person=person, role=role)
        record(
            organization=organization, actor=None, action="create", entity="membership",
            entity_id=membership.pk, summary=f"added {email} as {role}", after={"role": role},
        )  # fmt: skip
    elif membership.role != role:
        from bearing.orgs.members import member_set_role

        membership = member_set_role(actor=None, membership=membership, role=role)
    return membership


def checked_team_name(organization: Organization, name: str, team: Team | None = None) -> str:
    """A team's name, stripped, or a ValidationError: empty, unreadable, too long, or taken
    (by another team than ``team``, archived ones included)."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": ["a team needs a name"]})
    if problem := (
        label_problem(name)
        or ("keep team names under 200 characters" if len(name) > MAX_NAME else None)
    ):
        raise ValidationError({"name": [problem]})
    taken = Team.objects.filter(organization=organization, name=name)
    if team is not None:
        taken = taken.exclude(pk=team.pk)
    if (other := taken.first()) is not None:
        archived = " (archived)" if other.is_archived else ""
        raise ValidationError({"name": [f"a team named {name!r} exists already{archived}"]})
    return name


@transaction.atomic
def team_create(
    *,
    organization: Organization,
    name: str,
    parent: Team | None = None,
    actor: Person | None = None,
) -> Team:
    if parent is not None and parent.organization_id != organization.pk:
        raise ValidationError({"parent": ["no such team"]})
    if parent is not None and parent.is_archived:
        raise ValidationError({"parent": [f"{parent.name} is archived; choose another parent"]})
    if parent is None and Team.objects.filter(organization=organization, parent=None).exists():
        raise ValidationError({"parent": ["the company team exists already; choose a parent team"]})
    name = checked_team_name(organization, name)
    team = Team.objects.create(organization=organization, name=name, parent=parent)
    record(
        organization=organization, actor=actor, action="create", entity="team", entity_id=team.pk,
        summary=f"created team {name}", after={"name": name, "parent": team.parent_id},
    )  # fmt: skip
    return team


@transaction.atomic
def team_member_add(
    *, team: Team, person: Person, is_lead: bool = False, actor: Person | None = None
) -> TeamMember:
    """Put a member of the organization in a team (or make them a lead, or not, if they are in
    it already). Deactivated members and archived teams are refused."""
    membership = Membership.objects.filter(
        organization_id=team.organization_id, person=person
    ).first()
    if membership is None:
        raise ValidationError({"person": ["only members of the organization can join its teams"]})
    if not membership.is_active:
        raise ValidationError(
            {"person": [f"{person.email} was deactivated; reactivate them first"]}
        )
    if team.is_archived:
        raise ValidationError({"team": [f"{team.name} is archived; restore it first"]})
    member = TeamMember.objects.filter(team=team, person=person).first()
    if member is not None and member.is_lead == is_lead:
        return member
    role = "lead" if is_lead else "member"
    if member is None:
        member = TeamMember.objects.create(team=team, person=person, is_lead=is_lead)
        summary, before = f"added {person.email} to {team.name} as {role}", None
    else:
        member.is_lead = is_lead
        member.save(update_fields=["is_lead"])
        summary = (
            f"made {person.email} {'a lead' if is_lead else 'no longer a lead'} of {team.name}"
        )
        before = {"is_lead": not is_lead}
    record(
        organization=team.organization_id, actor=actor, action="create" if before is None else "update",
        entity="team_member", entity_id=member.pk, summary=summary, before=before,
        after={"team": team.pk, "person": person.pk, "is_lead": is_lead},
    )  # fmt: skip
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


# The organization's settings (PRODUCT.md "Domain"): what each may be, and in which words.
SETTINGS_FIELDS = (
    "yellow_from",
    "green_from",
    "checkin_weekday",
    "max_objectives_per_team",
    "max_key_results_per_objective",
    "key_result_cap",
    "cascaded_warn_pct",
    "aligned_drop_warn_pct",
    "plan_window_days",
)
MAX_SOFT_LIMIT = 50
MAX_KEY_RESULT_CAP = 50


DECIMAL_SETTINGS = ("yellow_from", "green_from", "cascaded_warn_pct", "aligned_drop_warn_pct")


def _type_problems(values: dict[str, Any]) -> dict[str, list[str]]:
    """Decimals must be Decimals (or ints) and the rest ints, before the ranges are checked."""
    problems: dict[str, list[str]] = {}
    for name in SETTINGS_FIELDS:
        value = values[name]
        numeric = isinstance(value, Decimal) and value.is_finite()
        whole = isinstance(value, int) and not isinstance(value, bool)
        if name in DECIMAL_SETTINGS and whole:
            values[name] = Decimal(value)
        elif not (numeric if name in DECIMAL_SETTINGS else whole):
            problems[name] = [
                "give a number" if name in DECIMAL_SETTINGS else "give a whole number"
            ]
    return problems


def _settings_problems(values: dict[str, Any]) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}

    def problem(field: str, message: str) -> None:
        problems.setdefault(field, []).append(message)

    yellow, green = values["yellow_from"], values["green_from"]
    for field, band in (("yellow_from", yellow), ("green_from", green)):
        if not Decimal(0) < band <= Decimal(1):
            problem(field, "give a score above 0 and at most 1, e.g. 0.4")
        elif band != band.quantize(Decimal("0.01")):
            problem(field, "use at most two decimals, e.g. 0.35")
    if "yellow_from" not in problems and "green_from" not in problems and yellow >= green:
        problem("green_from", f"must be above where yellow starts ({yellow})")
    if values["checkin_weekday"] not in range(7):
        problem("checkin_weekday", "choose a day from Monday (0) to Sunday (6)")
    for field in ("max_objectives_per_team", "max_key_results_per_objective"):
        if not 1 <= values[field] <= MAX_SOFT_LIMIT:
            problem(field, f"give a whole number from 1 to {MAX_SOFT_LIMIT}")
    if not 1 <= values["key_result_cap"] <= MAX_KEY_RESULT_CAP:
        problem("key_result_cap", f"give a whole number from 1 to {MAX_KEY_RESULT_CAP}")
    elif values["key_result_cap"] < values["max_key_results_per_objective"]:
        problem("key_result_cap", "must be at least the coach's limit of key results per objective")
    for field in ("cascaded_warn_pct", "aligned_drop_warn_pct"):
        pct = values[field]
        if not Decimal(0) <= pct <= Decimal(100):
            problem(field, "give a percentage from 0 to 100")
        elif pct != pct.quantize(Decimal("0.1")):
            problem(field, "use at most one decimal, e.g. 12.5")
    if message := window_problem(values["plan_window_days"]):
        problem("plan_window_days", message)
    return problems


@transaction.atomic
def organization_update_settings(
    *, actor: Person | None, organization: Organization, **changes: Any
) -> Organization:
    """Change some of the organization's settings (the keyword arguments, named as the
    fields); every problem is a ValidationError keyed by field, and nothing is saved then.
    The change is recorded in the change history (entity ``organization``)."""
    from bearing.okrs.services.changes import diff, record, snapshot

    unknown = set(changes) - set(SETTINGS_FIELDS)
    if unknown:
        raise ValidationError({name: ["not a setting"] for name in sorted(unknown)})
    values = {name: getattr(organization, name) for name in SETTINGS_FIELDS} | changes
    problems = _type_problems(values) or _settings_problems(values)
    if problems:
        raise ValidationError(problems)
    before = snapshot(organization, SETTINGS_FIELDS)
    for name in changes:
        setattr(organization, name, values[name])
    after = snapshot(organization, SETTINGS_FIELDS)
    old, new = diff(before, after)
    if not new:
        return organization
    organization.save(update_fields=list(new))
    record(
        organization=organization,
        actor=actor,
        action="update",
        entity="organization",
        entity_id=organization.pk,
        summary="Changed the settings: " + ", ".join(SETTING_LABELS[name] for name in new),
        before=old,
        after=new,
    )
    return organization


SETTING_LABELS = {
    # Not "yellow from": the history reads "changed the yellow threshold from 0.4 to 0.3".
    "yellow_from": "yellow threshold",
    "green_from": "green threshold",
    "checkin_weekday": "check-in day",
    "max_objectives_per_team": "objectives per team",
    "max_key_results_per_objective": "key results per objective",
    "key_result_cap": "most key results an objective may have",
    "cascaded_warn_pct": "cascaded-share warning",
    "aligned_drop_warn_pct": "aligned-drop warning",
    "plan_window_days": "plan window",
}


@transaction.atomic
def invitation_create(
    *,
    actor: Person | None,
    organization: Organization,
    email: str,
    name: str = "",
    role: str = Role.MEMBER,
    teams: dict[Team, bool] | None = None,
) -> Invitation:
    """Invite someone who is not a member (``teams``: team → joins it as a lead).

    Inviting again adds to the pending invitation (its teams, a name it lacked) instead
    of making a second one. The answer never depends on whether the e-mail belongs to
    an account elsewhere: that is no business of the inviting organization.
    """
    from bearing.okrs.services.changes import record

    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": [f"{email!r} is not an e-mail address"]}) from None
    if role not in Role.values:
        raise ValidationError({"role": [f"use one of {', '.join(Role.values)}"]})
    name = name.strip()
    if name and (problem := label_problem(name)):
        raise ValidationError({"name": [problem]})
    member = Membership.objects.filter(organization=organization, person__email=email).first()
    if member is not None:
        raise ValidationError(
            {"email": [f"{email} is a member already" if member.is_active
                       else f"{email} was deactivated: reactivate them instead"]}
        )  # fmt: skip
    if any(team.organization_id != organization.pk for team in teams or {}):
        raise ValidationError({"teams": ["no such team"]})
    invitation, created = Invitation.objects.get_or_create(
        organization=organization, email=email, accepted_at=None, revoked_at=None,
        defaults={"name": name[:MAX_NAME], "role": role, "invited_by": actor},
    )  # fmt: skip
    if not created and name and not invitation.name:
        invitation.name = name[:MAX_NAME]
        invitation.save(update_fields=["name"])
    for team, lead in (teams or {}).items():
        joined, _ = InvitedTeam.objects.get_or_create(
            invitation=invitation, team=team, defaults={"is_lead": lead}
        )
        if lead and not joined.is_lead:
            joined.is_lead = True
            joined.save(update_fields=["is_lead"])
    if created:
        record(
            organization=organization, actor=actor, action="create", entity="invitation",
            entity_id=invitation.pk, summary=f"invited {email}", after={"email": email, "role": role},
        )  # fmt: skip
    return invitation


def pending_invitation(organization: Organization, email: str) -> Invitation | None:
    return Invitation.objects.filter(
        organization=organization, email=email.strip().lower(), accepted_at=None, revoked_at=None
    ).first()


@transaction.atomic
def invitation_accept(
    *, invitation: Invitation, person: Person, role: str | None = None
) -> Membership:
    """The invited person joins: a membership with the invitation's role (or ``role``), the
    teams it names, and its name if the person has none yet."""
    from bearing.okrs.services.changes import record

    fresh = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not fresh.is_pending:
        raise ValidationError({"invitation": ["this invitation was used or withdrawn already"]})
    if person.email != fresh.email:
        raise ValidationError({"invitation": ["this invitation is for another e-mail address"]})
    membership, _ = Membership.objects.update_or_create(
        organization=fresh.organization, person=person, defaults={"role": role or fresh.role}
    )
    if fresh.name and not person.name:
        person.name = fresh.name
        person.save(update_fields=["name"])
    for invited in fresh.teams.select_related("team").filter(team__archived_at=None):
        TeamMember.objects.update_or_create(
            team=invited.team, person=person, defaults={"is_lead": invited.is_lead}
        )
    fresh.accepted_at = timezone.now()
    fresh.save(update_fields=["accepted_at"])
    record(
        organization=fresh.organization, actor=person, action="update", entity="invitation",
        entity_id=fresh.pk, summary=f"{person.email} joined", after={"role": membership.role},
    )  # fmt: skip
    return membership
