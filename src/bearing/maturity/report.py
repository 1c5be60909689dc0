"""The quarterly report of a cycle, for the organization or one team, as one member may see it.

One builder for the page, the PDF, the API and the CLI (``bearing report``). Bounded whatever
the organization's size: every list is capped (and says how many there are in all), the
figures are counted by the database, and the maturity of the organization is a distribution
over a capped number of teams — never a ranking of teams, and nothing about people.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from bearing.domain.calibration import Calibration, ReliabilityChart, reliability_chart
from bearing.domain.charts import TrendChart, trend_chart
from bearing.domain.maturity import Dimension, Level
from bearing.maturity.calibration import LANDED, calibration_of
from bearing.maturity.evidence import TeamMaturity, maturity_of, team_trend, trend_rows
from bearing.okrs.alignment_health import Health, cycle_health
from bearing.okrs.models import (
    Cycle,
    KeyResult,
    Learning,
    Objective,
    ObjectiveState,
    PortfolioNote,
    Retrospective,
)
from bearing.okrs.selectors import visible_objectives
from bearing.orgs.models import Membership, Team

OBJECTIVES_SHOWN = 50
TEAMS_SHOWN = 50
NOTES_SHOWN = 10
LEARNINGS_SHOWN = 30
RETROSPECTIVES_SHOWN = 20
WINS_SHOWN = 20


@dataclass(frozen=True)
class ObjectiveLine:
    objective: Objective
    final: Decimal | None  # the graded score where graded, else the computed one
    color: str


@dataclass(frozen=True)
class TeamLine:
    team_id: int
    name: str
    objectives: int
    mean: Decimal | None
    color: str


@dataclass(frozen=True)
class Listed:
    items: list[Any]
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.items)


@dataclass
class Report:
    cycle: Cycle
    team: Team | None
    generated_at: datetime
    objectives: Listed
    mean_score: Decimal | None
    mean_color: str
    colors: dict[str, int]
    teams: Listed  # the organization's report: each team's objectives and mean final score
    health: Health
    trend: TrendChart | None
    coach_notes: Listed
    ratings: dict[str, int]
    maturity: TeamMaturity | None  # the team's report
    maturity_trend: list[TeamMaturity]
    distribution: list[tuple[Dimension, list[int]]]  # the organization's: teams per level
    distribution_teams: int
    calibration: Calibration
    calibration_chart: ReliabilityChart
    learnings: Listed
    retrospectives: Listed
    wins: Listed

    @property
    def title(self) -> str:
        whose = self.team.name if self.team else self.cycle.organization.name
        return f"{whose} — {self.cycle.name} report"

    @property
    def maturity_trend_rows(self) -> list[tuple[Dimension, list[Any]]]:
        return trend_rows(self.maturity_trend) if self.maturity_trend else []


def _final() -> Coalesce:
    return Coalesce(F("graded_score"), F("score"))


def _color(bands: Any, score: Decimal | None) -> str:
    color = bands.color(score)
    return color.value if color else "none"


def _listed(queryset: QuerySet[Any], cap: int) -> Listed:
    items = list(queryset[:cap])
    total = len(items) if len(items) < cap else queryset.count()
    return Listed(items, total)


def build_report(membership: Membership, cycle: Cycle, team: Team | None = None) -> Report:
    """The report of ``cycle`` (of ``team``, or of the whole organization) as ``membership``
    may see it: private objectives it may not see are left out of every list and figure."""
    organization = membership.organization
    bands = organization.bands
    seen = (
        visible_objectives(membership).filter(cycle=cycle).exclude(state=ObjectiveState.ABANDONED)
    )
    scope = seen.filter(team=team) if team else seen
    lines = scope.select_related("team", "owner").annotate(final=_final())
    if team is None:  # the organization's report lists the company's own objectives
        lines = lines.filter(team__parent__isnull=True)
    objectives = _listed(lines.order_by("team__name", "id"), OBJECTIVES_SHOWN)
    objectives = Listed(
        [ObjectiveLine(o, o.final, _color(bands, o.final)) for o in objectives.items],
        objectives.total,
    )
    green, yellow = bands.green_from, bands.yellow_from
    summary = scope.annotate(final=_final()).aggregate(
        mean=Avg("final"),
        green=Count("id", filter=Q(final__gte=green)),
        yellow=Count("id", filter=Q(final__gte=yellow, final__lt=green)),
        red=Count("id", filter=Q(final__lt=yellow)),
        none=Count("id", filter=Q(final__isnull=True)),
    )
    mean = _mean(summary["mean"])
    colors = {c: summary[c] for c in ("green", "yellow", "red", "none")}
    teams = Listed([], 0)
    if team is None:
        rows = (
            seen.filter(team__isnull=False)
            .values("team_id", "team__name")
            .annotate(n=Count("id"), mean=Avg(_final()))
            .order_by("team__name", "team_id")
        )
        shown = list(rows[:TEAMS_SHOWN])
        total = (
            len(shown)
            if len(shown) < TEAMS_SHOWN
            else seen.filter(team__isnull=False).values("team_id").distinct().count()
        )
        teams = Listed(
            [
                TeamLine(
                    r["team_id"],
                    r["team__name"],
                    r["n"],
                    _mean(r["mean"]),
                    _color(bands, _mean(r["mean"])),
                )
                for r in shown
            ],
            total,
        )
    health = cycle_health(membership, cycle, team_id=team.pk if team else None)
    trend = (
        trend_chart(
            health.trend,
            cycle.as_domain(),
            timezone.localdate(),
            cascaded_limit=health.thresholds.cascaded_warn_pct,
        )
        if health.trend
        else None
    )
    notes = PortfolioNote.objects.filter(cycle=cycle)
    if team is not None:
        notes = notes.filter(team=team)
    ratings = dict(
        scope.exclude(coach_rating="")
        .values_list("coach_rating")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("coach_rating", "n")
    )
    maturity = None
    trend_of_team: list[TeamMaturity] = []
    distribution: list[tuple[Dimension, list[int]]] = []
    distribution_teams = 0
    if team is not None:
        trend_of_team = team_trend(cycle, team.pk)
        maturity = trend_of_team[-1]
    else:
        team_ids = list(
            seen.filter(team__isnull=False)
            .values_list("team_id", flat=True)
            .distinct()
            .order_by("team_id")[:TEAMS_SHOWN]
        )
        found = maturity_of(cycle, team_ids)
        distribution_teams = len(found)
        distribution = [(d, _levels_count([m.level(d) for m in found.values()])) for d in Dimension]
    calibration = calibration_of(organization, team.pk if team else None)
    learnings = Learning.objects.filter(objective__in=scope).select_related("objective")
    retrospectives = Retrospective.objects.filter(cycle=cycle).select_related("team")
    if team is not None:
        retrospectives = retrospectives.filter(team=team)
    wins = (
        KeyResult.objects.filter(objective__in=scope, score__gte=LANDED)
        .select_related("objective", "objective__team")
        .order_by("-score", "objective__title", "position", "id")
    )
    return Report(
        cycle=cycle,
        team=team,
        generated_at=timezone.now(),
        objectives=objectives,
        mean_score=mean,
        mean_color=_color(bands, mean),
        colors=colors,
        teams=teams,
        health=health,
        trend=trend,
        coach_notes=_listed(notes, NOTES_SHOWN),
        ratings=ratings,
        maturity=maturity,
        maturity_trend=trend_of_team,
        distribution=distribution,
        distribution_teams=distribution_teams,
        calibration=calibration,
        calibration_chart=reliability_chart(calibration),
        learnings=_listed(learnings.order_by("created_at", "id"), LEARNINGS_SHOWN),
        retrospectives=_listed(retrospectives.order_by("team__name", "id"), RETROSPECTIVES_SHOWN),
        wins=_listed(wins, WINS_SHOWN),
    )


def _mean(value: Any) -> Decimal | None:
    return Decimal(value).quantize(Decimal("0.01")) if value is not None else None


def _levels_count(levels: list[Level | None]) -> list[int]:
    """How many teams are at Crawl, Walk, Run, Fly, and without enough evidence."""
    counted = Counter(levels)
    return [counted.get(level, 0) for level in Level] + [counted.get(None, 0)]
