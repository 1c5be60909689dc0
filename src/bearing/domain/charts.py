"""Where to draw a key result's progress over time: plain numbers for a server-rendered SVG.

Directional key results (increase, decrease) are drawn as progress from start
(bottom) to target (top) against the expected straight line from the cycle's
start to its end, with the forecast as a dashed line to the end. Threshold key
results (at least, at most) are drawn as values around their threshold.
Milestones and drafts have nothing to draw.

Coordinates are Decimals rounded to 0.1 so the SVG is byte-for-byte stable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from bearing.domain.model import Cycle, KeyResult, KRKind
from bearing.domain.scoring import clamp01, elapsed_share, measurements_in, raw_progress

WIDTH = 360
HEIGHT = 140
# The value labels sit inside the plot (long values with units would not fit beside it);
# the dates sit below it.
LEFT, RIGHT, TOP, BOTTOM = 8, 8, 8, 22
STEP = Decimal("0.1")


@dataclass(frozen=True)
class ChartPoint:
    x: Decimal
    y: Decimal
    label: str


@dataclass(frozen=True)
class KRChart:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    actual: tuple[ChartPoint, ...]
    # The pace line (directional) or the threshold (threshold kinds): two points.
    reference: tuple[ChartPoint, ChartPoint]
    reference_name: str
    forecast: tuple[ChartPoint, ChartPoint] | None
    today_x: Decimal
    top_label: str
    bottom_label: str
    start_label: str
    end_label: str
    summary: str

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x},{p.y}" for p in self.actual)


def number(value: Decimal, unit: str = "") -> str:
    """A value as people write it: no trailing zeros, the unit after a space."""
    text = format(value.normalize(), "f")
    return f"{text} {unit}".strip()


def day_label(day: date) -> str:
    return f"{day.day} {day:%b}"


@dataclass(frozen=True)
class _Frame:
    cycle: Cycle

    def x(self, day: date) -> Decimal:
        share = elapsed_share(self.cycle, day)
        return _r(LEFT + share * (WIDTH - LEFT - RIGHT))

    def y(self, fraction: Decimal) -> Decimal:
        """0 at the bottom of the plot, 1 at the top."""
        return _r(HEIGHT - BOTTOM - fraction * (HEIGHT - TOP - BOTTOM))


def _r(value: Decimal) -> Decimal:
    return value.quantize(STEP)


def kr_chart(
    kr: KeyResult, cycle: Cycle, as_of: date, forecast: Decimal | None = None
) -> KRChart | None:
    """The chart of a key result, or None when there is nothing to draw."""
    if kr.kind is None or kr.target is None:
        return None
    if kr.kind.is_directional and kr.start is not None and kr.start != kr.target:
        return _directional(kr, cycle, as_of, forecast)
    if kr.kind.is_threshold:
        return _threshold(kr, cycle, as_of)
    return None


def _chart(
    cycle: Cycle,
    as_of: date,
    *,
    actual: tuple[ChartPoint, ...],
    reference: tuple[ChartPoint, ChartPoint],
    reference_name: str,
    forecast: tuple[ChartPoint, ChartPoint] | None,
    labels: tuple[str, str],
    summary: str,
) -> KRChart:
    return KRChart(
        width=WIDTH, height=HEIGHT, left=LEFT, right=WIDTH - RIGHT, top=TOP, bottom=HEIGHT - BOTTOM,
        actual=actual, reference=reference, reference_name=reference_name, forecast=forecast,
        today_x=_Frame(cycle).x(as_of), top_label=labels[0], bottom_label=labels[1],
        start_label=day_label(cycle.start), end_label=day_label(cycle.end), summary=summary,
    )  # fmt: skip


def _directional(kr: KeyResult, cycle: Cycle, as_of: date, forecast: Decimal | None) -> KRChart:
    assert kr.start is not None and kr.target is not None
    frame = _Frame(cycle)
    points = tuple(
        ChartPoint(
            frame.x(m.on),
            frame.y(clamp01(raw_progress(kr, m.value))),
            f"{day_label(m.on)}: {number(m.value, kr.unit)}",
        )
        for m in measurements_in(cycle, kr.history)
    )
    pace = (
        ChartPoint(frame.x(cycle.start), frame.y(Decimal(0)), f"start {number(kr.start, kr.unit)}"),
        ChartPoint(frame.x(cycle.end), frame.y(Decimal(1)), f"target {number(kr.target, kr.unit)}"),
    )
    projected = None
    if forecast is not None and points and as_of < cycle.end:
        last = points[-1]
        projected = (
            last,
            ChartPoint(frame.x(cycle.end), frame.y(forecast), f"forecast {forecast}"),
        )
    expected = elapsed_share(cycle, as_of)
    latest = f"latest {points[-1].label}" if points else "no values yet"
    summary = (
        f"Progress from {number(kr.start, kr.unit)} to {number(kr.target, kr.unit)}: {latest}; "
        f"expected by now {int(expected * 100)}% of the way"
        + (f"; forecast score {forecast}" if forecast is not None else "")
        + "."
    )
    return _chart(
        cycle, as_of, actual=points, reference=pace, reference_name="expected pace",
        forecast=projected, labels=(number(kr.target, kr.unit), number(kr.start, kr.unit)),
        summary=summary,
    )  # fmt: skip


def _threshold(kr: KeyResult, cycle: Cycle, as_of: date) -> KRChart:
    assert kr.target is not None
    frame = _Frame(cycle)
    history = measurements_in(cycle, kr.history)
    values = [m.value for m in history] + [kr.target]
    low, high = min(values), max(values)
    spread = high - low or abs(kr.target) or Decimal(1)
    low, high = low - spread / 5, high + spread / 5

    def y(value: Decimal) -> Decimal:
        return frame.y((value - low) / (high - low))

    points = tuple(
        ChartPoint(frame.x(m.on), y(m.value), f"{day_label(m.on)}: {number(m.value, kr.unit)}")
        for m in history
    )
    line = f"threshold {number(kr.target, kr.unit)}"
    threshold = (
        ChartPoint(frame.x(cycle.start), y(kr.target), line),
        ChartPoint(frame.x(cycle.end), y(kr.target), line),
    )
    side = "at least" if kr.kind is KRKind.AT_LEAST else "at most"
    latest = f"latest {points[-1].label}" if points else "no values yet"
    return _chart(
        cycle, as_of, actual=points, reference=threshold, reference_name="threshold",
        forecast=None, labels=(number(_r(high), kr.unit), number(_r(low), kr.unit)),
        summary=f"Keep {side} {number(kr.target, kr.unit)}: {latest}.",
    )  # fmt: skip
