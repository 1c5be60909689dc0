"""The SCIM provisioning page: admins create a token (its secret shown once, only a hash
kept) and revoke it; what the page makes works on /scim/v2 and stops working when revoked."""

from __future__ import annotations

import re

from django.test import Client

from bearing.orgs.services import token_digest
from bearing.scim.models import ScimToken
from tests.conftest import World

PAGE = "/o/acme/settings/scim/"


def scim_get(raw: str) -> int:
    return Client().get("/scim/v2/Users", headers={"Authorization": f"Bearer {raw}"}).status_code


def test_an_admin_creates_a_token_shown_once_and_revokes_it(world: World, as_alice: Client) -> None:
    empty = as_alice.get(PAGE).content.decode()
    assert "No SCIM tokens yet" in empty and "http://testserver/scim/v2" in empty
    created = as_alice.post(PAGE, {"name": "Okta"})
    assert created.status_code == 200 and created["Cache-Control"] == "no-store"
    found = re.search(r'value="(brgscim_[^"]+)"', created.content.decode())
    assert found is not None
    raw = found.group(1)
    token = ScimToken.objects.get(organization=world.org)
    assert token.digest == token_digest(raw) and raw not in (token.digest, token.prefix)
    assert token.name == "Okta" and token.created_by == world.alice
    assert raw not in as_alice.get(PAGE).content.decode()  # shown that once only
    assert scim_get(raw) == 200
    revoked = as_alice.post(f"{PAGE}{token.pk}/revoke/", follow=True)
    assert "Revoked the SCIM token" in revoked.content.decode()
    assert scim_get(raw) == 401


def test_the_navigation_shows_the_page_to_admins_only(
    world: World, as_alice: Client, as_bob: Client
) -> None:
    assert f'href="{PAGE}"' in as_alice.get("/o/acme/").content.decode()
    assert f'href="{PAGE}"' not in as_bob.get("/o/acme/").content.decode()
    assert as_bob.get(PAGE).status_code == 403
