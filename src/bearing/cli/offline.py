"""`bearing score | lint | align FILE`: checks of an OKR file with no database (okr-file-format.md)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from bearing.cli.common import UserError, fmt_number, read_text, to_json
from bearing.domain.limits import LOCAL_FILE_LIMITS
from bearing.domain.model import OKRSet
from bearing.domain.okrfile import OKRFileError, parse_okr_file

FILE = click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)


def load(path: Path) -> OKRSet:
    """The user's own file, read on the user's own machine: the larger local limits."""
    limit = LOCAL_FILE_LIMITS.bytes
    text = sys.stdin.read(limit + 1) if str(path) == "-" else read_text(path, limit)
    try:
        return parse_okr_file(text, str(path), LOCAL_FILE_LIMITS)
    except OKRFileError as exc:
        count = len(exc.problems)
        raise UserError(
            f"{path} is not a valid OKR file ({count} problem{'s' * (count != 1)}):\n{exc}"
        ) from None


@click.command()
@FILE
@FORMAT
def score(file: Path, fmt: str) -> None:
    """Score every objective, key result and team of an OKR file."""
    from bearing.domain.report import score_report

    okrs = load(file)
    report = score_report(okrs, date.today())
    if fmt == "json":
        click.echo(to_json(report))
        return
    click.echo(format_score_text(report))
    if okrs.derived_refs:
        click.echo("\nRefs derived from titles (write them into the file to keep them stable):")
        for ref, title in okrs.derived_refs.items():
            click.echo(f"  {ref}: {title}")


def format_score_text(report: dict[str, Any]) -> str:
    cycle = report["cycle"]
    lines = [
        f"{cycle['name']}  {cycle['start']} → {cycle['end']}  as of {cycle['as_of']} "
        f"({cycle['elapsed'] * 100:.0f}% of the cycle elapsed)",
        "",
    ]
    for obj in report["objectives"]:
        lines.append(
            f"{obj['title']}  [{obj['ref']}]  team {obj['team']}\n"
            f"  score {fmt_number(obj['score'])} {obj['color'] or ''}   "
            f"forecast {fmt_number(obj['forecast'])} {obj['status'] or ''}".rstrip()
        )
        if obj["key_results"]:
            lines.append(
                f"  {'key result':<52} {'progress':>8} {'score':>5}  {'colour':<6} {'forecast':>8}  status"
            )
        for kr in obj["key_results"]:
            title = kr["title"] if len(kr["title"]) <= 50 else kr["title"][:49] + "…"
            progress = "–" if kr["progress"] is None else f"{kr['progress'] * 100:.1f}%"
            lines.append(
                f"  {title:<52} {progress:>8} {fmt_number(kr['score']):>5}  {kr['color'] or '–':<6} "
                f"{fmt_number(kr['forecast']):>8}  {kr['status'] or '–'}"
            )
        lines.append("")
    lines.append("Teams")
    for team in report["teams"]:
        lines.append(f"  {team['name']:<30} {fmt_number(team['score']):>5}  {team['color'] or '–'}")
    return "\n".join(lines)


@click.command()
@FILE
@FORMAT
def lint(file: Path, fmt: str) -> None:
    """Coach every objective and key result: limiting, helpful or awesome, and why.

    Exit status 1 when any item is rated limiting, 0 otherwise, 2 for an invalid file.
    """
    from bearing.domain.coach import format_lint_text, has_limiting, lint_report

    report = lint_report(load(file))
    click.echo(to_json(report) if fmt == "json" else format_lint_text(report))
    sys.exit(1 if has_limiting(report) else 0)


@click.command()
@FILE
@FORMAT
def align(file: Path, fmt: str) -> None:
    """Measure how the cycle's objectives connect: aligned, cascaded, cross-functional, depth.

    Look-alike objectives of different teams are found by their words and their meaning."""
    from bearing.domain.alignment import align_report, format_align_text
    from bearing.semantic import fallback_note, meaning_of

    report = align_report(load(file), meaning=meaning_of)
    click.echo(to_json(report) if fmt == "json" else format_align_text(report))
    if note := fallback_note():
        click.echo(f"note: {note}", err=True)
