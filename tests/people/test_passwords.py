"""Resetting a forgotten password by e-mail (through a real SMTP server) and changing it:
Django's views and tokens, the validators, and sessions on other devices ending."""

from __future__ import annotations

from typing import Any

from django.test import Client

from tests.conftest import World, signed_in
from tests.factories import PASSWORD
from tests.smtp import Inbox, link_in

NEW = "a-long and unusual passphrase"


def reset_link(client: Client, mailbox: Inbox, email: str) -> str:
    response = client.post("/password/reset/", {"email": email})
    assert response.status_code == 302 and response["Location"] == "/password/reset/sent/"
    (message,) = mailbox.wait_for(email.lower())
    assert message["Subject"] == "Reset your Bearing password"
    return link_in(message).removeprefix("http://bearing.test")


def test_the_sign_in_page_offers_a_reset(client: Client) -> None:
    assert b'href="/password/reset/">Forgot your password?' in client.get("/sign-in/").content


def test_reset_by_e_mail_signs_in_and_ends_other_sessions(world: World, mailbox: Inbox) -> None:
    elsewhere = signed_in(world.bob)
    assert elsewhere.get("/o/acme/").status_code == 200
    browser = Client()
    link = reset_link(browser, mailbox, "Bob@Acme.example")
    form = browser.get(link, follow=True)  # Django hides the token behind a redirect
    assert b"Choose a new password" in form.content
    done = browser.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302
    assert (
        "Your password is changed, and you are signed in."
        in browser.get("/o/acme/").content.decode()
    )
    world.bob.refresh_from_db()
    assert world.bob.check_password(NEW)
    assert elsewhere.get("/o/acme/")["Location"].startswith("/sign-in/")
    again = browser.get(link, follow=True)
    assert b"This link does not work any more" in again.content


def test_an_unknown_address_gets_the_same_answer_and_no_mail(world: World, mailbox: Inbox) -> None:
    response = Client().post("/password/reset/", {"email": "nobody@acme.example"}, follow=True)
    assert b"Check your e-mail" in response.content
    assert not mailbox.messages


def test_a_new_password_must_pass_the_validators(world: World, mailbox: Inbox) -> None:
    browser = Client()
    form = browser.get(reset_link(browser, mailbox, "bob@acme.example"), follow=True)
    url = form.redirect_chain[-1][0]
    page = browser.post(url, {"new_password1": "1234567890", "new_password2": "1234567890"})
    assert b"This password is entirely numeric." in page.content
    world.bob.refresh_from_db()
    assert world.bob.check_password(PASSWORD)


def test_a_reset_lifts_a_sign_in_lockout(world: World, mailbox: Inbox, settings: Any) -> None:
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(2):
        Client().post("/sign-in/", {"username": "bob@acme.example", "password": "wrong"})
    locked = Client().post("/sign-in/", {"username": "bob@acme.example", "password": PASSWORD})
    assert locked.status_code != 302
    browser = Client()
    form = browser.get(reset_link(browser, mailbox, "bob@acme.example"), follow=True)
    browser.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    fresh = Client().post("/sign-in/", {"username": "bob@acme.example", "password": NEW})
    assert fresh.status_code == 302


def test_changing_the_password_keeps_this_session_and_ends_the_others(world: World) -> None:
    here, elsewhere = signed_in(world.bob), signed_in(world.bob)
    page = here.post(
        "/password/change/", {"old_password": "wrong", "new_password1": NEW, "new_password2": NEW}
    )
    assert b"Your old password was entered incorrectly" in page.content
    response = here.post(
        "/password/change/", {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW}
    )
    assert response.status_code == 302
    assert "You were signed out on your other devices." in here.get("/o/acme/").content.decode()
    assert elsewhere.get("/o/acme/")["Location"].startswith("/sign-in/")


def test_changing_needs_a_signed_in_person(client: Client) -> None:
    assert client.get("/password/change/")["Location"].startswith("/sign-in/")


def test_reset_links_are_limited_per_address_and_say_so(world: World, mailbox: Inbox) -> None:
    """Five links an hour for one e-mail (whether or not it has an account: the answer is the
    same), then a 429 with what to do, and no sixth e-mail."""
    browser = Client()
    for _ in range(5):
        assert browser.post("/password/reset/", {"email": "bob@acme.example"}).status_code == 302
    mailbox.wait_for("bob@acme.example", count=5)
    refused = browser.post("/password/reset/", {"email": "BOB@acme.example"})
    assert refused.status_code == 429
    assert "Too many reset links were asked for this address or from here." in (
        refused.content.decode()
    )
    assert len(mailbox.to("bob@acme.example")) == 5
    for _ in range(5):
        browser.post("/password/reset/", {"email": "nobody@acme.example"})
    unknown = browser.post("/password/reset/", {"email": "nobody@acme.example"})
    assert unknown.status_code == 429  # the same answer as for an account


def test_one_address_asking_for_many_e_mails_is_stopped(world: World, mailbox: Inbox) -> None:
    browser = Client()
    answers = [
        browser.post("/password/reset/", {"email": f"someone{i}@acme.example"}).status_code
        for i in range(21)
    ]
    assert answers == [302] * 20 + [429]
