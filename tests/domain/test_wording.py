"""Counts in words that agree with them: "1 objective", "2 objectives", "every day"."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from bearing.domain.coach import review_key_result
from bearing.domain.model import KeyResult, KRKind, Measurement
from bearing.domain.wording import counted, every_days


@pytest.mark.parametrize(
    ("n", "noun", "plural", "said"),
    [
        (0, "objective", None, "0 objectives"),
        (1, "objective", None, "1 objective"),
        (2, "key result", None, "2 key results"),
        (1, "person", "people", "1 person"),
        (3, "person", "people", "3 people"),
    ],
)
def test_counted(n: int, noun: str, plural: str | None, said: str) -> None:
    assert counted(n, noun, plural) == said


@pytest.mark.parametrize(
    ("days", "said"), [(1, "every day"), (7, "every 7 days"), (3.5, "every 3.5 days")]
)
def test_every_days(days: float, said: str) -> None:
    assert every_days(days) == said


def test_the_coach_says_every_day_not_every_1_days() -> None:
    start = date(2026, 1, 1)
    history = tuple(Measurement(start + timedelta(days=i), Decimal(100 - i)) for i in range(5))
    kr = KeyResult("Cut payment time from 120 s to 24 s", KRKind.DECREASE, Decimal(120),
                   Decimal(24), unit="s", history=history)  # fmt: skip
    said = " ".join(f.message for f in review_key_result(kr).findings)
    assert "measured about every day" in said and "1 days" not in said
