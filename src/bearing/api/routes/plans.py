"""The two-week plan and rolling a cycle forward, by API: the same services as the cycle's
Plans page and its "Roll forward" page (``okrs.services.plans``, ``okrs.services.rollforward``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Status

from bearing.api.auth import caller
from bearing.api.lookups import cycle_named, cycle_or_404, may_administer
from bearing.api.pagination import page
from bearing.api.schemas.common import READ_ERRORS, WRITE_ERRORS, Id, Page, PageQuery
from bearing.api.schemas.plans import PlanOut, PlanRowOut, RollForwardIn, RollForwardOut
from bearing.domain.plans import plan_state
from bearing.okrs.services.plans import due_date, plan_items, plan_publish, plan_roster
from bearing.okrs.services.rollforward import cycle_roll_forward
from bearing.orgs.models import Person

router = Router(tags=["plans"])


@router.get("/cycles/{id}/plans", response={200: Page[PlanRowOut], **READ_ERRORS})
def list_plans(request: HttpRequest, id: Id, params: Query[PageQuery]) -> dict[str, Any]:
    """Every key-result owner of the cycle and their plan: published, due (still within the
    plan window) or missing, and how many changes since it was published."""
    cycle = cycle_or_404(caller(request), id)
    due = due_date(cycle)
    today = timezone.localdate()

    def present(people: Sequence[Person]) -> list[dict[str, Any]]:
        return [
            {
                "email": p.email, "name": p.display_name,
                "state": plan_state(p.plan_published_at is not None, due, today).value,  # type: ignore[attr-defined]
                "published_at": p.plan_published_at,  # type: ignore[attr-defined]
                "changes_since": p.plan_changes or 0,  # type: ignore[attr-defined]
                "due": due,
            }
            for p in people
        ]  # fmt: skip

    return page(request, plan_roster(cycle), params, present)


@router.post("/cycles/{id}/plan", response={201: PlanOut, **WRITE_ERRORS})
def publish_plan(request: HttpRequest, id: Id) -> Status[dict[str, Any]]:
    """Publish (or publish again) the caller's own plan for the cycle: the initiatives under
    the key results they own. Refused (422, every reason) when they own none, the cycle is
    closed, or an open initiative lacks a target date within the cycle."""
    c = caller(request)
    cycle = cycle_or_404(c, id)
    plan = plan_publish(actor=c.person, person=c.person, cycle=cycle)
    items = plan_items(c.person.pk, cycle)
    return Status(
        201,
        {
            "cycle": cycle.pk, "published_at": plan.published_at, "due": due_date(cycle),
            "initiatives": [i.pk for i in items],
        },
    )  # fmt: skip


@router.post("/cycles/{id}/roll-forward", response={201: RollForwardOut, **WRITE_ERRORS})
def roll_forward(request: HttpRequest, id: Id, payload: RollForwardIn) -> Status[dict[str, Any]]:
    """Admins only: carry the chosen unfinished objectives of a cycle in grading or closed
    into another cycle, with their key results' starting points and their links where the
    parents allow. All or nothing."""
    c = caller(request)
    may_administer(c, "roll a cycle forward")
    source = cycle_or_404(c, id)
    target = cycle_named(c, payload.target, "target")
    rolled = cycle_roll_forward(
        actor=c.person, source=source, target=target, objective_ids=payload.objectives
    )
    carried = {str(old): new.pk for old, new in rolled.objectives.items()}
    return Status(
        201,
        {
            "carried": carried,
            "links_kept": rolled.links_kept,
            "links_dropped": rolled.links_dropped,
        },
    )
