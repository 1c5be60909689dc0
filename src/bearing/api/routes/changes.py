"""The organization's change feed: every change record the caller may see, newest first."""

from collections.abc import Sequence
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from bearing.api.auth import caller
from bearing.api.pagination import page
from bearing.api.schemas.changes import ChangeOut, ChangeQuery
from bearing.api.schemas.common import READ_ERRORS, Page, PageQuery
from bearing.okrs.models import ChangeRecord
from bearing.okrs.selectors_changes import ChangeFilter, organization_changes
from bearing.okrs.selectors_web import reword_hidden_parents
from bearing.orgs.models import Membership

router = Router(tags=["changes"])


@router.get("/changes", response={200: Page[ChangeOut], **READ_ERRORS})
def list_changes(
    request: HttpRequest, filters: Query[ChangeQuery], params: Query[PageQuery]
) -> dict[str, Any]:
    """Who changed what, when, before → after, newest first. Changes of objectives the caller
    may not see (private ones) are left out; so are those of people, invitations and settings
    for all but admins."""
    c = caller(request)
    narrowed = ChangeFilter(
        team_id=filters.team, objective_id=filters.objective, person_id=filters.person,
        kind=filters.kind or "",
    )  # fmt: skip
    records = organization_changes(c.membership, narrowed)
    return page(request, records, params, lambda rows: _present(c.membership, rows))


def _present(membership: Membership, rows: Sequence[ChangeRecord]) -> list[dict[str, Any]]:
    shown = reword_hidden_parents(
        membership, list(rows), "aligned an objective to one you cannot see"
    )
    return [
        {
            "id": r.pk,
            "at": r.at,
            "action": r.action,
            "kind": r.entity,
            "entity_id": r.entity_id,
            "actor": {"id": r.actor.pk, "email": r.actor.email, "name": r.actor.display_name}
            if r.actor
            else None,
            "summary": r.summary,
            "before": r.before,
            "after": r.after,
            "objective": r.objective_id,
            "cycle": r.cycle_id,
        }
        for r in shown
    ]
