"""Bearer tokens: each belongs to one person in one organization and carries their role."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from django.http import HttpRequest
from ninja.security import HttpBearer

from bearing.api.errors import Forbidden
from bearing.okrs.permissions import Access, access_for
from bearing.orgs.models import ApiToken, Membership, Organization, Person
from bearing.orgs.selectors import token_authenticate

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class Caller:
    token: ApiToken
    access: Access

    @property
    def membership(self) -> Membership:
        return self.access.membership

    @property
    def person(self) -> Person:
        return self.membership.person

    @property
    def organization(self) -> Organization:
        return self.membership.organization


class TokenAuth(HttpBearer):
    """``reads_only``: a route that takes a body but changes nothing (the coach's review), so
    viewers may call it with POST too."""

    def __init__(self, *, reads_only: bool = False) -> None:
        super().__init__()
        self.reads_only = reads_only

    def authenticate(self, request: HttpRequest, token: str) -> Caller | None:
        found = token_authenticate(token.strip())
        if found is None:
            return None
        membership = (
            Membership.objects.select_related("person", "organization")
            .filter(
                organization_id=found.organization_id,
                person_id=found.person_id,
                deactivated_at=None,
            )
            .first()
        )
        if membership is None:
            return None  # the person has left (or was deactivated): the token died with it
        writes = request.method not in SAFE_METHODS and not self.reads_only
        if not membership.can_write and writes:
            # Checked before the body is read: a viewer's write is refused whatever it says.
            raise Forbidden("viewers can read but not change anything", ["header", "Authorization"])
        return Caller(token=found, access=access_for(membership))


def caller(request: HttpRequest) -> Caller:
    """Who is asking; every route runs behind ``TokenAuth``."""
    return cast(Caller, request.auth)  # type: ignore[attr-defined]
