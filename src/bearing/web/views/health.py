"""The Alignment health page: a cycle's connectivity figures explained, the warnings, the
weekly trend, and the orphans and look-alike pairs a page at a time, optionally of one team
(PRODUCT.md "Alignment analytics").

Reading it writes nothing: weekly snapshots are taken by `bearing snapshot` (cron), and
the look-alikes and depth by the cycle's background analysis (``okrs.analysis``)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from bearing.domain.charts import trend_chart
from bearing.okrs.alignment_health import cycle_health
from bearing.web.access import OrgRequest, member_required, org_context
from bearing.web.cycles import chosen_cycle
from bearing.web.teamfilter import team_filter


@member_required
def show_alignment_health(request: OrgRequest) -> HttpResponse:
    organization = request.membership.organization
    cycles, cycle = chosen_cycle(request, organization)
    teams = team_filter(request, organization)
    health = chart = None
    if cycle is not None:
        health = cycle_health(
            request.membership, cycle, orphans_page=request.GET.get("orphans"),
            pairs_page=request.GET.get("pairs"), team_id=teams.team.pk if teams.team else None,
        )  # fmt: skip
        chart = trend_chart(
            health.trend, cycle.as_domain(), timezone.localdate(),
            cascaded_limit=health.thresholds.cascaded_warn_pct,
        )  # fmt: skip
    context = org_context(
        request, nav="health", cycles=cycles, cycle=cycle, health=health, chart=chart, teams=teams
    )
    return render(request, "bearing/alignment_health.html", context)
