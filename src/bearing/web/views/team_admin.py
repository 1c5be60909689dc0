"""Changing the team tree (admins: create, rename, move, archive, restore) and who is in a
team (admins and the team's leads: add, take out, name leads). The rules are
``orgs.permissions``; the changes are the services' (``orgs.services``, ``orgs.teams``), each
recorded in the change history."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from bearing.okrs.models import CycleState, Objective
from bearing.orgs.models import Person, Team, TeamMember
from bearing.orgs.permissions import (
    ROSTER_KEEPERS,
    TEAM_SHAPERS,
    can_manage_members,
    can_shape_teams,
)
from bearing.orgs.selectors import teams_of
from bearing.orgs.services import team_create, team_member_add
from bearing.orgs.teams import team_archive, team_member_remove, team_restore, team_update
from bearing.web.access import (
    OrgRequest,
    access_of,
    allowed,
    found,
    org_context,
    writer_required,
)
from bearing.web.forms.people import MemberAddForm
from bearing.web.views.teams import team_form_for, team_page


def _team(request: OrgRequest, pk: int) -> Team:
    return found(
        teams_of(request.membership.organization).select_related("parent").filter(pk=pk).first()
    )


def _team_url(team: Team, anchor: str = "") -> str:
    url = reverse("web:team", kwargs={"org": team.organization.slug, "pk": team.pk})
    return f"{url}#{anchor}" if anchor else url


@writer_required
def create_team(request: OrgRequest) -> HttpResponse:
    allowed(can_shape_teams(access_of(request)), TEAM_SHAPERS)
    organization = request.membership.organization
    asked = request.GET.get("parent", "")  # "New team within" on a team's page
    parent = (
        teams_of(organization).filter(pk=int(asked), archived_at=None).first()
        if asked.isdigit() and len(asked) < 19
        else None
    )
    few = team_form_for(request, None).team_choices is not None
    initial = {"parent": parent.pk if few else parent.name} if parent else None
    form = team_form_for(request, None, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            team = team_create(
                actor=request.user, organization=organization, name=form.cleaned_data["name"],
                parent=form.cleaned_data["parent"],
            )  # fmt: skip
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, f"Created {team.name}. Add its members below.")
            return redirect(_team_url(team, "people-heading"))
    context = org_context(request, nav="teams", form=form, team=None)
    return render(request, "bearing/team_form.html", context)


@writer_required
def edit_team(request: OrgRequest, pk: int) -> HttpResponse:
    allowed(can_shape_teams(access_of(request)), TEAM_SHAPERS)
    team = _team(request, pk)
    large = team_form_for(request, team).team_choices is None
    parent = (team.parent.name if large else team.parent_id) if team.parent else None
    form = team_form_for(
        request, team, request.POST or None, initial={"name": team.name, "parent": parent}
    )
    if request.method == "POST" and form.is_valid():
        try:
            team_update(
                actor=request.user, team=team, name=form.cleaned_data["name"],
                parent=form.cleaned_data.get("parent"),
            )  # fmt: skip
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, "Team saved.")
            return redirect(_team_url(team))
    context = org_context(request, nav="teams", form=form, team=team)
    return render(request, "bearing/team_form.html", context)


@writer_required
def archive_team(request: OrgRequest, pk: int) -> HttpResponse:
    """A page that says what archiving means (and what the team still owns), then does it."""
    allowed(can_shape_teams(access_of(request)), TEAM_SHAPERS)
    team = _team(request, pk)
    if request.method == "POST":
        try:
            team_archive(actor=request.user, team=team)
        except ValidationError as exc:
            for text in exc.messages:
                messages.error(request, text[:1].upper() + text[1:])
        else:
            messages.success(
                request,
                f"Archived {team.name}. It stays in the history; restore it from the archived teams.",
            )
        return redirect(_team_url(team))
    open_objectives = (
        Objective.objects.filter(team=team).exclude(cycle__state=CycleState.CLOSED).count()
    )
    inside = team.children.filter(archived_at=None).count()
    context = org_context(
        request, nav="teams", team=team, open_objectives=open_objectives, inside=inside,
        members=TeamMember.objects.filter(team=team).aggregate(n=Count("id"), leads=Count("id", filter=Q(is_lead=True))),
    )  # fmt: skip
    return render(request, "bearing/team_archive.html", context)


@require_POST
@writer_required
def restore_team(request: OrgRequest, pk: int) -> HttpResponse:
    allowed(can_shape_teams(access_of(request)), TEAM_SHAPERS)
    team = _team(request, pk)
    try:
        team_restore(actor=request.user, team=team)
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text[:1].upper() + text[1:])
    else:
        messages.success(request, f"Restored {team.name} to the tree.")
    return redirect(_team_url(team))


@require_POST
@writer_required
def add_member(request: OrgRequest, pk: int) -> HttpResponse:
    team = _team(request, pk)
    allowed(can_manage_members(access_of(request), team), ROSTER_KEEPERS)
    form = MemberAddForm(request.POST, organization=request.membership.organization)
    if form.is_valid():
        person: Person = form.cleaned_data["email"]
        try:
            team_member_add(
                actor=request.user, team=team, person=person, is_lead=form.cleaned_data["lead"]
            )
        except ValidationError as exc:
            form.add_service_errors(exc, rename={"person": "email"})
        else:
            role = " as a lead" if form.cleaned_data["lead"] else ""
            messages.success(request, f"Added {person.display_name} to {team.name}{role}.")
            return redirect(_team_url(team, "people-heading"))
    return team_page(request, team.pk, member_form=form)


def _member(team: Team, person_id: int) -> TeamMember:
    return found(
        TeamMember.objects.select_related("person").filter(team=team, person_id=person_id).first()
    )


@require_POST
@writer_required
def set_lead(request: OrgRequest, pk: int, person: int) -> HttpResponse:
    """Make a member a lead of the team (``lead=1``), or no longer (``lead=0``)."""
    team = _team(request, pk)
    allowed(can_manage_members(access_of(request), team), ROSTER_KEEPERS)
    member = _member(team, person)
    lead = request.POST.get("lead") == "1"
    try:
        team_member_add(actor=request.user, team=team, person=member.person, is_lead=lead)
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text[:1].upper() + text[1:])
    else:
        name = member.person.display_name
        messages.success(request, f"{name} {'leads' if lead else 'no longer leads'} {team.name}.")
    return redirect(_team_url(team, "people-heading"))


@require_POST
@writer_required
def remove_member(request: OrgRequest, pk: int, person: int) -> HttpResponse:
    team = _team(request, pk)
    allowed(can_manage_members(access_of(request), team), ROSTER_KEEPERS)
    member = _member(team, person)
    team_member_remove(actor=request.user, team=team, person=member.person)
    messages.success(request, f"Took {member.person.display_name} out of {team.name}.")
    return redirect(_team_url(team, "people-heading"))
