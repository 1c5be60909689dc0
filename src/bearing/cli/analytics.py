"""`bearing snapshot | rescore | analyse`: the weekly connectivity snapshot (cron), and the
stored figures and background analysis computed on demand."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from bearing.cli.common import UserError, with_django
from bearing.domain.wording import counted

if TYPE_CHECKING:
    from bearing.orgs.models import Organization


@click.command()
@click.option("--org", "org_slug", default=None, help="Only this organization's cycles.")
@with_django
def snapshot(org_slug: str | None) -> None:
    """Take this week's connectivity snapshot of every active cycle.

    Run it weekly (e.g. from cron: `0 6 * * 1 bearing snapshot`) so Alignment health
    has a trend line. A second run in the same week refreshes that week's snapshot.
    """
    from bearing.okrs.analytics import snapshot_all_active

    organization = None if org_slug is None else _organization(org_slug)
    taken = snapshot_all_active(organization=organization)
    for s in taken:
        click.echo(
            f"{s.cycle.organization.slug}  {s.cycle.name}  week of {s.week:%Y-%m-%d}: "
            f"{counted(s.objectives, 'objective')}, aligned {_pct(s.aligned_pct)}, "
            f"cascaded {_pct(s.cascaded_pct)}, {counted(s.orphans, 'orphan')}, "
            f"{counted(s.similar_pairs, 'look-alike pair')}, {counted(s.warnings, 'warning')}"
        )
    if taken:
        click.echo(f"{len(taken)} snapshot{'s' * (len(taken) != 1)} taken.")
    else:
        click.echo("No active cycle is running: no snapshot taken.")


def _pct(value: object) -> str:
    return "n/a" if value is None else f"{value}%"


@click.command()
@click.option("--org", "org_slug", default=None, help="Only this organization's cycles.")
@click.option("--all-cycles", is_flag=True, help="Closed cycles too (they are never rescored).")
@with_django
def rescore(org_slug: str | None, all_cycles: bool) -> None:
    """Recompute every stored score, forecast and coach review from the measurements.

    The services keep them up to date on every change; this is for repairs, and it runs by
    itself after `bearing migrate` when a release changes the rules. Closed cycles keep the
    figures they were graded with unless --all-cycles."""
    from bearing.okrs.derived import refresh_cycle
    from bearing.okrs.models import Cycle, CycleState

    cycles = Cycle.objects.select_related("organization").order_by("organization__slug", "start")
    if org_slug is not None:
        cycles = cycles.filter(organization=_organization(org_slug))
    if not all_cycles:
        cycles = cycles.exclude(state=CycleState.CLOSED)
    total = 0
    for cycle in cycles:
        count = refresh_cycle(cycle, force=all_cycles)
        total += count
        click.echo(f"{cycle.organization.slug}  {cycle.name}: {count} key results")
    click.echo(f"Rescored {total} key result{'s' * (total != 1)}.")


@click.command()
@click.option("--org", "org_slug", default=None, help="Only this organization's cycles.")
@with_django
def analyse(org_slug: str | None) -> None:
    """Compute each cycle's look-alikes, portfolio notes and depth now.

    The worker does this in the background after every change (`bearing worker`); run it
    by hand where no worker runs, or to see how long it takes."""
    from bearing.okrs.analysis import analyse_cycle
    from bearing.okrs.models import Cycle, CycleState

    cycles = Cycle.objects.select_related("organization").exclude(state=CycleState.CLOSED)
    if org_slug is not None:
        cycles = cycles.filter(organization=_organization(org_slug))
    for cycle in cycles.order_by("organization__slug", "start"):
        result = analyse_cycle(cycle)
        click.echo(
            f"{cycle.organization.slug}  {cycle.name}: {result.look_alikes} look-alike "
            f"pair{'s' * (result.look_alikes != 1)}, depth {result.max_depth} "
            f"({result.seconds:.2f} s)"
        )


def _organization(slug: str) -> Organization:
    from bearing.orgs.models import Organization

    organization = Organization.objects.filter(slug=slug).first()
    if organization is None:
        raise UserError(f"no organization with slug {slug!r}")
    return organization
