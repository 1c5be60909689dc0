"""GET /me: who the token speaks for, in which organization, with which role."""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from bearing.api.auth import caller
from bearing.api.schemas.common import ErrorOut
from bearing.api.schemas.orgs import MeOut
from bearing.orgs.models import TeamMember

router = Router(tags=["me"])


@router.get("/me", response={200: MeOut, 401: ErrorOut})
def me(request: HttpRequest) -> dict[str, Any]:
    """The person, organization and role the token carries, and the person's teams."""
    c = caller(request)
    teams = (
        TeamMember.objects.filter(person=c.person, team__organization=c.organization)
        .select_related("team")
        .order_by("team__name")
    )
    return {
        "person": {"id": c.person.pk, "email": c.person.email, "name": c.person.name},
        "organization": {"slug": c.organization.slug, "name": c.organization.name},
        "role": c.membership.role,
        "teams": [{"id": m.team_id, "name": m.team.name, "is_lead": m.is_lead} for m in teams],
        "token": {"prefix": c.token.prefix, "name": c.token.name, "created_at": c.token.created_at},
    }
