"""`bearing import | export`: OKR files in and out of an organization (okr-file-format.md)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from bearing.cli.common import UserError, read_text, with_django
from bearing.domain.limits import MAX_FILE_BYTES

if TYPE_CHECKING:
    from bearing.okrs.io import ImportResult
    from bearing.okrs.models import Cycle
    from bearing.orgs.models import Organization


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--org", "slug", required=True, help="The organization's slug.")
@click.option("--dry-run", is_flag=True, help="Check the file against the database; write nothing.")
@click.option(
    "--company-team",
    metavar="NAME",
    default=None,
    help="The file's team that is the organization's company team, when their names differ.",
)
@with_django
def import_(file: Path, slug: str, dry_run: bool, company_team: str | None) -> None:
    """Import an OKR file in one transaction: all of it, or nothing if anything is wrong.

    Objectives and key results are matched by ref, so importing the same file
    again updates them instead of adding copies. People the file names who are not
    members are invited, never added (they join with `bearing user add` or their link).
    """
    from bearing.okrs.io import ImportFailed, import_okr_file

    organization = organization_by_slug(slug)
    text = read_text(file, limit=MAX_FILE_BYTES)
    try:
        result = import_okr_file(
            organization=organization, text=text, filename=str(file), dry_run=dry_run,
            company_team=company_team,
        )  # fmt: skip
    except ImportFailed as exc:
        count = len(exc.problems)
        raise UserError(
            f"{file} was not imported ({count} problem{'s' * (count != 1)}; nothing changed):\n{exc}"
        ) from None
    _report(result)


def _report(result: ImportResult) -> None:
    click.echo(result.summary())
    for note in result.notes:
        click.echo(f"note: {note}")
    if result.untouched:
        click.echo(f"Left as they are (not in the file): {', '.join(result.untouched)}")
    if result.derived_refs:
        click.echo("Refs derived from titles (write them into the file to keep them stable):")
        for ref, title in result.derived_refs.items():
            click.echo(f"  {ref}: {title}")


@click.command()
@click.option("--org", "slug", required=True, help="The organization's slug.")
@click.option("--cycle", "cycle_name", required=True, help="The cycle's name, e.g. 2026-Q1.")
@click.option(
    "--format", "fmt", type=click.Choice(["yaml", "csv"]), default="yaml", show_default=True
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False, writable=True),
    help="Write to this file instead of standard output.",
)
@with_django
def export(slug: str, cycle_name: str, fmt: str, output: Path | None) -> None:
    """Export a cycle as an OKR file (YAML, readable by `bearing score`) or as CSV."""
    from bearing.okrs.io import export_csv, export_yaml

    cycle = _cycle(organization_by_slug(slug), cycle_name)
    text = export_yaml(cycle) if fmt == "yaml" else export_csv(cycle)
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UserError(f"{output}: {exc.strerror}") from None
    click.echo(f"Wrote {cycle.name} to {output}.", err=True)


def organization_by_slug(slug: str) -> Organization:
    from bearing.orgs.models import Organization

    found = Organization.objects.filter(slug=slug).first()
    if found is None:
        raise UserError(f"no organization with slug {slug!r}; see `bearing org add --help`")
    return found


def _cycle(organization: Organization, name: str) -> Cycle:
    from bearing.okrs.models import Cycle

    found = Cycle.objects.filter(organization=organization, name=name).first()
    if found is None:
        names = ", ".join(
            Cycle.objects.filter(organization=organization).values_list("name", flat=True)
        )
        raise UserError(
            f"{organization.slug} has no cycle named {name!r}; its cycles: {names or 'none'}"
        )
    return found
