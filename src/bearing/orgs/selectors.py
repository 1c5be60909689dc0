"""Reads for organizations and people."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from bearing.orgs.models import ApiToken, Membership, Organization, Person, Team
from bearing.orgs.services import token_digest


def membership_for(person: Person, org_slug: str) -> Membership | None:
    """The person's active membership of the organization (a deactivated one lets nobody in)."""
    if not person.is_authenticated:
        return None
    return (
        Membership.objects.select_related("organization")
        .filter(person=person, organization__slug=org_slug, deactivated_at=None)
        .first()
    )


def memberships_of(person: Person) -> QuerySet[Membership]:
    return Membership.objects.select_related("organization").filter(
        person=person, deactivated_at=None
    )


def teams_of(organization: Organization) -> QuerySet[Team]:
    """Every team, archived ones too (pages of past cycles and the history name them)."""
    return Team.objects.filter(organization=organization).order_by("name")


def active_teams_of(organization: Organization) -> QuerySet[Team]:
    """The teams in the tree: those that take new members and objectives."""
    return teams_of(organization).filter(archived_at=None)


def active_members(organization_id: int) -> QuerySet[Membership]:
    return Membership.objects.filter(organization_id=organization_id, deactivated_at=None)


def token_authenticate(raw: str) -> ApiToken | None:
    """The active token for a raw bearer secret, with its person and organization; marks it used."""
    token = (
        ApiToken.objects.select_related("person", "organization")
        .filter(digest=token_digest(raw), revoked_at=None, person__is_active=True)
        .first()
    )
    if token is not None:
        now = timezone.now()
        # Write at most once a minute: a busy pipeline must not turn every read into a write.
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
