"""`bearing user add` without a password invites, as the People page does: it prints the
link (and e-mails it when e-mail is set up, here to a real SMTP server); the link works."""

from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner, Result
from django.test import Client

from bearing.cli import main
from bearing.orgs.models import Invitation, Membership, TeamMember
from tests.smtp import link_in, smtp_server

pytestmark = pytest.mark.django_db


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=stdin)


@pytest.fixture
def acme() -> None:
    assert run("org", "add", "acme", "--name", "Acme").exit_code == 0


def test_without_a_password_it_prints_an_invitation_link(acme: None, settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    result = run(
        "user",
        "add",
        "dana@example.com",
        "--org",
        "acme",
        "--role",
        "viewer",
        "--team",
        "Acme",
        "--lead",
    )
    assert result.exit_code == 0, result.output
    assert "Invited dana@example.com to acme as viewer." in result.stderr
    assert "E-mail is not set up (BEARING_EMAIL_URL)" in result.stderr
    link = result.stdout.strip()
    assert link.startswith("http://127.0.0.1:8000/invitations/")
    assert not Membership.objects.filter(person__email="dana@example.com").exists()
    joined = Client().post(link.removeprefix("http://127.0.0.1:8000"),
                           {"name": "Dana", "password": "a-long passphrase", "password_again": "a-long passphrase"})  # fmt: skip
    assert joined["Location"] == "/o/acme/"
    member = Membership.objects.get(person__email="dana@example.com")
    assert member.role == "viewer" and TeamMember.objects.get(person=member.person).is_lead


def test_with_e_mail_set_up_it_sends_the_link_too(acme: None, settings: Any) -> None:
    with smtp_server() as inbox:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = inbox.host, inbox.port
        settings.EMAIL_CONFIGURED = True
        settings.BEARING_BASE_URL = "https://okr.example.com"
        result = run("user", "add", "dana@example.com", "--org", "acme")
        assert result.exit_code == 0, result.output
        assert "E-mailed them the link:" in result.stderr
        (message,) = inbox.wait_for("dana@example.com")
    assert link_in(message) == result.stdout.strip()
    assert link_in(message).startswith("https://okr.example.com/invitations/")


def test_a_member_just_changes_role(acme: None) -> None:
    run(
        "user",
        "add",
        "ana@acme.example",
        "--org",
        "acme",
        "--password-stdin",
        stdin="a-long-passphrase\n",
    )
    result = run("user", "add", "ana@acme.example", "--org", "acme", "--role", "admin")
    assert result.exit_code == 0 and "ana@acme.example is admin of acme." in result.stdout
    assert not Invitation.objects.exists()


def test_an_unknown_team_is_one_line_and_exit_2(acme: None) -> None:
    result = run("user", "add", "dana@example.com", "--org", "acme", "--team", "Nope")
    assert result.exit_code == 2 and "acme has no team named 'Nope'" in result.stderr
    assert not Invitation.objects.exists()
