"""The quarterly report of a cycle (issue 14): the page, and the same report to download as
HTML or PDF (``?format=html|pdf``); ``?team=`` makes it one team's. Every member may read it,
as they may see its objectives (``bearing.maturity.report``)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.text import slugify

from bearing.maturity.pdf import html_to_pdf, report_css
from bearing.maturity.report import Report, build_report
from bearing.okrs.selectors import cycles_of
from bearing.orgs.models import Team
from bearing.orgs.selectors import teams_of
from bearing.web.access import OrgRequest, found, member_required, org_context

FORMATS = ("html", "pdf")


def report_document(report: Report) -> str:
    """The report as one self-contained HTML document (its styles inlined, nothing to fetch)."""
    return render_to_string("bearing/report_document.html", {"report": report, "css": report_css()})


def report_filename(report: Report, extension: str) -> str:
    whose = report.team.name if report.team else report.cycle.organization.slug
    return f"{slugify(whose)}-{slugify(report.cycle.name)}-report.{extension}"


def download(report: Report, form: str) -> HttpResponse:
    document = report_document(report)
    if form == "pdf":
        response = HttpResponse(html_to_pdf(document), content_type="application/pdf")
    else:
        response = HttpResponse(document, content_type="text/html; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{report_filename(report, form)}"'
    return response


@member_required
def show_report(request: OrgRequest, pk: int) -> HttpResponse:
    organization = request.membership.organization
    cycle = found(cycles_of(organization).filter(pk=pk).first())
    team = _team(request)
    report = build_report(request.membership, cycle, team)
    form = request.GET.get("format", "")
    if form in FORMATS:
        return download(report, form)
    return render(request, "bearing/report.html", org_context(request, nav="cycles", report=report))


def _team(request: OrgRequest) -> Team | None:
    asked = request.GET.get("team", "")
    if not asked:
        return None
    if not asked.isdigit() or len(asked) > 18:
        found(None)
    return found(teams_of(request.membership.organization).filter(pk=int(asked)).first())
