"""Which day this week's check-ins count from."""

from __future__ import annotations

from datetime import date

import pytest

from bearing.domain.weekly import week_start


@pytest.mark.parametrize(
    ("today", "weekday", "start"),
    [
        (date(2026, 2, 2), 0, date(2026, 2, 2)),  # a Monday, check-ins on Monday
        (date(2026, 2, 8), 0, date(2026, 2, 2)),  # the Sunday after
        (date(2026, 2, 2), 4, date(2026, 1, 30)),  # Monday, check-ins on Friday
        (date(2026, 2, 6), 4, date(2026, 2, 6)),
    ],
)
def test_week_start(today: date, weekday: int, start: date) -> None:
    assert week_start(today, weekday) == start


def test_weekday_must_be_a_day() -> None:
    with pytest.raises(ValueError, match="0 \\(Monday\\)"):
        week_start(date(2026, 2, 2), 7)
