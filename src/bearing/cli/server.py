"""`bearing serve | migrate | demo`: the production server, migrations and demo data."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import tempfile
from pathlib import Path
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
    _check_production_settings()
    # No query outlives its request: PostgreSQL cancels a statement at the request's limit.
    os.environ.setdefault(
        "BEARING_STATEMENT_TIMEOUT", os.environ.get("BEARING_REQUEST_TIMEOUT", "60")
    )
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
    control = control_socket(host, port)
    click.echo(
        f"Bearing is serving on http://{host}:{port}/ ({workers} workers × {threads} threads; "
        f"control socket {control})",
        err=True,
    )
    # On the embedded database one command is the whole installation: the background jobs
    # run beside the web server. A PostgreSQL fleet runs `bearing worker` on its own.
    jobs = _start_worker() if is_sqlite() and with_worker else None
    from django.conf import settings

    from bearing.deadline import GRACE_SECONDS

    request_timeout = float(settings.BEARING_REQUEST_TIMEOUT)
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
            # The request deadline (deadline.py) stops slow requests; gunicorn's own timeout
            # only catches a worker that stopped answering altogether.
            "timeout": int(request_timeout + GRACE_SECONDS + 30) if request_timeout > 0 else 120,
            "graceful_timeout": 10,
            "forwarded_allow_ips": "127.0.0.1,::1",
            "post_worker_init": _arm_watchdog,
            # One control socket per server (gunicornc), never one shared in the home folder.
            "control_socket": str(control),
            "control_socket_mode": 0o600,
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
@click.option(
    "--tick",
    default=60.0,
    show_default=True,
    help="Seconds between the scheduler's looks at the cadence (reminders, digests).",
)
@click.option(
    "--scheduler/--no-scheduler",
    default=True,
    show_default=True,
    help="Also run the scheduler that queues the cadence jobs (several may: it is idempotent).",
)
@with_django
def worker(interval: float, tick: float, scheduler: bool) -> None:
    """Run background jobs (cycle analyses, reminders, digests, notices, webhooks) and the
    scheduler until stopped.

    `bearing serve` starts one beside itself on SQLite; on PostgreSQL run one or more next
    to the web servers. With BEARING_REDIS_URL the jobs go over Redis (RQ). A job interrupted
    by a crash runs again: every job is idempotent."""
    from django.conf import settings
    from django.core.management import call_command

    from bearing.notify.scheduler import Scheduler

    clock = Scheduler(tick) if scheduler else None
    if clock is not None:
        clock.start()
    try:
        if settings.REDIS_URL:
            call_command("rqworker", "default", job_class="django_tasks_rq.Job")
        else:
            call_command("db_worker", queue_name="*", interval=interval, startup_delay=False)
    finally:
        if clock is not None:
            clock.stop()


def control_socket(host: str, port: int) -> Path:
    """This server's gunicorn control socket: in the user's runtime folder (or a private one
    under the temporary folder), named after the address it serves."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    folder = Path(runtime) if runtime and Path(runtime).is_dir() else _private_temp()
    name = "".join(c if c.isalnum() or c in ".-" else "_" for c in f"{host}-{port}")
    return folder / f"bearing-{name}.ctl"


def _private_temp() -> Path:
    folder = Path(tempfile.gettempdir()) / f"bearing-{os.getuid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def _arm_watchdog(worker: Any) -> None:
    """In each gunicorn worker: retire it after a request timed out (a fresh one replaces
    it), and end it if a request cannot be stopped at all."""
    from bearing.deadline import watchdog

    def retire() -> None:
        worker.alive = False

    watchdog.after_timeout = retire
    watchdog.when_stuck = lambda: os._exit(70)


def _check_production_settings() -> None:
    """Behind TLS (BEARING_HTTPS=1) Bearing is in production: it must know its host names,
    or a forged Host header would be believed (in pagination links, say)."""
    if os.environ.get("BEARING_HTTPS") == "1" and not os.environ.get("BEARING_ALLOWED_HOSTS"):
        raise UserError(
            "BEARING_HTTPS=1 needs BEARING_ALLOWED_HOSTS: the host names Bearing answers to, "
            "e.g. BEARING_ALLOWED_HOSTS=okrs.example.com"
        )


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
