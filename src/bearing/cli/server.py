"""`bearing serve | migrate | demo`: the production server, migrations and demo data."""

from __future__ import annotations

import multiprocessing
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
def serve(host: str, port: int, workers: int | None, threads: int) -> None:
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
    _Gunicorn(
        {
            "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
            "workers": workers,
            "threads": threads,
            "worker_class": "gthread",
            "accesslog": "-",
            # gunicorn's access line, with the id the application gave the request.
            "access_log_format": '%(h)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms '
            "request_id=%({x-request-id}o)s",
            "errorlog": "-",
            "timeout": 60,
            "graceful_timeout": 10,
            "forwarded_allow_ips": "127.0.0.1,::1",
        }
    ).run()


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
@click.option("--host", default="127.0.0.1", show_default=True, help="Where it will be served.")
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
    help="The port `bearing serve` will listen on (`./dev demo --port 8080` passes it on).",
)  # fmt: skip
@with_django
def demo(password: str | None, host: str, port: int) -> None:
    """Create the demo organization (slug `demo`) with a realistic company's OKRs.

    --host and --port only say where to sign in: pass those you give `bearing serve`."""
    from bearing.demo import DEMO_PASSWORD, create_demo

    if pending_migrations():
        click.echo("Migrating the database first…", err=True)
        run_migrations(verbosity=0)
    result = create_demo(password=password or DEMO_PASSWORD)
    if result.created:
        click.echo(f"Created the demo organization {result.organization.name!r} (slug demo).")
    else:
        click.echo("The demo organization exists already; nothing was changed.")
    where = f"[{host}]" if ":" in host else host
    click.echo(f"\nSign in at http://{where}:{port}/ (after `bearing serve`) as any of:")
    for email, role in result.sign_ins:
        click.echo(f"  {email:<34} {role:<7} password: {password or DEMO_PASSWORD}")
