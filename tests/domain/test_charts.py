"""Chart geometry for a key result and for the weekly connectivity trend: plain numbers, no
database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bearing.domain.charts import (
    BOTTOM,
    HEIGHT,
    LEFT,
    RIGHT,
    TOP,
    TREND_BOTTOM,
    TREND_HEIGHT,
    TREND_LEFT,
    TREND_TOP,
    WIDTH,
    kr_chart,
    number,
    trend_chart,
)
from bearing.domain.connectivity import TrendPoint
from bearing.domain.model import Cycle, KeyResult, KRKind, Measurement

CYCLE = Cycle("Q1", date(2026, 1, 1), date(2026, 4, 1))  # 90 days
PLOT_BOTTOM = Decimal(HEIGHT - BOTTOM)
PLOT_TOP = Decimal(TOP)


def kr(
    kind: KRKind | None = KRKind.DECREASE, *values: tuple[date, int], **fields: object
) -> KeyResult:
    history = tuple(Measurement(on=d, value=Decimal(v)) for d, v in values)
    defaults: dict[str, object] = {"start": Decimal(120), "target": Decimal(24), "unit": "s"}
    return KeyResult(title="Cut time", kind=kind, history=history, **{**defaults, **fields})  # type: ignore[arg-type]


def test_directional_points_run_from_start_to_target() -> None:
    chart = kr_chart(
        kr(KRKind.DECREASE, (date(2026, 1, 1), 120), (date(2026, 2, 15), 72)),
        CYCLE,
        date(2026, 2, 15),
    )
    assert chart is not None
    first, second = chart.actual
    assert (first.x, first.y) == (Decimal(LEFT), PLOT_BOTTOM)  # the start, at progress 0
    assert second.x == Decimal(LEFT) + (Decimal(WIDTH - LEFT - RIGHT) / 2).quantize(Decimal("0.1"))
    assert second.y == (PLOT_BOTTOM + PLOT_TOP) / 2  # half-way: (120 − 72) / 96
    assert second.label == "15 Feb: 72 s"
    assert chart.reference[0].y == PLOT_BOTTOM and chart.reference[1].y == PLOT_TOP
    assert (chart.top_label, chart.bottom_label) == ("24 s", "120 s")
    assert chart.polyline == f"{first.x},{first.y} {second.x},{second.y}"


def test_progress_beyond_the_target_stays_inside_the_plot() -> None:
    chart = kr_chart(kr(KRKind.INCREASE, (date(2026, 1, 10), 500), start=Decimal(0), target=Decimal(10)),
                     CYCLE, date(2026, 1, 20))  # fmt: skip
    assert chart is not None and chart.actual[0].y == PLOT_TOP


def test_forecast_runs_from_the_last_point_to_the_end() -> None:
    chart = kr_chart(
        kr(KRKind.DECREASE, (date(2026, 1, 31), 96)), CYCLE, date(2026, 2, 1), Decimal("0.8")
    )
    assert chart is not None and chart.forecast is not None
    start, end = chart.forecast
    assert start == chart.actual[-1] and end.x == Decimal(WIDTH - RIGHT)
    assert end.label == "forecast 0.8"
    assert "forecast score 0.8" in chart.summary


def test_no_forecast_line_once_the_cycle_is_over() -> None:
    chart = kr_chart(kr(KRKind.DECREASE, (date(2026, 1, 31), 96)), CYCLE, CYCLE.end, Decimal("0.8"))
    assert chart is not None and chart.forecast is None


def test_threshold_key_results_draw_the_threshold() -> None:
    chart = kr_chart(
        kr(KRKind.AT_LEAST, (date(2026, 1, 10), 99), (date(2026, 1, 20), 101), start=None, target=Decimal(100), unit="%"),
        CYCLE, date(2026, 1, 20),
    )  # fmt: skip
    assert chart is not None and chart.reference_name == "threshold"
    low, high = chart.actual
    assert low.y > chart.reference[0].y > high.y  # 99 below the threshold line, 101 above
    assert chart.summary == "Keep at least 100 %: latest 20 Jan: 101 %."


def test_nothing_to_draw_for_milestones_and_drafts() -> None:
    assert kr_chart(kr(KRKind.MILESTONE, start=None, target=None), CYCLE, date(2026, 2, 1)) is None
    assert kr_chart(kr(None, start=None, target=None), CYCLE, date(2026, 2, 1)) is None


def test_measurements_outside_the_cycle_are_left_out() -> None:
    chart = kr_chart(
        kr(KRKind.DECREASE, (date(2025, 12, 1), 130), (date(2026, 1, 5), 110)),
        CYCLE,
        date(2026, 1, 5),
    )
    assert chart is not None and len(chart.actual) == 1


def test_numbers_are_written_plainly() -> None:
    assert number(Decimal("1200.000000"), "ms") == "1\u202f200 ms"  # thousands grouped
    assert number(Decimal("2.50"), "%") == "2.5 %"
    assert number(Decimal("1E+3")) == "1\u202f000"


# The weekly connectivity trend (Alignment health).

TREND_PLOT_BOTTOM = Decimal(TREND_HEIGHT - TREND_BOTTOM)
TREND_PLOT_TOP = Decimal(TREND_TOP)


def week(
    monday: date, aligned: str | None, cascaded: str | None = "20", cross: str | None = "10"
) -> TrendPoint:
    def pct(value: str | None) -> Decimal | None:
        return None if value is None else Decimal(value)

    return TrendPoint(week=monday, as_of=monday, objectives=10, aligned_pct=pct(aligned),
                      cascaded_pct=pct(cascaded), cross_functional_pct=pct(cross), max_depth=2,
                      orphans=1, similar=0, warnings=1)  # fmt: skip


def test_trend_shares_run_from_0_at_the_bottom_to_100_at_the_top() -> None:
    chart = trend_chart(
        [week(date(2026, 1, 5), "0"), week(date(2026, 1, 12), "100")], CYCLE, date(2026, 1, 20)
    )
    assert chart is not None
    aligned = chart.series[0]
    assert (aligned.key, aligned.name) == ("aligned", "Aligned")
    low, high = aligned.points
    assert (low.y, high.y) == (TREND_PLOT_BOTTOM, TREND_PLOT_TOP)
    assert low.x < high.x and low.label == "Aligned, week of 5 Jan: 0%"
    assert aligned.runs == (f"{low.x},{low.y} {high.x},{high.y}",)
    assert (aligned.first, aligned.latest) == ("0%", "100%")
    assert [label for _, label in chart.ticks] == ["0%", "25%", "50%", "75%", "100%"]
    assert chart.ticks[2][0] == (TREND_PLOT_BOTTOM + TREND_PLOT_TOP) / 2


def test_a_missing_week_or_share_breaks_the_line_instead_of_inventing_a_value() -> None:
    points = [week(date(2026, 1, 5), "50"), week(date(2026, 1, 12), "55"),
              week(date(2026, 1, 26), "60"), week(date(2026, 2, 2), None), week(date(2026, 2, 9), "70")]  # fmt: skip
    chart = trend_chart(points, CYCLE, date(2026, 2, 10))
    assert chart is not None
    aligned = chart.series[0]
    assert len(aligned.points) == 4  # the n/a week has no point
    assert len(aligned.runs) == 1  # 5–12 Jan; 26 Jan and 9 Feb stand alone (dots, no line)
    assert len(chart.series[1].runs) == 2  # cascaded: 5–12 Jan, then 26 Jan–9 Feb


def test_the_cascaded_limit_and_today_are_drawn_and_the_summary_reads_the_trend() -> None:
    chart = trend_chart([week(date(2026, 1, 5), "50.0"), week(date(2026, 1, 12), "62.5")], CYCLE,
                        date(2026, 1, 14), cascaded_limit=Decimal("40.0"))  # fmt: skip
    assert chart is not None and chart.limit is not None
    assert chart.limit[1] == "cascaded limit 40%"
    assert TREND_PLOT_TOP < chart.limit[0] < TREND_PLOT_BOTTOM
    assert chart.today_x is not None
    assert chart.summary == (
        "Weekly connectivity of Q1, 2 weeks from 5 Jan to 12 Jan: aligned 50.0% to 62.5%; "
        "cascaded 20%; cross-functional 10%; the cascaded limit is 40%."
    )
    assert trend_chart([week(date(2026, 1, 5), "50")], CYCLE, date(2026, 6, 1)).today_x is None  # type: ignore[union-attr]


def test_weeks_starting_before_the_cycle_sit_on_its_first_day_and_no_snapshot_draws_nothing() -> (
    None
):
    chart = trend_chart([week(date(2025, 12, 29), "50")], CYCLE, date(2026, 1, 2))
    assert chart is not None and chart.series[0].points[0].x == Decimal(TREND_LEFT)
    assert "week of 29 Dec" in chart.summary
    assert trend_chart([], CYCLE, date(2026, 1, 2)) is None
