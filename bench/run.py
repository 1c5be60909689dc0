"""Benchmarks: scoring a large organization's cycle, through the domain core and the database.

    ./dev bench                          10,000 people on SQLite (a file in a temporary folder)
    ./dev bench --people 2000 --repeat 5
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bearing_bench ./dev bench

Targets (checked here, not in the test suite, where timing would be flaky):
scoring a 10,000-person cycle takes under 2 s through the domain core and under
10 s through the database on a laptop-class machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bearing.domain.report import score_report
from bench.synthetic import as_okr_set, generate

TARGETS = {"domain": 2.0, "database": 10.0}


def timed(label: str, action: Callable[[], object], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        began = time.perf_counter()
        action()
        runs.append(time.perf_counter() - began)
    best, median = min(runs), statistics.median(runs)
    print(f"  {label:<44} best {best:7.3f} s   median {median:7.3f} s   ({repeat} runs)")
    return median


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--weeks", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    org = generate(people=args.people, weeks=args.weeks)
    okrs = as_okr_set(org)
    krs = sum(len(o.key_results) for o in org.objectives)
    print(f"Synthetic organization: {args.people:,} people, {len(org.teams):,} teams, "
          f"{len(org.objectives):,} objectives, {krs:,} key results, {org.measurement_count:,} measurements")  # fmt: skip
    print("Domain core (pure Python):")
    results = {
        "domain": timed(
            "score_report of the whole cycle", lambda: score_report(okrs, org.as_of), args.repeat
        )
    }

    with tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("DATABASE_URL", f"sqlite:///{Path(folder) / 'bench.sqlite3'}")
        results["database"] = bench_database(org, args.repeat)

    failed = [
        name
        for name, seconds in results.items()
        if seconds > TARGETS[name] and args.people <= 10_000
    ]
    for name in failed:
        print(
            f"MISSED: {name} took {results[name]:.2f} s; the target is {TARGETS[name]} s",
            file=sys.stderr,
        )
    return 1 if failed else 0


def ensure_postgres_database(url: str) -> None:
    """Create the benchmark's PostgreSQL database when it does not exist yet."""
    import dj_database_url
    import psycopg

    c = dj_database_url.parse(url)
    admin = psycopg.connect(
        host=c["HOST"], port=c["PORT"] or 5432, user=c["USER"], dbname="postgres", autocommit=True
    )
    with admin:
        if not admin.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [c["NAME"]]
        ).fetchone():
            admin.execute(f'CREATE DATABASE "{c["NAME"]}"')


def bench_database(org: object, repeat: int) -> float:
    if os.environ["DATABASE_URL"].startswith("postgres"):
        ensure_postgres_database(os.environ["DATABASE_URL"])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bearing.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bearing.okrs.models import Objective
    from bearing.okrs.scoring import (
        histories_for,
        score_objectives,
        with_key_results,
        with_scoring_data,
    )
    from bench.synthetic import load

    call_command("migrate", verbosity=0)
    slug = f"bench-{int(time.time())}"
    began = time.perf_counter()
    organization, cycle = load(org, slug)  # type: ignore[arg-type]
    print(f"Database ({connection.vendor}): loaded in {time.perf_counter() - began:.1f} s")

    objectives = Objective.objects.filter(cycle=cycle).select_related("team")
    as_of = org.as_of  # type: ignore[attr-defined]

    def with_instances() -> None:
        score_objectives(with_scoring_data(objectives), cycle, as_of, organization.bands)

    def with_tuples() -> None:
        score_objectives(
            with_key_results(objectives),
            cycle,
            as_of,
            organization.bands,
            histories_for(objectives),
        )

    timed("load + score, measurements as model instances", with_instances, repeat)
    seconds = timed("load + score, measurements as tuples (pages)", with_tuples, repeat)
    organization.delete()  # a PostgreSQL bench database is kept between runs
    return seconds


if __name__ == "__main__":
    raise SystemExit(main())
