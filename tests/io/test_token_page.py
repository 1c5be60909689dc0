"""The API tokens page: list, create (shown once), revoke; admins see the organization's."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from bearing.orgs.models import ApiToken
from bearing.orgs.selectors import token_authenticate
from bearing.orgs.services import token_create
from tests.conftest import World

PAGE = reverse("io:tokens", kwargs={"org": "acme"})


def revoke_url(token: ApiToken) -> str:
    return reverse("io:token_revoke", kwargs={"org": "acme", "token_id": token.pk})


def test_creating_a_token_shows_it_once(world: World, as_bob: Client) -> None:
    response = as_bob.post(PAGE, {"name": "data pipeline"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    token = ApiToken.objects.get(person=world.bob)
    html = response.content.decode()
    raw = html.split('id="new-token" type="text" readonly value="')[1].split('"')[0]
    assert raw.startswith(token.prefix) and token_authenticate(raw) == token
    assert "data pipeline" in html
    again = as_bob.get(PAGE).content.decode()
    assert raw not in again and f"{token.prefix}…" in again


def test_members_see_their_own_tokens_and_admins_all(
    world: World, as_bob: Client, as_alice: Client
) -> None:
    alices, _ = token_create(organization=world.org, person=world.alice, name="alice's")
    bobs, _ = token_create(organization=world.org, person=world.bob, name="bob's")
    bob_page = as_bob.get(PAGE).content.decode()
    assert bobs.prefix in bob_page and alices.prefix not in bob_page
    alice_page = as_alice.get(PAGE).content.decode()
    assert (
        bobs.prefix in alice_page
        and alices.prefix in alice_page
        and "bob@acme.example" in alice_page
    )


def test_viewers_may_have_read_only_tokens(world: World, as_vic: Client) -> None:
    assert as_vic.post(PAGE, {"name": "dashboard"}).status_code == 200
    assert ApiToken.objects.filter(person=world.vic).exists()


def test_revoking_stops_the_token(world: World, as_bob: Client) -> None:
    token, raw = token_create(organization=world.org, person=world.bob)
    response = as_bob.post(revoke_url(token), follow=True)
    assert response.redirect_chain[-1][0] == PAGE
    assert "Revoked the token" in response.content.decode()
    assert token_authenticate(raw) is None


def test_a_member_cannot_revoke_someone_elses_token(
    world: World, as_bob: Client, as_alice: Client
) -> None:
    token, raw = token_create(organization=world.org, person=world.alice)
    assert as_bob.post(revoke_url(token)).status_code == 404
    assert token_authenticate(raw) is not None
    assert as_alice.post(revoke_url(token)).status_code == 302
    assert token_authenticate(raw) is None


def test_admins_revoke_members_tokens(world: World, as_alice: Client) -> None:
    token, raw = token_create(organization=world.org, person=world.bob)
    as_alice.post(revoke_url(token))
    assert token_authenticate(raw) is None


def test_strangers_get_404(world: World, as_mallory: Client) -> None:
    token, _ = token_create(organization=world.org, person=world.alice)
    assert as_mallory.get(PAGE).status_code == 404
    assert as_mallory.post(revoke_url(token)).status_code == 404
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


@pytest.mark.parametrize("method", ["get", "post"])
def test_revoking_needs_a_post(world: World, as_alice: Client, method: str) -> None:
    token, _ = token_create(organization=world.org, person=world.alice)
    response = getattr(as_alice, method)(revoke_url(token))
    assert response.status_code == (405 if method == "get" else 302)


def test_signing_in_is_needed(world: World, client: Client) -> None:
    assert client.get(PAGE).status_code == 302
