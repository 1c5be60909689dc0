"""Where to draw charts: plain numbers for server-rendered SVGs.

``kr_chart``: a key result's progress over time. ``trend_chart``: a cycle's weekly
connectivity shares (Alignment health).

Directional key results (increase, decrease) are drawn as progress from start
(bottom) to target (top) against the expected straight line from the cycle's
start to its end, with the forecast as a dashed line to the end. Threshold key
results (at least, at most) are drawn as values around their threshold.
Milestones and drafts have nothing to draw.

Coordinates are Decimals rounded to 0.1 so the SVG is byte-for-byte stable.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from bearing.domain.connectivity import TrendPoint
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


# Between groups of thousands: a narrow no-break space (SI style). Neither a point nor a
# comma, so "12 000.5" reads the same everywhere, and the forms read it back as typed.
THOUSANDS = "\u202f"


def number(value: Decimal, unit: str = "") -> str:
    """A value as people write it: groups of thousands, no trailing zeros, the unit after a
    space (12 000 ms, 2.5 %)."""
    text = format(value.normalize() + 0, ",f").replace(",", THOUSANDS)
    return f"{text} {unit}".strip()


def day_label(day: date) -> str:
    return f"{day.day} {day:%b}"


@dataclass(frozen=True)
class Frame:
    cycle: Cycle
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = RIGHT
    top: int = TOP
    bottom: int = BOTTOM

    def x(self, day: date) -> Decimal:
        """Days within the cycle from left to right; days outside it sit on its edges."""
        share = elapsed_share(self.cycle, day)
        return _r(self.left + share * (self.width - self.left - self.right))

    def y(self, fraction: Decimal) -> Decimal:
        """0 at the bottom of the plot, 1 at the top."""
        plot = self.height - self.top - self.bottom
        return _r(self.height - self.bottom - fraction * plot)


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
        today_x=Frame(cycle).x(as_of), top_label=labels[0], bottom_label=labels[1],
        start_label=day_label(cycle.start), end_label=day_label(cycle.end), summary=summary,
    )  # fmt: skip


def _directional(kr: KeyResult, cycle: Cycle, as_of: date, forecast: Decimal | None) -> KRChart:
    assert kr.start is not None and kr.target is not None
    frame = Frame(cycle)
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
    frame = Frame(cycle)
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


# The weekly connectivity trend (Alignment health): shares of 0–100 % over the cycle.

TREND_WIDTH = 640
TREND_HEIGHT = 220
# Room for the "100%" labels on the left and the dates below.
TREND_LEFT, TREND_RIGHT, TREND_TOP, TREND_BOTTOM = 40, 12, 10, 24
TREND_TICKS = (0, 25, 50, 75, 100)
WEEK = timedelta(days=7)


@dataclass(frozen=True)
class TrendSeries:
    key: str  # aligned | cascaded | cross_functional: the CSS class and marker
    name: str
    points: tuple[ChartPoint, ...]
    # One polyline per unbroken run of weeks: a week without a snapshot leaves a gap.
    runs: tuple[str, ...]
    first: str
    latest: str


@dataclass(frozen=True)
class TrendChart:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    series: tuple[TrendSeries, ...]
    ticks: tuple[tuple[Decimal, str], ...]  # (y, label) of the horizontal grid lines
    limit: tuple[Decimal, str] | None  # the cascaded-share limit: (y, label)
    today_x: Decimal | None
    start_label: str
    end_label: str
    summary: str


def pct_label(value: Decimal | None) -> str:
    return "n/a" if value is None else f"{value}%"


TREND_SERIES: tuple[tuple[str, str, Callable[[TrendPoint], Decimal | None]], ...] = (
    ("aligned", "Aligned", lambda p: p.aligned_pct),
    ("cascaded", "Cascaded", lambda p: p.cascaded_pct),
    ("cross_functional", "Cross-functional", lambda p: p.cross_functional_pct),
)


def trend_chart(
    points: Sequence[TrendPoint],
    cycle: Cycle,
    today: date,
    cascaded_limit: Decimal | None = None,
) -> TrendChart | None:
    """The weekly shares as lines over the cycle, or None without any snapshot.

    Each week sits at its Monday (held within the cycle). A line breaks where a week has no
    snapshot or the share is n/a, rather than drawing a figure nobody measured.
    """
    if not points:
        return None
    frame = Frame(cycle, TREND_WIDTH, TREND_HEIGHT, TREND_LEFT, TREND_RIGHT, TREND_TOP,
                   TREND_BOTTOM)  # fmt: skip
    ordered = sorted(points, key=lambda p: p.week)
    series = tuple(
        _trend_series(key, name, [(p.week, share(p)) for p in ordered], frame)
        for key, name, share in TREND_SERIES
    )
    limit = None
    if cascaded_limit is not None:
        limit = (frame.y(cascaded_limit / 100), f"cascaded limit {number(cascaded_limit)}%")
    today_x = frame.x(today) if cycle.start <= today <= cycle.end else None
    return TrendChart(
        width=TREND_WIDTH, height=TREND_HEIGHT, left=TREND_LEFT, right=TREND_WIDTH - TREND_RIGHT,
        top=TREND_TOP, bottom=TREND_HEIGHT - TREND_BOTTOM, series=series,
        ticks=tuple((frame.y(Decimal(t) / 100), f"{t}%") for t in TREND_TICKS), limit=limit,
        today_x=today_x, start_label=day_label(cycle.start), end_label=day_label(cycle.end),
        summary=_trend_summary(cycle, ordered, series, cascaded_limit),
    )  # fmt: skip


def _trend_series(
    key: str, name: str, values: list[tuple[date, Decimal | None]], frame: Frame
) -> TrendSeries:
    points: list[ChartPoint] = []
    runs: list[list[ChartPoint]] = []
    last_week: date | None = None
    for week, value in values:
        if value is None:
            last_week = None
            continue
        point = ChartPoint(
            frame.x(week), frame.y(value / 100), f"{name}, week of {day_label(week)}: {value}%"
        )
        if last_week is None or week - last_week > WEEK:
            runs.append([])
        runs[-1].append(point)
        points.append(point)
        last_week = week
    shown = [v for _, v in values if v is not None]
    return TrendSeries(
        key=key,
        name=name,
        points=tuple(points),
        runs=tuple(" ".join(f"{p.x},{p.y}" for p in run) for run in runs if len(run) > 1),
        first=pct_label(shown[0] if shown else None),
        latest=pct_label(shown[-1] if shown else None),
    )


def _trend_summary(
    cycle: Cycle,
    points: Sequence[TrendPoint],
    series: Sequence[TrendSeries],
    cascaded_limit: Decimal | None,
) -> str:
    weeks = len(points)
    span = (
        f"week of {day_label(points[0].week)}"
        if weeks == 1
        else f"{weeks} weeks from {day_label(points[0].week)} to {day_label(points[-1].week)}"
    )
    shares = "; ".join(
        f"{s.name.lower()} {s.latest}" if weeks == 1 or s.first == s.latest
        else f"{s.name.lower()} {s.first} to {s.latest}"
        for s in series
    )  # fmt: skip
    limit = (
        f"; the cascaded limit is {number(cascaded_limit)}%" if cascaded_limit is not None else ""
    )
    return f"Weekly connectivity of {cycle.name}, {span}: {shares}{limit}."
