"""Single sign-on over the API: admins set it and read it back; the secret never comes out."""

from __future__ import annotations

from bearing.orgs.services import token_create
from bearing.secrets import open_secret
from bearing.sso.models import Provider
from tests.api.conftest import call
from tests.conftest import World

BODY = {"name": "Keycloak", "issuer": "http://127.0.0.1:9/realms/acme", "client_id": "bearing",
        "client_secret": "kc-secret-value", "password_sign_in_off": True}  # fmt: skip


def test_admins_set_single_sign_on_and_the_secret_never_comes_back(world: World) -> None:
    _, alice = token_create(organization=world.org, person=world.alice)
    answer = call("PUT", "/sso", BODY, token=alice)
    assert answer.status == 200, answer.content
    shown = answer.json()
    assert shown["client_secret_set"] is True and shown["password_sign_in_off"] is True
    assert shown["callback_url"] == "http://testserver/sso/acme/callback/"
    assert "kc-secret-value" not in answer.content.decode()
    provider = Provider.objects.get(organization=world.org)
    assert open_secret(provider.client_secret_sealed) == "kc-secret-value"
    # Without a secret the stored one stays.
    again = call("PUT", "/sso", {**BODY, "client_secret": "", "name": "KC"}, token=alice)
    assert again.status == 200 and again.json()["name"] == "KC"
    provider.refresh_from_db()
    assert open_secret(provider.client_secret_sealed) == "kc-secret-value"
    read = call("GET", "/sso", token=alice)
    assert read.status == 200 and "kc-secret-value" not in read.content.decode()


def test_members_may_neither_set_nor_read_it(world: World) -> None:
    _, bob = token_create(organization=world.org, person=world.bob)
    assert call("PUT", "/sso", BODY, token=bob).status == 403
    assert call("GET", "/sso", token=bob).status == 403
    assert not Provider.objects.exists()


def test_a_first_setup_needs_a_secret(world: World) -> None:
    _, alice = token_create(organization=world.org, person=world.alice)
    answer = call("PUT", "/sso", {**BODY, "client_secret": ""}, token=alice)
    assert answer.status == 422
    assert answer.json()["detail"][0]["loc"] == ["body", "client_secret"]
