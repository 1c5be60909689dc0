"""Look-alike objectives on labelled cycles: the figures a sealed look-alike set is scored by.

    .venv/bin/python bench/lookalike_eval.py SET.yaml [SET.yaml ...]
    .venv/bin/python bench/lookalike_eval.py            # every set in tests/domain/alignment/lookalike_sets

Each SET is one organization's quarter in the PAIRS_TASK.md format (``objectives`` with
id, team, title and key results; ``same_outcome_pairs``). The detector runs over the
whole cycle, as `bearing align` does, at the default threshold, with meaning (the word
vectors of ``bearing.semantic``) and, for comparison, with words only. Printed per set:
pairs reported, how many are labelled, recall and precision, every reported pair
(TRUE/FALSE with its similarity and titles) and the labelled pairs missed. Reads nothing
but the files named.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from bearing.domain.similarity import DEFAULT_THRESHOLD, MeaningModel  # noqa: E402
from bearing.semantic import meaning_of  # noqa: E402
from tests.domain.alignment.similarity_labels import (  # noqa: E402
    CYCLES,
    Cycle,
    evaluate_cycle,
    load_cycle,
)


def report(cycle: Cycle, name: str, meaning: MeaningModel | None, detail: bool) -> None:
    precision, recall, reported, missed = evaluate_cycle(cycle, meaning, DEFAULT_THRESHOLD)
    hits = sum(1 for *_, ok in reported if ok)
    print(
        f"  {name:<18} found {len(reported):>2} pairs, {hits} of {len(cycle.same_outcome)} "
        f"true: recall {recall:.2f}  precision {precision:.2f}"
    )
    if not detail:
        return
    titles = {i.id: i.title for i in cycle.items}
    for a, b, similarity, ok in reported:
        print(
            f"    {'TRUE ' if ok else 'FALSE'} {similarity}  {a}: {titles[a]}  ~  {b}: {titles[b]}"
        )
    for a, b in missed:
        print(f"    MISSED      {a}: {titles[a]}  ~  {b}: {titles[b]}")


def main(paths: list[str]) -> None:
    files = [Path(p) for p in paths] or sorted(CYCLES.glob("*.yaml"))
    for path in files:
        cycle = load_cycle(path)
        print(
            f"\n{path.name}: {len(cycle.items)} objectives, {len(cycle.same_outcome)} labelled pairs"
        )
        report(cycle, "words and meaning", meaning_of, detail=True)
        report(cycle, "words only", None, detail=False)


if __name__ == "__main__":
    main(sys.argv[1:])
