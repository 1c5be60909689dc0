"""Sustained writes: check-ins, each with three values, from 16 clients at once.

    ./dev bench writes [--clients 16] [--seconds 30]

Each client posts `POST /api/v1/objectives/{id}/check-ins` with a value for each of the
objective's three key results, as fast as the server answers, against a real `bearing serve`
on SQLite. Counts check-ins per second and every answer that is not 201; then checks that
every acknowledged check-in and value is in the database (no lost write). The target (issue 8)
is at least 200 check-ins/s and no "database is locked".
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import DATA, Target, built, serving, stamp

TARGET_PER_SECOND = 200


def measure(
    target: Target, clients: int, seconds: float, workers: int, threads: int
) -> dict[str, Any]:
    import requests

    manifest = built(target)
    actors = manifest["actors"][:clients]
    database = target.database_url.removeprefix("sqlite:///")
    before = _counts(database)
    acknowledged: list[int] = []
    answers: Counter[str] = Counter()
    lock = threading.Lock()
    with serving(target, workers=workers, threads=threads) as base:
        stop = time.monotonic() + seconds

        def client(actor: dict[str, Any]) -> None:
            session = requests.Session()
            session.headers["Authorization"] = f"Bearer {actor['token']}"
            n = 0
            while time.monotonic() < stop:
                objective = actor["objectives"][n % len(actor["objectives"])]
                n += 1
                body: dict[str, Any] = {
                    "capacity_status": "on_track", "progress_status": "on_track",
                    "status_reason": "Benchmark week.", "narrative": "Steady.",
                    "values": [{"key_result": kr, "value": 100 + n} for kr in objective["key_results"]],
                }  # fmt: skip
                response = session.post(
                    f"{base}/api/v1/objectives/{objective['id']}/check-ins", json=body, timeout=60
                )
                with lock:
                    answers[str(response.status_code)] += 1
                    if response.status_code == 201:
                        acknowledged.append(len(objective["key_results"]))
                    elif b"locked" in response.content:
                        answers["database is locked"] += 1

        began = time.monotonic()
        pool = [threading.Thread(target=client, args=(a,)) for a in actors]
        for t in pool:
            t.start()
        for t in pool:
            t.join()
        elapsed = time.monotonic() - began
    after = _counts(database)
    stored = after[0] - before[0], after[1] - before[1]
    return {
        "target": target.name, "clients": clients, "seconds": elapsed, "workers": workers,
        "threads": threads, "answers": dict(answers), "acknowledged": len(acknowledged),
        "per_second": len(acknowledged) / elapsed,
        "stored_checkins": stored[0], "stored_values": stored[1],
        "acknowledged_values": sum(acknowledged),
        "lost": len(acknowledged) - stored[0], "taken_at": stamp(),
    }  # fmt: skip


def _counts(database: str) -> tuple[int, int]:
    with sqlite3.connect(database) as db:
        checkins = db.execute("SELECT COUNT(*) FROM okrs_checkin").fetchone()[0]
        values = db.execute("SELECT COUNT(*) FROM okrs_measurement").fetchone()[0]
    return int(checkins), int(values)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args(argv)
    target = Target("sqlite", args.people)
    print(f"Writes: {args.clients} clients checking in for {args.seconds:.0f} s on SQLite")
    r = measure(target, args.clients, args.seconds, args.workers, args.threads)
    print(f"  {r['per_second']:.0f} check-ins/s ({r['acknowledged']} in {r['seconds']:.1f} s, "
          f"{r['acknowledged_values']} values); answers {r['answers']}; "
          f"stored {r['stored_checkins']} check-ins and {r['stored_values']} values; lost {r['lost']}")  # fmt: skip
    (DATA / f"writes-{target.name}.json").write_text(json.dumps(r, indent=2))
    failures = sum(n for code, n in r["answers"].items() if code != "201")
    return 0 if not failures and not r["lost"] and r["per_second"] >= TARGET_PER_SECOND else 1


if __name__ == "__main__":
    raise SystemExit(main())
