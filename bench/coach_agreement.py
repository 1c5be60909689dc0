"""How well the coach agrees with the labelled OKRs, and how fast it is.

Run: .venv/bin/python bench/coach_agreement.py

Prints, for the tuning split, the held-out split (and its blind second batch)
and blind batches 1 to 4 (independent coaches' labels, blind_batch*.yaml): rating agreement, the confusion matrix, per-rule precision
and recall for the limiting rules, the items it disagrees on, and the time per
item. Each blind batch is shown next to its first measurement, taken sealed,
before any change was made for it. bench/coach_eval.py scores any one batch, such as a sealed one.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from tests.domain.coach.coach_labelled import (  # noqa: E402
    BLIND_1,
    BLIND_2,
    BLIND_3,
    BLIND_4,
    BLIND_6,
    BLIND_7,
    DEV_ATTRIBUTION,
    DEV_ATTRIBUTION_2,
    RATINGS,
    Entry,
    Scores,
    load,
    review,
    score,
)

# Batch 2 was written after the rules existed and scored once before any change.
BATCH2_FIRST_RUN = "0.900 (54/60)"
# Blind batch 1 (blind_batch.yaml, 90 items by an independent OKR coach) measured once,
# before any change for it. Per rule then: objective-quantitative P 0.67, objective-what-
# or-how R 0.57, objective-out-of-bounds R 0.33, kr-compound P 0.60, kr-unmeasurable
# P/R 0.50/0.50, kr-output P/R 0.80/0.89. The fixes that followed were general (see
# docs/coach.md), but they were made looking at its misses: its later figure is a
# tuning figure, not an estimate.
BLIND1_FIRST_RUN = "0.833 (75/90)"
# Blind batch 2 (blind_batch_2.yaml, 90 items, same coach) measured once, sealed, by the
# lead after round 1 (the blind-1 fixes): the honest estimate. The coach from before
# round 1 scores it 0.800 (72/90). Per rule on the sealed run: kr-hard-to-attribute
# R 0.20, objective-out-of-bounds P/R 0.00/0.00, objective-what-or-how P 0.57, objective-
# quantitative P 0.80, kr-compound R 0.60, kr-binary R 0.71, kr-output P/R 0.89/0.80,
# kr-qualitative R 0.67, kr-unmeasurable P/R 0.67/0.67. Round 2 fixed general causes in its misses (see
# docs/coach.md); its later figure is a tuning figure. Blind batch 3 is sealed.
BLIND2_FIRST_RUN = "0.856 (77/90)"
BLIND2_BEFORE_ROUND_1 = "0.800 (72/90)"
# Blind batch 3 (blind_batch_3.yaml, 90 items in 20 industries none of the others use,
# written by an independent coach) measured once, sealed, by the lead after round 2: the
# latest honest estimate. The round-1 coach scored it 0.844 (76/90). No change has been
# made for it; its misses are listed in docs/coach.md ("Known limits").
BLIND3_SEALED_RUN = "0.878 (79/90)"
BLIND3_BEFORE_ROUND_2 = "0.844 (76/90)"
# Blind batch 4 (blind_batch_4.yaml, 100 items of 29 organizations with team trees) scored
# sealed by the lead with main@65dbd6a (round 2): 0.790 three-way, 0.830 limiting-vs-not.
# Round 3 (the owning team's place in the tree) was tuned on it.
BLIND4_SEALED_RUN = "0.790 (79/100), limiting-vs-not 0.830"
# Blind batch 6 (blind_batch_6.yaml, 105 items of 26 organizations with team trees) scored
# sealed by the lead with main@d40771d (round 4): 0.800 three-way, 0.876 limiting-vs-not.
# Round 5 was tuned on it.
BLIND6_SEALED_RUN = "0.800 (84/105), limiting-vs-not 0.876 (92/105)"
# Blind batch 7 (blind_batch_7.yaml, 105 items of 25 organizations with team trees) scored
# sealed by the lead with main@8543258 (round 5): the estimate to quote. Not tuned on.
BLIND7_SEALED_RUN = "0.876 (92/105), limiting-vs-not 0.933 (98/105)"
TIMING_ROUNDS = 20


def _pct(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.2f}"


def print_scores(name: str, s: Scores) -> None:
    print(f"\n== {name}: {s.agreed}/{s.total} agree = {s.agreement:.3f}")
    print("confusion (rows: label, columns: coach)")
    print(" " * 10 + "".join(f"{r:>10}" for r in RATINGS))
    for expected in RATINGS:
        row = "".join(f"{s.confusion[(expected, got)]:>10}" for got in RATINGS)
        print(f"{expected:>10}{row}")
    print(f"{'limiting rule':<26}{'precision':>10}{'recall':>8}{'tp':>5}{'fp':>5}{'fn':>5}")
    for rule in s.rules():
        print(
            f"{rule:<26}{_pct(s.precision(rule)):>10}{_pct(s.recall(rule)):>8}"
            f"{s.tp[rule]:>5}{s.fp[rule]:>5}{s.fn[rule]:>5}"
        )
    for entry, got in s.misses:
        rules = sorted(f.rule for f in got.findings if f.level.value == "limiting")
        print(
            f"  - {entry.id}: label {entry.rating} {sorted(entry.limiting)}, "
            f"coach {got.rating.value} {rules} :: {entry.title}"
        )


def time_per_item(entries: list[Entry]) -> float:
    """Mean seconds per review over several rounds (caches warm, as in a real lint run)."""
    for entry in entries:
        review(entry)
    started = time.perf_counter()
    for _ in range(TIMING_ROUNDS):
        for entry in entries:
            review(entry)
    return (time.perf_counter() - started) / (TIMING_ROUNDS * len(entries))


def main() -> None:
    entries = load()
    tune = [e for e in entries if e.split == "tune"]
    holdout = [e for e in entries if e.split == "holdout"]
    blind = [e for e in holdout if e.raw.get("batch") == 2]
    print(f"{len(entries)} labelled items: {len(tune)} tune, {len(holdout)} held out")
    started = time.perf_counter()
    for entry in entries:
        review(entry)
    first_pass = (time.perf_counter() - started) / len(entries)
    print_scores("tune", score(tune))
    print_scores("held out (all)", score(holdout))
    batch1 = [e for e in holdout if e.raw.get("batch") != 2]
    print_scores("held out, batch 1 (labelled before the rules)", score(batch1))
    print_scores("held out, batch 2 (blind)", score(blind))
    print(f"   batch 2 on its first, blind run: {BATCH2_FIRST_RUN}")
    blind1 = load(BLIND_1)
    print_scores("blind 1 (independent coach; after the fixes it prompted)", score(blind1))
    print(f"   blind 1 on its first, blind run (before any fix): {BLIND1_FIRST_RUN}")
    blind2 = load(BLIND_2)
    print_scores("blind 2 (independent coach; after the fixes it prompted)", score(blind2))
    print(
        f"   blind 2 on its first, sealed run (after round 1): {BLIND2_FIRST_RUN}; "
        f"before round 1: {BLIND2_BEFORE_ROUND_1}"
    )
    print_scores("blind 3 (independent coach; sealed, no change made for it)", score(load(BLIND_3)))
    print(
        f"   blind 3 on its sealed run: {BLIND3_SEALED_RUN}; before round 2: {BLIND3_BEFORE_ROUND_2}"
    )
    blind4 = score(load(BLIND_4))
    print_scores("blind 4 (team trees; round 3 tuned on it)", blind4)
    print(
        f"   limiting-vs-not {blind4.limiting_agreement:.3f}; "
        f"blind 4 on its sealed run: {BLIND4_SEALED_RUN}"
    )
    blind6 = score(load(BLIND_6))
    print_scores("blind 6 (team trees; round 5 tuned on it)", blind6)
    print(
        f"   limiting-vs-not {blind6.limiting_agreement:.3f}; "
        f"blind 6 on its sealed run: {BLIND6_SEALED_RUN}"
    )
    blind7 = score(load(BLIND_7))
    print_scores("blind 7 (team trees; sealed with round 5, not tuned on)", blind7)
    print(
        f"   limiting-vs-not {blind7.limiting_agreement:.3f}; "
        f"blind 7 on its sealed run: {BLIND7_SEALED_RUN}"
    )
    dev = score(load(DEV_ATTRIBUTION))
    print_scores("dev batch (attribution; own hand, scored before round 4)", dev)
    print(
        f"   limiting-vs-not {dev.limiting_agreement:.3f}; "
        "before round 4: 0.750 three-way, 0.800 limiting-vs-not"
    )
    dev2 = score(load(DEV_ATTRIBUTION_2))
    print_scores("dev batch 2 (attribution; own hand, written after round 4)", dev2)
    print(
        f"   limiting-vs-not {dev2.limiting_agreement:.3f}; its one run: 0.900 / 0.933 "
        "(round 3: 0.667 / 0.700)"
    )
    print(
        f"\ntime per item: {first_pass * 1000:.3f} ms on the first pass, "
        f"{time_per_item(entries) * 1000:.3f} ms warm"
    )


if __name__ == "__main__":
    main()
