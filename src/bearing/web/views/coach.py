"""The coach in the pages: the Coach page per team and cycle, and the hints shown while an
objective's or key result's title is typed (htmx; the forms work without them)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from bearing.domain.coach import Level, Review
from bearing.okrs.analysis import analysis_of
from bearing.okrs.coaching import (
    FILTER_RULES,
    PORTFOLIO_RULES,
    coach_view,
    key_result_hint,
    objective_hint,
    stored_review,
)
from bearing.okrs.models import KeyResult, Objective
from bearing.okrs.selectors_web import key_result_for_change
from bearing.orgs.models import Team
from bearing.orgs.selectors import teams_of
from bearing.web.access import OrgRequest, access_of, found, member_required, org_context
from bearing.web.cycles import chosen_cycle
from bearing.web.pickers import SearchInput, team_named
from bearing.web.teamfilter import team_filter

OBJECTIVE, KEY_RESULT = "objective", "key_result"


@member_required
def show_coach(request: OrgRequest) -> HttpResponse:
    """The objectives and key results of a team (or all teams) in a cycle with the coach's
    rating and findings, worst first, twenty objectives a page; filters by rule and rating;
    and the portfolio notes of the cycle's last analysis."""
    organization = request.membership.organization
    cycles, cycle = chosen_cycle(request, organization)
    teams = team_filter(request, organization, default=_own_team(request))
    rule = request.GET.get("rule", "")
    rating = request.GET.get("rating", "")
    view = analysis = None
    if cycle is not None:
        view = coach_view(
            request.membership, cycle, team=teams.team, rule=rule, rating=rating,
            page=request.GET.get("page"),
        )  # fmt: skip
        analysis = analysis_of(cycle)
    context = org_context(
        request, nav="coach", cycles=cycles, cycle=cycle, teams=teams, team=teams.team,
        coaching=view, analysis=analysis, rule=rule, rating=rating,
        rules=FILTER_RULES + PORTFOLIO_RULES, ratings=[level.value for level in Level],
    )  # fmt: skip
    return render(request, "bearing/coach.html", context)


def _own_team(request: OrgRequest) -> Team | None:
    """The member's own team (one below the company first), the page's default filter."""
    own = list(teams_of(request.membership.organization).filter(pk__in=access_of(request).team_ids))
    own.sort(key=lambda t: t.parent_id is None)
    return own[0] if own else None


@require_POST
@member_required
def coach_hint(request: OrgRequest) -> HttpResponse:
    """The coach's reading of the title being typed, as a fragment for the form's live region.

    Reads the form's fields (POST, so a title never lands in a log's URL) and writes
    nothing. ``?for=key_result`` reviews a key result; ``&key_result=<id>`` adds the
    measurements of the one being edited, when the member may see it."""
    item = KEY_RESULT if request.GET.get("for") == KEY_RESULT else OBJECTIVE
    saved = None
    if item == KEY_RESULT and request.GET.get("key_result", "").isdigit():
        saved = found(key_result_for_change(request.membership, int(request.GET["key_result"])))
    review = hint_review(request, item, request.POST, saved)
    return render(request, "bearing/includes/coach_hint.html", {"hint": review, "item": item})


def hint_review(
    request: OrgRequest, item: str, data: Any, saved: KeyResult | None = None
) -> Review | None:
    """The review of a form's title (None while it is empty): for the hint endpoint, and for
    the form pages themselves so the coach is there without JavaScript too."""

    def text(name: str) -> str:
        return str(data.get(name) or "")

    title = text("title").strip()[:200]
    if not title:
        return None
    if item == KEY_RESULT:
        return key_result_hint(
            title=title, kind=text("kind"), start=text("start"), target=text("target"),
            unit=text("unit"), saved=saved,
        )  # fmt: skip
    return objective_hint(
        request.membership.organization_id, title, _team_id(request, text("team"))
    )


def _team_id(request: OrgRequest, team: str) -> int | None:
    """The team field as the form sends it: an id from a select, a name from a searched field."""
    if team.isdigit() and len(team) < 19:
        return int(team)
    named = team_named(teams_of(request.membership.organization), team) if team.strip() else None
    return named.pk if named is not None else None


def enable_hints(form: forms.Form, request: OrgRequest, item: str, query: str = "") -> str:
    """Make the form's title (and the fields the review reads) ask for a hint as they change.

    Returns the hint URL. The title asks 400 ms after typing stops; selects and numbers
    when they change. While one request of the form is on its way, only the latest change
    waits for it ("queue last"): replacing would abort the request, which htmx reports as
    errors in the console, and the answer would be the same."""
    url = reverse("web:coach_hint", kwargs={"org": request.membership.organization.slug})
    url += f"?for={item}{query}"
    common = {
        "hx-post": url,
        "hx-target": "#coach-hint",
        "hx-swap": "innerHTML",
        "hx-include": "closest form",
        "hx-sync": "closest form:queue last",
    }
    trigger = "input changed delay:400ms"
    others = ("kind", "start", "target", "unit") if item == KEY_RESULT else ("team",)
    for name in others:
        if name not in form.fields:
            continue
        if isinstance(form.fields[name].widget, SearchInput):
            # A searched field's own requests fetch its suggestions: the title asks for the
            # hint when it changes instead.
            trigger += f", change from:#id_{name}"
        else:
            form.fields[name].widget.attrs.update({**common, "hx-trigger": "change"})
    form.fields["title"].widget.attrs.update(
        {**common, "hx-trigger": trigger, "aria-controls": "coach-hint"}
    )
    return url


def form_hints(
    request: OrgRequest,
    form: forms.Form,
    item: str,
    *,
    current: dict[str, Any] | None = None,
    saved: KeyResult | None = None,
    stored: Objective | KeyResult | None = None,
) -> dict[str, Any]:
    """What a form page adds to its context for the coach: the hint URL on its fields, and the
    hint for what the form holds now (posted, else ``current``: the saved item's fields).

    An edit page opening on ``stored`` shows the review kept on its row (okrs.derived keeps it
    current): the same review, without reading the organization's team tree on every visit."""
    query = f"&key_result={saved.pk}" if saved is not None else ""
    url = enable_hints(form, request, item, query)
    if request.method != "POST" and stored is not None and stored.coach_rating:
        hint: Review | None = stored_review(stored.coach_rating, stored.coach_findings)
    else:
        data = request.POST if request.method == "POST" else (current or {})
        hint = hint_review(request, item, data, saved)
    return {"hint_url": url, "hint": hint, "hint_item": item}
