"""Acme and Globex (tests/conftest.py's world), each with a SCIM token of its own."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from bearing.orgs.models import Membership
from bearing.scim.tokens import scim_token_create
from tests.conftest import World

USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group"
PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error"


@dataclass
class Scim:
    world: World
    acme: str  # Acme's SCIM token
    globex: str  # Globex's

    def user_id(self, email: str) -> str:
        """The SCIM id of one of Acme's members."""
        return str(Membership.objects.get(organization=self.world.org, person__email=email).pk)


@pytest.fixture
def scim(world: World) -> Scim:
    _, acme = scim_token_create(organization=world.org, actor=world.alice, name="Okta")
    _, globex = scim_token_create(organization=world.other_org, actor=world.mallory)
    return Scim(world=world, acme=acme, globex=globex)
