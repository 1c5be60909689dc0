"""Concurrent load: 50 signed-in people over a realistic mix for 60 s (locust, headless).

    ./dev bench load [--people 10000] [--users 50] [--seconds 60]

Against a real `bearing serve` on the synthetic organization (SQLite), with the background
worker beside it as in production. Records p50/p95/p99 and failures per page; the target
(issue 8) is p95 < 300 ms for every page and no errors. The load generator runs on the same
machine, so it takes a share of its cores: the figures are a floor on what a separate client
machine would see.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import DATA, ROOT, Target, built, serving, stamp

P95_TARGET = 0.300


def measure(target: Target, users: int, seconds: int, workers: int, threads: int) -> dict[str, Any]:
    built(target)
    prefix = DATA / f"locust-{target.name}"
    with serving(target, workers=workers, threads=threads) as base:
        env = {**os.environ, "BENCH_MANIFEST": str(target.manifest)}
        began = time.time()
        subprocess.run(
            [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"),
             "--headless", "-u", str(users), "-r", str(max(users // 5, 1)), "-t", f"{seconds}s",
             "--host", base, "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING"],
            cwd=ROOT, env=env, check=False, capture_output=True, text=True,
        )  # fmt: skip
        elapsed = time.time() - began
    rows = []
    with open(f"{prefix}_stats.csv", newline="") as f:
        for row in csv.DictReader(f):
            if row["Name"] == "Aggregated" or row["Name"].startswith("sign in"):
                continue
            rows.append({
                "name": row["Name"], "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]), "p50": _ms(row["50%"]),
                "p95": _ms(row["95%"]), "p99": _ms(row["99%"]), "rps": float(row["Requests/s"]),
            })  # fmt: skip
    return {"target": target.name, "users": users, "seconds": seconds, "elapsed": elapsed,
            "workers": workers, "threads": threads, "pages": rows,
            "taken_at": stamp()}  # fmt: skip


def _ms(text: str) -> float:
    return float(text) / 1000 if text not in ("", "N/A") else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args(argv)
    target = Target("sqlite", args.people)
    print(
        f"Load: {args.users} signed-in people for {args.seconds} s, {target.people:,} people on SQLite"
    )
    result = measure(target, args.users, args.seconds, args.workers, args.threads)
    for r in result["pages"]:
        mark = "ok " if r["p95"] < P95_TARGET and not r["failures"] else "MISS"
        print(f"  {mark} {r['name']:<32} {r['requests']:6} req  p50 {r['p50'] * 1000:6.0f} ms  "
              f"p95 {r['p95'] * 1000:6.0f} ms  p99 {r['p99'] * 1000:6.0f} ms  {r['failures']} failed")  # fmt: skip
    (DATA / f"load-{target.name}.json").write_text(json.dumps(result, indent=2))
    return 0 if all(r["p95"] < P95_TARGET and not r["failures"] for r in result["pages"]) else 1


if __name__ == "__main__":
    raise SystemExit(main())
