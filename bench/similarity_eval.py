"""How well and how fast the look-alike detector works.

    .venv/bin/python bench/similarity_eval.py

Prints precision, recall and F1 over thresholds on the labelled pairs
(tests/domain/alignment/labelled_pairs.yaml), for the tuning and the held-out
split, by words only; how many unlabelled cross-team pairs of the same objectives each
threshold flags (most are unrelated, so this approximates the false-alarm
rate in a real cycle); the pairs `bearing align` reports with meaning (bearing.semantic:
the sentence model, as the ~180 objectives are one cycle under its limit) at the default
threshold; the time to find look-alikes in a synthetic cycle of 1,000 objectives, by
words and with meaning (the word vectors, over the limit); and the time to read the
meaning of one objective with each model (ms per objective: cold, and warm for the
sentence model, whose vectors are cached per text).
bench/lookalike_eval.py scores look-alike cycles (one organization's quarter).
"""

from __future__ import annotations

import os
import sys
import time
from decimal import Decimal
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))  # the repository root, for tests/

from bearing.domain.similarity import DEFAULT_THRESHOLD, SimilarityIndex, similar_pairs
from bearing.semantic import meaning, meaning_of, sentence_meaning_of, sentences
from tests.domain.alignment import similarity_labels as labels

THRESHOLDS = [Decimal(t) / 100 for t in range(10, 62, 4)] + [DEFAULT_THRESHOLD]


def report_quality() -> None:
    items, pairs = labels.load()
    results = labels.scored()
    index = SimilarityIndex(items)
    labelled = {frozenset((p.a, p.b)) for p in pairs}
    others = [
        index.similarity(i, j)
        for i, j in combinations(range(len(items)), 2)
        if items[i].team != items[j].team and frozenset((i, j)) not in labelled
    ]
    print(f"{len(pairs)} labelled pairs over {len(items)} objectives; ", end="")
    print(f"{len(others)} unlabelled cross-team pairs\n")
    print("threshold  tune: P     R     F1  |  holdout: P     R     F1  |  unlabelled flagged")
    for t in sorted(set(THRESHOLDS)):
        tune = labels.evaluate(results, t, "tune")
        hold = labels.evaluate(results, t, "holdout")
        flagged = sum(1 for s in others if s >= t)
        mark = "  <- default" if t == DEFAULT_THRESHOLD else ""
        print(
            f"{t:>9.2f}  {tune.precision:7.2f} {tune.recall:5.2f} {tune.f1:5.2f}  | "
            f"{hold.precision:10.2f} {hold.recall:5.2f} {hold.f1:5.2f}  | "
            f"{flagged:6d} ({100 * flagged / len(others):.2f}%){mark}"
        )
    tune, hold = (labels.evaluate(results, DEFAULT_THRESHOLD, s) for s in ("tune", "holdout"))
    print(f"\npairs: tune {tune.pairs}, holdout {hold.pairs}")
    print(
        "\nReported by `bearing align` over the labelled objectives as one cycle, at the default:"
    )
    for name, model in (("words only", None), ("words and meaning", meaning_of)):
        found = labels.flagged(model)
        tune, hold = (labels.evaluate_flagged(found, s) for s in ("tune", "holdout"))
        print(
            f"  {name:<18} tune P {tune.precision:.2f} R {tune.recall:.2f}  |  "
            f"holdout P {hold.precision:.2f} R {hold.recall:.2f}  |  {len(found)} pairs reported"
        )


def report_speed(n: int = 1000, repeats: int = 5) -> None:
    cycle = labels.synthetic_cycle(n)
    best = float("inf")
    found = 0
    for _ in range(repeats):
        start = time.perf_counter()
        index = SimilarityIndex(cycle)
        found = len(index.pairs(DEFAULT_THRESHOLD))
        best = min(best, time.perf_counter() - start)
    index = SimilarityIndex(cycle)
    candidates = index.candidates()
    start = time.perf_counter()
    every = {
        (i, j)
        for i, j in combinations(range(n), 2)
        if cycle[i].team != cycle[j].team and index.similarity(i, j) >= DEFAULT_THRESHOLD
    }
    all_pairs = time.perf_counter() - start
    print(
        f"\nsynthetic cycle of {n} objectives: best of {repeats} runs {best * 1000:.0f} ms "
        f"({len(candidates)} candidate pairs scored of {n * (n - 1) // 2}); {found} flagged.\n"
        f"Scoring every cross-team pair instead: {all_pairs * 1000:.0f} ms, {len(every)} flagged, "
        f"{len(every - candidates)} of them missed by the candidate filter."
    )


def report_meaning_speed(n: int = 1000, repeats: int = 3) -> None:
    """The word vectors (cycles over SENTENCE_LIMIT objectives): n objectives."""
    cycle = labels.synthetic_cycle(n)
    started = time.perf_counter()
    meaning.word_vectors()
    loaded = time.perf_counter() - started
    cold = float("inf")
    for _ in range(repeats):
        meaning.content_words.cache_clear()
        meaning.word_vectors()._known.clear()
        started = time.perf_counter()
        meaning_of(cycle)
        cold = min(cold, time.perf_counter() - started)
    started = time.perf_counter()
    found = len(similar_pairs(cycle, DEFAULT_THRESHOLD, meaning_of))
    total = time.perf_counter() - started
    print(
        f"\nword vectors: model loaded in {loaded * 1000:.0f} ms; {cold / n * 1000:.3f} ms per "
        f"objective with every cache cold ({n} objectives, best of {repeats}); look-alikes with "
        f"meaning in {total * 1000:.0f} ms ({found} flagged)."
    )


def report_sentence_speed(repeats: int = 3) -> None:
    """The sentence model (cycles up to SENTENCE_LIMIT objectives): per objective, cold (no
    text seen before; wall and CPU time, the machine is shared) and warm (cached text), on
    the labelled objectives (real OKR text: a title and 2-3 key results) and on a synthetic
    cycle of 300 (2-5 key results each, so longer texts)."""
    started = time.perf_counter()
    sentences.sentence_model()
    print(f"\nsentence model: loaded in {(time.perf_counter() - started) * 1000:.0f} ms")
    labelled, _ = labels.load()
    for name, cycle in (
        ("labelled objectives", list(labelled)),
        ("synthetic cycle", labels.synthetic_cycle(300, seed=11)),
    ):
        n = len(cycle)
        wall = cpu = warm = float("inf")
        for _ in range(repeats):
            sentences.forget()
            started, used = time.perf_counter(), time.process_time()
            sentence_meaning_of(cycle)
            wall = min(wall, time.perf_counter() - started)
            cpu = min(cpu, time.process_time() - used)
            started = time.perf_counter()
            sentence_meaning_of(cycle)
            warm = min(warm, time.perf_counter() - started)
        started = time.perf_counter()
        found = len(similar_pairs(cycle, DEFAULT_THRESHOLD, meaning_of))
        total = time.perf_counter() - started
        print(
            f"  {name} ({n}): cold {wall / n * 1000:.1f} ms per objective "
            f"(CPU {cpu / n * 1000:.1f} ms), warm {warm / n * 1000:.3f} ms; look-alikes of the "
            f"cycle, texts cached, in {total * 1000:.0f} ms ({found} flagged); best of {repeats}"
        )
    print(f"  load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} (2 cores)")


if __name__ == "__main__":
    report_quality()
    report_speed()
    report_meaning_speed()
    report_sentence_speed()
