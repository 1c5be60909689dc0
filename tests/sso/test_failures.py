"""Failures found before the provider is asked: each is a clear page, never a 500."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from bearing.sso.models import Provider
from bearing.sso.services import provider_save
from tests.conftest import World


@pytest.fixture
def configured(world: World) -> Provider:
    return provider_save(actor=None, organization=world.org, name="Okta", client_id="bearing",
                         issuer="http://127.0.0.1:9/oauth2", client_secret="s")  # fmt: skip


def test_a_secret_no_key_opens_asks_an_admin_to_enter_it_again(
    configured: Provider, client: Client
) -> None:
    Provider.objects.filter(pk=configured.pk).update(client_secret_sealed="gAAAAAnot-a-token")
    response = client.get("/sso/acme/start/")
    assert response.status_code == 502
    assert "cannot read the stored client secret" in response.content.decode()


def test_an_issuer_at_a_private_address_is_not_called(
    configured: Provider, client: Client, settings: Any
) -> None:
    settings.OUTBOUND_ALLOW_PRIVATE = False
    response = client.get("/sso/acme/start/")
    assert response.status_code == 502
    assert "Bearing will not call the issuer" in response.content.decode()


def test_a_forged_callback_signs_nobody_in(configured: Provider, client: Client) -> None:
    response = client.get("/sso/acme/callback/?code=abc&state=forged")
    assert response.status_code in (400, 502)
    assert "You are not signed in" in response.content.decode()
    assert "_auth_user_id" not in client.session
