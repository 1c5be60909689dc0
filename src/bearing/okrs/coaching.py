"""The coach over the database: a cycle's (or a team's) OKRs as a domain set → findings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, Sum
from django.db.models.functions import Coalesce, Length

from bearing.domain import model as domain
from bearing.domain.coach import (
    CoachSettings,
    Finding,
    Level,
    Review,
    lint_report,
    review_key_result,
    review_objective,
)
from bearing.domain.coach.owner import NO_OWNER, Owner, TeamTree
from bearing.domain.krfields import kind_of
from bearing.domain.model import LinkKind
from bearing.domain.typed_numbers import NumberNotRead, read_number
from bearing.okrs.models import (
    AlignmentLink,
    Cycle,
    KeyResult,
    Objective,
    ObjectiveState,
    PortfolioNote,
)
from bearing.okrs.selectors import visible_objectives
from bearing.orgs.models import Membership, Organization, Team


def coach_settings_for(organization: Organization) -> CoachSettings:
    return CoachSettings(
        max_objectives_per_team=organization.max_objectives_per_team,
        max_key_results=organization.max_key_results_per_objective,
    )


@dataclass(frozen=True)
class TeamContext:
    """What the coach knows about an organization's teams when it reviews one item: the
    tree, so it can tell what the owning team can move by itself (domain.coach.owner)."""

    tree: TeamTree

    @classmethod
    def of(cls, organization_id: int) -> TeamContext:
        """The organization's tree, built once per process while its teams stay the same: a
        check-in refreshes each of its key results and their objective, and building the
        tree of a thousand teams each time cost more than the rest of the write. Whether
        the teams changed is one aggregate query (how many, the newest, the names' lengths,
        the parents); a rename to a name of the same length is seen at the next other change,
        as stored reviews are refreshed when their items change anyway."""
        mark = tuple(
            Team.objects.filter(organization_id=organization_id)
            .aggregate(
                n=Count("id"), newest=Max("id"), names=Sum(Length("name")),
                parents=Sum(Coalesce("parent_id", 0)),
            )
            .values()
        )  # fmt: skip
        kept = _TREES.get(organization_id)
        if kept is None or kept[0] != mark:
            kept = (mark, TeamTree(organization_teams(organization_id)))
            _TREES[organization_id] = kept
        return cls(tree=kept[1])


# Per process: organization → (its teams' mark, its tree). One entry per organization.
_TREES: dict[int, tuple[tuple[Any, ...], TeamTree]] = {}


def forget_team_trees() -> None:
    """Empty the per-process trees (tests start each from the database)."""
    _TREES.clear()


def review_stored_objective(objective: domain.Objective, context: TeamContext) -> Review:
    """The review kept on an objective's row (okrs.derived): its title for its team."""
    return review_objective(objective, owner=context.tree.owner(objective.team))


def review_stored_key_result(
    kr: domain.KeyResult, team: str | None, context: TeamContext
) -> Review:
    """The review kept on a key result's row (okrs.derived). ``team`` owns its objective."""
    return review_key_result(kr, owner=context.tree.owner(team))


def organization_teams(organization_id: int) -> tuple[domain.Team, ...]:
    """The organization's teams as the domain sees them (the company is the one without a
    parent): one query."""
    return tuple(
        domain.Team(name=name, parent=parent)
        for name, parent in Team.objects.filter(organization_id=organization_id).values_list(
            "name", "parent__name"
        )
    )


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
    from bearing.okrs.derived import as_domain_key_result, histories

    krs = list(objective.key_results.order_by("position", "id"))
    history = histories([kr.pk for kr in krs])
    links = AlignmentLink.objects.filter(child=objective).values_list(
        "parent_objective__ref", "parent_key_result__ref", "kind"
    )
    stored = domain.Objective(
        ref=objective.ref,
        title=objective.title,
        team=objective.team.name if objective.team else None,
        owner=objective.owner.email if objective.owner else None,
        description=objective.description,
        contributors=tuple(t.name for t in objective.contributors.all()),
        links=tuple(domain.Link(o or k, LinkKind(kind)) for o, k, kind in links),
        key_results=tuple(
            as_domain_key_result(kr, history.get(kr.pk, ((), None))[0]) for kr in krs
        ),
    )
    teams = organization_teams(objective.organization_id)
    return review_draft(stored, teams, coach_settings_for(objective.organization), saved_links=True)


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
    start_value, target_value = _decimal(start, unit), _decimal(target, unit)
    given = domain.KRKind(kind) if kind in {k.value for k in domain.KRKind} else None
    # An unknown kind stays unknown; an empty one follows start and target, as when saved.
    kr_kind = kind_of(given, start_value, target_value) if given or not kind else None
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


def _decimal(text: str, unit: str) -> Decimal | None:
    """The number as the form will read it (``domain.typed_numbers``), or None."""
    try:
        value = read_number(text, unit)
    except NumberNotRead:
        return None
    return value if abs(value) < MAX_NUMBER else None


MAX_NUMBER = Decimal(10) ** 18


# The Coach page: the reviews stored on the rows (okrs.derived), filtered and paginated.

COACH_PAGE_SIZE = 20
NOTES_SHOWN = 20
MENTIONS_SHOWN = 10  # per portfolio note; "and N more" for the rest
# Rule ids a person can filter the Coach page by: the limiting ones (what to fix) and the
# portfolio checks. The full list with their meaning is in domain/coach/__init__.py.
FILTER_RULES = (
    "objective-compound", "objective-what-or-how", "objective-quantitative",
    "objective-out-of-bounds", "objective-too-long", "kr-output", "kr-binary",
    "kr-qualitative", "kr-unmeasurable", "kr-compound", "kr-hard-to-attribute", "kr-draft",
)  # fmt: skip
PORTFOLIO_RULES = (
    "too-many-objectives", "too-many-key-results", "too-few-key-results", "kpi-disguised",
    "missing-owner", "orphan",
)  # fmt: skip


def stored_review(rating: str, findings: list[dict[str, str]]) -> Review:
    """A review as kept on a row, back in the coach's own terms."""
    return Review(
        rating=Level(rating or Level.HELPFUL.value),
        findings=tuple(
            Finding(f["rule"], Level(f["level"]), f["message"], f.get("suggestion", ""))
            for f in findings
        ),
    )


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


@dataclass(frozen=True)
class Mention:
    """An objective or key result a portfolio note names; ``objective`` is the page to open."""

    objective: int
    title: str
    is_key_result: bool
    key_result: int | None = None  # for "move it to a KPI" on the kpi-disguised note


@dataclass(frozen=True)
class ShownNote:
    rule: str
    message: str
    mentions: tuple[Mention, ...]
    more: int  # mentions not shown (beyond the first, or that the reader may not see)


@dataclass(frozen=True)
class CoachView:
    objectives: Page[Objective]
    coached: tuple[CoachedObjective, ...]
    counts: dict[str, int]
    notes: tuple[ShownNote, ...]
    more_notes: int

    @property
    def items(self) -> int:
        return sum(self.counts.values())


def coach_view(
    membership: Membership,
    cycle: Cycle,
    *,
    team: Team | None = None,
    rule: str = "",
    rating: str = "",
    page: str | None = None,
) -> CoachView:
    """One page of a cycle's objectives the member may see, worst-rated first, with their key
    results' reviews; the ratings counted over everything the filters select; and the
    portfolio notes of the cycle's last analysis (seven queries, whatever the cycle's size)."""
    objectives = (
        visible_objectives(membership).filter(cycle=cycle).exclude(state=ObjectiveState.ABANDONED)
    )
    if team is not None:
        objectives = objectives.filter(team=team)
    if rule in FILTER_RULES:
        needle = f" {rule} "
        in_krs = KeyResult.objects.filter(objective=OuterRef("pk"), coach_rules__contains=needle)
        objectives = objectives.filter(Q(coach_rules__contains=needle) | Exists(in_krs))
    if rating in WORST_OF:
        objectives = objectives.filter(coach_worst=WORST_OF[rating])
    counts = dict.fromkeys((level.value for level in Level), 0)
    for value, n in (
        objectives.values("coach_rating").annotate(n=Count("id")).values_list("coach_rating", "n")
    ):
        counts[value or Level.HELPFUL.value] += n
    for value, n in (
        KeyResult.objects.filter(objective__in=objectives.values("pk"))
        .values("coach_rating")
        .annotate(n=Count("id"))
        .values_list("coach_rating", "n")
    ):
        counts[value or Level.HELPFUL.value] += n
    ordered = objectives.select_related("team").order_by("coach_worst", "team__name", "id")
    shown = Paginator(
        ordered.prefetch_related(
            Prefetch("key_results", queryset=KeyResult.objects.order_by("position", "id"))
        ),
        COACH_PAGE_SIZE,
    ).get_page(page)
    coached = tuple(
        CoachedObjective(
            o.pk,
            o.title,
            stored_review(o.coach_rating, o.coach_findings),
            o.team.name if o.team else None,
            tuple(
                Coached(kr.pk, kr.title, stored_review(kr.coach_rating, kr.coach_findings))
                for kr in o.key_results.all()
            ),
        )
        for o in shown
    )
    notes, more = _portfolio_notes(membership, cycle, team, rule)
    return CoachView(shown, coached, counts, notes, more)


WORST_OF = {Level.LIMITING.value: 0, Level.HELPFUL.value: 1, Level.AWESOME.value: 2}


def _portfolio_notes(
    membership: Membership, cycle: Cycle, team: Team | None, rule: str
) -> tuple[tuple[ShownNote, ...], int]:
    """The first portfolio notes of the cycle's analysis for the team (and those about the
    whole cycle). A note about one objective the reader may not see is left out; mentions
    of objectives they may not see are counted, never named."""
    notes = PortfolioNote.objects.filter(cycle=cycle)
    if team is not None:
        notes = notes.filter(Q(team=team) | Q(team__isnull=True))
    if rule in FILTER_RULES:
        return (), 0  # a key-result or objective rule: the portfolio has none of those
    if rule in PORTFOLIO_RULES:
        notes = notes.filter(rule=rule)
    total = notes.count()
    rows = list(notes.order_by("position")[:NOTES_SHOWN])
    mentioned = {m[0] for note in rows for m in note.mentions[:MENTIONS_SHOWN]}
    visible = set(
        visible_objectives(membership).filter(pk__in=mentioned).values_list("pk", flat=True)
    )
    shown = []
    for note in rows:
        objectives = {m[0] for m in note.mentions}
        if len(objectives) == 1 and not objectives <= visible:
            continue  # the message names a hidden objective or its key result
        mentions = tuple(
            Mention(objective=m[0], title=m[2], is_key_result=m[1] is not None, key_result=m[1])
            for m in note.mentions[:MENTIONS_SHOWN]
            if m[0] in visible
        )
        shown.append(
            ShownNote(note.rule, note.message, mentions, note.mention_count - len(mentions))
        )
    return tuple(shown), total - len(rows)
