"""When the weekly rhythm speaks (000, 002): which cadence jobs are due at a moment.

Every moment here is the organization's local wall-clock time (naive), so a check-in day at
09:00 in Berlin is 09:00 in Berlin, summer or winter. A job is due for a whole day from its
hour, so a scheduler that was down at 09:00 still sends at 09:05 — and the job's week says
which week it belongs to, which is what makes a second run send nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from bearing.domain.weekly import week_start

DUE_FOR = timedelta(days=1)


class Job(StrEnum):
    REMINDER = "reminder"
    ESCALATION = "escalation"
    DIGEST = "digest"


@dataclass(frozen=True)
class Rhythm:
    checkin_weekday: int  # 0 = Monday … 6 = Sunday
    checkin_hour: int
    escalate_after_days: int  # 1–6: within the check-in week
    digest_weekday: int
    digest_hour: int

    def __post_init__(self) -> None:
        for name in ("checkin_weekday", "digest_weekday"):
            if not 0 <= getattr(self, name) <= 6:
                raise ValueError(f"{name} is 0 (Monday) to 6 (Sunday)")
        for name in ("checkin_hour", "digest_hour"):
            if not 0 <= getattr(self, name) <= 23:
                raise ValueError(f"{name} is 0 to 23")
        if not 1 <= self.escalate_after_days <= 6:
            raise ValueError("escalate_after_days is 1 to 6")


@dataclass(frozen=True)
class Due:
    job: Job
    week: date  # the day the job's week starts: part of every idempotency key


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour))


def due_jobs(now: datetime, rhythm: Rhythm) -> list[Due]:
    """The jobs due at ``now`` (local, naive), in the order they run."""
    due = []
    week = week_start(now.date(), rhythm.checkin_weekday)
    reminder = _at(week, rhythm.checkin_hour)
    if reminder <= now < reminder + DUE_FOR:
        due.append(Due(Job.REMINDER, week))
    escalation = reminder + timedelta(days=rhythm.escalate_after_days)
    if escalation <= now < escalation + DUE_FOR:
        due.append(Due(Job.ESCALATION, week))
    digest_week = week_start(now.date(), rhythm.digest_weekday)
    digest = _at(digest_week, rhythm.digest_hour)
    if digest <= now < digest + DUE_FOR:
        due.append(Due(Job.DIGEST, digest_week))
    return due


def checkins_count_from(week: date) -> datetime:
    """The local moment this week's check-ins start counting: the start of the check-in day
    (as ``okrs.cadence.week_began``)."""
    return datetime.combine(week, time.min)
