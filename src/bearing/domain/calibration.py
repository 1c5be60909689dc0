"""Confidence calibration: does a team's "70 % confident" come true 70 % of the time?

Every check-in's confidence is a prediction; once the cycle is closed it is compared with what
happened: the share of the objective's key results that reached 0.7. Predictions are put in
ten bands (0–9 %, 10–19 %, … 90–100 %); each band's mean confidence against its mean outcome is
the reliability chart, and the Brier score is the mean squared distance between prediction and
outcome (0 is perfect; always saying 50 % scores 0.25).

The sums are what SQL can add up (``bearing.maturity.calibration``), so no page reads the
check-ins one by one: per band, the count, Σp, Σo, Σp², Σp·o and Σo², with p in 0..1.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

BANDS = 10
GOOD_BRIER = 0.1  # below this, confidence can be trusted
COIN_TOSS = 0.25  # what always saying 50 % scores
LEANING = 0.1  # a mean confidence this far from the mean outcome leans one way
FEW = 5  # fewer predictions than this in a band is too few to read anything into


def band_of(confidence: int) -> int:
    """The band of a confidence in percent: 0–9 → 0, …, 90–100 → 9."""
    return min(max(confidence, 0) // 10, BANDS - 1)


@dataclass(frozen=True)
class BandSums:
    band: int
    count: int = 0
    sum_p: float = 0.0
    sum_o: float = 0.0
    sum_pp: float = 0.0
    sum_po: float = 0.0
    sum_oo: float = 0.0

    def __add__(self, other: BandSums) -> BandSums:
        return BandSums(
            self.band,
            self.count + other.count,
            self.sum_p + other.sum_p,
            self.sum_o + other.sum_o,
            self.sum_pp + other.sum_pp,
            self.sum_po + other.sum_po,
            self.sum_oo + other.sum_oo,
        )


def sums_of(predictions: Iterable[tuple[int, float]]) -> list[BandSums]:
    """Band sums of (confidence in percent, outcome in 0..1) pairs; what SQL does, in Python."""
    bands: dict[int, BandSums] = {}
    for confidence, outcome in predictions:
        p = confidence / 100
        band = band_of(confidence)
        bands[band] = bands.get(band, BandSums(band)) + BandSums(
            band, 1, p, outcome, p * p, p * outcome, outcome * outcome
        )
    return [bands[b] for b in sorted(bands)]


@dataclass(frozen=True)
class Band:
    """One point of the reliability chart."""

    band: int
    count: int
    said: float  # mean confidence, 0..1
    landed: float  # mean outcome, 0..1

    @property
    def label(self) -> str:
        low = self.band * 10
        return f"{low}–{low + 9 if self.band < BANDS - 1 else 100} %"

    @property
    def reading(self) -> str:
        return (
            f"When you said {round(100 * self.said)} %, you landed "
            f"{round(100 * self.landed)} % of the time"
        )


@dataclass(frozen=True)
class Calibration:
    predictions: int
    bands: tuple[Band, ...]
    brier: float | None
    mean_said: float | None
    mean_landed: float | None

    @property
    def reading(self) -> str:
        """The plain-language summary shown beside the chart."""
        if not self.predictions or self.brier is None:
            return "No confidence to compare yet: it is read from check-ins of closed cycles."
        assert self.mean_said is not None and self.mean_landed is not None
        lean = self.mean_said - self.mean_landed
        if lean > LEANING:
            how = "overconfident: key results landed less often than you said"
        elif lean < -LEANING:
            how = "underconfident: key results landed more often than you said"
        else:
            how = "about as often right as you said"
        trust = (
            "Your confidence can be trusted"
            if self.brier < GOOD_BRIER
            else "Your confidence does no better than always saying 50 %"
            if self.brier >= COIN_TOSS
            else "Your confidence is a rough guide"
        )
        return (
            f"{trust} (Brier score {self.brier:.2f}, 0 is perfect, always saying 50 % "
            f"scores 0.25) — {how}."
        )

    @property
    def telling(self) -> Band | None:
        """The band with most predictions, for the one-line reading."""
        read = [b for b in self.bands if b.count >= FEW] or list(self.bands)
        return max(read, key=lambda b: (b.count, b.band)) if read else None


def calibrate(sums: Iterable[BandSums]) -> Calibration:
    """The reliability bands and the Brier score from band sums (any order, bands repeated)."""
    merged: dict[int, BandSums] = {}
    for s in sums:
        merged[s.band] = merged.get(s.band, BandSums(s.band)) + s
    bands = tuple(
        Band(b, s.count, s.sum_p / s.count, s.sum_o / s.count)
        for b, s in sorted(merged.items())
        if s.count
    )
    n = sum(s.count for s in merged.values())
    if not n:
        return Calibration(0, (), None, None, None)
    squared = sum(s.sum_pp - 2 * s.sum_po + s.sum_oo for s in merged.values())
    said = sum(s.sum_p for s in merged.values()) / n
    landed = sum(s.sum_o for s in merged.values()) / n
    return Calibration(n, bands, max(squared / n, 0.0), said, landed)


# The reliability chart: a square, confidence across, share landed up; the diagonal is
# perfect calibration. Plain numbers for the server-rendered SVG (web and report alike).
SIDE = 160
MARGIN_LEFT, MARGIN_TOP, MARGIN_BOTTOM = 34, 8, 26


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    r: float
    label: str


@dataclass(frozen=True)
class ReliabilityChart:
    width: int
    height: int
    left: int
    top: int
    right: int
    bottom: int
    dots: tuple[Dot, ...]
    ticks: tuple[tuple[float, float, str], ...]  # (x, y, label) of 0 %, 50 %, 100 %
    summary: str


def reliability_chart(calibration: Calibration) -> ReliabilityChart:
    left, top = MARGIN_LEFT, MARGIN_TOP
    right, bottom = left + SIDE, top + SIDE
    most = max((b.count for b in calibration.bands), default=1)
    dots = tuple(
        Dot(
            round(left + b.said * SIDE, 1),
            round(bottom - b.landed * SIDE, 1),
            round(3 + 6 * (b.count / most) ** 0.5, 1),
            f"{b.reading} ({b.count} check-in{'s' if b.count != 1 else ''})",
        )
        for b in calibration.bands
    )
    ticks = tuple(
        (round(left + share * SIDE, 1), round(bottom - share * SIDE, 1), f"{round(share * 100)} %")
        for share in (0.0, 0.5, 1.0)
    )
    telling = calibration.telling
    summary = (
        f"Reliability chart: {telling.reading}. {calibration.reading}"
        if telling
        else calibration.reading
    )
    return ReliabilityChart(
        left + SIDE + 24, bottom + MARGIN_BOTTOM, left, top, right, bottom, dots, ticks, summary
    )
