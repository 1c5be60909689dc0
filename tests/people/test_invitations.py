"""Inviting people in the browser: one or many pasted, with a role and teams; the e-mail
through a real SMTP server; joining with a name and password; links used twice, expired,
replaced, withdrawn or tampered with get a clear page; resending and withdrawing."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client

from bearing.okrs.models import ChangeRecord
from bearing.orgs.invitations import invitation_issue, invitation_path
from bearing.orgs.models import Invitation, Membership, Person, TeamMember
from bearing.orgs.services import invitation_create
from tests.conftest import World
from tests.smtp import Inbox, body, link_in

INVITE = "/o/acme/people/invite/"
STRONG = "a-long and unusual passphrase"


def invite(client: Client, emails: str, **fields: Any) -> Any:
    return client.post(INVITE, {"emails": emails, "role": "member", **fields})


def path_of(link: str) -> str:
    return link.removeprefix("http://bearing.test")


def test_inviting_two_people_pasted_sends_each_a_link(
    world: World, as_alice: Client, mailbox: Inbox
) -> None:
    response = invite(
        as_alice, "Dana Reyes <Dana@Example.com>,\neve@example.com", role="viewer",
        teams=[world.payments.pk], lead="on",
    )  # fmt: skip
    assert response.status_code == 302
    dana = Invitation.objects.get(email="dana@example.com")
    assert (dana.name, dana.role, dana.invited_by) == ("Dana Reyes", "viewer", world.alice)
    assert [(t.team, t.is_lead) for t in dana.teams.all()] == [(world.payments, True)]
    (message,) = mailbox.wait_for("dana@example.com")
    assert message["Subject"] == "Alice invited you to Acme on Bearing"
    text = body(message)
    assert "You join as viewer, in Payments." in text and "works once, for 7 days" in text
    assert link_in(message).startswith("http://bearing.test/invitations/")
    assert len(mailbox.wait_for("eve@example.com")) == 1
    summaries = set(
        ChangeRecord.objects.filter(entity="invitation").values_list("summary", flat=True)
    )
    assert {"invited dana@example.com", "sent the invitation to dana@example.com"} <= summaries


def test_joining_sets_name_and_password_and_lands_on_home(
    world: World, as_alice: Client, mailbox: Inbox
) -> None:
    invite(as_alice, "dana@example.com", teams=[world.payments.pk])
    link = path_of(link_in(mailbox.wait_for("dana@example.com")[0]))
    newcomer = Client()
    page = newcomer.get(link).content.decode()
    assert "Join Acme" in page and "Alice invited you" in page and "dana@example.com" in page
    response = newcomer.post(
        link, {"name": "Dana Reyes", "password": STRONG, "password_again": STRONG}
    )
    assert response.status_code == 302 and response["Location"] == "/o/acme/"
    dana = Person.objects.get(email="dana@example.com")
    assert dana.name == "Dana Reyes" and dana.check_password(STRONG)
    assert Membership.objects.get(organization=world.org, person=dana).role == "member"
    assert TeamMember.objects.filter(team=world.payments, person=dana).exists()
    assert newcomer.session[SESSION_KEY] == str(dana.pk)
    assert "Welcome to Acme!" in newcomer.get("/o/acme/").content.decode()


def test_a_link_used_twice_says_so(world: World, as_alice: Client, mailbox: Inbox) -> None:
    invite(as_alice, "dana@example.com")
    link = path_of(link_in(mailbox.wait_for("dana@example.com")[0]))
    Client().post(link, {"name": "Dana", "password": STRONG, "password_again": STRONG})
    again = Client().post(link, {"name": "Mallet", "password": STRONG, "password_again": STRONG})
    assert again.status_code == 410 and b"This invitation was used already" in again.content
    assert Person.objects.get(email="dana@example.com").name == "Dana"


@pytest.mark.parametrize(
    "tamper",
    [
        lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),
        lambda t: t[5:],
        lambda t: "garbage",
    ],
    ids=["signature changed", "cut short", "not a link"],
)
def test_a_tampered_link_gets_a_clear_page(world: World, tamper: Any) -> None:
    invitation = invitation_create(
        actor=world.alice, organization=world.org, email="dana@example.com"
    )
    token = invitation_issue(actor=world.alice, invitation=invitation)
    response = Client().get(invitation_path(tamper(token)))
    assert response.status_code == 404
    assert b"This invitation link does not work" in response.content
    response = Client().post(
        invitation_path(tamper(token)), {"name": "X", "password": STRONG, "password_again": STRONG}
    )
    assert (
        response.status_code == 404 and not Person.objects.filter(email="dana@example.com").exists()
    )


def test_an_expired_link_names_whom_to_ask(world: World, settings: Any) -> None:
    invitation = invitation_create(
        actor=world.alice, organization=world.org, email="dana@example.com"
    )
    token = invitation_issue(actor=world.alice, invitation=invitation)
    settings.BEARING_INVITATION_DAYS = -1  # every link is past its time
    response = Client().get(invitation_path(token))
    assert response.status_code == 410
    assert (
        b"This invitation has expired" in response.content
        and b"alice@acme.example" in response.content
    )


def test_sending_again_replaces_the_link(world: World, as_alice: Client, mailbox: Inbox) -> None:
    invite(as_alice, "dana@example.com")
    first = path_of(link_in(mailbox.wait_for("dana@example.com")[0]))
    invitation = Invitation.objects.get(email="dana@example.com")
    assert as_alice.post(f"/o/acme/invitations/{invitation.pk}/resend/").status_code == 302
    second = path_of(link_in(mailbox.wait_for("dana@example.com", 2)[1]))
    assert first != second
    assert b"A newer invitation was sent" in Client().get(first).content
    assert b"Join Acme" in Client().get(second).content


def test_a_withdrawn_invitation_stops_working(
    world: World, as_alice: Client, mailbox: Inbox
) -> None:
    invite(as_alice, "dana@example.com")
    link = path_of(link_in(mailbox.wait_for("dana@example.com")[0]))
    invitation = Invitation.objects.get(email="dana@example.com")
    as_alice.post(f"/o/acme/invitations/{invitation.pk}/revoke/")
    assert b"This invitation was withdrawn" in Client().get(link).content
    assert ChangeRecord.objects.filter(
        summary="withdrew the invitation to dana@example.com"
    ).exists()


def test_passwords_must_pass_the_validators(world: World, as_alice: Client, mailbox: Inbox) -> None:
    invite(as_alice, "dana@example.com")
    link = path_of(link_in(mailbox.wait_for("dana@example.com")[0]))
    for password, again, error in [
        ("12345678901", "12345678901", "This password is entirely numeric."),
        ("short", "short", "This password is too short."),
        (STRONG, STRONG + "x", "The two passwords differ"),
        ("dana@example.com!", "dana@example.com!", "too similar"),
    ]:
        page = Client().post(link, {"name": "Dana", "password": password, "password_again": again})
        assert page.status_code == 200 and error in page.content.decode()
    assert not Person.objects.filter(email="dana@example.com").exists()
    assert Invitation.objects.get(email="dana@example.com").is_pending


def test_someone_with_an_account_joins_by_signing_in(
    world: World, as_mallory: Client, mailbox: Inbox
) -> None:
    invitation = invitation_create(
        actor=world.alice, organization=world.org, email="mallory@globex.example"
    )
    link = invitation_path(invitation_issue(actor=world.alice, invitation=invitation))
    signed_out = Client().get(link).content.decode()
    assert "Sign in to join" in signed_out and f"/sign-in/?next={link}" in signed_out
    assert b"Join Acme</button>" in as_mallory.get(link).content
    assert as_mallory.post(link)["Location"] == "/o/acme/"
    assert Membership.objects.filter(organization=world.org, person=world.mallory).exists()


def test_signed_in_as_someone_else(world: World, as_bob: Client) -> None:
    invitation = invitation_create(
        actor=world.alice, organization=world.org, email="dana@example.com"
    )
    link = invitation_path(invitation_issue(actor=world.alice, invitation=invitation))
    page = as_bob.get(link).content.decode()
    assert "This invitation is for someone else" in page and "bob@acme.example" in page
    as_bob.post(link)
    assert Invitation.objects.get(pk=invitation.pk).is_pending


def test_members_are_listed_not_invited(world: World, as_alice: Client, mailbox: Inbox) -> None:
    response = as_alice.post(
        INVITE, {"emails": "bob@acme.example, dana@example.com", "role": "member"}, follow=True
    )
    assert "Members already, not invited: bob@acme.example." in response.content.decode()
    assert list(Invitation.objects.values_list("email", flat=True)) == ["dana@example.com"]
    assert mailbox.wait_for("dana@example.com") and not mailbox.to("bob@acme.example")


def test_one_bad_address_refuses_the_lot(world: World, as_alice: Client, mailbox: Inbox) -> None:
    page = invite(as_alice, "dana@example.com, eve@, frank").content.decode()
    assert (
        "&#x27;eve@&#x27; is not an e-mail address" in page and "&#x27;frank&#x27; is not" in page
    )
    assert "dana@example.com, eve@, frank</textarea>" in page
    assert not Invitation.objects.exists() and not mailbox.messages


def test_without_e_mail_the_links_are_shown_once(world: World, as_alice: Client) -> None:
    response = invite(as_alice, "dana@example.com")
    page = response.content.decode()
    assert "E-mail is not set up on this server, so nothing was sent." in page
    assert response["Cache-Control"] == "no-store"
    link = page.split('value="http://testserver')[1].split('"')[0]
    assert b"Join Acme" in Client().get(link).content


def test_a_mail_server_that_is_down_loses_no_invitation(
    world: World, as_alice: Client, settings: Any
) -> None:
    from tests.smtp import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nobody listens
    settings.EMAIL_CONFIGURED = True
    response = as_alice.post(INVITE, {"emails": "dana@example.com", "role": "member"}, follow=True)
    page = response.content.decode()
    assert "The invitation to dana@example.com was saved but not sent" in page
    assert Invitation.objects.get(email="dana@example.com").is_pending
