"""The meaning of a cycle's objectives, from static word vectors.

An objective's vector is the average of the vectors of its content words (title and
key results), each weighted by how rare the word is in the cycle (IDF) and with the
words every OKR uses ("increase", "rate", "quarter") weighing little — the weighting the
lexical detector uses, so a word both methods find common counts little in both. The
vectors are centred on the cycle's mean before comparing: what every objective of one
organization talks about ("guests" in a hotel group) is not what makes two alike.

Word vectors are looked up once per process and word, and the content words of a text
once per text (``functools.lru_cache``), so a page that scores the same cycle again, or
a cycle that repeats key-result titles, does not redo the work.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from bearing.domain.similarity import GENERIC_FACTOR, GENERIC_WORDS, STOPWORDS, Describable

if TYPE_CHECKING:
    from model2vec import StaticModel

MODEL = Path(__file__).with_name("model")
_WORD = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]")
_GENERIC = frozenset(GENERIC_WORDS)
# How far vectors move towards the cycle's mean before comparing: n / (n + CENTRING_PRIOR),
# so two objectives alone are barely moved and a full cycle is centred almost fully.
CENTRING_PRIOR = 5.0
TEXT_CACHE = 65_536


class WordVectors:
    """The model's vector of each word, looked up once per word."""

    def __init__(self, model: StaticModel) -> None:
        self.model = model
        self.dimensions = int(model.embedding.shape[1])
        self._known: dict[str, np.ndarray] = {}

    def of(self, words: Iterable[str]) -> dict[str, np.ndarray]:
        wanted = list(dict.fromkeys(words))
        new = [w for w in wanted if w not in self._known]
        if new:
            for word, vector in zip(new, self.model.encode(new), strict=True):
                self._known[word] = np.asarray(vector, dtype=np.float32)
        return {w: self._known[w] for w in wanted}


@cache
def word_vectors() -> WordVectors:
    """The shipped model, loaded once per process (about 0.3 s), on first use: a process
    that never looks for look-alikes never imports model2vec."""
    from model2vec import StaticModel

    if not (MODEL / "model.safetensors").is_file():
        raise FileNotFoundError(f"Bearing's word vectors are missing from {MODEL}")
    return WordVectors(StaticModel.from_pretrained(MODEL, force_download=False))


@lru_cache(maxsize=TEXT_CACHE)
def content_words(text: str) -> tuple[str, ...]:
    """The words of a text that can carry meaning: ASCII lower case, no stopwords or
    numbers (per text, cached: a cycle repeats key-result titles)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return tuple(w for w in _WORD.findall(folded) if w not in STOPWORDS and len(w) > 1)


def _bag(item: Describable[Hashable]) -> Counter[str]:
    bag: Counter[str] = Counter(content_words(item.title))
    for kr in item.key_result_titles:
        bag.update(content_words(kr))
    return bag


class CycleMeaning:
    """Unit vectors of one cycle's objectives, centred on the cycle (``Meaning``)."""

    def __init__(self, vectors: np.ndarray) -> None:
        self.vectors = vectors

    def similarity(self, i: int, j: int) -> float:
        return float(self.vectors[i] @ self.vectors[j])

    def neighbours(self, k: int, block: int = 1024) -> list[tuple[int, int]]:
        """Each objective with its ``k`` nearest by meaning (blocks of rows, so a cycle of
        thousands never holds its whole similarity matrix)."""
        n = len(self.vectors)
        k = min(k, n - 1)
        if k <= 0:
            return []
        out: list[tuple[int, int]] = []
        for start in range(0, n, block):
            rows = self.vectors[start : start + block] @ self.vectors.T
            for r in range(rows.shape[0]):
                rows[r, start + r] = -np.inf
            nearest = np.argpartition(-rows, k - 1, axis=1)[:, :k]
            for r, js in enumerate(nearest):
                i = start + r
                out += [(min(i, int(j)), max(i, int(j))) for j in js]
        return out


def meaning_of(items: Sequence[Describable[Hashable]]) -> CycleMeaning:
    """The meaning of a cycle's objectives (``bearing.domain.similarity.MeaningModel``)."""
    bags = [_bag(item) for item in items]
    n = len(bags)
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    lookup = word_vectors()
    known = lookup.of(df)
    vectors = np.zeros((n, lookup.dimensions), dtype=np.float32)
    for i, bag in enumerate(bags):
        if not bag:
            continue
        words = list(bag)
        weights = np.array(
            [
                bag[w]
                * (math.log((1 + n) / (1 + df[w])) + 1)
                * (GENERIC_FACTOR if w in _GENERIC else 1.0)
                for w in words
            ],
            dtype=np.float32,
        )
        vectors[i] = weights @ np.stack([known[w] for w in words])
    vectors = _unit(vectors)
    if n:
        vectors = _unit(vectors - vectors.mean(axis=0) * (n / (n + CENTRING_PRIOR)))
        vectors[[not bag for bag in bags]] = 0.0  # no words, no meaning: alike to nothing
    return CycleMeaning(vectors)


def _unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit: np.ndarray = np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)
    return unit
