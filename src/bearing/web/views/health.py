"""The Alignment health page: a cycle's connectivity figures explained, the warnings, the
weekly trend, orphans and look-alike pairs (PRODUCT.md "Alignment analytics").

Opening it for a running cycle stores this week's snapshot from the figures it computes
anyway (``okrs.analytics.snapshot_record``), so the trend line builds even where nobody
runs `bearing snapshot` weekly. That is a derived write, safe for any role: it records
nothing a member typed, costs one read when the week's figures are unchanged, and two
viewers at once cannot make two rows."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from bearing.domain.charts import trend_chart
from bearing.okrs.alignment_health import cycle_health
from bearing.web.access import OrgRequest, member_required, org_context
from bearing.web.cycles import chosen_cycle


@member_required
def show_alignment_health(request: OrgRequest) -> HttpResponse:
    cycles, cycle = chosen_cycle(request, request.membership.organization)
    health = chart = None
    if cycle is not None:
        health = cycle_health(request.membership, cycle, record=True)
        chart = trend_chart(
            health.trend, cycle.as_domain(), timezone.localdate(),
            cascaded_limit=health.thresholds.cascaded_warn_pct,
        )  # fmt: skip
    context = org_context(
        request, nav="health", cycles=cycles, cycle=cycle, health=health, chart=chart
    )
    return render(request, "bearing/alignment_health.html", context)
