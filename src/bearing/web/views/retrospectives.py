"""A team's retrospective of a cycle (003: reward learning): what went well, what went badly,
what to try next. Its leads and admins write it once the cycle is in grading or closed."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from bearing.okrs.grading import is_reflecting
from bearing.okrs.permissions import RETROSPECTIVE_WRITERS, can_write_retrospective
from bearing.okrs.selectors import cycles_of
from bearing.okrs.services.learning import retrospective_save
from bearing.orgs.selectors import teams_of
from bearing.web.access import OrgRequest, access_of, allowed, found, writer_required
from bearing.web.forms.grading import RetrospectiveForm
from bearing.web.views.teams import team_page


@require_POST
@writer_required
def save_retrospective(request: OrgRequest, pk: int, cycle: int) -> HttpResponse:
    organization = request.membership.organization
    team = found(teams_of(organization).filter(pk=pk).first())
    found_cycle = found(cycles_of(organization).filter(pk=cycle).first())
    allowed(can_write_retrospective(access_of(request), team.pk), RETROSPECTIVE_WRITERS)
    url = reverse("web:team", args=[organization.slug, team.pk]) + f"?cycle={found_cycle.pk}"
    if not is_reflecting(found_cycle):
        messages.error(request, "Retrospectives are written once the cycle is in grading.")
        return redirect(url)
    form = RetrospectiveForm(request.POST)
    if not form.is_valid():
        return team_page(request, team.pk, found_cycle, retrospective_form=form)
    retrospective_save(actor=request.user, team=team, cycle=found_cycle, **form.cleaned_data)
    messages.success(request, f"Retrospective of {team.name} saved.")
    return redirect(f"{url}#retrospective")
