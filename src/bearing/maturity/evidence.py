"""The figures behind a team's maturity in a cycle, gathered in SQL for a page of teams at once.

``figures_for(cycle, team_ids)`` makes a fixed number of queries whatever the number of teams,
objectives or check-ins: each one is grouped by team (and, for regularity, by week and month,
which a cycle has a bounded number of), so nothing is read row by row. The levels themselves
are ``bearing.domain.maturity``'s rules.

The figures count all the team's objectives that are not abandoned, private ones included:
they are counts and means, never titles, so nothing private is shown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Avg, Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils import timezone

from bearing.domain.maturity import (
    EARLY_DAYS,
    Dimension,
    Evidence,
    Figures,
    Gap,
    Level,
    assess,
    cycle_span,
    gaps,
    week_of,
)
from bearing.maturity.models import OkrLook, SelfAssessment
from bearing.okrs.models import (
    CheckIn,
    Cycle,
    Initiative,
    KeyResult,
    Learning,
    Measurement,
    Objective,
    ObjectiveState,
    Retrospective,
)
from bearing.orgs.models import TeamMember

START_WEEKS = 4  # the check-ins whose confidence says how sure the team was at the start
TREND_CYCLES = 4  # the cycles a team's trend shows, this one included


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _same_kind(cycle: Cycle) -> QuerySet[Cycle]:
    """The organization's cycles of the cycle's kind: quarters with quarters (cycles within a
    year), top-level cycles with top-level ones."""
    return Cycle.objects.filter(
        organization_id=cycle.organization_id, parent__isnull=cycle.parent_id is None
    )


def _follows(before: Cycle | None, cycle: Cycle) -> bool:
    """Whether ``before`` is the cycle just before ``cycle`` (ending by a week after it starts)."""
    return before is not None and before.end <= cycle.start + timedelta(days=7)


def previous_cycle(cycle: Cycle) -> Cycle | None:
    """The cycle of the same kind just before this one, if it ended by the time this began."""
    before = _same_kind(cycle).filter(start__lt=cycle.start).order_by("-start", "-id").first()
    return before if _follows(before, cycle) else None


Key = tuple[int, int]  # (cycle id, team id)


def _any_cycle(cycles: list[Cycle], field: str, make: Any) -> Q:
    """One condition per cycle, or-ed: ``field`` in that cycle and ``make(cycle)`` of it."""
    q = Q(pk__in=[])
    for c in cycles:
        q |= Q(**{field: c.pk}) & make(c)
    return q


def _in_cycle(when: str) -> Any:
    return lambda c: Q(
        **{f"{when}__gte": _moment(c.start), f"{when}__lt": _moment(c.end + timedelta(days=1))}
    )


def _weeks_and_months(
    rows: QuerySet[Any], cycle_field: str, team_field: str, when: str, cycles: list[Cycle]
) -> dict[Key, tuple[set[Any], set[Any]]]:
    """Per cycle and team, the distinct weeks and months of the cycle with at least one row:
    one query, at most (weeks + months) rows per cycle and team."""
    found: dict[Key, tuple[set[Any], set[Any]]] = defaultdict(lambda: (set(), set()))
    for cycle_id, team, week, month in (
        rows.filter(_any_cycle(cycles, cycle_field, _in_cycle(when)))
        .annotate(week=TruncWeek(when), month=TruncMonth(when))
        .values_list(cycle_field, team_field, "week", "month")
        .order_by()
        .distinct()
    ):
        weeks, months = found[(cycle_id, team)]
        weeks.add(week)
        months.add(month)
    return found


def _grouped(rows: Iterable[dict[str, Any]]) -> dict[Key, dict[str, Any]]:
    return {(row["cid"], row["tid"]): row for row in rows}


def figures_for(
    cycles: list[Cycle],
    team_ids: list[int],
    today: date | None = None,
    previous: dict[int, Cycle | None] | None = None,
) -> dict[Key, Figures]:
    """Every team's figures in each of the cycles (of one organization), in a fixed number of
    queries; teams with nothing get empty figures. ``previous`` maps each cycle to the one
    before it, when the caller knows (else it is looked up, a query per cycle)."""
    today = today or timezone.localdate()
    if not cycles:
        return {}
    limit = cycles[0].organization.max_objectives_per_team
    if previous is None:
        previous = {c.pk: previous_cycle(c) for c in cycles}
    ids = [c.pk for c in cycles]
    objectives = _grouped(
        Objective.objects.filter(cycle_id__in=ids, team_id__in=team_ids)
        .exclude(state=ObjectiveState.ABANDONED)
        .values(cid=F("cycle_id"), tid=F("team_id"))
        .annotate(n=Count("id"))
        .order_by()
    )
    planned = Initiative.key_results.through.objects.filter(keyresult_id=OuterRef("pk"))
    early = _any_cycle(
        cycles,
        "cycle_id",
        lambda c: Q(created_at__lt=_moment(c.start + timedelta(days=EARLY_DAYS))),
    )
    krs = _grouped(
        KeyResult.objects.filter(cycle_id__in=ids, objective__team_id__in=team_ids)
        .exclude(kind="")
        .exclude(objective__state=ObjectiveState.ABANDONED)
        .values(cid=F("cycle_id"), tid=F("objective__team_id"))
        .annotate(
            n=Count("id"),
            scored=Count("score"),
            mean=Avg("score"),
            at_one=Count("id", filter=Q(score__gte=1)),
            owned=Count("owner_id"),
            early=Count("id", filter=early),
            planned=Count("id", filter=Q(Exists(planned))),
        )
        .order_by()
    )
    team_checkins = CheckIn.objects.filter(
        objective__cycle_id__in=ids, objective__team_id__in=team_ids
    ).exclude(objective__state=ObjectiveState.ABANDONED)
    at_start = _any_cycle(
        cycles,
        "objective__cycle_id",
        lambda c: Q(created_at__lt=_moment(c.start + timedelta(weeks=START_WEEKS))),
    )
    confidence = _grouped(
        team_checkins.filter(at_start, confidence__isnull=False)
        .values(cid=F("objective__cycle_id"), tid=F("objective__team_id"))
        .annotate(mean=Avg("confidence"))
        .order_by()
    )
    checkin_times = _weeks_and_months(
        team_checkins, "objective__cycle_id", "objective__team_id", "created_at", cycles
    )
    measured_times = _weeks_and_months(
        Measurement.objects.filter(
            key_result__cycle_id__in=ids, key_result__objective__team_id__in=team_ids
        ),
        "key_result__cycle_id",
        "key_result__objective__team_id",
        "measured_at",
        cycles,
    )
    members, looks = _members_and_looks(cycles, team_ids, today)
    by_id = {c.pk: c for c in cycles}
    learned: dict[Key, tuple[int, set[date]]] = defaultdict(lambda: (0, set()))
    for cycle_id, team, month, n in (
        Learning.objects.filter(objective__cycle_id__in=ids, objective__team_id__in=team_ids)
        .annotate(month=TruncMonth("created_at"))
        .values_list("objective__cycle_id", "objective__team_id", "month")
        .annotate(n=Count("id"))
        .order_by()
    ):
        # A learning written while grading, after the cycle's end, counts for its last month.
        end = by_id[cycle_id].end
        count, seen = learned[(cycle_id, team)]
        seen.add(min(_as_date(month), date(end.year, end.month, 1)))
        learned[(cycle_id, team)] = (count + n, seen)
    before_ids = [p.pk for p in previous.values() if p is not None]
    retros: dict[Key, bool] = {
        (cycle_id, team): bool(try_next.strip())
        for team, cycle_id, try_next in Retrospective.objects.filter(
            team_id__in=team_ids, cycle_id__in=ids + before_ids
        ).values_list("team_id", "cycle_id", "try_next")
    }
    out: dict[Key, Figures] = {}
    for cycle in cycles:
        weeks, months = cycle_span(cycle.start, cycle.end, today)
        before = previous.get(cycle.pk)
        for team in team_ids:
            key = (cycle.pk, team)
            kr = krs.get(key, {})
            mean = kr.get("mean")
            start_confidence = confidence.get(key, {}).get("mean")
            checkin_weeks, checkin_months = checkin_times[key]
            measured_weeks, measured_months = measured_times[key]
            learnings, learning_months = learned[key]
            n = members.get(team, 0)
            weekly = looks.get(key, {})
            out[key] = Figures(
                objectives=objectives.get(key, {}).get("n", 0),
                objective_limit=limit,
                key_results=kr.get("n", 0),
                scored=kr.get("scored", 0),
                mean_score=float(mean) if mean is not None else None,
                at_one=kr.get("at_one", 0),
                start_confidence=float(start_confidence) if start_confidence is not None else None,
                with_initiatives=kr.get("planned", 0),
                published_early=kr.get("early", 0),
                with_owner=kr.get("owned", 0),
                weeks=weeks,
                checkin_weeks=min(len(checkin_weeks), weeks),
                active_weeks=min(len(checkin_weeks | measured_weeks), weeks),
                members=n,
                member_looks=min(sum(weekly.values()), n * weeks),
                looked_weeks=min(sum(1 for k in weekly.values() if n and 2 * k >= n), weeks),
                months=months,
                active_months=min(len(checkin_months | measured_months), months),
                learnings=learnings,
                learning_months=min(len(learning_months), months),
                retrospective=key in retros,
                retrospective_try_next=retros.get(key, False),
                previous_try_next=before is not None and retros.get((before.pk, team), False),
            )
    return out


def _members_and_looks(
    cycles: list[Cycle], team_ids: list[int], today: date
) -> tuple[dict[int, int], dict[Key, dict[date, int]]]:
    """Each team's members (today's), and per cycle and team how many of them opened their
    OKRs in each week of the cycle so far (``OkrLook``): two queries, at most a row per team
    and week."""
    members = dict(
        TeamMember.objects.filter(team_id__in=team_ids)
        .values("team_id")
        .annotate(n=Count("id"))
        .values_list("team_id", "n")
        .order_by()
    )
    first = week_of(min(c.start for c in cycles))
    last = min(max(c.end for c in cycles), today)
    looks: dict[Key, dict[date, int]] = defaultdict(dict)
    for team, week, n in (
        OkrLook.objects.filter(
            organization_id=cycles[0].organization_id, week__gte=first, week__lte=last,
            person__team_memberships__team_id__in=team_ids,
        )
        .values_list("person__team_memberships__team_id", "week")
        .annotate(n=Count("id"))
        .order_by()
    ):  # fmt: skip
        for c in cycles:
            if week_of(c.start) <= week <= min(c.end, today):
                looks[(c.pk, team)][week] = n
    return members, looks


def _as_date(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


@dataclass(frozen=True)
class TeamMaturity:
    """One team in one cycle: the evidence, the self-assessment and the gaps between them."""

    cycle: Cycle
    figures: Figures
    evidence: tuple[Evidence, ...]
    assessment: SelfAssessment | None
    gaps: tuple[Gap, ...]

    def level(self, dimension: Dimension) -> Level | None:
        return next(e.level for e in self.evidence if e.dimension == dimension)

    @property
    def rows(self) -> tuple[tuple[Evidence, Gap], ...]:
        """Each dimension's evidence beside its gap with the self-assessment (for tables)."""
        return tuple(zip(self.evidence, self.gaps, strict=True))


def trend_rows(trend: list[TeamMaturity]) -> list[tuple[Dimension, list[Evidence]]]:
    """The trend as a table: per dimension, its evidence in each cycle, oldest first."""
    return [(d, [t.evidence[i] for t in trend]) for i, d in enumerate(Dimension)]


def _assessed(
    cycles: list[Cycle], team_ids: list[int], figures: dict[Key, Figures]
) -> dict[Key, TeamMaturity]:
    by_id = {c.pk: c for c in cycles}
    assessed = {
        (a.cycle_id, a.team_id): a
        for a in SelfAssessment.objects.filter(cycle_id__in=list(by_id), team_id__in=team_ids)
    }
    out = {}
    for key, f in figures.items():
        evidence = assess(f)
        assessment = assessed.get(key)
        said = assessment.levels() if assessment else {}
        out[key] = TeamMaturity(by_id[key[0]], f, evidence, assessment, gaps(said, evidence))
    return out


def maturity_of(
    cycle: Cycle, team_ids: list[int], today: date | None = None
) -> dict[int, TeamMaturity]:
    """Evidence, self-assessment and gaps for a page of teams in one cycle (twelve queries)."""
    figures = figures_for([cycle], team_ids, today)
    return {team: m for (_, team), m in _assessed([cycle], team_ids, figures).items()}


def trend_cycles(cycle: Cycle) -> tuple[list[Cycle], dict[int, Cycle | None]]:
    """This cycle and the ones of its kind before it (quarters with quarters), oldest first,
    with the cycle before each: what a team is compared with — its own past, never other
    teams. One query."""
    earlier = list(
        _same_kind(cycle)
        .filter(start__lte=cycle.start)
        .exclude(pk=cycle.pk)
        .order_by("-start", "-id")[:TREND_CYCLES]
    )
    chain = [*reversed(earlier), cycle]
    previous: dict[int, Cycle | None] = {
        c.pk: before if _follows(before, c) else None
        for before, c in zip([None, *chain[:-1]], chain, strict=True)
    }
    shown = chain[-TREND_CYCLES:]
    for c in shown:
        c.organization = cycle.organization  # one organization: no query per cycle
    return shown, previous


def team_trend(cycle: Cycle, team_id: int, today: date | None = None) -> list[TeamMaturity]:
    """The team's maturity in this cycle and the few before it: thirteen queries in all."""
    cycles, previous = trend_cycles(cycle)
    figures = figures_for(cycles, [team_id], today, previous)
    found = _assessed(cycles, [team_id], figures)
    return [found[(c.pk, team_id)] for c in cycles]
