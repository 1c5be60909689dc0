"""Single sign-on in Chromium, end to end: an admin sets it up on the settings page, people
sign in through a real OpenID Connect provider (django-oauth-toolkit, its own process), a
newcomer joins, an unverified e-mail is refused, and with password sign-in off a member is
sent to the provider while the admin keeps the password."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import sign_in
from tests.browser.live import LiveServer, live_server
from tests.sso.oidc import PASSWORD, LocalProvider, client, running_provider

pytestmark = pytest.mark.browser

USERS = [
    {"email": "ben@demo.bearing.example", "name": "Ben"},
    {"email": "newcomer@demo.bearing.example", "name": "Nora Newcomer"},
    {"email": "unverified@demo.bearing.example", "name": "Una", "last_name": "unverified"},
]


@pytest.fixture(scope="module")
def sso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server of its own: turning password sign-in off must not reach the other tests."""
    env = {"BEARING_OUTBOUND_ALLOW_PRIVATE": "1"}  # the provider listens on 127.0.0.1
    with live_server(tmp_path_factory.mktemp("sso-e2e"), extra_env=env) as running:
        yield running


@pytest.fixture(scope="module")
def provider(
    sso_server: LiveServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LocalProvider]:
    clients = [client("lumen", [f"{sso_server.url}/sso/demo/callback/"])]
    with running_provider(tmp_path_factory.mktemp("idp"), clients, USERS) as running:
        yield running


def new_page(browser: Browser, server: LiveServer) -> Page:
    context = browser.new_context(base_url=server.url)
    context.set_default_timeout(15_000)
    return context.new_page()


def through_provider(page: Page, email: str) -> None:
    """From Bearing's sign-in page, by the organization's name, to the provider and back."""
    page.goto("/sign-in/")
    page.get_by_role("link", name="Sign in with single sign-on").click()
    page.get_by_label("Organization").fill("demo")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("link", name="Sign in with Test IdP").click()
    page.get_by_label("Provider user").fill(email)
    page.get_by_label("Provider password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in to the provider").click()


def test_single_sign_on_from_setup_to_password_sign_in_off(
    browser: Browser, sso_server: LiveServer, provider: LocalProvider
) -> None:
    admin = new_page(browser, sso_server)
    sign_in(admin, "ana@demo.bearing.example")
    admin.goto("/o/demo/settings/")
    admin.get_by_role("link", name="Set up single sign-on").click()
    expect(admin.locator("#sso-callback")).to_have_text(f"{sso_server.url}/sso/demo/callback/")
    admin.get_by_label("Provider name").fill("Test IdP")
    admin.get_by_label("Issuer URL").fill(provider.issuer)
    admin.get_by_label("Client id").fill("lumen")
    admin.get_by_label("Client secret").fill("lumen-secret")
    admin.get_by_label("Allow new members on first sign-in").check()
    admin.get_by_role("button", name="Save single sign-on").click()
    expect(admin.get_by_text("Single sign-on saved.")).to_be_visible()
    assert "lumen-secret" not in admin.content()
    expect(admin.get_by_label("Client secret")).to_have_value("")

    # A member is linked by the provider's verified e-mail.
    ben = new_page(browser, sso_server)
    through_provider(ben, "ben@demo.bearing.example")
    ben.wait_for_url("**/o/demo/")
    expect(ben.get_by_role("link", name="Lumen Pay").first).to_be_visible()

    # A newcomer joins, as the organization allows.
    newcomer = new_page(browser, sso_server)
    through_provider(newcomer, "newcomer@demo.bearing.example")
    newcomer.wait_for_url("**/o/demo/")

    # An e-mail the provider has not verified signs nobody in.
    una = new_page(browser, sso_server)
    through_provider(una, "unverified@demo.bearing.example")
    expect(una.get_by_role("heading", name="You are not signed in")).to_be_visible()
    expect(una.get_by_role("alert")).to_contain_text("has not verified your e-mail address")

    # Password sign-in off: Ben's password no longer works, the provider does.
    admin.get_by_label("Password sign-in off").check()
    admin.get_by_role("button", name="Save single sign-on").click()
    expect(admin.get_by_text("Single sign-on saved.")).to_be_visible()
    by_password = new_page(browser, sso_server)
    by_password.goto("/sign-in/")
    by_password.get_by_label("Email").fill("ben@demo.bearing.example")
    by_password.get_by_label("Password").fill("bearing-demo")
    by_password.get_by_role("button", name="Sign in").click()
    expect(by_password.get_by_role("alert")).to_contain_text("signs in with Test IdP")
    by_password.get_by_role("link", name="Sign in with Test IdP").click()
    by_password.get_by_label("Provider user").fill("ben@demo.bearing.example")
    by_password.get_by_label("Provider password").fill(PASSWORD)
    by_password.get_by_role("button", name="Sign in to the provider").click()
    by_password.wait_for_url("**/o/demo/")

    # The admin still signs in with a password (the break-glass path).
    break_glass = new_page(browser, sso_server)
    sign_in(break_glass, "ana@demo.bearing.example")
    expect(break_glass).to_have_url(f"{sso_server.url}/o/demo/")
