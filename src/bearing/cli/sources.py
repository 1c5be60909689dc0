"""`bearing sources run`: fetch an organization's due data sources now (for cron, or to see
what the scheduler would do); `--all` fetches every source whether due or not."""

from __future__ import annotations

import click

from bearing.cli.accounts import _organization
from bearing.cli.common import with_django


@click.group()
def sources() -> None:
    """Key results and KPIs fed from data sources."""


@sources.command("run")
@click.option("--org", "slug", required=True, help="The organization's slug.")
@click.option("--all", "every", is_flag=True, help="Fetch every source now, due or not.")
@with_django
def sources_run(slug: str, every: bool) -> None:
    """Fetch the due sources, record what changed, and print one line per source.

    A failure is recorded on its key result (and retried); the exit code stays 0, since the
    command did what it was asked."""
    from django.utils import timezone

    from bearing.integrations.models import Source
    from bearing.integrations.services import refresh, run_due, sources_of

    organization = _organization(slug)
    now = timezone.now()
    if every:
        rows: list[Source] = list(sources_of(organization.pk))
        outcomes = [(s, refresh(s, now)) for s in rows]
    else:
        outcomes = run_due(now, organization.pk, with_sources=True)
    for source, outcome in outcomes:
        target = source.key_result.title if source.key_result else f"KPI {source.kpi}"
        if outcome.ok:
            said = "recorded" if outcome.recorded else "unchanged"
            click.echo(f"{target}: {outcome.value:f} ({said})")
        else:
            click.echo(f"{target}: failed: {outcome.error}")
    click.echo(f"{len(outcomes)} source(s) fetched.")
