"""The two-week plan (seed 002): a cycle's plans page (whose plans are in, due or missing)
and one's own plan (the initiatives under one's key results, published with a button)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from bearing.domain.plans import PlanState, plan_state
from bearing.okrs.models import Cycle
from bearing.okrs.selectors import cycles_of
from bearing.okrs.services.plans import (
    due_date,
    owned_key_results,
    plan_counts,
    plan_items,
    plan_of,
    plan_publish,
    plan_roster,
)
from bearing.orgs.models import Person
from bearing.web.access import (
    OrgRequest,
    allowed,
    found,
    member_required,
    org_context,
    writer_required,
)

OWNERS_PER_PAGE = 50
KR_OWNERS_ONLY = "only the owners of key results in this cycle publish a plan for it"


@dataclass(frozen=True)
class RosterRow:
    person: Person
    state: PlanState
    published_at: datetime | None
    changes: int


def _cycle(request: OrgRequest, pk: int) -> Cycle:
    return found(
        cycles_of(request.membership.organization)
        .select_related("organization")
        .filter(pk=pk)
        .first()
    )


@member_required
def show_plans(request: OrgRequest, pk: int) -> HttpResponse:
    cycle = _cycle(request, pk)
    due = due_date(cycle)
    today = timezone.localdate()
    page = Paginator(plan_roster(cycle), OWNERS_PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        RosterRow(p, plan_state(p.plan_published_at is not None, due, today),
                  p.plan_published_at, p.plan_changes or 0)
        for p in page.object_list
    ]  # fmt: skip
    published, owners = plan_counts(cycle)
    context = org_context(
        request, nav="cycles", cycle=cycle, due=due, page=page, rows=rows, published=published,
        owners=owners, missing=owners - published,
        mine=owned_key_results(request.user.pk, cycle).exists(),
    )  # fmt: skip
    return render(request, "bearing/plans.html", context)


@writer_required
def my_plan(request: OrgRequest, pk: int) -> HttpResponse:
    """GET: one's plan as it stands; POST: publish it (refused with every reason)."""
    cycle = _cycle(request, pk)
    krs = list(owned_key_results(request.user.pk, cycle).order_by("objective_id", "position"))
    problems: list[str] = []
    if request.method == "POST":
        allowed(bool(krs), KR_OWNERS_ONLY)
        try:
            plan_publish(actor=request.user, person=request.user, cycle=cycle)
        except ValidationError as exc:
            problems = exc.messages
        else:
            messages.success(request, "Plan published. Changes from now on are recorded.")
            return redirect("web:cycle_plans", org=request.membership.organization.slug, pk=pk)
    due: date = due_date(cycle)
    context = org_context(
        request, nav="cycles", cycle=cycle, krs=krs, items=plan_items(request.user.pk, cycle),
        plan=plan_of(request.user.pk, cycle), due=due, problems=problems,
    )  # fmt: skip
    return render(request, "bearing/plan.html", context, status=400 if problems else 200)
