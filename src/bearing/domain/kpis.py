"""KPI health: a healthy range, whether a KPI is in it and since when, its trend, and the
key result that would bring it back (seed 001: "monitor health through KPIs; only big
deficiencies warrant an OKR").

A healthy range is "at least" (a bottom only), "at most" (a top only) or "between" (both).
A KPI with no range has no health to judge. Pure Python: the services, pages, API and files
all ask these rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from bearing.domain.charts import ChartPoint, Frame, day_label, number
from bearing.domain.model import Cycle, KRKind


class RangeKind(StrEnum):
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    BETWEEN = "between"
    NONE = "none"


class Health(StrEnum):
    HEALTHY = "healthy"
    UNHEALTHY = "unhealthy"
    UNKNOWN = "unknown"  # no range, or no measurement yet


@dataclass(frozen=True)
class HealthyRange:
    low: Decimal | None = None
    high: Decimal | None = None

    @property
    def kind(self) -> RangeKind:
        if self.low is not None and self.high is not None:
            return RangeKind.BETWEEN
        if self.low is not None:
            return RangeKind.AT_LEAST
        if self.high is not None:
            return RangeKind.AT_MOST
        return RangeKind.NONE

    def contains(self, value: Decimal) -> bool:
        if self.low is not None and value < self.low:
            return False
        return not (self.high is not None and value > self.high)

    def describe(self, unit: str = "") -> str:
        if self.kind is RangeKind.BETWEEN:
            assert self.low is not None and self.high is not None
            return f"between {number(self.low, unit)} and {number(self.high, unit)}"
        if self.kind is RangeKind.AT_LEAST:
            assert self.low is not None
            return f"at least {number(self.low, unit)}"
        if self.kind is RangeKind.AT_MOST:
            assert self.high is not None
            return f"at most {number(self.high, unit)}"
        return "no healthy range"


def range_problem(low: Decimal | None, high: Decimal | None) -> str | None:
    """Why a healthy range cannot be, or None."""
    if low is not None and high is not None and low > high:
        return "the healthy range's top is below its bottom"
    return None


@dataclass(frozen=True)
class Reading:
    """One measurement of a KPI."""

    on: date
    value: Decimal


@dataclass(frozen=True)
class KPIState:
    health: Health
    since: date | None  # the first reading of the current run of this health
    latest: Reading | None

    @property
    def is_unhealthy(self) -> bool:
        return self.health is Health.UNHEALTHY


def kpi_state(healthy: HealthyRange, readings: Sequence[Reading]) -> KPIState:
    """The KPI's health by its latest reading, and since when it has been so.

    ``readings`` in time order. "Since" is the first reading of the unbroken run of readings
    on the same side of the range that ends with the latest one.
    """
    if not readings:
        return KPIState(Health.UNKNOWN, None, None)
    latest = readings[-1]
    if healthy.kind is RangeKind.NONE:
        return KPIState(Health.UNKNOWN, None, latest)
    now = healthy.contains(latest.value)
    since = latest.on
    for reading in reversed(readings):
        if healthy.contains(reading.value) != now:
            break
        since = reading.on
    return KPIState(Health.HEALTHY if now else Health.UNHEALTHY, since, latest)


class Direction(StrEnum):
    UP = "up"
    DOWN = "down"
    FLAT = "flat"


@dataclass(frozen=True)
class Trend:
    direction: Direction
    change: Decimal  # latest minus the reading before it
    previous: Reading
    latest: Reading


def kpi_trend(readings: Sequence[Reading]) -> Trend | None:
    """How the KPI moved between its last two readings, or None with fewer than two."""
    if len(readings) < 2:
        return None
    previous, latest = readings[-2], readings[-1]
    moved = direction(previous.value, latest.value)
    assert moved is not None
    return Trend(moved, latest.value - previous.value, previous, latest)


def direction(previous: Decimal | None, latest: Decimal | None) -> Direction | None:
    """Which way a KPI moved from one reading to the next (None without both)."""
    if previous is None or latest is None:
        return None
    change = latest - previous
    return Direction.UP if change > 0 else Direction.DOWN if change < 0 else Direction.FLAT


@dataclass(frozen=True)
class KeyResultDraft:
    """The key result that would bring a KPI back into its healthy range."""

    title: str
    kind: KRKind
    start: Decimal
    target: Decimal
    unit: str


def promotion_draft(
    name: str, unit: str, healthy: HealthyRange, current: Decimal
) -> KeyResultDraft | None:
    """From the KPI's current value to the nearest edge of its range; None when it is healthy
    (or has no range): a healthy KPI is monitored, not made an objective."""
    if healthy.kind is RangeKind.NONE or healthy.contains(current):
        return None
    if healthy.low is not None and current < healthy.low:
        kind, target, verb = KRKind.INCREASE, healthy.low, "Raise"
    else:
        assert healthy.high is not None
        kind, target, verb = KRKind.DECREASE, healthy.high, "Cut"
    title = f"{verb} {name} from {number(current, unit)} to {number(target, unit)}"
    return KeyResultDraft(title=title[:200], kind=kind, start=current, target=target, unit=unit)


# The chart: readings over time against the healthy band.


@dataclass(frozen=True)
class KPIChart:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    actual: tuple[ChartPoint, ...]
    # The healthy band as y coordinates (top edge, bottom edge); an open side runs to the
    # plot's edge. None without a range.
    band: tuple[Decimal, Decimal] | None
    band_label: str
    top_label: str
    bottom_label: str
    start_label: str
    end_label: str
    summary: str

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x},{p.y}" for p in self.actual)

    @property
    def plot_width(self) -> int:
        return self.right - self.left

    @property
    def band_height(self) -> Decimal:
        return self.band[1] - self.band[0] if self.band else Decimal(0)


def kpi_chart(
    name: str, unit: str, healthy: HealthyRange, readings: Sequence[Reading], as_of: date
) -> KPIChart | None:
    """The readings from the first to ``as_of`` against the healthy band; None without any."""
    if not readings:
        return None
    start = readings[0].on
    end = max(as_of, readings[-1].on)
    frame = Frame(Cycle(name, start, end))
    edges = [v for v in (healthy.low, healthy.high) if v is not None]
    values = [r.value for r in readings] + edges
    low, high = min(values), max(values)
    spread = high - low or abs(high) or Decimal(1)
    low, high = low - spread / 5, high + spread / 5

    def y(value: Decimal) -> Decimal:
        return frame.y((value - low) / (high - low))

    points = tuple(
        ChartPoint(frame.x(r.on), y(r.value), f"{day_label(r.on)}: {number(r.value, unit)}")
        for r in readings
    )
    band = None
    if healthy.kind is not RangeKind.NONE:
        band = (
            y(healthy.high) if healthy.high is not None else Decimal(frame.top),
            y(healthy.low) if healthy.low is not None else Decimal(frame.height - frame.bottom),
        )
    state = kpi_state(healthy, readings)
    told = f"{state.health.value} since {day_label(state.since)}" if state.since else "no range"
    summary = (
        f"{name}: {len(readings)} readings from {day_label(start)}, latest "
        f"{number(readings[-1].value, unit)}; healthy {healthy.describe(unit)} ({told})."
    )
    return KPIChart(
        width=frame.width, height=frame.height, left=frame.left, right=frame.width - frame.right,
        top=frame.top, bottom=frame.height - frame.bottom, actual=points, band=band,
        band_label=f"healthy: {healthy.describe(unit)}", top_label=number(_tenth(high), unit),
        bottom_label=number(_tenth(low), unit), start_label=day_label(start),
        end_label=day_label(end), summary=summary,
    )  # fmt: skip


def _tenth(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"))
