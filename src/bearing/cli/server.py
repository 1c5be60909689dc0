"""`bearing serve | migrate | demo`: the production server, migrations and demo data."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
from typing import Any

import click

from bearing.cli.common import UserError, setup_django, with_django


def pending_migrations() -> list[str]:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{m.app_label}.{m.name}" for m, _ in plan]


def run_migrations(verbosity: int = 1) -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)


def is_sqlite() -> bool:
    from django.db import connection

    return connection.vendor == "sqlite"


@click.command()
@with_django
def migrate() -> None:
    """Apply pending database migrations (run once per release on a PostgreSQL fleet)."""
    pending = pending_migrations()
    if not pending:
        click.echo("The database is up to date.")
        return
    run_migrations()
    click.echo(f"Applied {len(pending)} migration(s).")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--workers",
    default=None,
    type=click.IntRange(1, 64),
    help="Processes [default: 2 per CPU, at most 8].",
)
@click.option(
    "--threads",
    default=4,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Threads per process.",
)
@click.option(
    "--worker/--no-worker",
    "with_worker",
    default=True,
    show_default=True,
    help="On SQLite, also run the background-job worker (`bearing worker`).",
)
def serve(host: str, port: int, workers: int | None, threads: int, with_worker: bool) -> None:
    """Serve Bearing with gunicorn, a production-grade WSGI server.

    On the embedded SQLite database pending migrations are applied first; on
    PostgreSQL run `bearing migrate` once per release instead.
    """
    setup_django()
    pending = pending_migrations()
    if pending and is_sqlite():
        click.echo(
            f"Applying {len(pending)} pending migration(s) to the SQLite database…", err=True
        )
        run_migrations(verbosity=0)
    elif pending:
        raise UserError(
            f"the database needs {len(pending)} migration(s); run `bearing migrate` first"
        )
    workers = workers or min(2 * multiprocessing.cpu_count(), 8)
    click.echo(
        f"Bearing is serving on http://{host}:{port}/ ({workers} workers × {threads} threads)",
        err=True,
    )
    # On the embedded database one command is the whole installation: the background jobs
    # run beside the web server. A PostgreSQL fleet runs `bearing worker` on its own.
    jobs = _start_worker() if is_sqlite() and with_worker else None
    _Gunicorn(
        {
            "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
            "workers": workers,
            "threads": threads,
            "worker_class": "gthread",
            "accesslog": "-",
            "errorlog": "-",
            "timeout": 60,
            "graceful_timeout": 10,
            "forwarded_allow_ips": "127.0.0.1,::1",
        }
    ).run()
    if jobs is not None:
        _stop(jobs)


def _start_worker() -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "bearing", "worker"])


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


@click.command()
@click.option(
    "--interval", default=1.0, show_default=True, help="Seconds between looks at the queue."
)
@with_django
def worker(interval: float) -> None:
    """Run background jobs (the cycle analyses; later reminders and digests) until stopped.

    `bearing serve` starts one beside itself on SQLite; on PostgreSQL run one or more next
    to the web servers. A job interrupted by a crash runs again: every job is idempotent."""
    from django.core.management import call_command

    call_command("db_worker", queue_name="*", interval=interval, startup_delay=False)


class _Gunicorn:
    """gunicorn's application class, built lazily so offline commands never import it."""

    def __init__(self, options: dict[str, Any]) -> None:
        from gunicorn.app.base import BaseApplication

        from bearing.wsgi import application

        class App(BaseApplication):  # type: ignore[misc]
            def load_config(self) -> None:
                for key, value in options.items():
                    self.cfg.set(key, value)

            def load(self) -> Any:
                return application

        self.app = App()

    def run(self) -> None:
        self.app.run()


@click.command()
@click.option(
    "--password", default=None, help="The demo people's password [default: bearing-demo]."
)
@with_django
def demo(password: str | None) -> None:
    """Create the demo organization (slug `demo`) with a realistic company's OKRs."""
    from bearing.demo import DEMO_PASSWORD, create_demo

    if pending_migrations():
        click.echo("Migrating the database first…", err=True)
        run_migrations(verbosity=0)
    result = create_demo(password=password or DEMO_PASSWORD)
    if result.created:
        click.echo(f"Created the demo organization {result.organization.name!r} (slug demo).")
    else:
        click.echo("The demo organization exists already; nothing was changed.")
    click.echo("\nSign in at http://127.0.0.1:8000/ (after `bearing serve`) as any of:")
    for email, role in result.sign_ins:
        click.echo(f"  {email:<34} {role:<7} password: {password or DEMO_PASSWORD}")
