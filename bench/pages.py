"""Every page and API read of a large organization, timed against the floor.

    ./dev bench pages [--people 10000] [--engine sqlite|postgres]

One signed-in admin, one client, a real `bearing serve`; the median of three runs after
one warm-up. The floor (``harness.floor_seconds``) is measured in the same run. Targets
(issue 8): every read ≤ 5× the floor, the alignment tree API ≤ 3×, nothing over 1.5 MB.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import DATA, Target, built, floor_seconds, serving, signed_in, stamp

PAGE_LIMIT = 5.0
TREE_LIMIT = 3.0
MAX_BYTES = 1_500_000


def reads(m: dict[str, Any]) -> dict[str, str]:
    """Name → address of every page and API read, for the organization ``m`` describes."""
    o = f"/o/{m['slug']}"
    c, obj, team, kr = m["cycle_id"], m["objective_id"], m["team_id"], m["key_result_id"]
    return {
        "Home": f"{o}/",
        "Objective": f"{o}/objectives/{obj}/",
        "Check-in form": f"{o}/objectives/{obj}/check-in/",
        "Edit objective": f"{o}/objectives/{obj}/edit/",
        "Align form": f"{o}/objectives/{obj}/align/",
        "Edit key result": f"{o}/key-results/{kr}/edit/",
        "Teams": f"{o}/teams/",
        "Team": f"{o}/teams/{team}/",
        "Alignment": f"{o}/alignment/",
        "Alignment health": f"{o}/alignment/health/",
        "Coach": f"{o}/coach/?team=all",
        "Cycles": f"{o}/cycles/",
        "Grade": f"{o}/cycles/{c}/grade/",
        "Settings": f"{o}/settings/",
        "New objective": f"{o}/objectives/new/",
        "OKR files": f"{o}/okr-files/",
        "API tokens": f"{o}/api-tokens/",
        "GET /me": "/api/v1/me",
        "GET /cycles": "/api/v1/cycles",
        "GET /cycles/{id}": f"/api/v1/cycles/{c}",
        "GET /cycles/{id}/alignment": f"/api/v1/cycles/{c}/alignment",
        "GET /cycles/{id}/connectivity": f"/api/v1/cycles/{c}/connectivity",
        "GET /objectives": f"/api/v1/objectives?cycle={c}",
        "GET /objectives/{id}": f"/api/v1/objectives/{obj}",
        "GET /objectives/{id}/check-ins": f"/api/v1/objectives/{obj}/check-ins",
        "GET /key-results/{id}": f"/api/v1/key-results/{kr}",
        "GET /key-results/{id}/measurements": f"/api/v1/key-results/{kr}/measurements",
        "GET /alignment-links": f"/api/v1/alignment-links?cycle={c}",
        "GET /teams": "/api/v1/teams",
        "GET /cycles/{id}/orphans": f"/api/v1/cycles/{c}/orphans",
        "GET /cycles/{id}/look-alikes": f"/api/v1/cycles/{c}/look-alikes",
        "Values of a key result": f"{o}/key-results/{kr}/values/",
        "Alignment branch": f"{o}/alignment/below/{obj}/",
        "Team search": f"{o}/search/teams/?q=team 1",
        "People search": f"{o}/search/people/?q=person 1",
        "Objective search": f"{o}/search/objectives/?q=growth&cycle={c}",
        "People": f"{o}/people/",
        "Teams branch": f"{o}/teams/below/{team}/",
        "GET /people": "/api/v1/people",
        "GET /teams/{id}/members": f"/api/v1/teams/{team}/members",
        "GET /cycles/{id}/okr-file": f"/api/v1/cycles/{c}/okr-file",
    }


def measure(target: Target, only: list[str] | None = None) -> dict[str, Any]:
    manifest = built(target)
    floor = floor_seconds(target, manifest["cycle_id"])
    rows = []
    with serving(target) as base:
        session = signed_in(base, manifest["admin_email"], "bench-password")
        bearer = {"Authorization": f"Bearer {manifest['admin_token']}"}
        for name, address in reads(manifest).items():
            if only and not any(word.lower() in name.lower() for word in only):
                continue
            headers = bearer if address.startswith("/api/") else {}
            times, size, status = [], 0, 0
            for run in range(4):  # one warm-up, then three timed
                began = time.perf_counter()
                response = session.get(base + address, headers=headers, timeout=600, stream=True)
                # Bytes on the wire (requests asks for gzip, and exports are compressed).
                size = len(response.raw.read(decode_content=False))
                elapsed = time.perf_counter() - began
                status = response.status_code
                if run:
                    times.append(elapsed)
            seconds = statistics.median(times)
            limit = TREE_LIMIT if name == "GET /cycles/{id}/alignment" else PAGE_LIMIT
            rows.append({
                "name": name, "address": address, "status": status, "seconds": seconds,
                "ratio": seconds / floor, "bytes": size,
                "ok": status == 200 and seconds / floor <= limit and size <= MAX_BYTES,
            })  # fmt: skip
            mark = "ok " if rows[-1]["ok"] else "MISS"
            print(f"  {mark} {name:<36} {seconds * 1000:8.1f} ms {seconds / floor:7.1f}× "
                  f"{size / 1000:9.1f} KB  {status}", flush=True)  # fmt: skip
    return {"target": target.name, "people": target.people, "engine": target.engine,
            "floor_seconds": floor, "reads": rows, "taken_at": stamp()}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--only", nargs="*", help="measure only reads whose name has a word")
    args = parser.parse_args(argv)
    target = Target(args.engine, args.people)
    print(f"Pages and API reads: {target.people:,} people on {target.engine}")
    result = measure(target, args.only)
    print(f"  floor {result['floor_seconds'] * 1000:.1f} ms")
    if not args.only:
        (DATA / f"pages-{target.name}.json").write_text(json.dumps(result, indent=2))
    return 0 if all(r["ok"] for r in result["reads"]) else 1


if __name__ == "__main__":
    raise SystemExit(main())
