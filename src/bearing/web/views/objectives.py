"""Creating, editing, closing and aligning objectives."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from bearing.okrs.errors import ConflictError
from bearing.okrs.models import Objective, ObjectiveState
from bearing.okrs.permissions import (
    OBJECTIVE_EDITORS,
    OWN_TEAMS_ONLY,
    Access,
    can_edit_objective,
    can_own,
    default_team,
    ownable_teams,
)
from bearing.okrs.selectors_web import (
    alignment_link_for_change,
    alignment_targets,
    objective_for_change,
    organization_people,
)
from bearing.okrs.services.alignment import link_create, link_delete
from bearing.okrs.services.objectives import (
    closed_cycle_reason,
    objective_create,
    objective_set_state,
    objective_update,
)
from bearing.orgs.selectors import teams_of
from bearing.web.access import OrgRequest, access_of, allowed, found, org_context, writer_required
from bearing.web.cycles import chosen_cycle
from bearing.web.forms.base import sentence
from bearing.web.forms.kpis import add_kpi_field
from bearing.web.forms.objectives import (
    AlignForm,
    ObjectiveCreateForm,
    ObjectiveEditForm,
    ObjectiveForm,
)
from bearing.web.views.coach import OBJECTIVE, form_hints

# The services name the parent and the link kind; the forms' fields are called differently.
LINK_FIELDS = {"parent": "aligned_to", "kind": "link_kind"}
STATE_VERBS = {
    ObjectiveState.CLOSED: "Closed",
    ObjectiveState.ABANDONED: "Abandoned",
    ObjectiveState.ACTIVE: "Reopened",
}


def _may_own(access: Access, form: ObjectiveForm, current: Objective | None = None) -> bool:
    owner = form.cleaned_data.get("owner")
    team = form.cleaned_data.get("team")
    if can_own(access, team=team, owner_id=owner.pk if owner else None, current=current):
        return True
    form.add_error("team", sentence(OWN_TEAMS_ONLY))
    return False


@writer_required
def create_objective(request: OrgRequest) -> HttpResponse:
    organization = request.membership.organization
    access = access_of(request)
    _, cycle = chosen_cycle(request, organization)
    if cycle is None:
        raise Http404("there is no cycle to add objectives to")
    if request.method != "POST" and (closed := closed_cycle_reason(cycle)):
        messages.error(request, f"{sentence(closed)}.")
        return redirect(f"{reverse('web:home', args=[organization.slug])}?cycle={cycle.pk}")
    teams = teams_of(organization)
    own = ownable_teams(access, teams)
    team = default_team(access, own, request.GET.get("team"))
    form = ObjectiveCreateForm(
        request.POST or None, organization=organization, own_teams=own, all_teams=teams,
        people=organization_people(organization.pk),
        targets=alignment_targets(request.membership, cycle),
        search_query=f"?cycle={cycle.pk}&key_results=1",
        initial={"owner": access.person_id, "team": team},
    )  # fmt: skip
    # A KPI's page links here with ?kpi=ID: "an objective that moves this KPI".
    chosen_kpi = request.GET.get("kpi", "")
    add_kpi_field(form, organization, int(chosen_kpi) if chosen_kpi.isdigit() else None)
    if request.method == "POST" and form.is_valid() and _may_own(access, form):
        data = form.cleaned_data
        parent_objective, parent_key_result = form.parent()
        try:
            objective = objective_create(
                actor=request.user, cycle=cycle, title=data["title"],
                description=data["description"], team=data["team"], owner=data["owner"],
                contributors=data["contributors"], visibility=data["visibility"],
                parent_objective=parent_objective, parent_key_result=parent_key_result,
                link_kind=data["link_kind"], moves_kpi=data["moves_kpi"],
            )  # fmt: skip
        except ValidationError as exc:
            form.add_service_errors(exc, rename=LINK_FIELDS)
        else:
            messages.success(request, "Objective created. Now add its key results.")
            return redirect("web:objective", org=organization.slug, pk=objective.pk)
    hints = form_hints(request, form, OBJECTIVE)
    context = org_context(request, nav="home", form=form, cycle=cycle, **hints)
    return render(request, "bearing/objective_form.html", context)


@writer_required
def edit_objective(request: OrgRequest, pk: int) -> HttpResponse:
    organization = request.membership.organization
    access = access_of(request)
    objective = found(objective_for_change(request.membership, pk))
    allowed(can_edit_objective(access, objective), OBJECTIVE_EDITORS)
    teams = teams_of(organization)
    initial = {
        "title": objective.title, "description": objective.description,
        "team": objective.team_id, "owner": objective.owner_id, "visibility": objective.visibility,
        "contributors": list(objective.contributors.values_list("pk", flat=True)),
        "version": objective.version,
    }  # fmt: skip
    form = ObjectiveEditForm(
        request.POST or None, initial=initial, organization=organization,
        own_teams=ownable_teams(access, teams, objective),
        all_teams=teams, people=organization_people(organization.pk, keep=objective.owner_id),
    )  # fmt: skip
    add_kpi_field(form, organization, objective.moves_kpi_id)
    if request.method == "POST" and form.is_valid() and _may_own(access, form, objective):
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            objective_update(actor=request.user, objective=objective, version=version, **data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        except ConflictError as exc:
            form.add_error(None, str(exc)[:1].upper() + str(exc)[1:] + ".")
        else:
            messages.success(request, "Objective saved.")
            return redirect("web:objective", org=organization.slug, pk=objective.pk)
    current = {"title": objective.title, "team": str(objective.team_id or "")}
    hints = form_hints(request, form, OBJECTIVE, current=current, stored=objective)
    context = org_context(
        request, nav="home", form=form, objective=objective, cycle=objective.cycle, **hints
    )
    return render(request, "bearing/objective_form.html", context)


# What a move means, said before it is made (Close and Abandon ask first; Reopen undoes them).
STATE_MEANINGS = {
    ObjectiveState.CLOSED: [
        "It is done: it takes no more check-ins, and its score stays as it is now.",
        "It stays in the cycle's lists, alignment and grading, marked closed.",
        "You can reopen it at any time from its page.",
    ],
    ObjectiveState.ABANDONED: [
        "You stop working on it: it takes no more check-ins and is marked abandoned wherever "
        "it is listed; its key results keep their values.",
        "Objectives aligned to it stay aligned: tell their owners.",
        "You can reopen it at any time from its page.",
    ],
    ObjectiveState.ACTIVE: ["It runs again and takes check-ins."],
}


@writer_required
def set_objective_state(request: OrgRequest, pk: int) -> HttpResponse:
    """GET asks to confirm a move (``?state=closed``) and says what it means; POST makes it."""
    objective = found(objective_for_change(request.membership, pk))
    allowed(can_edit_objective(access_of(request), objective), OBJECTIVE_EDITORS)
    state = (request.POST if request.method == "POST" else request.GET).get("state", "")
    if state not in STATE_VERBS:
        messages.error(request, "Choose close, abandon or reopen.")
    elif request.method != "POST":
        verb = {ObjectiveState.CLOSED: "Close", ObjectiveState.ABANDONED: "Abandon"}.get(
            ObjectiveState(state), "Reopen"
        )
        url = reverse("web:objective", args=[request.membership.organization.slug, pk])
        context = org_context(
            request, nav="home", question=f"{verb} “{objective.title}”?",
            button=f"{verb} it", meanings=STATE_MEANINGS[ObjectiveState(state)],
            cancel_url=url, fields=[("state", state)], danger=state != ObjectiveState.ACTIVE,
        )  # fmt: skip
        return render(request, "bearing/confirm.html", context)
    else:
        objective_set_state(actor=request.user, objective=objective, state=state)
        messages.success(request, f"{STATE_VERBS[ObjectiveState(state)]} “{objective.title}”.")
    return redirect("web:objective", org=request.membership.organization.slug, pk=objective.pk)


@writer_required
def align_objective(request: OrgRequest, pk: int) -> HttpResponse:
    objective = found(objective_for_change(request.membership, pk))
    allowed(can_edit_objective(access_of(request), objective), OBJECTIVE_EDITORS)
    form = AlignForm(
        request.POST or None, organization=request.membership.organization,
        targets=alignment_targets(request.membership, objective.cycle, objective),
        search_query=f"?cycle={objective.cycle_id}&key_results=1&child={objective.pk}",
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        parent_objective, parent_key_result = form.parent()
        try:
            link_create(
                actor=request.user, child=objective, parent_objective=parent_objective,
                parent_key_result=parent_key_result, kind=form.cleaned_data["link_kind"],
            )  # fmt: skip
        except ValidationError as exc:
            form.add_service_errors(exc, rename=LINK_FIELDS)
        else:
            messages.success(request, "Alignment added.")
            return redirect("web:objective", org=request.membership.organization.slug, pk=pk)
    context = org_context(request, nav="home", form=form, objective=objective)
    return render(request, "bearing/align_form.html", context)


@require_POST
@writer_required
def remove_link(request: OrgRequest, pk: int) -> HttpResponse:
    link = found(alignment_link_for_change(request.membership, pk))
    allowed(can_edit_objective(access_of(request), link.child), OBJECTIVE_EDITORS)
    child_id = link.child_id
    link_delete(actor=request.user, link=link)
    messages.success(request, "Alignment removed.")
    return redirect("web:objective", org=request.membership.organization.slug, pk=child_id)
