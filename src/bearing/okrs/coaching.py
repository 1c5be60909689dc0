"""The coach over the database: a cycle's (or a team's) OKRs as a domain set → findings."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from bearing.domain import model as domain
from bearing.domain.coach import (
    CoachSettings,
    Level,
    Review,
    lint_report,
    review_key_result,
    review_objective,
    review_portfolio,
)
from bearing.domain.coach.owner import NO_OWNER, Owner, TeamTree
from bearing.domain.krfields import infer_kind
from bearing.domain.model import LinkKind
from bearing.okrs.models import AlignmentLink, Cycle, KeyResult, Objective, ObjectiveState
from bearing.okrs.scoring import domain_key_result, histories_for, with_key_results
from bearing.orgs.models import Organization, Team

# Worst first: a page lists what limits the team before what already shines.
RATING_ORDER = {Level.LIMITING: 0, Level.HELPFUL: 1, Level.AWESOME: 2}


def coach_settings_for(organization: Organization) -> CoachSettings:
    return CoachSettings(
        max_objectives_per_team=organization.max_objectives_per_team,
        max_key_results=organization.max_key_results_per_objective,
    )


def organization_teams(organization_id: int) -> tuple[domain.Team, ...]:
    """The organization's teams as the domain sees them (the company is the one without a
    parent): one query."""
    return tuple(
        domain.Team(name=name, parent=parent)
        for name, parent in Team.objects.filter(organization_id=organization_id).values_list(
            "name", "parent__name"
        )
    )


def okr_set_of(
    cycle: Cycle, objectives: QuerySet[Objective], *, with_abandoned: bool = False
) -> domain.OKRSet:
    """Some of a cycle's objectives as the domain's OKR set, with refs as in an OKR file.

    Six queries whatever the number of objectives: objectives, key results,
    contributors, measurements, links, teams. Abandoned objectives are left out
    unless ``with_abandoned``."""
    return _load(cycle, objectives, with_abandoned=with_abandoned)[1]


def _load(
    cycle: Cycle, objectives: QuerySet[Objective], *, with_abandoned: bool = False
) -> tuple[list[Objective], domain.OKRSet]:
    """The rows and the domain set built from them, in the same order."""
    objectives = objectives.filter(cycle=cycle)
    if not with_abandoned:
        objectives = objectives.exclude(state=ObjectiveState.ABANDONED)
    histories = histories_for(objectives)
    rows = list(
        with_key_results(objectives.select_related("team", "owner")).prefetch_related(
            "contributors"
        )
    )
    links: dict[int, list[domain.Link]] = {}
    link_rows = AlignmentLink.objects.filter(child__in=objectives.values("pk")).values_list(
        "child_id", "parent_objective__ref", "parent_key_result__ref", "kind"
    )
    for child, objective_ref, kr_ref, kind in link_rows:
        links.setdefault(child, []).append(domain.Link(objective_ref or kr_ref, LinkKind(kind)))
    okrs = domain.OKRSet(
        cycle=cycle.as_domain(),
        teams=organization_teams(cycle.organization_id),
        objectives=tuple(
            domain.Objective(
                ref=o.ref,
                title=o.title,
                team=o.team.name if o.team else None,
                owner=o.owner.email if o.owner else None,
                description=o.description,
                contributors=tuple(t.name for t in o.contributors.all()),
                links=tuple(links.get(o.pk, ())),
                key_results=tuple(
                    domain_key_result(kr, histories.get(kr.pk, ())) for kr in o.key_results.all()
                ),
            )
            for o in rows
        ),
    )
    return rows, okrs


def coach_report(cycle: Cycle, objectives: QuerySet[Objective]) -> dict[str, Any]:
    """The coach's findings (the shape of `bearing lint --format json`) for these objectives."""
    return lint_report(okr_set_of(cycle, objectives), coach_settings_for(cycle.organization))


# The Coach page: reviews tied to the rows they are about.


@dataclass(frozen=True)
class Coached:
    """A key result (or an objective, see below) with the coach's review of it."""

    pk: int
    title: str
    review: Review


@dataclass(frozen=True)
class CoachedObjective(Coached):
    team: str | None
    key_results: tuple[Coached, ...]

    @property
    def worst(self) -> Level:
        ratings = [self.review.rating, *(kr.review.rating for kr in self.key_results)]
        return min(ratings, key=RATING_ORDER.__getitem__)


@dataclass(frozen=True)
class Mention:
    """An objective or key result a portfolio finding names; ``objective`` is the page to open."""

    objective: int
    title: str
    is_key_result: bool


@dataclass(frozen=True)
class PortfolioNote:
    rule: str
    message: str
    mentions: tuple[Mention, ...]


@dataclass(frozen=True)
class Coaching:
    objectives: tuple[CoachedObjective, ...]
    portfolio: tuple[PortfolioNote, ...]

    @property
    def counts(self) -> dict[str, int]:
        """How many items (objectives and key results) have each rating."""
        found = Counter(r.review.rating.value for o in self.objectives for r in (o, *o.key_results))
        return {level.value: found[level.value] for level in Level}

    @property
    def items(self) -> int:
        return sum(self.counts.values())


def cycle_coaching(
    cycle: Cycle, objectives: QuerySet[Objective], organization: Organization
) -> Coaching:
    """Every objective's and key result's review, worst-rated objectives first, and the
    portfolio checks over the same set (six queries whatever the number of objectives)."""
    rows, okrs = _load(cycle, objectives)
    tree = TeamTree(okrs.teams)
    coached = []
    mentions: dict[str, Mention] = {}
    for row, obj in zip(rows, okrs.objectives, strict=True):
        owner = tree.owner(obj.team)
        key_results = []
        for kr_row, kr in zip(row.key_results.all(), obj.key_results, strict=True):
            review_kr = review_key_result(kr, owner=owner)
            key_results.append(Coached(kr_row.pk, kr_row.title, review_kr))
            mentions[kr.ref] = Mention(row.pk, kr_row.title, is_key_result=True)
        mentions[obj.ref] = Mention(row.pk, row.title, is_key_result=False)
        review = review_objective(obj, owner=owner)
        coached.append(CoachedObjective(row.pk, row.title, review, obj.team, tuple(key_results)))
    coached.sort(key=lambda o: RATING_ORDER[o.worst])
    notes = tuple(
        PortfolioNote(p.rule, p.message, tuple(mentions[r] for r in p.refs if r in mentions))
        for p in review_portfolio(okrs, coach_settings_for(organization))
    )
    return Coaching(tuple(coached), notes)


# One objective, saved or not: the API's review and the forms' hints.


def review_draft(
    objective: domain.Objective,
    teams: tuple[domain.Team, ...],
    settings: CoachSettings,
    *,
    saved_links: bool = False,
) -> dict[str, Any]:
    """The lint items and portfolio findings for one objective and its key results.

    An objective not saved yet has no alignment links yet, so the orphan check is
    left out unless ``saved_links`` (a saved objective reviewed as stored)."""
    today = date.today()
    okrs = domain.OKRSet(
        cycle=domain.Cycle(name="review", start=today, end=today + timedelta(days=1)),
        teams=teams,
        objectives=(objective,),
    )
    report = lint_report(okrs, settings)
    portfolio = [p for p in report["portfolio"] if saved_links or p["rule"] != "orphan"]
    return {
        "objective": report["items"][0],
        "key_results": report["items"][1:],
        "portfolio": portfolio,
    }


def saved_review(objective: Objective) -> dict[str, Any]:
    """``review_draft`` of an objective as stored: its key results, history and links."""
    okrs = okr_set_of(
        objective.cycle, Objective.objects.filter(pk=objective.pk), with_abandoned=True
    )
    return review_draft(
        okrs.objectives[0], okrs.teams, coach_settings_for(objective.organization), saved_links=True
    )


# Hints while a form is filled in: one item, from what the form holds so far.


def objective_hint(organization_id: int, title: str, team_id: int | None) -> Review:
    """The review of an objective's title as typed, for the team chosen, placed in the
    organization's tree (one query: every team's name and parent, so an objective about
    the whole organization or about every unit of its kind is out of bounds)."""
    rows = list(
        Team.objects.filter(organization_id=organization_id).values_list(
            "pk", "name", "parent__name"
        )
    )
    team = next((name for pk, name, _ in rows if pk == team_id), None)
    owner = TeamTree(domain.Team(name=n, parent=p) for _, n, p in rows).owner(team)
    return review_objective(domain.Objective(title=title, team=team), owner=owner)


def key_result_hint(
    *,
    title: str,
    kind: str = "",
    start: str = "",
    target: str = "",
    unit: str = "",
    saved: KeyResult | None = None,
) -> Review:
    """The review of a key result as the form holds it, text fields as typed (a number that
    does not parse counts as missing). ``saved``: the key result being edited, whose
    measurements say how often it is measured (one query)."""
    start_value, target_value = _decimal(start), _decimal(target)
    kr_kind = domain.KRKind(kind) if kind in {k.value for k in domain.KRKind} else None
    if kr_kind is None and not kind:
        kr_kind = infer_kind(start_value, target_value)
    if kr_kind is domain.KRKind.MILESTONE:
        start_value = target_value = None
    history: tuple[domain.Measurement, ...] = ()
    if saved is not None:
        history = tuple(
            domain.Measurement(on=at.date(), value=value)
            for at, value in saved.measurements.order_by("measured_at", "id").values_list(
                "measured_at", "value"
            )
        )
    return review_key_result(
        domain.KeyResult(
            title=title, kind=kr_kind, start=start_value, target=target_value, unit=unit,
            history=history,
        ),
        owner=_owner_of_saved(saved),
    )  # fmt: skip


def _owner_of_saved(saved: KeyResult | None) -> Owner:
    """The team of the key result's objective in its organization's tree (one query: every
    team, marking the objective's), for a key result being edited; a new one's objective
    is not known here."""
    if saved is None:
        return NO_OWNER
    owns = Objective.objects.filter(pk=saved.objective_id, team=OuterRef("pk"))
    rows = list(
        Team.objects.filter(organization_id=saved.organization_id)
        .annotate(owns=Exists(owns))
        .values_list("name", "parent__name", "owns")
    )
    team = next((name for name, _, own in rows if own), None)
    return TeamTree(domain.Team(name=n, parent=p) for n, p, _ in rows).owner(team)


def _decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(text.strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() and abs(value) < MAX_NUMBER else None


MAX_NUMBER = Decimal(10) ** 18
