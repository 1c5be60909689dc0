"""bench/RESULTS.md, rewritten from every figure the benchmarks saved in bench/data/."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from bench.harness import DATA, ROOT, machine

RESULTS = ROOT / "bench" / "RESULTS.md"


def _load(name: str) -> dict[str, Any] | None:
    path = DATA / name
    return json.loads(path.read_text()) if path.exists() else None


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds >= 0.1 else f"{seconds * 1000:.1f} ms"


def _size(n: int) -> str:
    return f"{n / 1e6:.2f} MB" if n >= 1e6 else f"{n / 1e3:.1f} KB"


def _pages(result: dict[str, Any], before: dict[str, Any] | None) -> list[str]:
    floor = result["floor_seconds"]
    old = {r["name"]: r for r in (before or {}).get("reads", [])}
    lines = [
        f"{result['people']:,} people on {result['engine']}, measured {result['taken_at']}. "
        f"Floor (one bare SQL read of the tree's rows + `json.dumps`): **{_ms(floor)}**.",
        "",
    ]
    if before:
        lines += [
            "| page or read | before | × floor | size | now | × floor | size | ok |",
            "|---|---|---|---|---|---|---|---|",
        ]
    else:
        lines += ["| page or read | time | × floor | size | ok |", "|---|---|---|---|---|"]
    for r in result["reads"]:
        now = f"{_ms(r['seconds'])} | {r['ratio']:.1f}× | {_size(r['bytes'])}"
        ok = "✓" if r["ok"] else "✗"
        if before:
            b = old.get(r["name"])
            was = (
                f"{_ms(b['seconds'])} | {b['ratio']:.0f}× | {_size(b['bytes'])}"
                if b
                else "– | – | –"
            )
            lines.append(f"| {r['name']} | {was} | {now} | {ok} |")
        else:
            lines.append(f"| {r['name']} | {now} | {ok} |")
    return lines


def write_results() -> Path:
    m = machine()
    out = [
        "# Benchmark results",
        "",
        f"Written by `./dev bench` on {time.strftime('%Y-%m-%d')}: {m['machine']}, "
        f"Python {m['python']}, {m['system']}. Timings are medians; each part says its own "
        "run. The load generator runs on the same machine as the server.",
        "",
        "Commands: `./dev bench pages`, `./dev bench load`, `./dev bench writes`, "
        "`./dev bench offline`, `./dev bench postgres` (see bench/README.md).",
    ]
    for engine, people in (("sqlite", 10_000), ("postgres", 100_000)):
        result = _load(f"pages-{engine}-{people}.json")
        if result:
            before = _load(f"pages-{engine}-{people}.before.json")
            out += ["", f"## Pages and API reads: {people:,} people on {engine}", ""]
            out += _pages(result, before)
    load = _load("load-sqlite-10000.json")
    if load:
        out += [
            "", "## Load: signed-in people at once", "",
            f"{load['users']} people for {load['seconds']} s over the mix in bench/locustfile.py, "
            f"`bearing serve` with {load['workers']} workers × {load['threads']} threads on "
            f"SQLite, measured {load['taken_at']}. Target: p95 < 300 ms, no errors.", "",
            "| page | requests | p50 | p95 | p99 | failed |", "|---|---|---|---|---|---|",
        ]  # fmt: skip
        out += [
            f"| {r['name']} | {r['requests']:,} | {_ms(r['p50'])} | {_ms(r['p95'])} | "
            f"{_ms(r['p99'])} | {r['failures']} |"
            for r in load["pages"]
        ]
    writes = _load("writes-sqlite-10000.json")
    if writes:
        out += [
            "", "## Writes: check-ins with three values each", "",
            f"{writes['clients']} clients for {writes['seconds']:.0f} s against `bearing serve` "
            f"({writes['workers']} workers × {writes['threads']} threads) on SQLite, measured "
            f"{writes['taken_at']}: **{writes['per_second']:.0f} check-ins/s** "
            f"({writes['acknowledged']:,} acknowledged, {writes['acknowledged_values']:,} values); "
            f"answers {writes['answers']}; stored {writes['stored_checkins']:,} check-ins and "
            f"{writes['stored_values']:,} values; lost **{writes['lost']}**. Target: ≥ 200/s.",
        ]  # fmt: skip
    offline = _load("offline.json")
    if offline:
        out += [
            "", "## Offline commands", "",
            f"Each a whole `bearing` process (start-up included), median of 3, measured "
            f"{offline['taken_at']}. Target: within 2 s at 12,000 key results.", "",
            "| key results | file | score | lint | align |", "|---|---|---|---|---|",
        ]  # fmt: skip
        out += [
            f"| {r['key_results']:,} | {_size(r['bytes'])} | {r['score']:.2f} s | "
            f"{r['lint']:.2f} s | {r['align']:.2f} s |"
            for r in offline["sizes"]
        ]
    RESULTS.write_text("\n".join(out) + "\n")
    return RESULTS
