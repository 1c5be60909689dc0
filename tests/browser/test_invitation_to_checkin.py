"""A colleague joins as a new company rollout would, in Chromium against a real `bearing serve`
that sends e-mail to a real SMTP server: the admin invites them with a role and a team, the
e-mail brings the link, they choose a name and password, land on their home page, find their
team's objective and check in for the first time."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import sign_in
from tests.browser.live import LiveServer, live_server
from tests.smtp import Inbox, link_in, smtp_server

pytestmark = pytest.mark.browser

PASSWORD = "a-long and unusual passphrase"


@pytest.fixture(scope="module")
def inbox() -> Iterator[Inbox]:
    with smtp_server() as running:
        yield running


@pytest.fixture(scope="module")
def mailing_server(tmp_path_factory: pytest.TempPathFactory, inbox: Inbox) -> Iterator[LiveServer]:
    folder: Path = tmp_path_factory.mktemp("invite")
    with live_server(folder, extra_env={"BEARING_EMAIL_URL": inbox.url}) as running:
        yield running


def new_page(browser: Browser, server: LiveServer) -> Page:
    context = browser.new_context(base_url=server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    return context.new_page()


def test_from_invitation_to_first_check_in(
    browser: Browser, mailing_server: LiveServer, inbox: Inbox
) -> None:
    admin = new_page(browser, mailing_server)
    sign_in(admin, "ana@demo.bearing.example")
    admin.get_by_role("link", name="People", exact=True).click()
    admin.get_by_role("link", name="Invite people").click()
    admin.get_by_label("E-mail addresses").fill("Quinn Harper <quinn@example.com>")
    admin.get_by_label("Role").select_option("member")
    admin.get_by_role("group", name="Teams").get_by_label("Payments Platform").check()
    admin.get_by_role("button", name="Invite").click()
    expect(admin.get_by_text("Invited 1 person: the e-mails are on their way.")).to_be_visible()
    expect(admin.get_by_role("cell", name="quinn@example.com")).to_be_visible()

    (message,) = inbox.wait_for("quinn@example.com")
    assert str(message["Subject"]).endswith("invited you to Lumen Pay on Bearing")
    link = link_in(message)
    assert link.startswith(mailing_server.url + "/invitations/")

    quinn = new_page(browser, mailing_server)
    quinn.goto(link)
    expect(quinn.get_by_role("heading", name="Join Lumen Pay")).to_be_visible()
    expect(quinn.get_by_label("Your name")).to_have_value("Quinn Harper")
    quinn.get_by_label("Password", exact=True).fill("short")
    quinn.get_by_label("Password again").fill("short")
    quinn.get_by_role("button", name="Join Lumen Pay").click()
    expect(quinn.get_by_text("This password is too short.")).to_be_visible()
    quinn.get_by_label("Password", exact=True).fill(PASSWORD)
    quinn.get_by_label("Password again").fill(PASSWORD)
    quinn.get_by_role("button", name="Join Lumen Pay").click()
    quinn.wait_for_url("**/o/demo/")
    expect(quinn.get_by_text("Welcome to Lumen Pay!")).to_be_visible()

    quinn.get_by_role("link", name="Payments Platform").first.click()
    expect(quinn.get_by_role("heading", level=1, name="Payments Platform")).to_be_visible()
    quinn.get_by_role("link", name="Make paying feel instant").first.click()
    quinn.get_by_role("link", name="Check in", exact=True).click()
    quinn.get_by_role("group", name="Capacity").get_by_label("On track").check()
    quinn.get_by_label("Narrative").fill("My first week: learning the payment flows.")
    quinn.get_by_role("button", name="Check in").click()
    expect(quinn.get_by_text("Checked in. Thank you!")).to_be_visible()

    quinn.get_by_role("link", name="Quinn Harper").click()
    expect(quinn.get_by_role("heading", name="Check-ins")).to_be_visible()
    expect(quinn.locator(".checkin-list")).to_contain_text("Make paying feel instant")

    quinn.goto(link)  # the link worked once
    expect(quinn.get_by_role("heading", name="This invitation was used already")).to_be_visible()

    admin.reload()
    expect(admin.get_by_role("link", name="Quinn Harper", exact=True)).to_be_visible()
    expect(admin.get_by_text("No pending invitations.")).to_be_visible()
