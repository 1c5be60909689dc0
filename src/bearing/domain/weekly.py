"""The weekly rhythm of check-ins (000, 002): which days make up "this week"."""

from __future__ import annotations

from datetime import date, timedelta


def week_start(today: date, checkin_weekday: int) -> date:
    """The organization's latest check-in day on or before ``today`` (0 = Monday … 6 = Sunday).

    A check-in on or after that day counts for this week.
    """
    if not 0 <= checkin_weekday <= 6:
        raise ValueError("checkin_weekday is 0 (Monday) to 6 (Sunday)")
    return today - timedelta(days=(today.weekday() - checkin_weekday) % 7)
