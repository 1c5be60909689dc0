"""`bearing org add`, `bearing user add`, `bearing token create|list|revoke`."""

from __future__ import annotations

import pytest
from click.testing import CliRunner, Result

from bearing.cli import main
from bearing.orgs.models import ApiToken, Membership, Organization, Team
from bearing.orgs.selectors import token_authenticate
from bearing.orgs.services import token_digest

pytestmark = pytest.mark.django_db


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=stdin)


def test_org_add_creates_the_organization_and_its_company_team() -> None:
    result = run("org", "add", "acme", "--name", "Acme Payments")
    assert result.exit_code == 0, result.output
    org = Organization.objects.get(slug="acme")
    assert Team.objects.get(organization=org, parent=None).name == "Acme Payments"


def test_org_add_twice_is_a_clear_error() -> None:
    run("org", "add", "acme", "--name", "Acme")
    result = run("org", "add", "acme", "--name", "Acme")
    assert result.exit_code == 2
    assert "slug: an organization with slug 'acme' exists already" in result.stderr
    assert Organization.objects.count() == 1


def test_user_add_reads_the_password_from_stdin() -> None:
    run("org", "add", "acme", "--name", "Acme")
    result = run("user", "add", "Ana@Acme.example", "--org", "acme", "--role", "admin", "--password-stdin",
                 stdin="a-long-passphrase\n")  # fmt: skip
    assert result.exit_code == 0, result.output
    membership = Membership.objects.get(person__email="ana@acme.example")
    assert membership.role == "admin"
    assert membership.person.check_password("a-long-passphrase")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["user", "add", "ana@acme.example", "--org", "nope"], "no organization with slug 'nope'"),
        (
            ["user", "add", "not-an-email", "--org", "acme"],
            "email: 'not-an-email' is not an e-mail address",
        ),
        (
            ["user", "add", "ana@acme.example", "--org", "acme", "--role", "owner"],
            "'owner' is not one of",
        ),
    ],
)
def test_user_add_errors(args: list[str], message: str) -> None:
    run("org", "add", "acme", "--name", "Acme")
    result = run(*args)
    assert result.exit_code == 2 and message in result.stderr


def test_user_add_rejects_a_weak_password() -> None:
    run("org", "add", "acme", "--name", "Acme")
    result = run(
        "user", "add", "a@acme.example", "--org", "acme", "--password-stdin", stdin="123\n"
    )
    assert result.exit_code == 2 and "password: This password is too short" in result.stderr
    assert not Membership.objects.exists()


def test_token_create_prints_the_token_alone_on_the_last_line_and_stores_only_a_hash() -> None:
    run("org", "add", "acme", "--name", "Acme")
    run("user", "add", "ana@acme.example", "--org", "acme", "--role", "viewer", "--password-stdin",
        stdin="a-long-passphrase\n")  # fmt: skip
    result = run("token", "create", "ana@acme.example", "--org", "acme", "--name", "pipeline")
    assert result.exit_code == 0, result.output
    raw = result.stdout.strip().splitlines()[-1]
    assert raw.startswith("brg_") and len(raw) > 40
    stored = ApiToken.objects.get()
    assert stored.digest == token_digest(raw) and raw not in (stored.digest, stored.prefix)
    authenticated = token_authenticate(raw)
    assert authenticated is not None and authenticated.person.email == "ana@acme.example"

    listing = run("token", "list", "--org", "acme").stdout
    assert stored.prefix in listing and raw not in listing and "active" in listing
    revoked = run("token", "revoke", stored.prefix, "--org", "acme")
    assert revoked.exit_code == 0
    assert revoked.stdout == f"Revoked the token {stored.prefix}…; it no longer works.\n"
    assert token_authenticate(raw) is None


def test_token_for_a_non_member_is_refused() -> None:
    run("org", "add", "acme", "--name", "Acme")
    run("org", "add", "globex", "--name", "Globex")
    run(
        "user",
        "add",
        "ana@acme.example",
        "--org",
        "acme",
        "--password-stdin",
        stdin="a-long-passphrase\n",
    )
    result = run("token", "create", "ana@acme.example", "--org", "globex")
    assert result.exit_code == 2 and "is not a member of globex" in result.stderr
