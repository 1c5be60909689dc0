"""`bearing snapshot`: record this week's connectivity of every active cycle (weekly cron)."""

from __future__ import annotations

import click

from bearing.cli.common import UserError, with_django
from bearing.domain.wording import counted


@click.command()
@click.option("--org", "org_slug", default=None, help="Only this organization's cycles.")
@with_django
def snapshot(org_slug: str | None) -> None:
    """Take this week's connectivity snapshot of every active cycle.

    Run it weekly (e.g. from cron: `0 6 * * 1 bearing snapshot`) so Alignment health
    has a trend line. A second run in the same week refreshes that week's snapshot.
    """
    from bearing.okrs.analytics import snapshot_all_active
    from bearing.orgs.models import Organization

    organization = None
    if org_slug is not None:
        organization = Organization.objects.filter(slug=org_slug).first()
        if organization is None:
            raise UserError(f"no organization with slug {org_slug!r}")
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
