"""Which cadence jobs are due at a moment: a table over a check-in week."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bearing.domain.rhythm import Due, Job, Rhythm, due_jobs

# Check-ins on Monday 09:00, escalation two days later, the digest on Friday 16:00.
RHYTHM = Rhythm(
    checkin_weekday=0, checkin_hour=9, escalate_after_days=2, digest_weekday=4, digest_hour=16
)
MONDAY = date(2027, 2, 15)


@pytest.mark.parametrize(
    ("now", "due"),
    [
        (datetime(2027, 2, 15, 8, 59), []),
        (datetime(2027, 2, 15, 9, 0), [Due(Job.REMINDER, MONDAY)]),
        (datetime(2027, 2, 16, 8, 59), [Due(Job.REMINDER, MONDAY)]),  # caught up within a day
        (datetime(2027, 2, 16, 9, 0), []),
        (datetime(2027, 2, 17, 9, 0), [Due(Job.ESCALATION, MONDAY)]),
        (datetime(2027, 2, 18, 9, 0), []),
        (datetime(2027, 2, 19, 16, 0), [Due(Job.DIGEST, date(2027, 2, 19))]),
        (datetime(2027, 2, 19, 15, 59), []),
        (datetime(2027, 2, 22, 9, 30), [Due(Job.REMINDER, date(2027, 2, 22))]),
    ],
)
def test_due_jobs(now: datetime, due: list[Due]) -> None:
    assert due_jobs(now, RHYTHM) == due


def test_same_day_reminder_and_digest_both_run() -> None:
    rhythm = Rhythm(
        checkin_weekday=0, checkin_hour=9, escalate_after_days=1, digest_weekday=0, digest_hour=9
    )
    assert [d.job for d in due_jobs(datetime(2027, 2, 15, 10), rhythm)] == [
        Job.REMINDER,
        Job.DIGEST,
    ]


@pytest.mark.parametrize(
    "bad",
    [
        {"checkin_weekday": 7},
        {"checkin_hour": 24},
        {"escalate_after_days": 0},
        {"escalate_after_days": 7},
        {"digest_hour": -1},
    ],
)
def test_rhythm_refuses_out_of_range(bad: dict[str, int]) -> None:
    fields = {
        "checkin_weekday": 0, "checkin_hour": 9, "escalate_after_days": 2,
        "digest_weekday": 4, "digest_hour": 16, **bad,
    }  # fmt: skip
    with pytest.raises(ValueError, match="is"):
        Rhythm(**fields)
