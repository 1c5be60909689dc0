"""Scoring exactly as PRODUCT.md "Scoring" says, in exact decimal arithmetic.

Binary floats never enter: 0.35 must round to 0.4 and 0.45 to 0.4 (round half
to even), and progress from 1.1 to 2.1 at 1.45 is exactly 0.35. Every number
here is a ``Decimal``; callers hand in ``Decimal``, ``int`` or ``str``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal

from bearing.domain.model import Color, Cycle, KeyResult, KRKind, Measurement, Objective

ZERO = Decimal(0)
ONE = Decimal(1)
SCORE_STEP = Decimal("0.1")
SHARE_STEP = Decimal("0.0001")


@dataclass(frozen=True)
class ColorBands:
    """Where yellow and green begin. Organizations may move them (PRODUCT.md: settings)."""

    yellow_from: Decimal = Decimal("0.4")
    green_from: Decimal = Decimal("0.7")

    def __post_init__(self) -> None:
        if not ZERO < self.yellow_from < self.green_from <= ONE:
            raise ValueError("colour bands need 0 < yellow_from < green_from <= 1")

    def color(self, score: Decimal | None) -> Color | None:
        if score is None:
            return None
        if score >= self.green_from:
            return Color.GREEN
        if score >= self.yellow_from:
            return Color.YELLOW
        return Color.RED


DEFAULT_BANDS = ColorBands()


def clamp01(value: Decimal) -> Decimal:
    """``value`` within [0, 1]. Adding zero drops a negative zero's sign: a decrease at its
    start is 0 / -96 = -0, which must never be shown as -0.0."""
    return min(max(value, ZERO), ONE) + ZERO


def round_score(value: Decimal) -> Decimal:
    """Clamp to [0, 1] and round to one decimal, half to even (banker's rounding)."""
    return clamp01(value).quantize(SCORE_STEP, rounding=ROUND_HALF_EVEN)


def round_share(value: Decimal) -> Decimal:
    """Four decimals, as the JSON contract shows elapsed shares and raw progress."""
    return value.quantize(SHARE_STEP, rounding=ROUND_HALF_EVEN)


def elapsed_share(cycle: Cycle, on: date) -> Decimal:
    """The share of the cycle that has passed on a day: 0 at the start, 1 at the end."""
    total = (cycle.end - cycle.start).days
    if total <= 0:
        return ONE
    return clamp01(Decimal((on - cycle.start).days) / Decimal(total))


def raw_progress(kr: KeyResult, value: Decimal) -> Decimal:
    """How far ``value`` is from start to target, unclamped (may be < 0 or > 1)."""
    if kr.start is None or kr.target is None or kr.start == kr.target:
        raise ValueError(f"key result {kr.title!r} has no start-to-target range")
    return (value - kr.start) / (kr.target - kr.start)


def threshold_held(kr: KeyResult, value: Decimal) -> bool:
    if kr.target is None:
        raise ValueError(f"key result {kr.title!r} has no threshold")
    return value >= kr.target if kr.kind is KRKind.AT_LEAST else value <= kr.target


def measurements_in(cycle: Cycle, history: Iterable[Measurement]) -> list[Measurement]:
    return [m for m in history if cycle.start <= m.on <= cycle.end]


def progress(kr: KeyResult, cycle: Cycle) -> Decimal | None:
    """Progress in [0, 1], unrounded; None for a draft or a key result with no value yet."""
    if kr.kind is None:
        return None
    if kr.kind is KRKind.MILESTONE:
        return ONE if kr.done else ZERO
    if kr.kind.is_threshold:
        return _threshold_progress(kr, cycle)
    current = kr.current_value
    if current is None:
        return None
    return clamp01(raw_progress(kr, current))


def _threshold_progress(kr: KeyResult, cycle: Cycle) -> Decimal | None:
    held = [threshold_held(kr, m.value) for m in measurements_in(cycle, kr.history)]
    if held:
        return Decimal(sum(held)) / Decimal(len(held))
    current = kr.current_value
    if current is None or kr.target is None:
        return None
    return ONE if threshold_held(kr, current) else ZERO


def forecast(kr: KeyResult, cycle: Cycle, as_of: date) -> Decimal | None:
    """The score the key result is heading for at the cycle's end, or None if unknown.

    Once the cycle is over, the forecast is the score itself; before, it is the
    ``projected_forecast`` (see there).
    """
    if as_of >= cycle.end:
        p = progress(kr, cycle)
        return None if p is None else round_score(p)
    return projected_forecast(kr, cycle, as_of)


def projected_forecast(kr: KeyResult, cycle: Cycle, as_of: date) -> Decimal | None:
    """Where the key result's data so far points at the cycle's end; None without data.

    Directional key results: a least-squares line through the measurements
    (progress against days since the start) read at the end; with one point,
    the run rate (progress ÷ elapsed share). Threshold key results keep the
    share they hold. A milestone forecasts 1.0 once done; one not done has no
    forecast of its own (nothing can be projected from "not yet"), and counts
    in its objective's forecast at its score, 0.0 (see ``objective_forecast``).
    A directional key result still at its start value with nothing measured
    has no forecast either: no data, no forecast.

    This figure does not change with the passing days (only a file's explicit
    ``current`` is dated ``as_of``), so it can be stored and read until the
    cycle ends: ``forecast_on`` then switches to the score.
    """
    if kr.kind is None:
        return None
    if kr.kind is KRKind.MILESTONE:
        return ONE.quantize(SCORE_STEP) if kr.done else None
    if kr.kind.is_threshold:
        if not kr.history and kr.current is None:
            return None
        p = progress(kr, cycle)
        return None if p is None else round_score(p)
    points = _progress_points(kr, cycle, as_of)
    projected = _project_to_end(points, cycle)
    return None if projected is None else round_score(projected)


def forecast_on(
    projected: Decimal | None, score: Decimal | None, cycle: Cycle, as_of: date
) -> Decimal | None:
    """The forecast shown on a day: the projection while the cycle runs, the score after."""
    return score if as_of >= cycle.end else projected


def expected_share(kind: KRKind | None, cycle: Cycle, as_of: date) -> Decimal | None:
    """Where progress should be by now if it were linear: only for directional key results.

    Pace means nothing for a threshold held week by week or a milestone done at once."""
    if kind is None or not kind.is_directional:
        return None
    return elapsed_share(cycle, as_of)


def _progress_points(kr: KeyResult, cycle: Cycle, as_of: date) -> list[tuple[Decimal, Decimal]]:
    """(days since start, raw progress) for each measurement, the explicit current at as_of."""
    points = [(Decimal((m.on - cycle.start).days), raw_progress(kr, m.value)) for m in kr.history]
    last_day = kr.history[-1].on if kr.history else None
    if kr.current is not None and (last_day is None or as_of > last_day):
        points.append((Decimal((as_of - cycle.start).days), raw_progress(kr, kr.current)))
    return points


def _project_to_end(points: list[tuple[Decimal, Decimal]], cycle: Cycle) -> Decimal | None:
    if not points:
        return None
    total = Decimal((cycle.end - cycle.start).days)
    xs = {x for x, _ in points}
    if len(xs) == 1:
        # One moment measured: run rate from the start to that moment.
        x = next(iter(xs))
        if x <= 0 or total <= 0:
            return None
        y = sum((y for _, y in points), ZERO) / Decimal(len(points))
        return y / (x / total)
    n = Decimal(len(points))
    mean_x = sum((x for x, _ in points), ZERO) / n
    mean_y = sum((y for _, y in points), ZERO) / n
    sxx = sum(((x - mean_x) ** 2 for x, _ in points), ZERO)
    sxy = sum(((x - mean_x) * (y - mean_y) for x, y in points), ZERO)
    slope = sxy / sxx
    return mean_y + slope * (total - mean_x)


def weighted_mean(pairs: Iterable[tuple[Decimal | None, Decimal]]) -> Decimal | None:
    """Weight-averaged values, rounded as a score; None values are left out."""
    total = ZERO
    weights = ZERO
    for value, weight in pairs:
        if value is None:
            continue
        total += value * weight
        weights += weight
    if weights == 0:
        return None
    return round_score(total / weights)


def mean_score(scores: Iterable[Decimal | None]) -> Decimal | None:
    """The plain mean of scores (a team's objectives), rounded as a score."""
    return weighted_mean((s, ONE) for s in scores)


@dataclass(frozen=True)
class KRScore:
    progress: Decimal | None
    score: Decimal | None
    color: Color | None
    expected: Decimal | None  # None where pace means nothing (see ``expected_share``)
    forecast: Decimal | None
    status: Color | None


@dataclass(frozen=True)
class ObjectiveScore:
    score: Decimal | None
    color: Color | None
    forecast: Decimal | None
    status: Color | None
    key_results: tuple[KRScore, ...]


@dataclass(frozen=True)
class KRFigures:
    """What a key result's data says, independent of the day it is read until the cycle
    ends: what the database stores per key result (``okrs.derived``)."""

    progress: Decimal | None
    score: Decimal | None
    projected: Decimal | None  # ``projected_forecast``


@dataclass(frozen=True)
class ObjectiveFigures:
    """An objective's stored figures: its score and projected forecast."""

    score: Decimal | None
    projected: Decimal | None


def key_result_figures(kr: KeyResult, cycle: Cycle, as_of: date) -> KRFigures:
    p = progress(kr, cycle)
    return KRFigures(
        progress=p,
        score=None if p is None else round_score(p),
        projected=projected_forecast(kr, cycle, as_of),
    )


def objective_forecast(
    key_results: Iterable[tuple[Decimal | None, Decimal | None, Decimal]],
) -> Decimal | None:
    """The objective's forecast from its key results' (score, forecast, weight).

    Every scored key result counts: one without a forecast of its own (an undone
    milestone, a value not measured yet) counts at its score. With no forecast
    at all there is none for the objective either: no data, no forecast."""
    items = list(key_results)
    if all(forecast is None for _, forecast, _ in items):
        return None
    return weighted_mean(
        (forecast if forecast is not None else score, weight) for score, forecast, weight in items
    )


def objective_figures(key_results: Iterable[tuple[KRFigures, Decimal]]) -> ObjectiveFigures:
    """An objective's figures from its key results' figures and weights."""
    items = list(key_results)
    return ObjectiveFigures(
        score=weighted_mean((f.score, w) for f, w in items),
        projected=objective_forecast((f.score, f.projected, w) for f, w in items),
    )


def shown_key_result(
    figures: KRFigures,
    kind: KRKind | None,
    cycle: Cycle,
    as_of: date,
    bands: ColorBands = DEFAULT_BANDS,
) -> KRScore:
    """A key result's figures as shown on a day, with colours from the bands."""
    fc = forecast_on(figures.projected, figures.score, cycle, as_of)
    return KRScore(
        progress=figures.progress,
        score=figures.score,
        color=bands.color(figures.score),
        expected=expected_share(kind, cycle, as_of),
        forecast=fc,
        status=bands.color(fc),
    )


def shown_objective(
    figures: ObjectiveFigures,
    key_results: tuple[KRScore, ...],
    cycle: Cycle,
    as_of: date,
    bands: ColorBands = DEFAULT_BANDS,
) -> ObjectiveScore:
    fc = forecast_on(figures.projected, figures.score, cycle, as_of)
    return ObjectiveScore(
        score=figures.score,
        color=bands.color(figures.score),
        forecast=fc,
        status=bands.color(fc),
        key_results=key_results,
    )


def score_key_result(
    kr: KeyResult, cycle: Cycle, as_of: date, bands: ColorBands = DEFAULT_BANDS
) -> KRScore:
    return shown_key_result(key_result_figures(kr, cycle, as_of), kr.kind, cycle, as_of, bands)


def score_objective(
    objective: Objective, cycle: Cycle, as_of: date, bands: ColorBands = DEFAULT_BANDS
) -> ObjectiveScore:
    figures = [(key_result_figures(kr, cycle, as_of), kr.weight) for kr in objective.key_results]
    krs = tuple(
        shown_key_result(f, kr.kind, cycle, as_of, bands)
        for (f, _), kr in zip(figures, objective.key_results, strict=True)
    )
    return shown_objective(objective_figures(figures), krs, cycle, as_of, bands)


def expected_value(kr: KeyResult, cycle: Cycle, on: date) -> Decimal | None:
    """Where a directional key result's value should be on a day if progress were linear."""
    if kr.kind is None or not kr.kind.is_directional or kr.start is None or kr.target is None:
        return None
    return kr.start + (kr.target - kr.start) * elapsed_share(cycle, on)
