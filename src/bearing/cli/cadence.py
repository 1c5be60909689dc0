"""`bearing cadence run`: the cadence jobs due at a moment, run now, as the scheduler would."""

from __future__ import annotations

from datetime import datetime

import click

from bearing.cli.accounts import _organization
from bearing.cli.common import UserError, with_django


@click.group()
def cadence() -> None:
    """Check-in reminders, escalations and digests."""


@cadence.command("run")
@click.option("--org", "slug", required=True, help="The organization's slug.")
@click.option(
    "--at",
    default=None,
    help="The moment to run as (2027-02-15T09:00, in the organization's time zone unless an "
    "offset is given) [default: now].",
)
@with_django
def cadence_run(slug: str, at: str | None) -> None:
    """Run every cadence job due at that moment and send what they made; prints what was sent.

    Running it again sends nothing twice: each notice is kept once per person and week."""
    from django.utils import timezone

    from bearing.notify.cadence_jobs import run_due
    from bearing.notify.cadence_settings import aware, settings_for
    from bearing.notify.deliver import deliver_due

    organization = _organization(slug)
    moment = timezone.now()
    if at is not None:
        try:
            moment = datetime.fromisoformat(at)
        except ValueError:
            raise UserError(f"--at {at!r} is not a moment like 2027-02-15T09:00") from None
        if moment.tzinfo is None:
            moment = aware(moment, settings_for(organization))
    sent = run_due(organization, moment)
    delivered = deliver_due(moment, organization_id=organization.pk)
    for line in sent:
        click.echo(str(line))
    click.echo(
        f"{len(sent)} notice(s) and post(s) made, {delivered} delivery(ies) sent"
        f" ({moment.isoformat()})."
    )
