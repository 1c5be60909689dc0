"""The offline commands on generated OKR files: `bearing score | lint | align` at 1,000, 10,000
(the issue's 12,000) and 100,000 key results, each as a whole process (start-up included).

    ./dev bench offline

Target (issue 8): each finishes within 2 s on a 12,000-key-result file, and time grows about
linearly with the file.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import DATA, ROOT, stamp
from bench.synthetic import SyntheticOrg, generate

SIZES = {1_000: 1_667, 12_000: 20_000, 100_000: 166_667}  # key results → people (6 per team)
LIMIT_SECONDS = 2.0
COMMANDS = ("score", "lint", "align")


def okr_file(org: SyntheticOrg) -> str:
    """The organization as an OKR file (okr-file-format.md)."""
    names = [name for name, _ in org.teams]
    data: dict[str, Any] = {
        "version": 1,
        "cycle": {"name": org.cycle.name, "start": org.cycle.start, "end": org.cycle.end},
        "as_of": org.as_of,
        "teams": [
            {"name": n, **({"parent": names[p]} if p is not None else {})} for n, p in org.teams
        ],
        "objectives": [
            {
                "ref": o.ref,
                "title": o.title,
                "team": names[o.team],
                **({"aligned_to": [o.parent]} if o.parent else {}),
                "key_results": [
                    {
                        "ref": kr.ref,
                        "title": kr.title,
                        "kind": kr.kind.value,
                        **({"start": str(kr.start)} if kr.start is not None else {}),
                        "target": str(kr.target),
                        # OKRs kept as code carry the current value; the history of values
                        # lives in Bearing (its export adds it).
                        **({"current": str(kr.weekly[-1])} if kr.weekly else {}),
                    }
                    for kr in o.key_results
                ],
            }
            for o in org.objectives
        ],
    }
    return yaml.safe_dump(data, sort_keys=False)


def measure() -> dict[str, Any]:
    results = []
    for krs, people in SIZES.items():
        path = DATA / f"okrs-{krs}.yaml"
        if not path.exists():
            org = generate(people=people, start=date(2026, 1, 1))
            path.write_text(okr_file(org))
        size = path.stat().st_size
        row: dict[str, Any] = {"key_results": krs, "bytes": size}
        for command in COMMANDS:
            times = []
            for _ in range(3):
                began = time.perf_counter()
                done = subprocess.run(
                    [sys.executable, "-m", "bearing", command, str(path), "--format", "json"],
                    cwd=ROOT, capture_output=True, check=False,
                )  # fmt: skip
                times.append(time.perf_counter() - began)
                if done.returncode not in (0, 1):
                    raise SystemExit(f"bearing {command} failed: {done.stderr[-500:]!r}")
            row[command] = statistics.median(times)
        results.append(row)
        print(f"  {krs:>7,} key results ({size / 1e6:5.1f} MB): "
              + "  ".join(f"{c} {row[c]:6.2f} s" for c in COMMANDS), flush=True)  # fmt: skip
    return {"sizes": results, "taken_at": stamp()}


def main(argv: list[str] | None = None) -> int:
    print("Offline commands (each a whole `bearing` process, median of 3)")
    DATA.mkdir(parents=True, exist_ok=True)
    result = measure()
    (DATA / "offline.json").write_text(json.dumps(result, indent=2))
    at_12k = next(r for r in result["sizes"] if r["key_results"] == 12_000)
    return 0 if all(at_12k[c] <= LIMIT_SECONDS for c in COMMANDS) else 1


if __name__ == "__main__":
    raise SystemExit(main())
