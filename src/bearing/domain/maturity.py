"""Maturity from evidence: Crawl, Walk, Run, Fly on the five dimensions of seed 001's table.

A team's level on each dimension is computed from plain figures about one cycle (how its key
results scored, how confident it said it was, how often it checked in, what it learned), and
each level comes with the figures that put it there, so a team can see why and argue with it.
The rules are documented in docs/maturity.md; the figures are gathered by
``bearing.maturity.evidence``. Teams are compared with their own past, never ranked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import IntEnum, StrEnum


class Level(IntEnum):
    CRAWL = 1
    WALK = 2
    RUN = 3
    FLY = 4

    @property
    def label(self) -> str:
        return self.name.title()


class Dimension(StrEnum):
    AMBITION = "ambition"
    PLANNING = "planning"
    FOCUS = "focus"
    ACCOUNTABILITY = "accountability"
    LEARNING = "learning"

    @property
    def label(self) -> str:
        return self.value.title()


# Seed 001's table, word for word: the choices of the self-assessment.
DESCRIPTIONS: dict[Dimension, dict[Level, str]] = {
    Dimension.AMBITION: {
        Level.CRAWL: "Key results offer credit for goals the team is sure to hit.",
        Level.WALK: "Key results are slight stretch. Team confident they can achieve.",
        Level.RUN: "Stakeholders keenly interested in target results. Team has moderate "
        "confidence.",
        Level.FLY: "Key results support significant growth. Team 50% confident.",
    },
    Dimension.PLANNING: {
        Level.CRAWL: "OKRs retrofit from team's existing plans and work.",
        Level.WALK: "Product backlogs are influenced by the OKRs.",
        Level.RUN: "OKRs are used to generate product backlogs.",
        Level.FLY: "Product backlogs are updated each sprint based on progress on key results.",
    },
    Dimension.FOCUS: {
        Level.CRAWL: "One or more OKRs exist and are understood by the team.",
        Level.WALK: "Team looks at OKRs at least once before they are due.",
        Level.RUN: "OKRs reviewed monthly to check for progress.",
        Level.FLY: "Sprint goals defined to support OKRs.",
    },
    Dimension.ACCOUNTABILITY: {
        Level.CRAWL: "OKRs shared publicly after creation. Team unclear of connection to work.",
        Level.WALK: "Team sees how they can influence key results. Results shared publicly at "
        "the end.",
        Level.RUN: "Team shows progress against OKRs half of the sprints.",
        Level.FLY: "Team shows progress against OKRs each sprint.",
    },
    Dimension.LEARNING: {
        Level.CRAWL: "Set it and forget it. No learning.",
        Level.WALK: "Review quarterly and incorporate learning next OKR.",
        Level.RUN: "Reflects and acts on learning monthly.",
        Level.FLY: "Learning from results to make decisions each sprint.",
    },
}

# The thresholds of the rules, named so docs/maturity.md and the tests can quote them.
SWEET_SPOT = (0.6, 0.8)  # final scores around 0.7 (seed 001: aim high, land at 0.7)
FIFTY_FIFTY = (40, 60)  # "Team 50% confident"
MODERATE = (30, 75)  # "moderate confidence"
SURE = 90  # a starting confidence at or above this is a goal the team is sure to hit
ALL_MAXED = 0.8  # this share of key results at 1.0 means they were not a stretch
EARLY_DAYS = 14  # key results published within the cycle's first two weeks
TEAM_LOOKS = (
    0.5  # the share of members opening the OKRs in a week for the team to keep them in view
)


@dataclass(frozen=True)
class Figures:
    """What one team did in one cycle, as plain numbers (shares are worked out here).

    ``weeks`` and ``months`` are how many weeks and calendar months of the cycle have passed
    (all of them once it ended); the ``*_weeks`` and ``*_months`` figures count those with at
    least one such event."""

    objectives: int = 0
    objective_limit: int = 1  # the organization's soft limit of objectives per team
    key_results: int = 0  # with something to score (drafts left out)
    scored: int = 0  # key results with a score
    mean_score: float | None = None
    at_one: int = 0  # key results scored 1.0
    start_confidence: float | None = None  # mean confidence of the cycle's first check-ins
    with_initiatives: int = 0
    published_early: int = 0  # key results created in the first EARLY_DAYS of the cycle
    with_owner: int = 0
    weeks: int = 0
    checkin_weeks: int = 0
    active_weeks: int = 0  # weeks with a check-in or a measured value
    members: int = 0  # the team's members
    member_looks: int = 0  # (member, week) pairs in which a member opened the team's OKRs
    looked_weeks: int = 0  # weeks in which at least half of the members opened them
    months: int = 0
    active_months: int = 0
    learnings: int = 0
    learning_months: int = 0
    retrospective: bool = False
    retrospective_try_next: bool = False  # the retrospective says what to try next
    previous_try_next: bool = False  # last cycle's retrospective said what to try this one


@dataclass(frozen=True)
class Evidence:
    """One dimension's level (None: not enough evidence yet) and the figures behind it."""

    dimension: Dimension
    level: Level | None
    because: str

    @property
    def label(self) -> str:
        return self.level.label if self.level else "Not enough evidence"


def cycle_span(start: date, end: date, today: date) -> tuple[int, int]:
    """How many weeks and calendar months of a cycle have begun by ``today`` (all of them once
    it ended; none before it starts): what check-in regularity is measured against."""
    last = min(today, end)
    if last < start:
        return 0, 0
    weeks = (last - start).days // 7 + 1
    months = (last.year - start.year) * 12 + last.month - start.month + 1
    return weeks, months


def week_of(day: date) -> date:
    """The Monday of the ISO week of ``day`` (the week a look at the OKRs counts in)."""
    return day - timedelta(days=day.weekday())


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _pct(part: int, whole: int) -> str:
    return f"{round(100 * _share(part, whole))} %"


def ambition(f: Figures) -> Evidence:
    """Key results landing around 0.7 with about 50 % confidence is Fly; all at 1.0 is Crawl."""
    if not f.scored or f.mean_score is None:
        return Evidence(Dimension.AMBITION, None, "No key result has a score yet.")
    conf = f.start_confidence
    said = f"started {round(conf)} % confident" if conf is not None else "gave no confidence"
    facts = (
        f"{f.scored} key results scored {f.mean_score:.2f} on average, "
        f"{_pct(f.at_one, f.scored)} of them 1.0; the team {said}."
    )
    low, high = SWEET_SPOT
    if _share(f.at_one, f.scored) >= ALL_MAXED or (conf is not None and conf >= SURE):
        return Evidence(Dimension.AMBITION, Level.CRAWL, facts + " Goals it was sure to hit.")
    if conf is not None and low <= f.mean_score <= high and _between(conf, FIFTY_FIFTY):
        return Evidence(Dimension.AMBITION, Level.FLY, facts + " A real stretch, landed at 0.7.")
    if 0.5 <= f.mean_score <= 0.9 and (conf is None or _between(conf, MODERATE)):
        return Evidence(Dimension.AMBITION, Level.RUN, facts + " A stretch, moderately sure.")
    return Evidence(Dimension.AMBITION, Level.WALK, facts + " A slight stretch at most.")


def _between(value: float, bounds: tuple[float, float]) -> bool:
    return bounds[0] <= value <= bounds[1]


def planning(f: Figures) -> Evidence:
    """Key results served by initiatives, and published in the cycle's first two weeks."""
    if not f.key_results:
        return Evidence(Dimension.PLANNING, None, "The team has no key results this cycle.")
    planned = _share(f.with_initiatives, f.key_results)
    early = _share(f.published_early, f.key_results)
    facts = (
        f"{_pct(f.with_initiatives, f.key_results)} of {f.key_results} key results have "
        f"initiatives; {_pct(f.published_early, f.key_results)} were published in the first "
        f"{EARLY_DAYS} days."
    )
    if planned >= 0.8 and early >= 0.8:
        return Evidence(Dimension.PLANNING, Level.FLY, facts)
    if planned >= 0.5 and early >= 0.5:
        return Evidence(Dimension.PLANNING, Level.RUN, facts)
    if planned >= 0.25:
        return Evidence(Dimension.PLANNING, Level.WALK, facts)
    return Evidence(Dimension.PLANNING, Level.CRAWL, facts + " The work was not planned from them.")


def looked_share(f: Figures) -> float | None:
    """The mean share of the team's members who opened its OKRs each week (None: no members
    or no week yet)."""
    if not f.members or not f.weeks:
        return None
    return min(f.member_looks / (f.members * f.weeks), 1.0)


def focus(f: Figures) -> Evidence:
    """Few objectives, looked at every month, or every week by most of the team.

    A week counts as looked at when the team checked in or measured a value in it
    (``active_weeks``, months alike); the members opening the OKRs (``looked_share``) tell
    whether the whole team keeps them in view, or only whoever checks in."""
    if not f.objectives:
        return Evidence(Dimension.FOCUS, None, "The team has no objectives this cycle.")
    share = looked_share(f)
    opened = (
        f" On average {round(100 * share)} % of its {_n(f.members, 'member')} opened them each "
        f"week ({f.looked_weeks} of {f.weeks} weeks by at least half)."
        if share is not None
        else ""
    )
    facts = (
        f"{_n(f.objectives, 'objective')} (the limit is {f.objective_limit}); OKRs were checked "
        f"in on or measured in {f.active_weeks} of {f.weeks} weeks and {f.active_months} of "
        f"{f.months} months.{opened}"
    )
    weekly = f.weeks and _share(max(f.active_weeks, f.looked_weeks), f.weeks) >= 0.75
    if f.active_weeks == 0 and f.member_looks == 0:
        level = Level.CRAWL
    elif weekly and share is not None and share >= TEAM_LOOKS:
        level = Level.FLY
    elif weekly or (f.months and f.active_months >= f.months):
        level = Level.RUN
        if weekly:
            facts += " Kept up every week, but by few of the team."
    else:
        level = Level.WALK
    # Too many objectives dilute focus, however often they are looked at.
    if f.objectives > 2 * f.objective_limit:
        level = min(level, Level.WALK)
        facts += " Too many objectives to focus on."
    elif f.objectives > f.objective_limit:
        level = min(level, Level.RUN)
        facts += " More objectives than the limit."
    return Evidence(Dimension.FOCUS, level, facts)


def accountability(f: Figures) -> Evidence:
    """Weekly check-ins and an owner on every key result."""
    if not f.key_results:
        return Evidence(Dimension.ACCOUNTABILITY, None, "The team has no key results this cycle.")
    owned = _share(f.with_owner, f.key_results)
    regular = _share(f.checkin_weeks, f.weeks)
    facts = (
        f"Check-ins in {f.checkin_weeks} of {f.weeks} weeks; "
        f"{_pct(f.with_owner, f.key_results)} of key results have an owner."
    )
    if regular >= 0.9 and owned >= 1:
        return Evidence(Dimension.ACCOUNTABILITY, Level.FLY, facts)
    if regular >= 0.5 and owned >= 0.8:
        return Evidence(Dimension.ACCOUNTABILITY, Level.RUN, facts)
    if owned >= 1 or f.checkin_weeks > 0:
        return Evidence(Dimension.ACCOUNTABILITY, Level.WALK, facts)
    return Evidence(Dimension.ACCOUNTABILITY, Level.CRAWL, facts)


def learning(f: Figures) -> Evidence:
    """Learnings and retrospectives recorded, and acted on (last cycle's "try next")."""
    retro = "a retrospective" if f.retrospective else "no retrospective"
    if f.retrospective and f.retrospective_try_next:
        retro = "a retrospective that says what to try next"
    facts = (
        f"{_n(f.learnings, 'learning')}, recorded in {f.learning_months} of {f.months} months; "
        f"{retro}"
        + ("; last cycle's retrospective set what to try." if f.previous_try_next else ".")
    )
    if not f.learnings and not f.retrospective:
        return Evidence(Dimension.LEARNING, Level.CRAWL, facts)
    monthly = f.months > 0 and f.learning_months >= f.months
    acted = f.retrospective_try_next and f.previous_try_next
    if monthly and acted and f.learnings >= max(f.weeks // 2, 1):
        return Evidence(Dimension.LEARNING, Level.FLY, facts)
    if monthly or (acted and f.learning_months >= 2):
        return Evidence(Dimension.LEARNING, Level.RUN, facts)
    return Evidence(Dimension.LEARNING, Level.WALK, facts)


RULES = (ambition, planning, focus, accountability, learning)


def assess(figures: Figures) -> tuple[Evidence, ...]:
    """Every dimension's evidence, in the order of the seed's table."""
    return tuple(rule(figures) for rule in RULES)


@dataclass(frozen=True)
class Gap:
    """Self-assessment against evidence on one dimension: positive when the team rates itself
    higher than the evidence shows."""

    dimension: Dimension
    said: Level | None
    shown: Level | None

    @property
    def difference(self) -> int | None:
        if self.said is None or self.shown is None:
            return None
        return int(self.said) - int(self.shown)

    @property
    def reading(self) -> str:
        d = self.difference
        if d is None:
            return "—"
        if d == 0:
            return "matches the evidence"
        steps = f"{abs(d)} level{'s' if abs(d) > 1 else ''}"
        return f"{steps} above the evidence" if d > 0 else f"{steps} below the evidence"


def gaps(said: dict[Dimension, Level | None], shown: tuple[Evidence, ...]) -> tuple[Gap, ...]:
    return tuple(Gap(e.dimension, said.get(e.dimension), e.level) for e in shown)
