"""The sentence model and the word vectors Bearing ships, read offline, and the meaning of a
cycle they give."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from bearing.domain.similarity import key_results_text
from bearing.semantic import (
    SENTENCE_LIMIT,
    CycleMeaning,
    meaning,
    meaning_of,
    missing,
    sentence_meaning_of,
    sentences,
    word_meaning_of,
    word_vectors,
)


class Obj:
    def __init__(self, id: str, team: str, title: str, *krs: str) -> None:
        self.id = id
        self.team = team
        self.title = title
        self.key_result_titles = krs


# Three pairs that chase one outcome in other words, among unrelated objectives.
CYCLE = [
    Obj("app", "Web", "Make the app faster", "Cut page load time from 4 s to 2 s"),
    Obj("site", "Platform", "Improve site performance", "Cut p95 latency from 900 ms to 400 ms"),
    Obj("diesel", "Fleet", "Burn less diesel per mile", "Improve fuel economy from 8 to 9 mpg"),
    Obj("invoices", "Finance", "Pay suppliers on time", "Raise invoices paid within 30 days"),
    Obj("nurses", "People", "Keep our nurses with us longer", "Cut nurse turnover from 20% to 12%"),
    Obj("leavers", "Wards", "Stop losing experienced staff", "Reduce resignations from 30 to 15"),
    Obj("regulars", "Stores", "Turn first-time buyers into regulars", "Raise second visits"),
    Obj("repeat", "Loyalty", "Grow repeat purchases", "Lift repeat purchase rate to 40%"),
]
PAIRS = [("app", "site"), ("nurses", "leavers"), ("regulars", "repeat")]
MeaningModelForTest = Callable[[list[Obj]], CycleMeaning]


def test_the_model_ships_with_bearing_and_loads_offline() -> None:
    assert (meaning.MODEL / "model.safetensors").stat().st_size < 10_000_000
    vectors = word_vectors()
    assert vectors is word_vectors()  # loaded once per process
    assert vectors.dimensions == 256


def test_the_sentence_model_is_installed_and_loads_offline() -> None:
    assert missing() is None
    model = sentences.sentence_model()
    assert model is sentences.sentence_model()  # loaded once per process
    assert model.dimensions == 384
    assert sentences.model_file().stat().st_size < 25_000_000  # int8 weights
    assert sentences.TOKENIZER.is_file()


def test_a_cycle_is_read_by_the_sentence_model_up_to_the_limit() -> None:
    assert meaning_of(CYCLE).calibration == meaning.SENTENCES
    assert meaning_of(CYCLE).vectors.shape == (len(CYCLE), 384)
    large = [Obj(f"o{k}", f"T{k}", f"Objective number {k}") for k in range(SENTENCE_LIMIT + 1)]
    assert meaning_of(large).calibration == meaning.WORD_VECTORS  # larger: word vectors
    assert meaning_of(large).vectors.shape == (SENTENCE_LIMIT + 1, 256)


@pytest.mark.parametrize("read", [sentence_meaning_of, word_meaning_of])
def test_each_pair_is_closest_to_its_twin(read: MeaningModelForTest) -> None:
    m = read(CYCLE)
    ids = [o.id for o in CYCLE]
    for a, b in PAIRS:
        i, j = ids.index(a), ids.index(b)
        others = [m.similarity(i, k) for k in range(len(CYCLE)) if k not in (i, j)]
        assert m.similarity(i, j) > max(others), (a, b)


def test_the_sentence_model_reads_each_text_once() -> None:
    sentences.forget()
    first = sentence_meaning_of(CYCLE).vectors
    # Each objective whole, and its key results alone without numbers.
    texts = {meaning.objective_text(o) for o in CYCLE} | {key_results_text(o) for o in CYCLE}
    assert sentences.cached_texts() == len(texts)
    again = sentence_meaning_of([*CYCLE, CYCLE[0]]).vectors  # the same texts: no new reading
    assert sentences.cached_texts() == len(texts)
    assert np.array_equal(again[: len(CYCLE)], first)
    assert np.array_equal(again[-1], first[0])
    # A text is read the same way alone or in a batch (padding does not change it).
    sentences.forget()
    alone = sentence_meaning_of(CYCLE[:1]).vectors[0]
    assert np.allclose(alone, first[0], atol=1e-5)


def test_the_sentence_model_reads_title_and_key_results() -> None:
    assert (
        meaning.objective_text(CYCLE[0])
        == "Make the app faster. Cut page load time from 4 s to 2 s"
    )
    m = sentence_meaning_of([Obj("x", "A", "2026 Q3", "100%"), *CYCLE[:3]])
    assert np.all(m.vectors[0] == 0)  # no words, no meaning
    assert m.similarity(0, 1) == 0.0
    assert sentence_meaning_of([]).vectors.shape == (0, 384)


@pytest.mark.parametrize("read", [sentence_meaning_of, word_meaning_of])
def test_similarity_is_a_symmetric_cosine(read: MeaningModelForTest) -> None:
    m = read(CYCLE)
    assert m.similarity(0, 1) == pytest.approx(m.similarity(1, 0))
    assert m.similarity(2, 2) == pytest.approx(1.0, abs=1e-5)
    assert all(-1.0 - 1e-6 <= m.similarity(0, k) <= 1.0 + 1e-6 for k in range(len(CYCLE)))


def test_neighbours_are_the_nearest_others() -> None:
    m = meaning_of(CYCLE)
    pairs = m.neighbours(1)
    assert all(i < j for i, j in pairs)
    assert (0, 1) in pairs and (4, 5) in pairs
    # Blocks of rows give the same answer as one block.
    assert sorted(m.neighbours(2, block=3)) == sorted(m.neighbours(2))
    assert meaning_of(CYCLE[:1]).neighbours(3) == []


def test_an_objective_without_words_is_like_nothing() -> None:
    m = word_meaning_of([Obj("x", "A", "2026 Q3", "100%"), *CYCLE[:3]])
    assert np.all(m.vectors[0] == 0)
    assert m.similarity(0, 1) == 0.0
    assert word_meaning_of([]).vectors.shape == (0, 256)


def test_content_words_are_read_once_per_text() -> None:
    meaning.content_words.cache_clear()
    assert meaning.content_words("Cut the wait for Café guests, from 20 min to 5") == (
        "cut",
        "wait",
        "cafe",
        "guests",
        "min",
    )
    meaning.content_words("Cut the wait for Café guests, from 20 min to 5")
    assert meaning.content_words.cache_info().hits == 1


def test_the_text_cache_keeps_the_most_recent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sentences, "TEXT_CACHE", 3)
    sentences.forget()
    sentence_meaning_of(CYCLE[:3])
    sentence_meaning_of(CYCLE[:1])  # the first text is now the most recently used
    sentence_meaning_of(CYCLE[3:4])  # a fourth text: the least recently used goes
    assert sentences.cached_texts() == 3
    texts = [meaning.objective_text(o) for o in CYCLE]
    assert sentences._peek(texts[0]) is not None and sentences._peek(texts[3]) is not None
    assert sentences._peek(texts[1]) is None  # dropped
    sentences.forget()
