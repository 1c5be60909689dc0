"""Counts in words that agree with them, for every message and page: "1 objective",
"2 objectives", "every day"."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and the noun, singular for exactly one (``plural`` when it is not noun + s)."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def every_days(days: float) -> str:
    """ "every day", "every 7 days", "every 3.5 days"."""
    return "every day" if days == 1 else f"every {days:g} days"
