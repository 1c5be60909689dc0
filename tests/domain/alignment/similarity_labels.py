"""The labelled look-alike pairs and how well the detector scores them.

Shared by test_similarity.py and bench/similarity_eval.py. Every distinct
objective of the file goes into one index, as if the file were one large
cycle, so IDF weights come from ~180 objectives of many industries.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from bearing.domain.similarity import SimilarityIndex

LABELS = Path(__file__).with_name("labelled_pairs.yaml")


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


def scored() -> list[tuple[LabelledPair, Decimal]]:
    """Every labelled pair with the detector's similarity for it."""
    items, pairs = load()
    index = SimilarityIndex(items)
    return [(p, index.similarity(p.a, p.b)) for p in pairs]


def evaluate(results: list[tuple[LabelledPair, Decimal]], threshold: Decimal, split: str) -> Scores:
    chosen = [(p.similar, score >= threshold) for p, score in results if p.split == split]
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
