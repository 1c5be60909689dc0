"""The admins' single sign-on settings: the secret is sealed at rest and never shown again,
the issuer is checked, and only admins reach the page (the route tables say so too)."""

from __future__ import annotations

from django.test import Client

from bearing.secrets import open_secret
from bearing.sso.models import Provider
from tests.conftest import World

FORM = {"name": "Okta", "issuer": "http://127.0.0.1:9/oauth2/", "client_id": "bearing-acme",
        "client_secret": "the-secret-from-okta", "enabled": "on", "allow_new_members": "on"}  # fmt: skip


def test_an_admin_configures_single_sign_on_and_the_secret_is_never_shown(
    world: World, as_alice: Client
) -> None:
    response = as_alice.post("/o/acme/settings/sso/", FORM)
    assert response.status_code == 302
    provider = Provider.objects.get(organization=world.org)
    assert provider.issuer == "http://127.0.0.1:9/oauth2"  # the trailing slash goes
    assert "the-secret-from-okta" not in provider.client_secret_sealed
    assert open_secret(provider.client_secret_sealed) == "the-secret-from-okta"
    page = as_alice.get("/o/acme/settings/sso/").content.decode()
    assert "the-secret-from-okta" not in page and "(set)" in page
    assert "http://testserver/sso/acme/callback/" in page  # what to register at the provider
    # Saving again without a secret keeps the stored one.
    as_alice.post("/o/acme/settings/sso/", {**FORM, "client_secret": "", "name": "Okta SSO"})
    provider.refresh_from_db()
    assert provider.name == "Okta SSO"
    assert open_secret(provider.client_secret_sealed) == "the-secret-from-okta"
    history = as_alice.get("/o/acme/settings/").content.decode()
    assert "the-secret-from-okta" not in history


def test_bad_settings_are_shown_in_the_form(world: World, as_alice: Client) -> None:
    response = as_alice.post(
        "/o/acme/settings/sso/",
        {**FORM, "issuer": "ftp://example.com", "client_secret": "", "enabled": "",
         "password_sign_in_off": "on"},
    )  # fmt: skip
    assert response.status_code == 200
    html = response.content.decode()
    assert "Use an http:// or https:// address" in html
    assert "Enter the client secret" in html
    assert "Password sign-in can only be off while single sign-on is on" in html
    assert not Provider.objects.exists()


def test_only_admins_configure(world: World, as_bob: Client, as_mallory: Client) -> None:
    assert as_bob.post("/o/acme/settings/sso/", FORM).status_code == 403
    assert as_mallory.post("/o/acme/settings/sso/", FORM).status_code == 404
    assert not Provider.objects.exists()


def test_an_address_without_single_sign_on_says_so_the_same_for_every_name(
    world: World, client: Client
) -> None:
    unknown = client.get("/sso/no-such-org/")
    unconfigured = client.get("/sso/acme/")
    assert unknown.status_code == unconfigured.status_code == 404
    for response in (unknown, unconfigured):
        html = response.content.decode()
        assert "No single sign-on here" in html and "Acme" not in html
    assert client.get("/sso/?organization=Acme").headers["Location"] == "/sso/acme/"
