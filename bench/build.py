"""Build a synthetic organization into the database DATABASE_URL names, and say what was built.

    DATABASE_URL=sqlite:////tmp/x.sqlite3 python -m bench.build --people 10000

Run as its own process (Django reads its settings from the environment once). Migrates the
database, loads the organization with ``bench.synthetic.load``, brings every stored figure up
to date as the services would, and prints a JSON description (``bench.synthetic.Loaded``)
on the last line of standard output.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import asdict
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--slug", default="bench")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bearing.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from bench.synthetic import generate, load

    call_command("migrate", verbosity=0)
    # A cycle that started 85 days ago: twelve weeks of values lie in the past, and the
    # cycle is still running today, so pages show pace, forecasts and who is due.
    start = timezone.localdate() - timedelta(days=85)
    began = time.perf_counter()
    loaded = load(generate(people=args.people, start=start), args.slug)
    print(f"loaded in {time.perf_counter() - began:.1f} s", file=sys.stderr)
    began = time.perf_counter()
    refresh_stored_figures(loaded.cycle_id)
    print(f"stored figures in {time.perf_counter() - began:.1f} s", file=sys.stderr)
    print(json.dumps(asdict(loaded)))
    return 0


def refresh_stored_figures(cycle_id: int) -> None:
    """What the services keep up to date on every write, computed once for bulk-loaded rows."""
    try:
        from bearing.okrs.derived import refresh_cycle
    except ImportError:  # a checkout from before stored figures existed
        return
    from bearing.okrs.models import Cycle

    refresh_cycle(Cycle.objects.get(pk=cycle_id))


if __name__ == "__main__":
    raise SystemExit(main())
