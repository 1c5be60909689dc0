"""`bearing backup FILE` and `bearing restore FILE`: the whole database, exactly.

SQLite is copied with its online backup API, so a running server may keep serving:
the copy is one consistent moment. PostgreSQL goes through its own tools,
`pg_dump --format=custom` and `pg_restore --clean --single-transaction` (they must be
installed, of the server's version or newer). A backup restores into a database of the
same kind; restoring replaces every row Bearing has with the backup's.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import click

from bearing.cli.common import UserError, with_django

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"


def _database() -> dict[str, Any]:
    from django.db import connection

    return dict(connection.settings_dict)


def _is_sqlite(config: dict[str, Any]) -> bool:
    return str(config["ENGINE"]).endswith(("sqlite", "sqlite3"))


def _pg_env(config: dict[str, Any]) -> dict[str, str]:
    """libpq's own variables, so no password ever shows in a process list."""
    env = {**os.environ, "PGHOST": config.get("HOST") or "127.0.0.1",
           "PGPORT": str(config.get("PORT") or 5432), "PGDATABASE": config["NAME"]}  # fmt: skip
    if config.get("USER"):
        env["PGUSER"] = config["USER"]
    if config.get("PASSWORD"):
        env["PGPASSWORD"] = config["PASSWORD"]
    return env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise UserError(
            f"{name} is not installed; install PostgreSQL's client tools (postgresql-client)"
        )
    return found


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["failed"])[-1]
        raise UserError(f"{Path(command[0]).name}: {last}")


@click.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@with_django
def backup(file: Path, force: bool) -> None:
    """Write the whole database to FILE (while Bearing keeps serving)."""
    if file.exists() and not force:
        raise UserError(f"{file} exists; choose another name or pass --force")
    config = _database()
    partial = file.with_name(file.name + ".partial")
    if _is_sqlite(config):
        source = sqlite3.connect(config["NAME"])
        target = sqlite3.connect(partial)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
    else:
        _run([_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
              f"--file={partial}"], _pg_env(config))  # fmt: skip
    partial.replace(file)  # a backup file is whole or not there at all
    click.echo(f"Backed up the database to {file} ({file.stat().st_size:,} bytes).")


@click.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_django
def restore(file: Path, yes: bool) -> None:
    """Replace the whole database with the backup in FILE."""
    config = _database()
    sqlite = _is_sqlite(config)
    with file.open("rb") as f:
        head = f.read(len(SQLITE_MAGIC))
    if sqlite and not head.startswith(SQLITE_MAGIC):
        raise UserError(f"{file} is not a SQLite backup (made by `bearing backup` on SQLite)")
    if not sqlite and not head.startswith(PG_MAGIC):
        raise UserError(
            f"{file} is not a PostgreSQL backup (made by `bearing backup` on PostgreSQL)"
        )
    where = config["NAME"]
    if not yes:
        click.confirm(
            f"Replace everything in {where} with the backup {file}? This cannot be undone",
            abort=True,
        )
    from django.db import connection

    connection.close()  # nothing of ours holds the database while it is replaced
    if sqlite:
        source = sqlite3.connect(f"file:{file}?mode=ro", uri=True)
        target = sqlite3.connect(where, timeout=30)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
    else:
        _run([_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
              "--single-transaction", "--exit-on-error", f"--dbname={config['NAME']}", str(file)],
             _pg_env(config))  # fmt: skip
    from bearing.cli.server import pending_migrations

    pending = pending_migrations()
    after = f" {len(pending)} migration(s) are pending: run `bearing migrate`." if pending else ""
    click.echo(f"Restored {where} from {file}.{after}")
