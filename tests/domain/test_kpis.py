"""KPI health rules: the range kinds, healthy or not and since when, the trend, the key result
drafted for an unhealthy KPI, and the chart against the band."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from bearing.domain.kpis import (
    Direction,
    Health,
    HealthyRange,
    RangeKind,
    Reading,
    kpi_chart,
    kpi_state,
    kpi_trend,
    promotion_draft,
    range_problem,
)
from bearing.domain.model import KRKind

D = Decimal
DAY0 = date(2026, 1, 5)


def series(*values: int | str) -> list[Reading]:
    return [Reading(DAY0 + timedelta(weeks=i), D(str(v))) for i, v in enumerate(values)]


@pytest.mark.parametrize(
    ("low", "high", "kind", "text"),
    [
        (D(1), None, RangeKind.AT_LEAST, "at least 1 %"),
        (None, D(2), RangeKind.AT_MOST, "at most 2 %"),
        (D(1), D(2), RangeKind.BETWEEN, "between 1 % and 2 %"),
        (None, None, RangeKind.NONE, "no healthy range"),
    ],
)
def test_range_kinds(low: Decimal | None, high: Decimal | None, kind: RangeKind, text: str) -> None:
    healthy = HealthyRange(low, high)
    assert healthy.kind is kind
    assert healthy.describe("%") == text


@pytest.mark.parametrize(
    ("low", "high", "value", "inside"),
    [
        (D(1), None, D(1), True),  # the edges are healthy
        (D(1), None, D("0.99"), False),
        (None, D(2), D(2), True),
        (None, D(2), D("2.01"), False),
        (D(1), D(2), D("1.5"), True),
        (D(1), D(2), D(0), False),
        (D(1), D(2), D(3), False),
        (None, None, D(-5), True),
    ],
)
def test_contains(low: Decimal | None, high: Decimal | None, value: Decimal, inside: bool) -> None:
    assert HealthyRange(low, high).contains(value) is inside


@pytest.mark.parametrize(
    ("low", "high", "problem"),
    [(D(3), D(1), True), (D(1), D(1), False), (D(1), D(3), False), (None, D(1), False)],
)
def test_range_problem(low: Decimal | None, high: Decimal | None, problem: bool) -> None:
    assert (range_problem(low, high) is not None) is problem


@pytest.mark.parametrize(
    ("values", "health", "since_week"),
    [
        ((), Health.UNKNOWN, None),
        ((1,), Health.HEALTHY, 0),
        ((1, 1, 3), Health.UNHEALTHY, 2),
        ((3, 3, 1, 1), Health.HEALTHY, 2),
        ((3, 3, 3), Health.UNHEALTHY, 0),
        ((1, 3, 1, 3, 3), Health.UNHEALTHY, 3),
    ],
)
def test_state_and_since(values: tuple[int, ...], health: Health, since_week: int | None) -> None:
    state = kpi_state(HealthyRange(None, D(2)), series(*values))
    assert state.health is health
    assert state.since == (None if since_week is None else DAY0 + timedelta(weeks=since_week))


def test_without_a_range_health_is_unknown_but_the_latest_is_known() -> None:
    state = kpi_state(HealthyRange(), series(1, 5))
    assert state.health is Health.UNKNOWN and state.latest == series(1, 5)[-1]


@pytest.mark.parametrize(
    ("values", "direction", "change"),
    [((1, 3), Direction.UP, D(2)), ((3, 1), Direction.DOWN, D(-2)), ((2, 2), Direction.FLAT, D(0))],
)
def test_trend(values: tuple[int, ...], direction: Direction, change: Decimal) -> None:
    trend = kpi_trend(series(*values))
    assert trend is not None and trend.direction is direction and trend.change == change


def test_no_trend_from_one_reading() -> None:
    assert kpi_trend(series(1)) is None


@pytest.mark.parametrize(
    ("low", "high", "current", "kind", "target", "title"),
    [
        (D(99), None, D(97), KRKind.INCREASE, D(99), "Raise Uptime from 97 % to 99 %"),
        (None, D(2), D("3.5"), KRKind.DECREASE, D(2), "Cut Uptime from 3.5 % to 2 %"),
        (D(10), D(20), D(5), KRKind.INCREASE, D(10), "Raise Uptime from 5 % to 10 %"),
        (D(10), D(20), D(25), KRKind.DECREASE, D(20), "Cut Uptime from 25 % to 20 %"),
    ],
)
def test_promotion_draft_runs_from_now_to_the_nearest_edge(
    low: Decimal | None, high: Decimal | None, current: Decimal, kind: KRKind, target: Decimal,
    title: str,
) -> None:  # fmt: skip
    draft = promotion_draft("Uptime", "%", HealthyRange(low, high), current)
    assert draft is not None
    assert (draft.kind, draft.start, draft.target, draft.title) == (kind, current, target, title)


@pytest.mark.parametrize(("low", "high"), [(D(1), D(5)), (None, None)])
def test_no_draft_for_a_healthy_kpi_or_one_without_a_range(
    low: Decimal | None, high: Decimal | None
) -> None:
    assert promotion_draft("Uptime", "%", HealthyRange(low, high), D(3)) is None


def test_chart_draws_readings_against_the_band() -> None:
    readings = series(1, 3, 2)
    chart = kpi_chart("Errors", "%", HealthyRange(None, D(2)), readings, readings[-1].on)
    assert chart is not None
    assert len(chart.actual) == 3
    assert chart.actual[0].x == chart.left and chart.actual[-1].x == chart.right
    assert chart.band is not None
    top, bottom = chart.band
    assert bottom == chart.bottom  # "at most": the band runs down to the bottom of the plot
    # The 3 % reading sits above the band (a smaller y), the 1 % one inside it, the 2 % on its edge.
    assert chart.actual[1].y < top < chart.actual[0].y
    assert chart.actual[2].y == top
    assert "unhealthy" not in chart.summary and "healthy at most 2 %" in chart.summary


def test_chart_without_readings_is_none_and_without_range_has_no_band() -> None:
    assert kpi_chart("Errors", "", HealthyRange(None, D(2)), [], DAY0) is None
    chart = kpi_chart("Errors", "", HealthyRange(), series(1, 2), DAY0)
    assert chart is not None and chart.band is None
