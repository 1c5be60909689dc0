"""The labelled look-alike pairs and cycles, and how well the detector scores them.

Shared by test_similarity.py, bench/similarity_eval.py and bench/lookalike_eval.py.

- ``labelled_pairs.yaml``: every distinct objective of the file goes into one index,
  as if the file were one large cycle, so IDF weights come from ~180 objectives of
  many industries.
- Look-alike cycles (PAIRS_TASK.md format: one organization, ``objectives`` with id,
  team, title and key results, and ``same_outcome_pairs``): ``load_cycle`` reads one,
  ``evaluate_cycle`` runs the detector over the whole cycle, as `bearing align` would,
  and compares the pairs it reports with the labelled ones.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from bearing.domain.similarity import DEFAULT_THRESHOLD, MeaningModel, SimilarityIndex

LABELS = Path(__file__).with_name("labelled_pairs.yaml")
CYCLES = Path(__file__).with_name("lookalike_sets")


@dataclass(frozen=True)
class Item:
    id: int
    team: str | None
    title: str
    key_result_titles: tuple[str, ...]


@dataclass(frozen=True)
class LabelledPair:
    id: str
    split: str
    similar: bool
    a: int  # index into the items
    b: int


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float
    pairs: int


@dataclass(frozen=True)
class CycleItem:
    id: str
    team: str | None
    title: str
    key_result_titles: tuple[str, ...]


@dataclass(frozen=True)
class Cycle:
    name: str
    items: tuple[CycleItem, ...]
    same_outcome: frozenset[frozenset[str]]


def load_cycle(path: Path) -> Cycle:
    """A look-alike cycle in the PAIRS_TASK.md format."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = tuple(
        CycleItem(
            id=str(o["id"]),
            team=o.get("team"),
            title=o["title"],
            key_result_titles=tuple(str(kr) for kr in o.get("key_results") or ()),
        )
        for o in data["objectives"]
    )
    pairs = frozenset(frozenset(str(x) for x in p) for p in data["same_outcome_pairs"])
    return Cycle(path.stem, items, pairs)


def development_cycles() -> list[Cycle]:
    """The development look-alike cycles (``lookalike_sets/dev_*.yaml``, written by the
    engineer who tuned the detector: tuning sets, not blind estimates)."""
    return [load_cycle(p) for p in sorted(CYCLES.glob("dev_*.yaml"))]


def released_cycles() -> list[Cycle]:
    """Blind look-alike sets released after their sealed score (``blind_set_*.yaml``):
    written by helpers who saw only PAIRS_TASK.md; tuning sets once released."""
    return [load_cycle(p) for p in sorted(CYCLES.glob("blind_set_*.yaml"))]


def evaluate_cycle(
    cycle: Cycle, meaning: MeaningModel | None, threshold: Decimal = DEFAULT_THRESHOLD
) -> tuple[float, float, list[tuple[str, str, Decimal, bool]], list[tuple[str, str]]]:
    """Precision and recall of the pairs the detector reports over the whole cycle, the
    reported pairs (with whether each is labelled) and the labelled pairs it missed."""
    index = SimilarityIndex(list(cycle.items), meaning(cycle.items) if meaning else None)
    reported = [
        (p.a, p.b, p.similarity, frozenset((p.a, p.b)) in cycle.same_outcome)
        for p in index.pairs(threshold)
    ]
    hits = sum(1 for *_, ok in reported if ok)
    found = {frozenset((a, b)) for a, b, _, _ in reported}
    missed = [tuple(sorted(p)) for p in cycle.same_outcome if p not in found]
    precision = hits / len(reported) if reported else 1.0
    recall = hits / len(cycle.same_outcome) if cycle.same_outcome else 1.0
    return precision, recall, reported, [(a, b) for a, b in missed]


def load() -> tuple[list[Item], list[LabelledPair]]:
    raw: list[dict[str, Any]] = yaml.safe_load(LABELS.read_text())["pairs"]
    items: dict[tuple[str, str, tuple[str, ...]], Item] = {}

    def item(side: dict[str, Any]) -> int:
        key = (side["team"], side["title"], tuple(side["key_results"]))
        if key not in items:
            items[key] = Item(len(items), side["team"], side["title"], key[2])
        return items[key].id

    pairs = [
        LabelledPair(p["id"], p["split"], p["similar"], item(p["a"]), item(p["b"])) for p in raw
    ]
    return list(items.values()), pairs


def scored(meaning: MeaningModel | None = None) -> list[tuple[LabelledPair, Decimal]]:
    """Every labelled pair with the detector's similarity for it."""
    items, pairs = load()
    index = SimilarityIndex(items, meaning(items) if meaning else None)
    return [(p, index.similarity(p.a, p.b)) for p in pairs]


def flagged(
    meaning: MeaningModel | None, threshold: Decimal = DEFAULT_THRESHOLD
) -> set[frozenset[int]]:
    """The pairs `bearing align` would report if the labelled objectives were one cycle."""
    items, _ = load()
    index = SimilarityIndex(items, meaning(items) if meaning else None)
    return {frozenset((p.a, p.b)) for p in index.pairs(threshold)}


def evaluate_flagged(found: set[frozenset[int]], split: str) -> Scores:
    """Precision and recall of the labelled pairs of one split among the reported ones."""
    _, pairs = load()
    chosen = [(p.similar, frozenset((p.a, p.b)) in found) for p in pairs if p.split == split]
    return _scores(chosen)


def evaluate(results: list[tuple[LabelledPair, Decimal]], threshold: Decimal, split: str) -> Scores:
    chosen = [(p.similar, score >= threshold) for p, score in results if p.split == split]
    return _scores(chosen)


def _scores(chosen: list[tuple[bool, bool]]) -> Scores:
    tp = sum(1 for truth, guess in chosen if truth and guess)
    fp = sum(1 for truth, guess in chosen if guess and not truth)
    fn = sum(1 for truth, guess in chosen if truth and not guess)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1, len(chosen))


def synthetic_cycle(n: int, seed: int = 7) -> list[Item]:
    """A cycle of n objectives over 60 teams, recombined from the labelled objectives.

    Each synthetic objective takes the title of one labelled objective and key
    results of others, so the vocabulary (and how often words repeat) is that
    of real OKR text rather than of a handful of templates.
    """
    rng = random.Random(seed)
    items, _ = load()
    krs = [kr for item in items for kr in item.key_result_titles]
    teams = [f"Team {i}" for i in range(60)]
    return [
        Item(
            id=i,
            team=rng.choice(teams),
            title=rng.choice(items).title,
            key_result_titles=tuple(rng.sample(krs, rng.randint(2, 5))),
        )
        for i in range(n)
    ]
