"""`bearing org | user | token`: organizations, people and API tokens, for operators."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from bearing.cli.common import UserError, with_django

if TYPE_CHECKING:
    from bearing.orgs.models import Membership, Organization, Team

ROLES = click.Choice(["admin", "member", "viewer"])


def _organization(slug: str) -> Organization:
    from bearing.orgs.models import Organization

    found = Organization.objects.filter(slug=slug).first()
    if found is None:
        raise UserError(
            f"no organization with slug {slug!r}; create it with `bearing org add {slug} --name …`"
        )
    return found


def _member(email: str, slug: str) -> Membership:
    from bearing.orgs.models import Membership

    organization = _organization(slug)
    membership = (
        Membership.objects.select_related("person", "organization")
        .filter(organization=organization, person__email=email.strip().lower())
        .first()
    )
    if membership is None:
        raise UserError(f"{email} is not a member of {slug}; add them with `bearing user add`")
    return membership


@click.group()
def org() -> None:
    """Organizations (tenants)."""


@org.command("add")
@click.argument("slug")
@click.option("--name", required=True, help="The organization's display name.")
@with_django
def org_add(slug: str, name: str) -> None:
    """Create an organization with its company team."""
    from django.db import transaction

    from bearing.orgs.services import organization_create, team_create

    with transaction.atomic():
        organization = organization_create(slug=slug, name=name)
        team_create(organization=organization, name=name)
    click.echo(f"Created organization {organization.slug} ({organization.name}).")


@click.group()
def user() -> None:
    """People and their roles."""


@user.command("add")
@click.argument("email")
@click.option("--org", "slug", required=True, help="The organization's slug.")
@click.option("--role", type=ROLES, default="member", show_default=True)
@click.option("--name", default="", help="The person's name.")
@click.option("--team", "teams", multiple=True, help="A team they join (repeat for several).")
@click.option("--lead", is_flag=True, help="They lead the teams given with --team.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_django
def user_add(
    email: str, slug: str, role: str, name: str, teams: tuple[str, ...], lead: bool,
    password_stdin: bool,
) -> None:  # fmt: skip
    """Add a person to an organization (or change a member's role).

    With --password-stdin they are added at once, with that password. Without it, someone who
    is not a member yet is invited: the command prints their invitation link (and e-mails it
    when BEARING_EMAIL_URL is set); they choose their name and password through it."""
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from bearing.orgs.models import Membership, Person
    from bearing.orgs.services import member_add, team_member_add

    organization = _organization(slug)
    chosen = {_team(organization, t): lead for t in teams}
    existing = Membership.objects.filter(
        organization=organization, person__email=email.strip().lower()
    ).first()
    if not password_stdin and existing is None:
        _invite(organization, email, name, role, chosen)
        return
    password = None
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise UserError("no password on standard input")
        try:
            # All of Django's validators, including similarity to the person's e-mail and name.
            validate_password(password, user=Person(email=email.strip().lower(), name=name))
        except ValidationError as exc:
            raise UserError("password: " + " ".join(exc.messages)) from None
    membership = member_add(
        organization=organization, email=email, role=role, password=password, name=name
    )
    for team, as_lead in chosen.items():
        team_member_add(team=team, person=membership.person, is_lead=as_lead)
    click.echo(f"{membership.person.email} is {membership.role} of {organization.slug}.")
    if not membership.person.has_usable_password():
        click.echo(
            "They have no password yet and cannot sign in: they can set one with "
            "“Forgot your password?” once e-mail is set up, or run this again with --password-stdin.",
            err=True,
        )


def _team(organization: Organization, name: str) -> Team:
    from bearing.orgs.models import Team

    found = Team.objects.filter(organization=organization, name=name, archived_at=None).first()
    if found is None:
        raise UserError(f"{organization.slug} has no team named {name!r}")
    return found


def _invite(
    organization: Organization, email: str, name: str, role: str, teams: dict[Team, bool]
) -> None:
    """Invite through the same services as the People page; print the link, e-mail it too when
    e-mail is set up."""
    from bearing import mail
    from bearing.orgs.invitations import invitation_issue, invitation_message, invitation_path
    from bearing.orgs.services import invitation_create

    invitation = invitation_create(
        actor=None, organization=organization, email=email, name=name, role=role, teams=teams
    )
    link = mail.base_url() + invitation_path(invitation_issue(actor=None, invitation=invitation))
    click.echo(f"Invited {invitation.email} to {organization.slug} as {invitation.role}.", err=True)
    if mail.is_configured():
        failed = mail.send([invitation_message(invitation, None, link)])
        click.echo(
            f"Not e-mailed: {failed[0].reason}. Hand them the link:"
            if failed
            else "E-mailed them the link:",
            err=True,
        )
    else:
        click.echo(
            "E-mail is not set up (BEARING_EMAIL_URL): hand them this link, which works once:",
            err=True,
        )
    click.echo(link)


@user.command("unlock")
@click.argument("email", required=False)
@click.option("--address", default=None, help="Unlock sign-ins from this IP address instead.")
@with_django
def user_unlock(email: str | None, address: str | None) -> None:
    """Let an account (or an address) sign in again after too many failed attempts."""
    from axes.utils import reset

    if (email is None) == (address is None):
        raise UserError("give an e-mail address or --address, one of the two")
    cleared = reset(username=email.strip().lower()) if email else reset(ip=address)
    who = email or address
    if cleared:
        click.echo(f"Unlocked {who}: it may sign in again ({cleared} failed attempts cleared).")
    else:
        click.echo(f"{who} was not locked out.")


@click.group()
def token() -> None:
    """API tokens for /api/v1."""


@token.command("create")
@click.argument("email")
@click.option("--org", "slug", required=True, help="The organization's slug.")
@click.option("--name", default="", help="What the token is for, e.g. 'data pipeline'.")
@with_django
def token_create(email: str, slug: str, name: str) -> None:
    """Create a token; it is printed once, alone on the last line."""
    from bearing.orgs.services import token_create as create

    membership = _member(email, slug)
    api_token, raw = create(
        organization=membership.organization, person=membership.person, name=name
    )
    click.echo(
        f"Token {api_token.prefix}… for {membership.person.email} ({membership.role}) in {slug}. "
        "It is shown only now; store it safely:",
        err=True,
    )
    click.echo(raw)


@token.command("list")
@click.option("--org", "slug", required=True, help="The organization's slug.")
@with_django
def token_list(slug: str) -> None:
    """List an organization's tokens (never their secrets)."""
    from bearing.orgs.models import ApiToken

    organization = _organization(slug)
    tokens = ApiToken.objects.filter(organization=organization).select_related("person")
    for t in tokens:
        state = f"revoked {t.revoked_at:%Y-%m-%d}" if t.revoked_at else "active"
        used = f"last used {t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "never used"
        click.echo(f"{t.prefix}…  {t.person.email:<30} {t.name or '-':<20} {state:<18} {used}")
    if not tokens:
        click.echo(f"{slug} has no API tokens.")


@token.command("revoke")
@click.argument("prefix")
@click.option("--org", "slug", required=True, help="The organization's slug.")
@with_django
def token_revoke(prefix: str, slug: str) -> None:
    """Revoke a token by the first characters shown by `bearing token list`."""
    from bearing.orgs.models import ApiToken
    from bearing.orgs.services import token_revoke as revoke

    prefix = prefix.rstrip("…")
    matches = list(
        ApiToken.objects.filter(organization=_organization(slug), prefix__startswith=prefix[:12])
    )
    if len(matches) != 1:
        raise UserError(
            f"{len(matches)} tokens start with {prefix!r}; give the prefix `bearing token list` shows"
        )
    revoke(token=matches[0])
    click.echo(f"Revoked the token {matches[0].prefix}…; it no longer works.")
