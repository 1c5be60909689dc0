"""Suggestions while a name is typed into a filter or a form (htmx fills a <datalist>).

Each answers at most ``SUGGESTIONS`` options, so a picker costs the same in an organization
of ten people or of a hundred thousand."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from bearing.okrs.models import KeyResult, Objective
from bearing.okrs.selectors import cycles_of, visible_objectives
from bearing.okrs.selectors_web import alignment_targets
from bearing.orgs.models import Person
from bearing.orgs.selectors import active_teams_of
from bearing.web.access import OrgRequest, member_required
from bearing.web.pickers import target_text

SUGGESTIONS = 20


def _query(request: OrgRequest) -> str:
    """What was typed: ``q``, or the value of the field that asks (htmx sends it under the
    field's own name)."""
    typed = request.GET.get("q")
    if typed is None:
        typed = next((str(v) for k, v in request.GET.items() if k not in PARAMETERS), "")
    return typed.strip()[:300]


# The endpoints' own parameters: anything else is the asking field's name.
PARAMETERS = ("q", "cycle", "many", "key_results", "child")


@member_required
def search_teams(request: OrgRequest) -> HttpResponse:
    """Active teams by name. ``many=1``: the field holds names separated by commas and the last
    one is being typed; each suggestion keeps the names before it, so choosing it fills the
    field."""
    typed = _query(request)
    before, q = "", typed
    if request.GET.get("many") == "1" and "," in typed:
        head, _, q = typed.rpartition(",")
        before, q = f"{head.strip()}, ", q.strip()
    teams = active_teams_of(request.membership.organization)
    if q:
        teams = teams.filter(name__icontains=q[:100])
    options = [(f"{before}{t.name}", "") for t in teams.order_by("name")[:SUGGESTIONS]]
    return render(request, "bearing/includes/options.html", {"options": options})


@member_required
def search_people(request: OrgRequest) -> HttpResponse:
    q = _query(request)
    # Active members only: a deactivated one cannot be given anything new.
    people = Person.objects.filter(
        memberships__organization_id=request.membership.organization_id,
        memberships__deactivated_at=None,
    )
    if q:
        people = people.filter(name__icontains=q) | people.filter(email__icontains=q)
    options = [(p.email, p.name) for p in people.order_by("name", "email")[:SUGGESTIONS]]
    return render(request, "bearing/includes/options.html", {"options": options})


@member_required
def search_objectives(request: OrgRequest) -> HttpResponse:
    """Objectives by title. ``cycle``: what an objective of that cycle may align to (its
    cycle's and the containing cycle's, not ``child`` itself), with ``key_results=1`` their
    key results too; the values are what the alignment picker reads back (``O-12 · Title``)."""
    q = _query(request)[:100]
    cycle = _number(request.GET.get("cycle", ""))
    found_cycle = (
        cycles_of(request.membership.organization).filter(pk=cycle).first() if cycle else None
    )
    if found_cycle is None:
        objectives = visible_objectives(request.membership)
    else:
        child = _number(request.GET.get("child", ""))
        objectives = alignment_targets(request.membership, found_cycle)
        if child is not None:
            objectives = objectives.exclude(pk=child)
    matching = objectives.filter(title__icontains=q) if q else objectives
    rows: list[Objective | KeyResult] = list(
        matching.select_related("team").order_by("title", "id")[:SUGGESTIONS]
    )
    if request.GET.get("key_results") == "1" and len(rows) < SUGGESTIONS:
        krs = KeyResult.objects.filter(objective__in=objectives).select_related("objective__team")
        krs = krs.filter(title__icontains=q) if q else krs
        rows += krs.order_by("title", "id")[: SUGGESTIONS - len(rows)]
    options = [(target_text(t), _team_of(t)) for t in rows]
    return render(request, "bearing/includes/options.html", {"options": options})


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() and len(text) < 19 else None


def _team_of(target: Objective | KeyResult) -> str:
    objective = target.objective if isinstance(target, KeyResult) else target
    team = objective.team.name if objective.team else "individual"
    return f"key result · {team}" if isinstance(target, KeyResult) else team
