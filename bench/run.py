"""`./dev bench [WHAT …] [--people N]`: measure Bearing at scale and write bench/RESULTS.md.

    ./dev bench                 everything below, at 10,000 people on SQLite
    ./dev bench pages           every page and API read against the floor (bench/pages.py)
    ./dev bench load            50 signed-in clients over a realistic mix (bench/load.py)
    ./dev bench writes          sustained check-ins from 16 clients (bench/writes.py)
    ./dev bench offline         `bearing score | lint | align` at 1k, 10k and 100k key results
    ./dev bench postgres        pages at 100,000 people on PostgreSQL (slow to build once)

Synthetic organizations are built once into bench/data/ and reused while the generator and
the schema stay the same. Each part saves its figures in bench/data/<part>-….json;
bench/RESULTS.md is rewritten from every saved figure with the machine and the date. Timing
belongs here, never in the test suite (there: query counts and rows read).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PARTS = ("pages", "load", "writes", "offline", "postgres")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("what", nargs="*", choices=[*PARTS, []], default=[])
    parser.add_argument("--people", type=int, default=10_000)
    args = parser.parse_args()
    wanted = args.what or [p for p in PARTS if p != "postgres"]
    failures = 0
    for part in wanted:
        print(f"\n== {part}", flush=True)
        failures += _run(part, args.people)
    from bench.report import write_results

    path = write_results()
    print(f"\nWrote {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")
    return 1 if failures else 0


def _run(part: str, people: int) -> int:
    if part == "pages":
        from bench import pages

        return pages.main(["--people", str(people)])
    if part == "postgres":
        from bench import pages

        return pages.main(["--people", "100000", "--engine", "postgres"])
    if part == "load":
        from bench import load

        return load.main(["--people", str(people)])
    if part == "writes":
        from bench import writes

        return writes.main([])
    from bench import offline

    return offline.main([])


if __name__ == "__main__":
    raise SystemExit(main())
