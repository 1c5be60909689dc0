"""The organization's change feed: who changed what, when, from what to what (000's third
practice: communicate change), filtered by team, objective, person and kind."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from bearing.okrs.models import ChangeRecord
from bearing.okrs.models.checkins import Status
from bearing.okrs.selectors import visible_objectives
from bearing.okrs.selectors_changes import KINDS, ChangeFilter, kinds_for, organization_changes
from bearing.okrs.selectors_web import reword_hidden_parents
from bearing.orgs.models import Person, Team
from bearing.web.access import OrgRequest, member_required, org_context
from bearing.web.teamfilter import team_filter

PER_PAGE = 50
SHOWN = 160  # characters of a before or after value on the page (the API gives them whole)


@dataclass(frozen=True)
class FieldChange:
    name: str
    before: str | None  # None: the field had no value before (a creation)
    after: str | None  # None: it has none after (a deletion)


@dataclass(frozen=True)
class FeedItem:
    record: ChangeRecord
    fields: list[FieldChange]
    objective_title: str | None  # the objective it is about, while it exists and is visible
    kind: str  # how the feed names its kind


@member_required
def list_changes(request: OrgRequest) -> HttpResponse:
    membership = request.membership
    organization = membership.organization
    teams = team_filter(request, organization)
    kinds = kinds_for(membership)
    kind = request.GET.get("kind", "")
    kind = kind if kind in kinds else ""
    objective_id = _id(request.GET.get("objective"))
    person_id = _id(request.GET.get("person"))
    narrowed = ChangeFilter(
        team_id=teams.team.pk if teams.team else None,
        objective_id=objective_id, person_id=person_id, kind=kind,
    )  # fmt: skip
    records = organization_changes(membership, narrowed)
    if teams.unknown:
        records = records.none()
    page = Paginator(records, PER_PAGE).get_page(request.GET.get("page"))
    rows = reword_hidden_parents(
        membership, list(page.object_list), "aligned an objective to one you cannot see"
    )
    titles = dict(
        visible_objectives(membership)
        .filter(pk__in={r.objective_id for r in rows} | ({objective_id} if objective_id else set()))
        .values_list("pk", "title")
    )
    names = names_in(organization.pk, rows)
    person = (
        Person.objects.filter(pk=person_id, memberships__organization=organization).first()
        if person_id
        else None
    )
    context = org_context(
        request, nav="changes", page=page, teams=teams, team=teams.team, kinds=kinds, kind=kind,
        items=[FeedItem(r, field_changes(r, names), titles.get(r.objective_id or 0), KINDS.get(r.entity, r.entity)) for r in rows],
        objective_id=objective_id, objective_title=titles.get(objective_id or 0),
        person_id=person_id, person=person,
        narrowed=bool(teams.team or teams.unknown or kind or objective_id or person_id),
    )  # fmt: skip
    return render(request, "bearing/changes.html", context)


def _id(text: str | None) -> int | None:
    """An id from the query string, or None (anything else is no filter, not an error)."""
    if text and text.isdigit() and len(text) < 19:
        return int(text)
    return None


# Fields that hold the id of a person or a team: the page shows the name instead.
PERSON_FIELDS = frozenset({"owner", "author"})
TEAM_FIELDS = frozenset({"team", "parent"})
STATUS_FIELDS = frozenset({"progress_status", "capacity_status", "suggested_status"})


@dataclass(frozen=True)
class Names:
    """The people and teams the page's records name by id (two queries for the whole page)."""

    people: dict[int, str]
    teams: dict[int, str]

    def of(self, field: str, value: Any) -> Any:
        if field in STATUS_FIELDS and value in Status.values:
            return Status(value).label
        if isinstance(value, int) and not isinstance(value, bool):
            if field in PERSON_FIELDS:
                return self.people.get(value, value)
            if field in TEAM_FIELDS:
                return self.teams.get(value, value)
        return value


def names_in(organization_id: int, records: list[ChangeRecord]) -> Names:
    people: set[int] = set()
    teams: set[int] = set()
    for r in records:
        for side in (r.before, r.after):
            for name, value in (side if isinstance(side, dict) else {}).items():
                if isinstance(value, int) and name in PERSON_FIELDS:
                    people.add(value)
                elif isinstance(value, int) and name in TEAM_FIELDS:
                    teams.add(value)
    return Names(
        people={p.pk: p.display_name for p in Person.objects.filter(
            pk__in=people, memberships__organization_id=organization_id)} if people else {},
        teams=dict(Team.objects.filter(pk__in=teams, organization_id=organization_id)
                   .values_list("pk", "name")) if teams else {},
    )  # fmt: skip


def field_changes(record: ChangeRecord, names: Names | None = None) -> list[FieldChange]:
    """The record's fields, before → after, each shortened for the page. What a creation or a
    deletion left empty is not listed."""
    before: dict[str, Any] = record.before if isinstance(record.before, dict) else {}
    after: dict[str, Any] = record.after if isinstance(record.after, dict) else {}
    one_sided = not (before and after)
    shown = []
    for name in dict.fromkeys([*before, *after]):
        if one_sided and _empty(before.get(name)) and _empty(after.get(name)):
            continue
        was = (names.of(name, before[name]) if names else before[name]) if name in before else None
        now = (names.of(name, after[name]) if names else after[name]) if name in after else None
        shown.append(FieldChange(
            name.replace("_", " "),
            _shown(was) if name in before else None,
            _shown(now) if name in after else None,
        ))  # fmt: skip
    return shown


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def _shown(value: Any) -> str:
    text = "–" if value is None or value == "" else str(value)
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"
