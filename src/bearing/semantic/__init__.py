"""Meaning for the look-alike detector: a sentence-embedding model, and word vectors.

The domain (``bearing.domain.similarity``) finds look-alike objectives from their
words; this package gives it what words alone cannot see, how close two objectives
are in meaning: by the sentence model all-MiniLM-L6-v2 (int8 ONNX run with onnxruntime,
``sentences``) for cycles of up to ``SENTENCE_LIMIT`` objectives, and by the static word
vectors Bearing ships in ``model/`` (distilled from the same model, read with Model2Vec)
for larger cycles or when the sentence model is not installed (``missing()`` says why).
Offline, on the CPU, no download. Pass ``meaning_of`` wherever the domain takes a
``MeaningModel``::

    from bearing.semantic import meaning_of
    connectivity(nodes, thresholds, meaning=meaning_of)

docs/alignment.md says why these models and what they measured.
"""

from bearing.semantic.meaning import (
    SENTENCE_LIMIT,
    CycleMeaning,
    fallback_note,
    meaning_of,
    missing,
    sentence_meaning_of,
    word_meaning_of,
    word_vectors,
)

__all__ = [
    "SENTENCE_LIMIT",
    "CycleMeaning",
    "fallback_note",
    "meaning_of",
    "missing",
    "sentence_meaning_of",
    "word_meaning_of",
    "word_vectors",
]
