"""The domain's plain data: what an OKR is, independent of any storage.

The database layer and the OKR file both translate into these frozen
dataclasses, so scoring, alignment and the coach see one shape whatever the
source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum


class KRKind(StrEnum):
    INCREASE = "increase"
    DECREASE = "decrease"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    MILESTONE = "milestone"

    @property
    def is_directional(self) -> bool:
        """From a start value towards a target (progress is a fraction of the way)."""
        return self in (KRKind.INCREASE, KRKind.DECREASE)

    @property
    def is_threshold(self) -> bool:
        """Keep a value on the right side of a threshold (health-style)."""
        return self in (KRKind.AT_LEAST, KRKind.AT_MOST)


class Color(StrEnum):
    RED = "red"
    YELLOW = "yellow"
    GREEN = "green"


class LinkKind(StrEnum):
    ALIGNED = "aligned"  # bottom-up: the team chose the parent
    CASCADED = "cascaded"  # top-down: made from the parent's key result


@dataclass(frozen=True)
class Cycle:
    name: str
    start: date
    end: date


@dataclass(frozen=True)
class FileSource:
    """A key result's data source as an OKR file gives it: a connection by name (never its
    credentials), and the query, or the address and the selector."""

    kind: str  # sql, json, csv
    connection: str | None = None
    query: str = ""
    url: str = ""
    selector: str = ""
    schedule: str = "daily"


@dataclass(frozen=True)
class Measurement:
    on: date
    value: Decimal
    note: str = ""


@dataclass(frozen=True)
class KeyResult:
    """A key result. ``kind`` is None for a draft (a title and nothing to score yet)."""

    title: str
    kind: KRKind | None = None
    start: Decimal | None = None
    target: Decimal | None = None
    current: Decimal | None = None
    done: bool = False
    weight: Decimal = Decimal(1)
    unit: str = ""
    owner: str | None = None
    history: tuple[Measurement, ...] = ()
    ref: str = ""
    # Where its value comes from (``source:`` in an OKR file; bearing.integrations).
    source: FileSource | None = None

    @property
    def is_draft(self) -> bool:
        return self.kind is None

    @property
    def current_value(self) -> Decimal | None:
        """The explicit current value, else the latest measurement, else the start."""
        if self.current is not None:
            return self.current
        if self.history:
            return self.history[-1].value
        return self.start


@dataclass(frozen=True)
class Link:
    """An alignment link from a child objective to a parent objective or key result."""

    parent_ref: str
    kind: LinkKind = LinkKind.ALIGNED


@dataclass(frozen=True)
class Objective:
    title: str
    team: str | None
    key_results: tuple[KeyResult, ...] = ()
    ref: str = ""
    owner: str | None = None
    description: str = ""
    contributors: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    # draft | active | closed | abandoned, and public | private; None when not said (a file
    # that leaves them out), so an import keeps what the database has.
    state: str | None = None
    visibility: str | None = None

    @property
    def is_cross_functional(self) -> bool:
        return any(c != self.team for c in self.contributors)


@dataclass(frozen=True)
class Team:
    name: str
    parent: str | None = None
    lead: str | None = None


@dataclass(frozen=True)
class Person:
    email: str
    name: str = ""
    teams: tuple[str, ...] = ()


@dataclass(frozen=True)
class FileKPI:
    """A KPI as an OKR file's ``kpis:`` section gives it: a health metric with a healthy
    range and its readings (``history``), kept beside the OKRs, not scored with them (001)."""

    name: str
    unit: str = ""
    description: str = ""
    healthy_min: Decimal | None = None
    healthy_max: Decimal | None = None
    owner: str | None = None
    team: str | None = None
    north_star: bool = False
    history: tuple[Measurement, ...] = ()


@dataclass(frozen=True)
class OKRSet:
    """One cycle of one organization: what an OKR file holds."""

    cycle: Cycle
    teams: tuple[Team, ...]
    objectives: tuple[Objective, ...]
    people: tuple[Person, ...] = ()
    organization: str | None = None
    as_of: date | None = None
    # Refs that the parser derived because the file left them out: ref -> title.
    derived_refs: dict[str, str] = field(default_factory=dict, compare=False)
    kpis: tuple[FileKPI, ...] = ()

    @property
    def company_team(self) -> Team | None:
        """The file's company: its one team without a parent. None for a file of some teams
        of an organization, which starts from several of them (an import finds them by name)."""
        roots = [t for t in self.teams if t.parent is None]
        return roots[0] if len(roots) == 1 else None

    @property
    def company(self) -> Team:
        """``company_team``, or for a file with no company of its own a nameless stand-in
        that no objective's team matches (so no objective counts as a company one)."""
        return self.company_team or Team(name="")
