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
)
from bearing.maturity.models import SelfAssessment
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

START_WEEKS = 4  # the check-ins whose confidence says how sure the team was at the start
TREND_CYCLES = 4  # the cycles a team's trend shows, this one included


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def previous_cycle(cycle: Cycle) -> Cycle | None:
    """The cycle before this one: the latest that starts earlier and ends (within a week) by the
    time this one starts — so a year is not the previous cycle of its own quarters."""
    return (
        Cycle.objects.filter(
            organization_id=cycle.organization_id,
            start__lt=cycle.start,
            end__lte=cycle.start + timedelta(days=7),
        )
        .order_by("-start", "-id")
        .first()
    )


def _by_team(rows: Iterable[dict[str, Any]], key: str = "tid") -> dict[int, dict[str, Any]]:
    return {row[key]: row for row in rows}


def _weeks_and_months(
    rows: QuerySet[Any], team_field: str, when: str, cycle: Cycle
) -> dict[int, tuple[set[Any], set[Any]]]:
    """Per team, the distinct weeks and months of the cycle with at least one row: one query,
    at most (weeks + months) rows per team."""
    start, after = _moment(cycle.start), _moment(cycle.end + timedelta(days=1))
    found: dict[int, tuple[set[Any], set[Any]]] = defaultdict(lambda: (set(), set()))
    for row in (
        rows.filter(**{f"{when}__gte": start, f"{when}__lt": after})
        .annotate(week=TruncWeek(when), month=TruncMonth(when))
        .values_list(team_field, "week", "month")
        .distinct()
    ):
        weeks, months = found[row[0]]
        weeks.add(row[1])
        months.add(row[2])
    return found


def figures_for(cycle: Cycle, team_ids: list[int], today: date | None = None) -> dict[int, Figures]:
    """Every team's figures in the cycle (teams with nothing get empty figures)."""
    today = today or timezone.localdate()
    weeks, months = cycle_span(cycle.start, cycle.end, today)
    limit = cycle.organization.max_objectives_per_team
    live = ~Q(state=ObjectiveState.ABANDONED)
    objectives = _by_team(
        Objective.objects.filter(live, cycle=cycle, team_id__in=team_ids)
        .values(tid=F("team_id"))
        .annotate(n=Count("id"))
    )
    planned = Initiative.key_results.through.objects.filter(keyresult_id=OuterRef("pk"))
    early = _moment(cycle.start + timedelta(days=EARLY_DAYS))
    krs = _by_team(
        KeyResult.objects.filter(cycle=cycle, objective__team_id__in=team_ids)
        .exclude(kind="")
        .exclude(objective__state=ObjectiveState.ABANDONED)
        .values(tid=F("objective__team_id"))
        .annotate(
            n=Count("id"),
            scored=Count("score"),
            mean=Avg("score"),
            at_one=Count("id", filter=Q(score__gte=1)),
            owned=Count("owner_id"),
            early=Count("id", filter=Q(created_at__lt=early)),
            planned=Count("id", filter=Q(Exists(planned))),
        )
    )
    team_checkins = CheckIn.objects.filter(
        objective__cycle=cycle, objective__team_id__in=team_ids
    ).exclude(objective__state=ObjectiveState.ABANDONED)
    confidence = _by_team(
        team_checkins.filter(
            confidence__isnull=False,
            created_at__lt=_moment(cycle.start + timedelta(weeks=START_WEEKS)),
        )
        .values(tid=F("objective__team_id"))
        .annotate(mean=Avg("confidence"))
    )
    checkin_times = _weeks_and_months(team_checkins, "objective__team_id", "created_at", cycle)
    measured_times = _weeks_and_months(
        Measurement.objects.filter(
            key_result__cycle=cycle, key_result__objective__team_id__in=team_ids
        ),
        "key_result__objective__team_id",
        "measured_at",
        cycle,
    )
    learned: dict[int, tuple[int, set[Any]]] = defaultdict(lambda: (0, set()))
    last_month = date(cycle.end.year, cycle.end.month, 1)
    for team, month, n in (
        Learning.objects.filter(objective__cycle=cycle, objective__team_id__in=team_ids)
        .annotate(month=TruncMonth("created_at"))
        .values_list("objective__team_id", "month")
        .annotate(n=Count("id"))
    ):
        # A learning written while grading, after the cycle's end, counts for its last month.
        count, seen = learned[team]
        seen.add(min(_as_date(month), last_month))
        learned[team] = (count + n, seen)
    before = previous_cycle(cycle)
    retros: dict[tuple[int, int], bool] = {
        (team, cycle_id): bool(try_next.strip())
        for team, cycle_id, try_next in Retrospective.objects.filter(
            team_id__in=team_ids, cycle_id__in=[cycle.pk] + ([before.pk] if before else [])
        ).values_list("team_id", "cycle_id", "try_next")
    }
    out: dict[int, Figures] = {}
    for team in team_ids:
        kr = krs.get(team, {})
        mean = kr.get("mean")
        start_confidence = confidence.get(team, {}).get("mean")
        checkin_weeks, checkin_months = checkin_times[team]
        measured_weeks, measured_months = measured_times[team]
        learnings, learning_months = learned[team]
        out[team] = Figures(
            objectives=objectives.get(team, {}).get("n", 0),
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
            months=months,
            active_months=min(len(checkin_months | measured_months), months),
            learnings=learnings,
            learning_months=min(len(learning_months), months),
            retrospective=(team, cycle.pk) in retros,
            retrospective_try_next=retros.get((team, cycle.pk), False),
            previous_try_next=before is not None and retros.get((team, before.pk), False),
        )
    return out


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


def maturity_of(
    cycle: Cycle, team_ids: list[int], today: date | None = None
) -> dict[int, TeamMaturity]:
    """Evidence, self-assessment and gaps for a page of teams in one cycle."""
    figures = figures_for(cycle, team_ids, today)
    assessed = {
        a.team_id: a for a in SelfAssessment.objects.filter(cycle=cycle, team_id__in=team_ids)
    }
    out = {}
    for team, f in figures.items():
        evidence = assess(f)
        assessment = assessed.get(team)
        said = assessment.levels() if assessment else {}
        out[team] = TeamMaturity(cycle, f, evidence, assessment, gaps(said, evidence))
    return out


def trend_cycles(cycle: Cycle) -> list[Cycle]:
    """This cycle and the ones before it of the same kind (quarters with quarters), oldest
    first: what a team is compared with — its own past, never other teams."""
    earlier = Cycle.objects.filter(
        organization_id=cycle.organization_id,
        start__lte=cycle.start,
        parent__isnull=cycle.parent_id is None,
    ).order_by("-start", "-id")[:TREND_CYCLES]
    cycles = [c for c in earlier if c.pk != cycle.pk][: TREND_CYCLES - 1]
    return [*reversed(cycles), cycle]


def team_trend(cycle: Cycle, team_id: int, today: date | None = None) -> list[TeamMaturity]:
    """The team's maturity in this cycle and the few before it (a fixed number of queries)."""
    return [maturity_of(c, [team_id], today)[team_id] for c in trend_cycles(cycle)]
