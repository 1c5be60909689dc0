"""Creating, editing, closing and aligning objectives."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from bearing.okrs.errors import ConflictError
from bearing.okrs.models import Cycle, Objective, ObjectiveState
from bearing.okrs.permissions import Access, can_create_objective, can_edit_objective
from bearing.okrs.selectors_web import (
    alignment_link_for_change,
    alignment_targets,
    objective_for_change,
    organization_people,
)
from bearing.okrs.services.alignment import link_create, link_delete
from bearing.okrs.services.objectives import objective_create, objective_set_state, objective_update
from bearing.orgs.models import Team
from bearing.orgs.selectors import teams_of
from bearing.web.access import OrgRequest, access_of, allowed, found, org_context, writer_required
from bearing.web.cycles import chosen_cycle
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
NOT_YOUR_TEAM = "You can own objectives only for your teams, or individual ones you own yourself."


def _team_choices(access: Access, teams: QuerySet[Team], keep: int | None = None) -> QuerySet[Team]:
    """Teams this person may make owner: all for admins, their own for members (plus the
    objective's current team, so editing it does not force a move)."""
    if access.is_admin:
        return teams
    return teams.filter(Q(pk__in=access.team_ids) | Q(pk=keep))


def _may_own(access: Access, form: ObjectiveForm) -> bool:
    owner = form.cleaned_data.get("owner")
    team = form.cleaned_data.get("team")
    if can_create_objective(access, team=team, owner_id=owner.pk if owner else None):
        return True
    form.add_error("team", NOT_YOUR_TEAM)
    return False


@writer_required
def create_objective(request: OrgRequest) -> HttpResponse:
    organization = request.membership.organization
    access = access_of(request)
    _, cycle = chosen_cycle(request, organization)
    if cycle is None:
        raise Http404("there is no cycle to add objectives to")
    teams = teams_of(organization)
    own = _team_choices(access, teams)
    form = ObjectiveCreateForm(
        request.POST or None, own_teams=own, all_teams=teams,
        people=organization_people(organization.pk),
        targets=alignment_targets(request.membership, cycle),
        initial={"owner": access.person_id, "team": _default_team(access, own)},
    )  # fmt: skip
    if request.method == "POST" and form.is_valid() and _may_own(access, form):
        try:
            objective = _create(request, form, cycle)
        except ValidationError as exc:
            form.add_service_errors(exc, rename=LINK_FIELDS)
        else:
            messages.success(request, "Objective created. Now add its key results.")
            return redirect("web:objective", org=organization.slug, pk=objective.pk)
    hints = form_hints(request, form, OBJECTIVE)
    context = org_context(request, nav="home", form=form, cycle=cycle, **hints)
    return render(request, "bearing/objective_form.html", context)


def _default_team(access: Access, own: QuerySet[Team]) -> int | None:
    teams = [t for t in own if not t.is_company] or list(own)
    return teams[0].pk if teams and not access.is_admin else None


@transaction.atomic
def _create(request: OrgRequest, form: ObjectiveCreateForm, cycle: Cycle) -> Objective:
    """The objective and its first link in one transaction: a refused link undoes both."""
    data = form.cleaned_data
    objective = objective_create(
        actor=request.user, cycle=cycle, title=data["title"],
        description=data["description"], team=data["team"], owner=data["owner"],
        contributors=data["contributors"], visibility=data["visibility"],
    )  # fmt: skip
    parent_objective, parent_key_result = form.parent()
    if parent_objective or parent_key_result:
        link_create(
            actor=request.user, child=objective, parent_objective=parent_objective,
            parent_key_result=parent_key_result, kind=data["link_kind"],
        )  # fmt: skip
    return objective


@writer_required
def edit_objective(request: OrgRequest, pk: int) -> HttpResponse:
    organization = request.membership.organization
    access = access_of(request)
    objective = found(objective_for_change(request.membership, pk))
    allowed(can_edit_objective(access, objective))
    teams = teams_of(organization)
    initial = {
        "title": objective.title, "description": objective.description,
        "team": objective.team_id, "owner": objective.owner_id, "visibility": objective.visibility,
        "contributors": list(objective.contributors.values_list("pk", flat=True)),
        "version": objective.version,
    }  # fmt: skip
    form = ObjectiveEditForm(
        request.POST or None, initial=initial, own_teams=_team_choices(access, teams, objective.team_id),
        all_teams=teams, people=organization_people(organization.pk),
    )  # fmt: skip
    if request.method == "POST" and form.is_valid() and _may_keep(access, form, objective):
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
    hints = form_hints(request, form, OBJECTIVE, current=current)
    context = org_context(
        request, nav="home", form=form, objective=objective, cycle=objective.cycle, **hints
    )
    return render(request, "bearing/objective_form.html", context)


def _may_keep(access: Access, form: ObjectiveForm, objective: Objective) -> bool:
    """Keeping the team needs only the right to edit; a move is checked like a creation."""
    if objective.team is not None and form.cleaned_data.get("team") == objective.team:
        return True
    return _may_own(access, form)


@require_POST
@writer_required
def set_objective_state(request: OrgRequest, pk: int) -> HttpResponse:
    objective = found(objective_for_change(request.membership, pk))
    allowed(can_edit_objective(access_of(request), objective))
    state = request.POST.get("state", "")
    if state not in STATE_VERBS:
        messages.error(request, "Choose close, abandon or reopen.")
    else:
        objective_set_state(actor=request.user, objective=objective, state=state)
        messages.success(request, f"{STATE_VERBS[ObjectiveState(state)]} “{objective.title}”.")
    return redirect("web:objective", org=request.membership.organization.slug, pk=objective.pk)


@writer_required
def align_objective(request: OrgRequest, pk: int) -> HttpResponse:
    objective = found(objective_for_change(request.membership, pk))
    allowed(can_edit_objective(access_of(request), objective))
    targets = [
        t for t in alignment_targets(request.membership, objective.cycle) if t.pk != objective.pk
    ]
    form = AlignForm(request.POST or None, targets=targets)
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
    allowed(can_edit_objective(access_of(request), link.child))
    child_id = link.child_id
    link_delete(actor=request.user, link=link)
    messages.success(request, "Alignment removed.")
    return redirect("web:objective", org=request.membership.organization.slug, pk=child_id)
