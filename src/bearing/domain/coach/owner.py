"""Who owns an item, and where that team sits in its organization.

What a team can move depends on where it sits: the company team owns the
company's totals, a department owns what its teams do, and the night shift of
one ward owns that ward's nights. The coach reads the owning team's name, its
chain of parents up to the company team, and the other teams of the
organization (its *units*: several teams named "Ward 3", "Ward 7"… make "ward"
a kind of unit), so "every ward" is beyond one ward but within the department
that runs them all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from bearing.domain.coach import lexicon as lx
from bearing.domain.model import Team

_NAME_WORD = re.compile(r"[A-Za-z][A-Za-z'&-]*")
# Words of team names that say nothing about a kind of unit.
_NAME_FILLERS = lx.words("""
    a an the of and for in on at to team teams dept department unit group office services
    service north south east west central main new old
""")


@dataclass(frozen=True)
class Owner:
    """The team an item belongs to, in its organization's tree of teams.

    ``parents`` runs from the team's parent up to the company team (the root),
    nearest first; the company team has none. ``units`` maps each kind of unit
    (a word shared by the names of two or more teams, such as "ward" or "depot")
    to the teams whose names hold it. ``below`` is the team itself and every
    team under it: what it runs.
    """

    team: str | None
    company: str | None = None
    parents: tuple[str, ...] = ()
    below: frozenset[str] = frozenset()
    units: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # Jobs other teams' names say they do ("billing" for Billing Operations) that neither
    # this team, a team above it nor a team under it is named for.
    functions_elsewhere: frozenset[str] = frozenset()
    # Which teams' names hold each job (read with ``functions_elsewhere`` to say whose job).
    job_teams: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def is_company(self) -> bool:
        return self.team is not None and self.team == self.company

    @property
    def below_company(self) -> bool:
        """A team under the company team (so not the company itself)."""
        return self.company is not None and self.team != self.company

    def runs_every(self, unit: str) -> bool:
        """Whether the team runs every team of this kind of unit ("every ward")."""
        return self.units.get(unit, frozenset()) <= self.below

    def own_words(self) -> frozenset[str]:
        """Lower-case words of the team's name and its parents' (not the company's)."""
        return _own_words(self.team, self.parents)

    def company_words(self) -> frozenset[str]:
        """Distinctive words of the company's name ("Portmere", "Larchmont"), not the
        team's own."""
        return _company_words(self.company, self.team, self.parents)


@lru_cache(maxsize=4096)
def _own_words(team: str | None, parents: tuple[str, ...]) -> frozenset[str]:
    names = (team, *parents[:-1]) if parents else (team,)
    return frozenset(w.lower() for n in names if n for w in _NAME_WORD.findall(n))


@lru_cache(maxsize=4096)
def _company_words(
    company: str | None, team: str | None, parents: tuple[str, ...]
) -> frozenset[str]:
    if company is None:
        return frozenset()
    words = {w.strip(",.()'").lower() for w in company.split()}
    own = _own_words(team, parents)
    return frozenset(w for w in words if len(w) > 2 and w not in lx.DETERMINERS) - own


NO_OWNER = Owner(team=None)


def name_words(name: str | None) -> frozenset[str]:
    """Lower-case words of a name ("Brightwater Group" -> brightwater, group)."""
    return frozenset(w.lower() for w in _NAME_WORD.findall(name or ""))


def _unit_words(name: str) -> set[str]:
    """Words of a team's name that may name a kind of unit: a place or crew noun, or
    the word before a number ("Station 21")."""
    words = [w.lower() for w in _NAME_WORD.findall(name)]
    numbered = {m.group(1).lower() for m in re.finditer(r"([A-Za-z]+)\s+\d", name)}
    return {
        w
        for w in words
        if w not in _NAME_FILLERS and (w in lx.UNIT_KINDS or w.removesuffix("s") in lx.UNIT_KINDS)
    } | (numbered - _NAME_FILLERS)


def _functions(name: str) -> set[str]:
    """The jobs a team's name says it does: "Billing Operations" does billing."""
    return {
        lx.FUNCTION_OF_NAME_WORD[w.lower()]
        for w in _NAME_WORD.findall(name)
        if w.lower() in lx.FUNCTION_OF_NAME_WORD
    }


class TeamTree:
    """An organization's tree of teams, read once for every item of a cycle: ``owner``
    places a team in it (cached per team, so a cycle of thousands of objectives costs one
    walk per team)."""

    def __init__(self, teams: Iterable[Team]) -> None:
        self.parent_of: dict[str, str | None] = {t.name: t.parent for t in teams}
        self.company = next((n for n, p in self.parent_of.items() if p is None), None)
        self.children: dict[str, list[str]] = {}
        for name, parent in self.parent_of.items():
            if parent is not None:
                self.children.setdefault(parent, []).append(name)
        holders: dict[str, set[str]] = {}
        for name in self.parent_of:
            if name != self.company:
                for word in _unit_words(name):
                    holders.setdefault(word.removesuffix("s"), set()).add(name)
        self.units = {w: frozenset(names) for w, names in holders.items() if len(names) >= 2}
        doers: dict[str, set[str]] = {}
        for name in self.parent_of:
            for job in _functions(name):
                doers.setdefault(job, set()).add(name)
        self.doers = doers
        self.job_teams = {job: tuple(sorted(names)) for job, names in doers.items()}
        self._owners: dict[str | None, Owner] = {}

    def owner(self, team: str | None) -> Owner:
        """The owner for an item of ``team``. A team not in the tree (or no tree at all) is
        placed right under the company, the way the coach read team names before it knew
        the tree."""
        if team not in self._owners:
            self._owners[team] = self._place(team)
        return self._owners[team]

    def _place(self, team: str | None) -> Owner:
        parents: list[str] = []
        seen = {team}
        current = self.parent_of.get(team, self.company) if team is not None else None
        while current is not None and current not in seen:
            parents.append(current)
            seen.add(current)
            current = self.parent_of.get(current)
        below: set[str] = set()
        stack = [team] if team is not None else []
        while stack:
            name = stack.pop()
            if name not in below:
                below.add(name)
                stack += self.children.get(name, [])
        # A job is elsewhere when no team that does it is this team, above it or under it.
        line = below | set(parents)
        elsewhere = frozenset(job for job, names in self.doers.items() if not names & line)
        return Owner(
            team=team,
            company=self.company,
            parents=tuple(parents),
            below=frozenset(below),
            units=self.units,
            functions_elsewhere=elsewhere,
            job_teams=self.job_teams,
        )


def owner_of(team: str | None, teams: Iterable[Team]) -> Owner:
    """The owner of an item of ``team`` in an organization with these ``teams`` (for one
    item; ``TeamTree`` reads a tree once for many)."""
    return TeamTree(teams).owner(team)
