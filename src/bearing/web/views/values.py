"""Every value a key result was given, newest first, fifty to a page (the objective page shows
only a chart of one point a day)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from bearing.integrations.models import Source
from bearing.okrs.models import Measurement
from bearing.okrs.selectors_web import key_result_for_change
from bearing.web.access import OrgRequest, found, member_required, org_context

VALUES_PER_PAGE = 50


@member_required
def key_result_values(request: OrgRequest, pk: int) -> HttpResponse:
    kr = found(key_result_for_change(request.membership, pk))
    values = (
        Measurement.objects.filter(key_result=kr)
        .select_related("created_by", "checkin")
        .order_by("-measured_at", "-id")
    )
    page = Paginator(values, VALUES_PER_PAGE).get_page(request.GET.get("page"))
    source = Source.objects.filter(key_result=kr).select_related("connection").first()
    context = org_context(request, key_result=kr, objective=kr.objective, page=page, source=source)
    return render(request, "bearing/key_result_values.html", context)
