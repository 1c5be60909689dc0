"""Confidence calibration: reliability bands and the Brier score, computed by hand."""

from __future__ import annotations

import pytest

from bearing.domain.calibration import BandSums, band_of, calibrate, sums_of


@pytest.mark.parametrize(
    ("confidence", "band"), [(0, 0), (9, 0), (10, 1), (55, 5), (90, 9), (99, 9), (100, 9)]
)
def test_band_of(confidence: int, band: int) -> None:
    assert band_of(confidence) == band


@pytest.mark.parametrize(
    ("predictions", "brier", "bands"),
    [
        # Always right and sure: perfect.
        ([(100, 1.0), (0, 0.0)], 0.0, [(0, 1, 0.0, 0.0), (9, 1, 1.0, 1.0)]),
        # 90 % twice: landed once → (0.1² + 0.9²) / 2 = 0.41.
        ([(90, 1.0), (90, 0.0)], 0.41, [(9, 2, 0.9, 0.5)]),
        # 50 % always: 0.25 whatever happens.
        ([(50, 1.0), (50, 0.0), (50, 1.0)], 0.25, [(5, 3, 0.5, 2 / 3)]),
        # Fractional outcomes (half the key results reached 0.7): (0.7-0.5)² = 0.04;
        # (0.2-0)² = 0.04 → 0.04.
        ([(70, 0.5), (20, 0.0)], 0.04, [(2, 1, 0.2, 0.0), (7, 1, 0.7, 0.5)]),
        # 100 % falls in the 90s band with 95 %: (0.05² + 0²) / 2 = 0.00125.
        ([(95, 1.0), (100, 1.0)], 0.00125, [(9, 2, 0.975, 1.0)]),
    ],
)
def test_calibrate(
    predictions: list[tuple[int, float]],
    brier: float,
    bands: list[tuple[int, int, float, float]],
) -> None:
    result = calibrate(sums_of(predictions))
    assert result.brier == pytest.approx(brier)
    assert result.predictions == len(predictions)
    got = [(b.band, b.count, round(b.said, 6), round(b.landed, 6)) for b in result.bands]
    assert got == [(band, count, round(s, 6), round(o, 6)) for band, count, s, o in bands]


def test_the_plain_reading() -> None:
    # When you said 90 %, you landed 55 % of the time (11 of 20).
    result = calibrate(sums_of([(90, 1.0)] * 11 + [(90, 0.0)] * 9))
    telling = result.telling
    assert telling is not None
    assert telling.reading == "When you said 90 %, you landed 55 % of the time"
    assert telling.label == "90–100 %"
    assert "overconfident" in result.reading
    assert "Brier score 0.37" in result.reading  # (0.01·11 + 0.81·9) / 20
    assert "no better than always saying 50 %" in result.reading


def test_reading_of_a_well_calibrated_team() -> None:
    result = calibrate(sums_of([(70, 1.0)] * 7 + [(70, 0.0)] * 3))
    assert "can be trusted" not in result.reading  # 0.21: a rough guide
    assert "about as often right as you said" in result.reading
    assert "rough guide" in result.reading


def test_underconfidence_and_nothing_to_read() -> None:
    assert "underconfident" in calibrate(sums_of([(20, 1.0)] * 3)).reading
    empty = calibrate([])
    assert empty.brier is None
    assert empty.telling is None
    assert "No confidence to compare yet" in empty.reading


def test_sums_from_sql_may_repeat_a_band() -> None:
    """The service may hand several rows of one band (100 % comes as a band of its own)."""
    split = [BandSums(9, 1, 0.9, 1.0, 0.81, 0.9, 1.0), BandSums(9, 1, 1.0, 1.0, 1.0, 1.0, 1.0)]
    result = calibrate(split)
    assert result.bands[0].count == 2
    assert result.brier == pytest.approx(0.005)


def test_the_reliability_chart_places_each_band() -> None:
    from bearing.domain.calibration import MARGIN_LEFT, MARGIN_TOP, SIDE, reliability_chart

    chart = reliability_chart(calibrate(sums_of([(90, 1.0), (90, 0.0), (50, 1.0)])))
    said_90, said_50 = chart.dots[1], chart.dots[0]
    assert (said_90.x, said_90.y) == (MARGIN_LEFT + 0.9 * SIDE, MARGIN_TOP + 0.5 * SIDE)
    assert (said_50.x, said_50.y) == (MARGIN_LEFT + 0.5 * SIDE, MARGIN_TOP)
    assert said_90.r > said_50.r  # more check-ins, a bigger dot
    assert "(2 check-ins)" in said_90.label
    assert chart.summary.startswith("Reliability chart: When you said 90 %, you landed 50 %")
    assert reliability_chart(calibrate([])).dots == ()
