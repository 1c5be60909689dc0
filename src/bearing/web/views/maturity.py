"""Maturity on the pages: a team's section (evidence, self-assessment, gap, trend,
calibration), the self-assessment form, and the organization grid for admins who open it.

Teams are compared with their own past; the grid lists teams by name, never by level, and
no person is rated (PRODUCT.md principle 2).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from bearing.domain.calibration import reliability_chart
from bearing.domain.maturity import DESCRIPTIONS, Dimension
from bearing.maturity.calibration import calibration_of
from bearing.maturity.evidence import maturity_of, team_trend, trend_rows
from bearing.maturity.services import self_assessment_save
from bearing.okrs.models import Cycle
from bearing.okrs.permissions import can_write_retrospective
from bearing.okrs.selectors import cycles_of
from bearing.orgs.models import Team
from bearing.orgs.selectors import teams_of
from bearing.web.access import (
    OrgRequest,
    access_of,
    admin_required,
    allowed,
    found,
    org_context,
    writer_required,
)
from bearing.web.cycles import chosen_cycle
from bearing.web.forms.maturity import SelfAssessmentForm

ASSESSORS = "Only the team's leads and admins assess its maturity."
GRID_PAGE = 10  # teams a page of the organization grid


def team_maturity_section(request: OrgRequest, team: Team, cycle: Cycle | None) -> dict[str, Any]:
    """The team page's maturity section (``includes/team_maturity.html``): a fixed number of
    queries — the trend's cycles, each cycle's evidence, and one for calibration."""
    if cycle is None:
        return {}
    cycle.organization = request.membership.organization  # loaded already: no query
    trend = team_trend(cycle, team.pk)
    calibration = calibration_of(request.membership.organization, team.pk)
    return {
        "maturity": trend[-1],
        "maturity_trend": trend,
        "maturity_trend_rows": trend_rows(trend),
        "dimensions": list(Dimension),
        "calibration": calibration,
        "calibration_chart": reliability_chart(calibration),
        "can_assess": can_write_retrospective(access_of(request), team.pk) and not team.is_archived,
    }


@writer_required
def self_assessment(request: OrgRequest, pk: int, cycle: int) -> HttpResponse:
    """The team's self-assessment of a cycle: a GET shows the form, a POST saves it."""
    organization = request.membership.organization
    team = found(teams_of(organization).filter(pk=pk, archived_at=None).first())
    found_cycle = found(cycles_of(organization).filter(pk=cycle).first())
    allowed(can_write_retrospective(access_of(request), team.pk), ASSESSORS)
    team_url = reverse("web:team", args=[organization.slug, team.pk]) + f"?cycle={found_cycle.pk}"
    found_cycle.organization = organization
    current = maturity_of(found_cycle, [team.pk])[team.pk]
    form = SelfAssessmentForm(initial=SelfAssessmentForm.initial_from(current.assessment))
    if request.method == "POST":
        form = SelfAssessmentForm(request.POST)
        if form.is_valid():
            try:
                self_assessment_save(
                    actor=request.user, team=team, cycle=found_cycle, levels=form.levels()
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, f"Self-assessment of {team.name} saved.")
                return redirect(f"{team_url}#maturity")
    context = org_context(
        request, nav="teams", team=team, cycle=found_cycle, form=form, maturity=current,
        team_url=team_url,
    )  # fmt: skip
    return render(request, "bearing/self_assessment.html", context, status=_status(form))


def _status(form: SelfAssessmentForm) -> int:
    return 400 if form.is_bound and form.errors else 200


@admin_required
def maturity_grid(request: OrgRequest) -> HttpResponse:
    """Teams × dimensions for one cycle, for an admin who chose to look: by name, a page of
    teams at a time, with each team's self-assessment beside its evidence."""
    organization = request.membership.organization
    cycles, cycle = chosen_cycle(request, organization)
    context = org_context(
        request, nav="maturity", cycles=cycles, cycle=cycle, dimensions=list(Dimension),
        descriptions=DESCRIPTIONS,
    )  # fmt: skip
    if cycle is not None:
        teams = teams_of(organization).filter(archived_at=None).order_by("name", "id")
        page = Paginator(teams, GRID_PAGE).get_page(request.GET.get("page"))
        listed = list(page.object_list)
        cycle.organization = organization
        found_maturity = maturity_of(cycle, [t.pk for t in listed])
        context |= {"page": page, "grid": [(t, found_maturity[t.pk]) for t in listed]}
    return render(request, "bearing/maturity_grid.html", context)
