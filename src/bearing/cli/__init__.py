"""The `bearing` command.

Offline commands (score, lint, align) read an OKR file and never touch a
database or Django; the others set Django up first and honour DATABASE_URL.
"""

from __future__ import annotations

import click

from bearing import __version__
from bearing.cli.accounts import org, token, user
from bearing.cli.analytics import analyse, rescore, snapshot
from bearing.cli.backup import backup, restore
from bearing.cli.cadence import cadence
from bearing.cli.io import export, import_
from bearing.cli.offline import align, lint, score
from bearing.cli.report import report
from bearing.cli.server import demo, migrate, serve, worker
from bearing.cli.sources import sources


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="bearing")
def main() -> None:
    """Bearing: Objectives and Key Results, aligned, checked in, scored and coached."""


for command in (
    score, lint, align, serve, worker, migrate, demo, org, user, token, import_, export,
    snapshot, rescore, analyse, backup, restore, cadence, report,
    sources,
):  # fmt: skip
    main.add_command(command)
