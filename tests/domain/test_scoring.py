"""Scoring as PRODUCT.md "Scoring" says: tables of cases, then properties (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bearing.domain.model import Color, Cycle, KeyResult, KRKind, Measurement, Objective
from bearing.domain.scoring import (
    ColorBands,
    elapsed_share,
    expected_value,
    forecast,
    mean_score,
    progress,
    round_score,
    score_key_result,
    score_objective,
    weighted_mean,
)

Q1 = Cycle("2026-Q1", date(2026, 1, 1), date(2026, 3, 31))  # 89 days from start to end


def kr(kind: KRKind | None = KRKind.INCREASE, **fields: object) -> KeyResult:
    return KeyResult(title="kr", kind=kind, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("raw", "rounded"),
    [
        ("0.35", "0.4"),  # half to even: 4 is even
        ("0.45", "0.4"),  # half to even: 4 is even (a float would give 0.5 or 0.4 by accident)
        ("0.25", "0.2"),
        ("0.15", "0.2"),
        ("0.05", "0.0"),
        ("0.95", "1.0"),
        ("0.651", "0.7"),
        ("0.649", "0.6"),
        ("1.7", "1.0"),  # clamped
        ("-0.3", "0.0"),  # clamped
        ("0", "0.0"),
        ("1", "1.0"),
    ],
)
def test_round_score_is_bankers_rounding_on_exact_decimals(raw: str, rounded: str) -> None:
    assert round_score(D(raw)) == D(rounded)
    assert str(round_score(D(raw))) == rounded


@pytest.mark.parametrize(
    ("start", "target", "current", "expected_progress", "expected_score"),
    [
        ("1.1", "2.1", "1.45", "0.35", "0.4"),  # the float trap: 0.35 exactly, not 0.34999…
        ("0", "100", "45", "0.45", "0.4"),
        ("0", "100", "35", "0.35", "0.4"),
        ("120", "24", "60", "0.625", "0.6"),  # decrease
        ("1000", "2000", "1400", "0.4", "0.4"),
        ("1000", "2000", "900", "0", "0.0"),  # went backwards: clamped at 0
        ("1000", "2000", "2600", "1", "1.0"),  # overshoot: clamped at 1
        ("10", "5", "12", "0", "0.0"),  # decrease that got worse
        ("120", "24", "120", "0", "0.0"),  # a decrease at its start: 0 / -96 is -0, shown as 0.0
        ("0.1", "0.3", "0.2", "0.5", "0.5"),  # one tenth is exactly one tenth
    ],
)
def test_directional_progress_and_score(
    start: str, target: str, current: str, expected_progress: str, expected_score: str
) -> None:
    result = kr(start=D(start), target=D(target), current=D(current))
    found = progress(result, Q1)
    assert found == D(expected_progress) and found is not None and not found.is_signed()
    # As text too: a score is never shown as -0.0.
    assert str(score_key_result(result, Q1, date(2026, 2, 15)).score) == expected_score


def test_current_value_is_the_latest_measurement_when_not_given() -> None:
    history = (Measurement(date(2026, 1, 10), D(1100)), Measurement(date(2026, 2, 10), D(1400)))
    assert progress(kr(start=D(1000), target=D(2000), history=history), Q1) == D("0.4")


def test_without_current_or_history_progress_is_that_of_the_start() -> None:
    assert progress(kr(start=D(10), target=D(20)), Q1) == 0


@pytest.mark.parametrize(("done", "expected"), [(True, D(1)), (False, D(0))])
def test_milestone_is_one_when_done(done: bool, expected: D) -> None:
    assert progress(kr(KRKind.MILESTONE, done=done), Q1) == expected


@pytest.mark.parametrize(
    ("kind", "target", "values", "expected"),
    [
        (
            KRKind.AT_LEAST,
            "99.9",
            ["99.95", "99.8", "99.9", "99.99"],
            D("0.75"),
        ),  # 99.9 itself holds
        (KRKind.AT_MOST, "4", ["3", "5", "4", "2"], D("0.75")),
        (KRKind.AT_LEAST, "99.9", ["98"], D(0)),
        (KRKind.AT_MOST, "4", ["1", "2", "3"], D(1)),
    ],
)
def test_threshold_progress_is_the_share_of_measurements_that_held(
    kind: KRKind, target: str, values: list[str], expected: D
) -> None:
    history = tuple(
        Measurement(date(2026, 1, 5) + timedelta(weeks=i), D(v)) for i, v in enumerate(values)
    )
    assert progress(kr(kind, target=D(target), history=history), Q1) == expected


def test_threshold_counts_only_the_cycles_measurements() -> None:
    history = (Measurement(date(2025, 12, 20), D(90)), Measurement(date(2026, 1, 20), D("99.95")))
    assert progress(kr(KRKind.AT_LEAST, target=D("99.9"), history=history), Q1) == 1


@pytest.mark.parametrize(
    ("kind", "current", "expected"),
    [(KRKind.AT_LEAST, "99.95", D(1)), (KRKind.AT_LEAST, "99", D(0)), (KRKind.AT_MOST, "3", D(1))],
)
def test_threshold_without_measurements_uses_the_current_value(
    kind: KRKind, current: str, expected: D
) -> None:
    assert (
        progress(
            kr(kind, target=D("99.9") if kind is KRKind.AT_LEAST else D(4), current=D(current)), Q1
        )
        == expected
    )


def test_a_draft_has_no_progress_score_or_forecast() -> None:
    draft = kr(None)
    scored = score_key_result(draft, Q1, date(2026, 2, 1))
    assert (scored.progress, scored.score, scored.color, scored.forecast, scored.status) == (
        None,
    ) * 5


@pytest.mark.parametrize(
    ("score", "color"),
    [("0.0", Color.RED), ("0.3", Color.RED), ("0.4", Color.YELLOW), ("0.6", Color.YELLOW),
     ("0.7", Color.GREEN), ("1.0", Color.GREEN)],
)  # fmt: skip
def test_colour_bands(score: str, color: Color) -> None:
    assert ColorBands().color(D(score)) is color


def test_organizations_can_move_the_colour_bands() -> None:
    strict = ColorBands(yellow_from=D("0.5"), green_from=D("0.8"))
    assert strict.color(D("0.4")) is Color.RED
    assert strict.color(D("0.7")) is Color.YELLOW


def test_colour_bands_must_be_ordered() -> None:
    with pytest.raises(ValueError, match="yellow_from"):
        ColorBands(yellow_from=D("0.8"), green_from=D("0.5"))


def test_objective_score_is_weight_averaged_and_leaves_drafts_out() -> None:
    objective = Objective(
        title="o",
        team="T",
        key_results=(
            kr(start=D(0), target=D(10), current=D(6), weight=D(1)),  # 0.6
            kr(start=D(0), target=D(10), current=D(3), weight=D(3)),  # 0.3
            kr(None),  # draft: left out
        ),
    )
    # (0.6·1 + 0.3·3) / 4 = 0.375 → 0.4
    assert score_objective(objective, Q1, date(2026, 3, 31)).score == D("0.4")


def test_objective_without_scored_key_results_has_no_score() -> None:
    scored = score_objective(
        Objective(title="o", team="T", key_results=(kr(None),)), Q1, date(2026, 2, 1)
    )
    assert scored.score is None and scored.color is None


def test_weighted_mean_and_mean_score() -> None:
    assert weighted_mean([(D("0.5"), D(1)), (None, D(5)), (D("1.0"), D(1))]) == D(
        "0.8"
    )  # 0.75 → 0.8
    assert mean_score([D("0.2"), D("0.3")]) == D("0.2")  # 0.25 → 0.2 (half to even)
    assert mean_score([]) is None


@pytest.mark.parametrize(
    ("day", "share"),
    [
        (date(2026, 1, 1), D(0)),
        (date(2026, 3, 31), D(1)),
        (date(2025, 6, 1), D(0)),
        (date(2027, 1, 1), D(1)),
    ],
)
def test_elapsed_share(day: date, share: D) -> None:
    assert elapsed_share(Q1, day) == share


def test_elapsed_share_matches_the_file_format_example() -> None:
    assert elapsed_share(Q1, date(2026, 2, 15)).quantize(D("0.0001")) == D("0.5056")  # 45 / 89


def test_forecast_with_one_point_is_the_run_rate() -> None:
    # progress 0.625 at elapsed 0.5056 → 1.236 → clamped 1.0
    result = kr(KRKind.DECREASE, start=D(120), target=D(24), current=D(60))
    assert forecast(result, Q1, date(2026, 2, 15)) == D("1.0")
    slow = kr(start=D(0), target=D(100), current=D(20))  # 0.2 / 0.5056 = 0.3956 → 0.4
    assert forecast(slow, Q1, date(2026, 2, 15)) == D("0.4")


def test_forecast_is_a_least_squares_line_through_the_measurements() -> None:
    history = (
        Measurement(date(2026, 1, 11), D(10)),  # day 10
        Measurement(date(2026, 1, 21), D(20)),  # day 20
        Measurement(date(2026, 1, 31), D(30)),  # day 30
    )
    # a perfect line: progress = day / 100 → at day 89: 0.89 → 0.9
    assert forecast(kr(start=D(0), target=D(100), history=history), Q1, date(2026, 2, 1)) == D(
        "0.9"
    )


def test_forecast_of_noisy_points_uses_the_best_fit() -> None:
    history = (
        Measurement(date(2026, 1, 11), D(12)),
        Measurement(date(2026, 1, 21), D(18)),
        Measurement(date(2026, 1, 31), D(33)),
        Measurement(date(2026, 2, 10), D(37)),
    )
    # x = 10, 20, 30, 40; y = .12 .18 .33 .37 → slope 0.0088, intercept 0.025 → at 89: 0.8082
    assert forecast(kr(start=D(0), target=D(100), history=history), Q1, date(2026, 2, 10)) == D(
        "0.8"
    )


def test_no_forecast_without_any_measurement_or_at_the_very_start() -> None:
    assert forecast(kr(start=D(0), target=D(10)), Q1, date(2026, 2, 1)) is None
    assert forecast(kr(start=D(0), target=D(10), current=D(5)), Q1, date(2026, 1, 1)) is None


def test_after_the_end_the_forecast_is_the_score() -> None:
    assert forecast(kr(start=D(0), target=D(10), current=D(4)), Q1, date(2026, 3, 31)) == D("0.4")


def test_milestones_cannot_be_forecast_until_done() -> None:
    assert forecast(kr(KRKind.MILESTONE, done=False), Q1, date(2026, 2, 1)) is None
    assert forecast(kr(KRKind.MILESTONE, done=True), Q1, date(2026, 2, 1)) == D("1.0")
    assert forecast(kr(KRKind.MILESTONE, done=False), Q1, date(2026, 3, 31)) == D("0.0")


def test_status_is_the_colour_of_the_forecast() -> None:
    scored = score_key_result(kr(start=D(0), target=D(100), current=D(40)), Q1, date(2026, 2, 15))
    assert scored.color is Color.YELLOW  # 0.4 now
    assert scored.status is Color.GREEN  # 0.4 / 0.5056 → 0.8


def test_expected_value_is_linear_from_start_to_target() -> None:
    assert expected_value(kr(start=D(0), target=D(89)), Q1, date(2026, 2, 15)) == D(45)
    assert expected_value(kr(KRKind.MILESTONE), Q1, date(2026, 2, 15)) is None


# Properties --------------------------------------------------------------------------------

decimals = st.decimals(
    min_value=-10_000, max_value=10_000, places=3, allow_nan=False, allow_infinity=False
)
GRID = {D(i) / 10 for i in range(11)}


@given(decimals)
def test_a_score_is_always_on_the_tenth_grid_in_zero_to_one(value: D) -> None:
    assert round_score(value) in GRID


@given(decimals, decimals, decimals, decimals)
def test_progress_is_monotone_in_the_current_value(start: D, target: D, a: D, b: D) -> None:
    if start == target:
        return
    kind = KRKind.INCREASE if target > start else KRKind.DECREASE
    low, high = sorted((a, b))
    p_low = progress(kr(kind, start=start, target=target, current=low), Q1)
    p_high = progress(kr(kind, start=start, target=target, current=high), Q1)
    assert p_low is not None and p_high is not None
    assert (p_low <= p_high) if kind is KRKind.INCREASE else (p_low >= p_high)
    assert 0 <= p_low <= 1 and 0 <= p_high <= 1


@given(
    st.lists(st.tuples(st.integers(0, 89), decimals), min_size=1, max_size=12),
    st.integers(1, 120),
)
def test_forecast_is_a_score_or_none(points: list[tuple[int, D]], day: int) -> None:
    history = tuple(
        Measurement(Q1.start + timedelta(days=d), v) for d, v in sorted(points, key=lambda p: p[0])
    )
    result = forecast(
        kr(start=D(0), target=D(100), history=history), Q1, Q1.start + timedelta(days=day)
    )
    assert result is None or result in GRID


@given(
    st.lists(st.tuples(st.sampled_from(sorted(GRID)), st.integers(1, 5)), min_size=1, max_size=8)
)
def test_weighted_mean_lies_between_the_lowest_and_highest_score(
    pairs: list[tuple[D, int]],
) -> None:
    result = weighted_mean((s, D(w)) for s, w in pairs)
    assert result is not None
    assert min(s for s, _ in pairs) <= result <= max(s for s, _ in pairs)
