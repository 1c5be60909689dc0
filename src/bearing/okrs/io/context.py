"""What the steps of one import share: the file, the rows found or made so far, the tallies."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from bearing.domain.model import Objective as FileObjective
from bearing.domain.model import OKRSet
from bearing.okrs.io.problems import Problems
from bearing.okrs.models import Cycle, KeyResult, Objective
from bearing.orgs.models import Organization, Person, Team


@dataclass
class ImportContext:
    organization: Organization
    actor: Person | None
    okrs: OKRSet
    problems: Problems
    today: date
    counts: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    cycle: Cycle | None = None
    cycle_created: bool = False
    # The file's team that stands for the organization's company team, when the importer says.
    company_team: str | None = None
    teams: dict[str, Team] = field(default_factory=dict)  # by the file's name
    people: dict[str, Person] = field(default_factory=dict)  # members, by lower-case e-mail
    # Named in the file but not members (so invited): e-mail → (the field, the file's name).
    invited: dict[str, tuple[str, str]] = field(default_factory=dict)
    # Every objective and key result of the cycle by ref: those in the file and the others.
    objectives: dict[str, Objective] = field(default_factory=dict)
    key_results: dict[str, KeyResult] = field(default_factory=dict)
    # (path, what the file says, the row) for each objective the file names.
    imported: list[tuple[str, FileObjective, Objective]] = field(default_factory=list)
    # From the export's CSV: it says nothing of descriptions, contributors or links, so the
    # import leaves those as they are.
    from_csv: bool = False

    def person(self, email: str | None) -> Person | None:
        return None if email is None else self.people.get(email.lower())

    def is_invited(self, email: str | None) -> bool:
        """Named as an owner but not a member yet: nothing is assigned to them until they join."""
        return email is not None and email.lower() in self.invited

    @property
    def the_cycle(self) -> Cycle:
        assert self.cycle is not None, "the cycle step runs first"
        return self.cycle
