"""`bearing report`: a cycle's quarterly report as a PDF or an HTML file (docs/maturity.md)."""

from __future__ import annotations

from pathlib import Path

import click

from bearing.cli.common import UserError, with_django
from bearing.cli.io import _cycle, organization_by_slug


@click.command()
@click.option("--org", "slug", required=True, help="The organization's slug.")
@click.option("--cycle", "cycle_name", required=True, help="The cycle's name, e.g. 2026-Q1.")
@click.option("--team", "team_name", default=None, help="One team's report (its name).")
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False, writable=True),
    default=None,
    help="FILE.pdf or FILE.html (default: the report's name, as a PDF, here).",
)
@with_django
def report(slug: str, cycle_name: str, team_name: str | None, output: Path | None) -> None:
    """Write the quarterly report of a cycle: scores, alignment, the coach's summary,
    maturity, confidence calibration, wins, learnings and retrospectives.

    At the command line the operator sees every objective, private ones too, as
    `bearing export` does."""
    from bearing.maturity.pdf import html_to_pdf
    from bearing.maturity.report import build_report
    from bearing.orgs.models import Membership, Role, Team
    from bearing.web.views.report import report_document, report_filename

    organization = organization_by_slug(slug)
    cycle = _cycle(organization, cycle_name)
    team = None
    if team_name is not None:
        team = Team.objects.filter(organization=organization, name=team_name).first()
        if team is None:
            raise UserError(f"{slug} has no team named {team_name!r}")
    suffix = output.suffix.lower() if output else ".pdf"
    if suffix not in (".pdf", ".html"):
        raise UserError(f"{output}: the report is written as .pdf or .html")
    # An admin's view, never saved: what `bearing export` shows.
    operator = Membership(organization=organization, role=Role.ADMIN)
    built = build_report(operator, cycle, team)
    output = output or Path(report_filename(built, suffix[1:]))
    document = report_document(built)
    try:
        if suffix == ".pdf":
            output.write_bytes(html_to_pdf(document))
        else:
            output.write_text(document, encoding="utf-8")
    except OSError as exc:
        raise UserError(f"{output}: {exc.strerror}") from None
    click.echo(f"Wrote the report of {built.title.split(' — ')[0]} for {cycle.name} to {output}.")
