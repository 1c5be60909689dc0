"""The demo's closed quarter, lived week by week, so maturity, confidence calibration and the
quarterly report have something to read (issue 14).

Each team of the previous quarter gets its own habits: Payments Platform checks in every
week at a modest confidence, plans its work from its key results and writes learnings every
month, and all of it opens its OKRs every week; Sales checks in now and then, 90 % sure of a target it misses, and rates itself
higher than its data shows; Customer Support looks in once a month. Deterministic.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from bearing.domain.maturity import Dimension, Level, week_of
from bearing.maturity.models import OkrLook
from bearing.maturity.services import self_assessment_save
from bearing.okrs.models import Cycle, KeyResult, Learning, Objective
from bearing.okrs.models.checkins import Status
from bearing.okrs.services.checkins import checkin_create
from bearing.okrs.services.initiatives import initiative_create
from bearing.okrs.services.learning import learning_add
from bearing.orgs.models import TeamMember

if TYPE_CHECKING:
    from bearing.demo import _Builder

# Per objective: the weeks it was checked in, its confidence in the first four weeks and
# after, and the day (from the cycle's start) its key results were written.
HABITS: dict[str, tuple[tuple[int, ...], int, int, int]] = {
    "q-prev-launch": (tuple(range(13)), 60, 70, 2),
    "q-prev-reliable": (tuple(range(13)), 50, 60, 2),
    "q-prev-pipeline": ((0, 1, 2, 5, 9), 90, 90, 30),
    "q-prev-support": ((0, 4, 8, 12), 70, 70, 10),
}
OWNED = {"q-prev-launch", "q-prev-reliable", "q-prev-support"}
PLANS = [  # initiatives of the closed quarter: (title, key results, owner, status)
    ("Incident review every Friday", ["q-prev-incidents"], "chen", "done"),
    ("Cache the card-scheme lookups", ["q-prev-p95"], "chen", "done"),
    ("One-tap checkout", ["q-prev-time"], "ana", "done"),
    ("Follow-the-sun support rota", ["q-prev-frt"], "kai", "done"),
]
MONTHLY_LEARNINGS = {  # objective → (day of the cycle, text)
    "q-prev-reliable": [
        (20, "Most incidents start at deploy time: deploy smaller, more often."),
        (50, "Latency came from two card-scheme lookups; caching them did most of the work."),
        (80, "The vendor's status page lags by 20 minutes; alert on our own probes."),
    ],
}
SELF_ASSESSMENTS = {  # team → levels it chose, in the order of Dimension
    "Payments Platform": (Level.RUN, Level.RUN, Level.FLY, Level.FLY, Level.RUN),
    "Sales": (Level.FLY, Level.RUN, Level.RUN, Level.RUN, Level.WALK),
}


def live_the_quarter(builder: _Builder, cycle: Cycle) -> None:
    """Before grading: the check-ins with their confidence, the plans, the dates the key
    results were published, and the learnings written along the way."""
    for ref, (weeks, early, later, written) in HABITS.items():
        objective = builder.objectives[ref]
        KeyResult.objects.filter(objective=objective).update(
            created_at=_nine(cycle.start + timedelta(days=written))
        )
        if ref in OWNED:  # someone answers for each key result
            KeyResult.objects.filter(objective=objective).update(owner=objective.owner)
        for week in weeks:
            when = cycle.start + timedelta(weeks=week, days=1)
            if when > cycle.end:
                continue
            checkin_create(
                actor=objective.owner, objective=objective, values={},
                progress_status=None, capacity_status=Status.ON_TRACK,
                confidence=early if week < 4 else later, at=_nine(when),
                narrative=f"Week {week + 1}: the numbers as they stand.",
            )  # fmt: skip
    _looked_at(builder, cycle)
    for title, refs, owner, status in PLANS:
        initiative_create(
            actor=builder.people[owner], organization=builder.org, title=title,
            key_results=[builder.key_results[r] for r in refs], owner=builder.people[owner],
            status=status, target_date=cycle.end,
        )  # fmt: skip
    for ref, notes in MONTHLY_LEARNINGS.items():
        objective = builder.objectives[ref]
        for day, text in notes:
            learning = learning_add(actor=objective.owner, objective=objective, text=text)
            Learning.objects.filter(pk=learning.pk).update(
                created_at=_nine(cycle.start + timedelta(days=day))
            )


WHOLE_TEAM_LOOKS = {"q-prev-launch", "q-prev-reliable"}  # the others: only the owner, to check in


def _looked_at(builder: _Builder, cycle: Cycle) -> None:
    """Who opened their team's OKRs, week by week (Focus): all of Payments Platform every
    week; elsewhere only the owner, in the weeks they checked in."""
    looks: set[tuple[int, date]] = set()
    for ref, (weeks, *_) in HABITS.items():
        objective = builder.objectives[ref]
        people: set[int] = (
            set(
                TeamMember.objects.filter(team_id=objective.team_id or 0).values_list(
                    "person_id", flat=True
                )
            )
            if ref in WHOLE_TEAM_LOOKS
            else {objective.owner_id or 0} - {0}
        )
        for week in weeks:
            looks |= {(person, week_of(cycle.start + timedelta(weeks=week))) for person in people}
    OkrLook.objects.bulk_create(
        [OkrLook(organization=builder.org, person_id=p, week=w) for p, w in sorted(looks)],
        ignore_conflicts=True,
    )


def key_results_written_with_their_objectives(cycle: Cycle) -> None:
    """The current quarter's key results were written with their objectives (which the demo
    dates to the plan's first days, or the week they were added): so Planning sees them
    published early, and time travel finds them on the days they existed."""
    for objective_id, created_at in Objective.objects.filter(cycle=cycle).values_list(
        "id", "created_at"
    ):
        KeyResult.objects.filter(objective_id=objective_id).update(created_at=created_at)


def assess_the_quarter(builder: _Builder, cycle: Cycle) -> None:
    """After the retrospectives: the teams' own view of their maturity."""
    for team, levels in SELF_ASSESSMENTS.items():
        self_assessment_save(
            actor=builder.people["ana"], team=builder.teams[team], cycle=cycle,
            levels=dict(zip(Dimension, levels, strict=True)),
        )  # fmt: skip


def _nine(day: date) -> datetime:
    return datetime.combine(day, time(9, 0), tzinfo=UTC)
