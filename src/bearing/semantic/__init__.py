"""Meaning for the look-alike detector: word vectors of a sentence-embedding model.

The domain (``bearing.domain.similarity``) finds look-alike objectives from their
words; this package gives it what words alone cannot see, how close two objectives
are in meaning, from the static word vectors Bearing ships in ``model/`` (distilled
from all-MiniLM-L6-v2, read with Model2Vec: offline, on the CPU, no download). Pass
``meaning_of`` wherever the domain takes a ``MeaningModel``::

    from bearing.semantic import meaning_of
    connectivity(nodes, thresholds, meaning=meaning_of)

docs/alignment.md says why this model and what it measured.
"""

from bearing.semantic.meaning import CycleMeaning, meaning_of, word_vectors

__all__ = ["CycleMeaning", "meaning_of", "word_vectors"]
