"""`bearing import`, the import page and POST /okr-files: one OKR file in, in one transaction.

The file is parsed and checked first (every problem with its line and field);
then the rows are written step by step, each write in a savepoint so that one
run reports every problem the database finds too. Any problem, and the whole
transaction is rolled back: a file is imported whole or not at all.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone

from bearing.domain.limits import MAX_CYCLE_NAME
from bearing.domain.okrfile import OKRFileError, read_okr_file
from bearing.domain.wording import counted
from bearing.integrations.okrfile import sync_sources
from bearing.okrs import derived
from bearing.okrs.io.context import ImportContext
from bearing.okrs.io.import_csv import csv_columns, looks_like_csv, read_csv
from bearing.okrs.io.import_kpis import sync_kpis
from bearing.okrs.io.import_links import sync_links
from bearing.okrs.io.import_okrs import sync_objectives
from bearing.okrs.io.import_people import sync_people, sync_teams
from bearing.okrs.io.problems import ImportFailed, Problems
from bearing.okrs.models import Cycle
from bearing.okrs.services.cycles import cycle_create
from bearing.okrs.services.refs import lock_refs
from bearing.orgs.models import Organization, Person


def lock_organization(organization: Organization) -> None:
    """Hold the organization's row (``no_key``: its other writes, which only point at it,
    go on) until the transaction ends; a no-op on SQLite, whose writers take turns."""
    list(
        Organization.objects.select_for_update(no_key=True)
        .filter(pk=organization.pk)
        .values_list("pk")
    )


# The order the summary names what happened in.
TALLIES = (
    "teams added", "people invited", "team memberships added",
    "objectives created", "objectives updated", "objectives unchanged",
    "key results created", "key results updated", "key results unchanged",
    "measurements added", "links added", "links removed",
    "KPIs created", "KPIs updated", "KPI readings added",
    "data sources set",
)  # fmt: skip


@dataclass(frozen=True)
class ImportResult:
    cycle: Cycle
    cycle_created: bool
    counts: Counter[str]
    # Refs the file left out and the parser derived from titles: ref → title.
    derived_refs: dict[str, str] = field(default_factory=dict)
    # Objectives and key results of the cycle that the file does not name: left as they are.
    untouched: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def changed(self) -> bool:
        return self.cycle_created or any(
            n for k, n in self.counts.items() if not k.endswith("unchanged")
        )

    def summary(self) -> str:
        parts = ", ".join(_tally(self.counts[k], k) for k in TALLIES if self.counts[k])
        if not self.changed:
            return f"{self.cycle.name} is already as the file says ({parts or 'an empty cycle'})."
        verb = "Would import" if self.dry_run else "Imported"
        new = " (a new cycle)" if self.cycle_created else ""
        return f"{verb} {self.cycle.name}{new}: {parts}."


def _tally(n: int, key: str) -> str:
    """ "1 objective created", "2 people added": the noun of a tally agrees with its count."""
    noun, verb = key.rsplit(" ", 1)
    singular = {"people": "person"}.get(noun, noun.removesuffix("s"))
    return f"{counted(n, singular, noun)} {verb}"


class _DryRun(Exception):
    def __init__(self, result: ImportResult) -> None:
        self.result = result


def import_okr_file(
    *,
    organization: Organization,
    text: str,
    filename: str = "<okr file>",
    actor: Person | None = None,
    dry_run: bool = False,
    today: date | None = None,
    company_team: str | None = None,
) -> ImportResult:
    """Import an OKR file into the organization; raise ``ImportFailed`` naming every problem.

    ``company_team`` names the file's team that stands for the organization's company
    team (by default the file's one team without a parent does, with a note, when the
    organization has no team of its name)."""
    from_csv = looks_like_csv(text)
    try:
        okrs, lines = (
            read_csv(organization, text, filename) if from_csv else read_okr_file(text, filename)
        )
    except OKRFileError as exc:
        raise ImportFailed(exc.problems) from None
    ctx = ImportContext(
        organization=organization, actor=actor, okrs=okrs, problems=Problems(filename, lines),
        today=today or timezone.localdate(), company_team=company_team or None,
        from_csv=from_csv,
    )  # fmt: skip
    try:
        with transaction.atomic(), derived.deferred(), csv_columns(from_csv):
            # One import of an organization at a time: a second one (the same file, sent
            # twice) waits and then finds everything in place, instead of racing it. Stored
            # scores and reviews are brought up to date once, for all the rows the file
            # touched, when the steps are done (not after each row).
            lock_organization(organization)
            _run(ctx)
            if ctx.problems:
                raise ImportFailed(ctx.problems.items)
            result = _result(ctx, dry_run)
            if dry_run:
                raise _DryRun(result)
    except _DryRun as rolled_back:
        return rolled_back.result
    return result


def _run(ctx: ImportContext) -> None:
    """The steps in order; a step's problems stop the later steps (they would only echo them)."""
    _sync_cycle(ctx)
    if ctx.cycle is None:
        return
    steps = (sync_teams, sync_people, sync_objectives, sync_links, sync_kpis, sync_sources)
    for step in steps:
        if step in (sync_links, sync_sources) and ctx.from_csv:
            continue  # a CSV says nothing of links: they stay as they are
        found = len(ctx.problems.items)
        step(ctx)
        if len(ctx.problems.items) > found:
            return


def _sync_cycle(ctx: ImportContext) -> None:
    wanted = ctx.okrs.cycle
    if len(wanted.name) > MAX_CYCLE_NAME:
        ctx.problems.add("cycle.name", f"keep cycle names under {MAX_CYCLE_NAME} characters")
        return
    found = Cycle.objects.filter(organization=ctx.organization, name=wanted.name).first()
    if found is not None:
        lock_refs(found)  # first, before any objective: the lock order of refs.py
    if found is None:
        ctx.cycle = ctx.problems.attempt(
            "cycle",
            lambda: cycle_create(
                actor=ctx.actor, organization=ctx.organization, name=wanted.name,
                start=wanted.start, end=wanted.end,
            ),
        )  # fmt: skip
        ctx.cycle_created = True
        return
    for name in ("start", "end"):
        if getattr(found, name) != getattr(wanted, name):
            ctx.problems.add(
                f"cycle.{name}",
                f"cycle {found.name} runs {found.start} → {found.end} in Bearing; "
                "an import does not move a cycle's dates (change them in Bearing, or the file)",
            )
    ctx.cycle = found


def _result(ctx: ImportContext, dry_run: bool) -> ImportResult:
    named = {o.ref for o in ctx.okrs.objectives} | {
        kr.ref for o in ctx.okrs.objectives for kr in o.key_results
    }
    untouched = sorted((set(ctx.objectives) | set(ctx.key_results)) - named)
    return ImportResult(
        cycle=ctx.the_cycle, cycle_created=ctx.cycle_created, counts=ctx.counts,
        derived_refs=dict(ctx.okrs.derived_refs), untouched=untouched, notes=ctx.notes,
        dry_run=dry_run,
    )  # fmt: skip


__all__ = ["ImportFailed", "ImportResult", "import_okr_file"]
