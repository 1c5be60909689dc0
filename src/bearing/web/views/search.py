"""Suggestions while a name is typed into a filter or a form (htmx fills a <datalist>).

Each answers at most ``SUGGESTIONS`` options, so a picker costs the same in an organization
of ten people or of a hundred thousand."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from bearing.okrs.selectors import visible_objectives
from bearing.orgs.selectors import teams_of
from bearing.web.access import OrgRequest, member_required

SUGGESTIONS = 20


def _query(request: OrgRequest) -> str:
    """What was typed: ``q``, or the value of the field that asks (htmx sends it under the
    field's own name)."""
    typed = request.GET.get("q")
    if typed is None:
        typed = next((str(v) for k, v in request.GET.items() if k not in ("cycle", "q")), "")
    return typed.strip()[:100]


@member_required
def search_teams(request: OrgRequest) -> HttpResponse:
    q = _query(request)
    teams = teams_of(request.membership.organization)
    if q:
        teams = teams.filter(name__icontains=q)
    options = [(t.name, "") for t in teams.order_by("name")[:SUGGESTIONS]]
    return render(request, "bearing/includes/options.html", {"options": options})


@member_required
def search_people(request: OrgRequest) -> HttpResponse:
    from bearing.okrs.selectors_web import organization_people

    q = _query(request)
    people = organization_people(request.membership.organization_id)
    if q:
        people = people.filter(name__icontains=q) | people.filter(email__icontains=q)
    options = [(p.email, p.name) for p in people.order_by("name", "email")[:SUGGESTIONS]]
    return render(request, "bearing/includes/options.html", {"options": options})


@member_required
def search_objectives(request: OrgRequest) -> HttpResponse:
    q = _query(request)
    objectives = visible_objectives(request.membership)
    cycle = request.GET.get("cycle", "")
    if cycle.isdigit() and len(cycle) < 19:
        objectives = objectives.filter(cycle_id=int(cycle))
    if q:
        objectives = objectives.filter(title__icontains=q)
    rows = objectives.select_related("team").order_by("title", "id")[:SUGGESTIONS]
    options = [(f"#{o.pk} {o.title}", o.team.name if o.team else "individual") for o in rows]
    return render(request, "bearing/includes/options.html", {"options": options})
