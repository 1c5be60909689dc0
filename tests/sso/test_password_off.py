"""Password sign-in off for an organization: its members and viewers cannot sign in (nor reset)
with a password, their password sessions end, and admins keep the password as the break-glass
path. People who also belong to an organization with passwords still sign in, but a password
session does not enter the one that turned them off."""

from __future__ import annotations

from django.core import mail
from django.test import Client

from bearing.orgs.models import Person
from bearing.sso.services import provider_save
from tests import factories
from tests.conftest import World, signed_in

PASSWORD = "correct-horse-battery"


def password_off(world: World) -> None:
    provider_save(actor=world.alice, organization=world.org, name="Okta", client_id="bearing",
                  issuer="http://127.0.0.1:9/oauth2", client_secret="s",
                  password_sign_in_off=True)  # fmt: skip


def with_passwords(world: World) -> None:
    for person in (world.alice, world.bob):
        person.set_password(PASSWORD)
        person.save()


def sign_in(client: Client, email: str) -> str:
    response = client.post("/sign-in/", {"username": email, "password": PASSWORD})
    return response.content.decode() if response.status_code == 200 else response["Location"]


def test_members_cannot_sign_in_with_a_password(world: World, client: Client) -> None:
    with_passwords(world)
    password_off(world)
    page = sign_in(client, "bob@acme.example")
    assert "Acme signs in with Okta, not with a password" in page
    assert "Sign in with Okta" in page  # the way in, on the same page
    assert "_auth_user_id" not in client.session
    # A wrong password says only that it is wrong: nothing about single sign-on.
    wrong = client.post("/sign-in/", {"username": "bob@acme.example", "password": "nope"})
    assert "Okta" not in wrong.content.decode()


def test_admins_keep_the_password_as_the_break_glass_path(world: World, client: Client) -> None:
    with_passwords(world)
    password_off(world)
    assert sign_in(client, "alice@acme.example") == "/"
    assert client.get("/o/acme/").status_code == 200


def test_no_reset_link_for_members_but_admins_get_one(world: World, client: Client) -> None:
    password_off(world)
    bob = client.post("/password/reset/", {"email": "bob@acme.example"})
    assert bob.status_code == 302 and len(mail.outbox) == 0  # the same answer, no e-mail
    alice = client.post("/password/reset/", {"email": "alice@acme.example"})
    assert alice.status_code == 302 and len(mail.outbox) == 1


def test_turning_passwords_off_ends_members_password_sessions(
    world: World, as_bob: Client, as_alice: Client
) -> None:
    assert as_bob.get("/o/acme/").status_code == 200
    password_off(world)
    assert as_bob.get("/o/acme/")["Location"].startswith("/sign-in/")
    assert as_alice.get("/o/acme/").status_code == 200


def test_any_other_way_of_signing_in_is_held_to_the_same_rule(world: World) -> None:
    """Joining by invitation or a reset link signs in too: the session is marked as it opens."""
    password_off(world)
    bob, alice = (Person.objects.get(pk=p.pk) for p in (world.bob, world.alice))  # as now stored
    assert signed_in(bob).get("/o/acme/").status_code == 403
    assert signed_in(alice).get("/o/acme/").status_code == 200


def test_a_password_session_does_not_enter_the_organization_that_turned_passwords_off(
    world: World, client: Client
) -> None:
    with_passwords(world)
    factories.make_member(world.other_org, "bob@acme.example", "member")
    password_off(world)
    assert sign_in(client, "bob@acme.example") == "/"  # Globex still takes passwords
    assert client.get("/")["Location"] == "/o/globex/"  # not Acme, first by name
    assert client.get("/o/globex/").status_code == 200
    acme = client.get("/o/acme/")
    assert acme.status_code == 403
    html = acme.content.decode()
    assert "Acme signs in with single sign-on" in html and 'href="/sso/acme/"' in html
