"""How an objective's forecast and pace read (docs/scoring.md, "Forecasts"): every scored key
result counts, no forecast without data, pace only where pace means something."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from bearing.domain.model import Color, Cycle, KeyResult, KRKind, Measurement, Objective
from bearing.domain.scoring import (
    KRFigures,
    expected_share,
    forecast,
    key_result_figures,
    objective_forecast,
    score_key_result,
    score_objective,
    shown_key_result,
)

Q1 = Cycle("2026-Q1", date(2026, 1, 1), date(2026, 3, 31))
MID = date(2026, 2, 15)


def measured(start: int, target: int, *values: tuple[date, int]) -> KeyResult:
    history = tuple(Measurement(on=day, value=D(v)) for day, v in values)
    return KeyResult(
        title="kr", kind=KRKind.INCREASE, start=D(start), target=D(target), history=history
    )


def milestone(done: bool) -> KeyResult:
    return KeyResult(title="m", kind=KRKind.MILESTONE, done=done)


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        # (score, forecast, weight) of each key result → the objective's forecast
        ([("0.6", "0.6", 1), ("0.5", "0.5", 1), ("1.0", "1.0", 1), ("0.0", None, 1)], "0.5"),
        ([("0.6", "0.6", 1), ("0.5", "0.5", 1), ("1.0", "1.0", 1)], "0.7"),  # no milestone
        ([("0.0", None, 1), ("0.0", None, 1)], None),  # no data anywhere: no forecast
        ([("0.2", None, 1), ("0.4", "0.9", 1)], "0.6"),  # unmeasured counts at its score
        ([(None, None, 1), ("0.4", "0.8", 1)], "0.8"),  # a draft has no score: left out
        ([("0.0", None, 3), ("1.0", "1.0", 1)], "0.2"),  # weights apply: 1/4 → 0.25 → 0.2
        ([], None),
    ],
)
def test_objective_forecast_counts_every_scored_key_result(
    items: list[tuple[str | None, str | None, int]], expected: str | None
) -> None:
    got = objective_forecast(
        (None if s is None else D(s), None if f is None else D(f), D(w)) for s, f, w in items
    )
    assert got == (None if expected is None else D(expected))


def test_an_undone_milestone_pulls_the_objective_forecast_down() -> None:
    """The issue's case: 0.6, 0.5, 1.0 and a milestone not done read 0.7 green before."""
    objective = Objective(
        title="o",
        team="T",
        key_results=(
            measured(0, 10, (date(2026, 1, 31), 2), (date(2026, 2, 14), 3)),
            KeyResult(title="t", kind=KRKind.AT_LEAST, target=D(5), history=(
                Measurement(date(2026, 1, 10), D(9)), Measurement(date(2026, 1, 17), D(1)))),
            milestone(done=True),
            milestone(done=False),
        ),
    )  # fmt: skip
    scored = score_objective(objective, Q1, MID)
    forecasts = [k.forecast for k in scored.key_results]
    assert forecasts[1:] == [D("0.5"), D("1.0"), None]
    assert scored.forecast is not None and scored.forecast < D("0.7")
    assert scored.status is not Color.GREEN


def test_no_forecast_and_no_status_before_any_value() -> None:
    objective = Objective(title="o", team="T", key_results=(measured(0, 10), measured(5, 50)))
    scored = score_objective(objective, Q1, MID)
    assert scored.forecast is None and scored.status is None
    assert scored.score == D("0.0")  # still scored from the start value (okr-file-format.md)


def test_a_threshold_without_values_has_no_forecast() -> None:
    kr = KeyResult(title="t", kind=KRKind.AT_MOST, target=D(2))
    assert forecast(kr, Q1, MID) is None


@pytest.mark.parametrize(
    ("kind", "has_pace"),
    [
        (KRKind.INCREASE, True),
        (KRKind.DECREASE, True),
        (KRKind.AT_LEAST, False),
        (KRKind.AT_MOST, False),
        (KRKind.MILESTONE, False),
        (None, False),
    ],
)
def test_pace_only_for_directional_key_results(kind: KRKind | None, has_pace: bool) -> None:
    assert (expected_share(kind, Q1, MID) is not None) is has_pace


def test_after_the_end_every_forecast_is_the_score() -> None:
    kr = measured(0, 10, (date(2026, 1, 31), 2))
    figures = key_result_figures(kr, Q1, MID)
    running = shown_key_result(figures, kr.kind, Q1, MID)
    ended = shown_key_result(figures, kr.kind, Q1, Q1.end)
    assert running.forecast != running.score
    assert ended.forecast == ended.score == D("0.2")


@pytest.mark.parametrize("day", [Q1.start, MID, date(2026, 3, 30), Q1.end, date(2026, 5, 1)])
def test_stored_figures_read_the_same_as_scoring_afresh(day: date) -> None:
    """What the database stores (figures) and shows later equals scoring on the day."""
    kr = measured(0, 10, (date(2026, 1, 10), 1), (date(2026, 1, 31), 4))
    stored = key_result_figures(kr, Q1, date(2026, 2, 1))
    assert shown_key_result(stored, kr.kind, Q1, day) == score_key_result(kr, Q1, day)
    assert stored == KRFigures(progress=D("0.4"), score=D("0.4"), projected=stored.projected)
