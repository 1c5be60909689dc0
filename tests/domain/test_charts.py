"""Chart geometry for a key result: plain numbers, no database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bearing.domain.charts import BOTTOM, HEIGHT, LEFT, RIGHT, TOP, WIDTH, kr_chart, number
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
    assert number(Decimal("1200.000000"), "ms") == "1200 ms"
    assert number(Decimal("2.50"), "%") == "2.5 %"
    assert number(Decimal("1E+3")) == "1000"
