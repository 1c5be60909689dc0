"""Look-alike objectives: different teams whose objectives say the same thing.

Betterworks (seed 000) asks leaders to look at "OKRs that are similar across
departments" — a chance to collaborate, or a sign that marketing duplicates
sales. This module finds such pairs offline, with the standard library only:
no model download, no network, deterministic.

The method, in order:

1. Words. Text is folded to ASCII lower case and split into words; numbers,
   units and English stopwords are dropped (key results are full of "from 12%
   to 8%", which says nothing about the outcome).
2. Stems and concepts. A light suffix stripper makes "renewals", "renewing"
   and "renewal" one stem; a small OKR lexicon maps common synonyms to one
   concept ("churn", "attrition", "retention" → retain; "client", "shopper" →
   customer; "immunisation" → vaccine). The lexicon is general vocabulary, kept
   short on purpose: it is the only place where meaning is hand-written.
3. Weights. Each objective becomes one bag of stems from its title and key
   results. Weights are TF-IDF over the objectives of the same cycle, so what
   every team says ("customer" in a support-heavy company) counts little, and
   words that every OKR uses ("increase", "reduce", "rate", "quarter") are
   multiplied by ``GENERIC_FACTOR`` whatever their frequency. A title word
   counts ``TITLE_WEIGHT`` times a key-result word; weighting titles higher
   (1.5 to 4) was tried and lost precision on the labelled pairs, because
   titles share frames ("Improve employee retention", "Improve customer
   retention") while key results carry the specifics.
4. Score. Cosine similarity of the weighted bags, in [0, 1]. (Adding a
   character-trigram Jaccard of the titles was tried; it did not help.)
5. Speed. Only pairs that share at least one informative stem (not generic,
   in at most ``MAX_POSTING`` objectives) are scored, found
   through an inverted index; pairs sharing only common words cannot reach
   the threshold anyway. 1,000 objectives take well under a second (see
   bench/similarity_eval.py).

6. Meaning. Words cannot see that "Turn first-time buyers into regulars" and
   "Grow repeat purchases" chase one outcome. A ``MeaningModel`` from outside
   the domain (``bearing.semantic``: word vectors of a sentence-embedding model)
   gives each pair a similarity of meaning; the score is then
   ``LEXICAL_WEIGHT`` × the word score + ``MEANING_WEIGHT`` × the meaning score,
   its nearest neighbours by meaning are candidates too, and two objectives
   that are each other's closest look-alike need only ``MUTUAL_FACTOR`` × the
   threshold. Each model brings its ``Calibration`` (the weights, and for a sentence
   model: each other's closest by ``closeness`` — the meaning of the whole objective, the
   word score and the meaning of the key results alone without numbers — above a floor).
   Without a model the detector is the lexical one above.

Precision and recall on the labelled pairs in
tests/domain/alignment/labelled_pairs.yaml and on look-alike cycles are in
docs/alignment.md.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from functools import lru_cache
from itertools import combinations
from typing import Generic, Protocol, TypeVar

N = TypeVar("N", bound=Hashable)
N_co = TypeVar("N_co", bound=Hashable, covariant=True)

# Chosen on the `tune` split of the labelled pairs; see docs/alignment.md.
DEFAULT_THRESHOLD = Decimal("0.30")
TITLE_WEIGHT = 1.0
GENERIC_FACTOR = 0.2
# A stem in more objectives than this nominates no pairs: in a cycle of thousands, a word
# 25 objectives share says little about any two of them, and the pairs it would nominate
# (300 per word) are what made large cycles slow. Pairs that share only such words still
# meet through rarer words or their meaning.
MAX_POSTING = 25
SIMILARITY_STEP = Decimal("0.01")
# With a meaning model, the defaults of ``Calibration`` (those of the static word vectors;
# calibrated on the labelled pairs and the development look-alike cycles; see
# docs/alignment.md and bench/similarity_eval.py). Each model brings its own calibration.
LEXICAL_WEIGHT = 0.4
MEANING_WEIGHT = 0.5
MUTUAL_FACTOR = 0.8  # each other's closest look-alike: this share of the threshold is enough
MEANING_NEIGHBOURS = 5  # nearest objectives by meaning that become candidates

STOPWORDS = frozenset((
    "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any",
    "are", "as", "at", "be", "because", "been", "before", "being", "below", "between",
    "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during",
    "each", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her",
    "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its",
    "itself", "just", "me", "my", "no", "nor", "not", "now", "of", "off", "on", "once",
    "only", "or", "other", "our", "ours", "out", "over", "own", "same", "she", "should",
    "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "then", "there",
    "these", "they", "this", "those", "through", "to", "too", "under", "until", "up",
    "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom",
    "why", "will", "with", "would", "you", "your", "yours", "via", "per", "vs", "across",
    "within", "without", "least", "us", "one", "two", "three", "four", "five",
    "six", "seven", "eight", "nine", "ten", "k", "m", "h", "s", "ms", "km", "kwh", "mw",
    "bps", "pp", "pt", "pts", "usd", "eur", "gbp", "x",
))  # fmt: skip

# Words every OKR uses: direction verbs, time words, measure words. They are
# kept (a title of only such words still has a vector) but weigh little.
GENERIC_WORDS = (
    "increase", "decrease", "improve", "reduce", "cut", "grow", "growth", "raise", "lower",
    "boost", "drive", "achieve", "make", "get", "keep", "more", "less", "fewer", "better",
    "best", "faster", "fast", "higher", "high", "low", "lift", "halve", "double", "triple",
    "quarter", "year", "month", "week", "day", "daily", "weekly", "monthly", "annual",
    "annually", "quarterly", "rate", "share", "number", "percent", "percentage", "every",
    "each", "new", "launch", "ship", "target", "goal", "metric", "kpi", "time", "average",
    "median", "mean", "total", "top", "first", "last", "half", "level", "score", "ratio",
    "amount", "count", "ready", "live", "hit", "reach", "stay", "help", "let", "go", "give",
    "want", "need", "plan", "programme", "program", "project", "successfully", "success", "key",
    "result", "objective", "okr",
)  # fmt: skip

# Synonyms worth folding for OKR text. General vocabulary only, not tuned to
# the labelled pairs: each line is a concept most OKR writers express in
# several ways. Keys are raw words; they are stemmed when the module loads.
CONCEPTS: Mapping[str, str] = {
    **dict.fromkeys(
        ["churn", "attrition", "retention", "retain", "renewal", "renew", "dropout"], "retain"
    ),
    **dict.fromkeys(["client", "shopper", "customer"], "customer"),
    **dict.fromkeys(["arr", "mrr", "revenue"], "revenue"),
    **dict.fromkeys(["cost", "spend", "spending", "expense", "expenditure"], "cost"),
    **dict.fromkeys(["hire", "hiring", "recruit", "recruitment", "recruiting"], "hire"),
    **dict.fromkeys(["quick", "quickly", "speed", "rapid", "rapidly", "faster"], "fast"),
    **dict.fromkeys(["outage", "downtime", "breakdown"], "outage"),
    **dict.fromkeys(["uptime", "availability", "reliability"], "availability"),
    **dict.fromkeys(["satisfaction", "csat", "nps", "happy", "happier"], "satisfaction"),
    **dict.fromkeys(["defect", "bug"], "defect"),
    **dict.fromkeys(["error", "mistake", "wrong", "incorrect"], "error"),
    **dict.fromkeys(["delivery", "deliveries", "deliver"], "deliver"),
    **dict.fromkeys(["parcel", "package"], "parcel"),
    **dict.fromkeys(["emission", "carbon", "co2", "ghg", "footprint"], "emission"),
    **dict.fromkeys(
        ["vaccine", "vaccination", "vaccinate", "immunisation", "immunization", "immunise"],
        "vaccine",
    ),
    **dict.fromkeys(["immunize", "immunised", "immunized", "vaccinated"], "vaccine"),
    **dict.fromkeys(["signup", "registration", "register"], "signup"),
    **dict.fromkeys(["employee", "staff", "workforce"], "employee"),
    **dict.fromkeys(["kid", "child", "children"], "child"),
    **dict.fromkeys(["subscription", "subscribe", "subscriber"], "subscriber"),
    **dict.fromkeys(["conversion", "convert"], "convert"),
    **dict.fromkeys(["donor", "donation", "donate", "giver"], "donate"),
    **dict.fromkeys(["fraud", "fraudulent"], "fraud"),
    **dict.fromkeys(["enrolment", "enrollment", "enrol", "enroll"], "enrol"),
    **dict.fromkeys(["wait", "waiting", "queue"], "wait"),
    **dict.fromkeys(["visit", "visitor", "session", "traffic"], "visit"),
    **dict.fromkeys(["upsell", "upgrade", "expansion"], "upsell"),
    **dict.fromkeys(["accuracy", "accurate", "inaccurate"], "error"),
    **dict.fromkeys(
        ["resolve", "resolution", "solve", "recover", "recovery", "restore", "mttr"], "resolve"
    ),
    **dict.fromkeys(["literacy", "reading", "read"], "read"),
    **dict.fromkeys(["pay", "paid", "payment"], "pay"),
    **dict.fromkeys(["overdue", "late", "outstanding"], "late"),
}

# A number with what says which: "from 12% to 8%", "from 4,800 to 2,500", "1.4", "30%".
_FROM_TO = re.compile(r"\bfrom\s+[^:]*?\d[^:]*?\s+to\s+[\d.,]+\s*%?")
_NUMBER = re.compile(r"[-+~<>]?\d[\d,.]*\s*%?")
_SPACES = re.compile(r"\s+")

# Hyphenated or spaced compounds that would otherwise split into stopwords.
_COMPOUNDS = (
    (re.compile(r"\bsign[- ]?ups?\b"), "signup"),
    (re.compile(r"\bcheck[- ]?ins?\b"), "checkin"),
    (re.compile(r"\blog[- ]?ins?\b"), "login"),
    (re.compile(r"\bon[- ]boarding\b"), "onboarding"),
)
_WORD = re.compile(r"[a-z][a-z0-9]*")


class Describable(Protocol[N_co]):
    """What the detector reads of an objective (``ObjectiveNode`` fits)."""

    @property
    def id(self) -> N_co: ...
    @property
    def team(self) -> str | None: ...
    @property
    def title(self) -> str: ...
    @property
    def key_result_titles(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class Calibration:
    """How a meaning model's cosines combine with the word score: numbers measured for one
    model (its cosines have their own scale), used by the rules of ``SimilarityIndex``.

    - score = ``lexical_weight`` × word score + ``meaning_weight`` × meaning (≥ 0);
      pairs at or above the threshold are look-alikes;
    - two objectives that are each other's closest by that score need only
      ``mutual_factor`` × the threshold (``None``: no such rule);
    - two objectives that are each other's closest **by closeness** (among other teams'
      objectives, linked ones left out) are look-alikes when their closeness is at least
      ``closest_in_meaning_factor`` × the threshold (``None``: no such rule). A sentence
      model ranks an objective's twin first far more often than its cosine clears a fixed
      bar: in a cycle where most objectives have no twin, being each other's first choice
      is the evidence. Closeness (``closeness``) is the weighted mean of the meaning of the
      whole objective, the word score (× ``closest_words_weight``) and the meaning of the
      key results alone, numbers dropped (× ``closest_key_results_weight``): titles are
      often figures of speech ("Put appointments in patients' pockets"), key results say
      what is measured; with both weights 0 it is the meaning alone.
    """

    lexical_weight: float = LEXICAL_WEIGHT
    meaning_weight: float = MEANING_WEIGHT
    mutual_factor: float | None = MUTUAL_FACTOR
    closest_in_meaning_factor: float | None = None
    closest_words_weight: float = 0.0
    closest_key_results_weight: float = 0.0


class Meaning(Protocol):
    """How close in meaning the objectives of one cycle are, by position in the cycle.

    Made outside the domain (a model's vectors); the domain only asks for scores, and the
    model's ``calibration`` says how they weigh against words."""

    @property
    def calibration(self) -> Calibration: ...

    def similarity(self, i: int, j: int) -> float:
        """Cosine of meaning of the i-th and j-th objectives, in [-1, 1]."""
        ...

    def key_results_similarity(self, i: int, j: int) -> float:
        """Cosine of meaning of their key results alone (``key_results_text``), in [-1, 1];
        a model that reads only whole objectives returns ``similarity``."""
        ...

    def neighbours(self, k: int) -> Iterable[tuple[int, int]]:
        """Each objective with its ``k`` nearest by meaning, as pairs (i < j)."""
        ...


# Reads a cycle's objectives (title and key results) and returns their ``Meaning``.
MeaningModel = Callable[[Sequence[Describable[Hashable]]], Meaning]


@dataclass(frozen=True)
class SimilarPair(Generic[N]):
    """Two objectives of different teams that look alike; ``a`` comes first in the input."""

    a: N
    b: N
    team_a: str | None
    team_b: str | None
    similarity: Decimal  # cosine in [0, 1], two decimals


# Suffix and the shortest stem it may leave. Derivational suffixes need a
# longer stem: "donation" -> "don" would meet "done" -> "don".
_SUFFIXES = (
    ("ations", 4), ("ation", 4), ("ments", 4), ("ment", 4), ("ness", 4),
    ("ing", 3), ("ed", 3), ("ly", 3),
)  # fmt: skip


def stem(word: str) -> str:
    """A light suffix stripper: inflections and a few derivations, nothing clever."""
    w = word
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix, shortest in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= shortest:
            w = w[: -len(suffix)]
            # "shipped" -> "shipp" -> "ship"; but "missed" -> "miss"
            if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]
            break
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]  # "rate"/"rated"/"rating" all end as "rat"
    return w


_CONCEPT_BY_STEM = {stem(word): concept for word, concept in CONCEPTS.items()}
_GENERIC = frozenset(_CONCEPT_BY_STEM.get(stem(w), stem(w)) for w in GENERIC_WORDS)


@lru_cache(maxsize=65_536)
def _terms(text: str) -> tuple[str, ...]:
    return tuple(_read_terms(text))


def terms(text: str) -> list[str]:
    """The informative units of a text: stemmed words, synonyms folded to one concept
    (cached per text: cycles repeat key-result titles, pages score the same cycle again)."""
    return list(_terms(text))


def _read_terms(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    for pattern, replacement in _COMPOUNDS:
        folded = pattern.sub(replacement, folded)
    out = []
    for word in _WORD.findall(folded):
        if word in STOPWORDS or len(word) < 2 or any(c.isdigit() for c in word):
            continue
        s = stem(word)
        out.append(_CONCEPT_BY_STEM.get(word, _CONCEPT_BY_STEM.get(s, s)))
    return out


def _bag(item: Describable[Hashable]) -> dict[str, float]:
    bag: dict[str, float] = defaultdict(float)
    for t in terms(item.title):
        bag[t] += TITLE_WEIGHT
    for kr in item.key_result_titles:
        for t in terms(kr):
            bag[t] += 1.0
    return bag


def without_numbers(text: str) -> str:
    """A key result without its figures: "Missed appointments per month: from 4,800 to
    2,500" → "Missed appointments per month". Two twins rarely share their figures, and
    a sentence model reads "from 12% to 8%" as part of the meaning."""
    text = _NUMBER.sub("", _FROM_TO.sub("", text))
    return _SPACES.sub(" ", text).strip(" :,;-")


def key_results_text(item: Describable[Hashable]) -> str:
    """What a sentence model reads of an objective's key results alone: joined as
    sentences, numbers dropped; the title when there are none."""
    parts = (without_numbers(kr) for kr in item.key_result_titles)
    return ". ".join(p for p in parts if p) or item.title


def closeness(meaning: float, words: float, key_results: float, c: Calibration) -> float:
    """How close two objectives are for the each-other's-closest rule: the weighted mean of
    their meaning, their word score and their key results' meaning (``Calibration``)."""
    total = 1.0 + c.closest_words_weight + c.closest_key_results_weight
    return (
        meaning + c.closest_words_weight * words + c.closest_key_results_weight * key_results
    ) / total


class SimilarityIndex(Generic[N]):
    """Word vectors (TF-IDF) of one cycle's objectives, and optionally their meaning,
    ready to score any two of them."""

    def __init__(self, items: Sequence[Describable[N]], meaning: Meaning | None = None) -> None:
        self.items = tuple(items)
        self.meaning = meaning
        bags = [_bag(item) for item in self.items]
        df: Counter[str] = Counter()
        for bag in bags:
            df.update(bag.keys())
        n = len(bags)
        # Smoothed IDF (never below 1): in a tiny cycle every word still counts.
        idf = {t: math.log((1 + n) / (1 + d)) + 1 for t, d in df.items()}
        self.vectors = [
            _unit({t: w * idf[t] * _generic(t) for t, w in bag.items()}) for bag in bags
        ]

    def lexical(self, i: int, j: int) -> float:
        """Cosine similarity of the words of the i-th and j-th objectives, in [0, 1]."""
        a, b = self.vectors[i], self.vectors[j]
        if len(a) > len(b):
            a, b = b, a
        return min(1.0, sum(w * b[t] for t, w in a.items() if t in b))

    def score(self, i: int, j: int) -> float:
        """How alike the i-th and j-th objectives are, in [0, 1]: their words, and their
        meaning when there is a model."""
        if self.meaning is None:
            return self.lexical(i, j)
        meaning = max(0.0, self.meaning.similarity(i, j))
        c = self.meaning.calibration
        return min(1.0, c.lexical_weight * self.lexical(i, j) + c.meaning_weight * meaning)

    def closeness(self, i: int, j: int) -> float:
        """How close the i-th and j-th objectives are for the each-other's-closest rule of a
        sentence model (``closeness``); without a model, their word score."""
        if self.meaning is None:
            return self.lexical(i, j)
        return closeness(
            self.meaning.similarity(i, j),
            self.lexical(i, j),
            self.meaning.key_results_similarity(i, j),
            self.meaning.calibration,
        )

    def similarity(self, i: int, j: int) -> Decimal:
        """The score as reported and compared with thresholds: two decimals."""
        return _two_decimals(self.score(i, j))

    def candidates(self) -> set[tuple[int, int]]:
        """Pairs of different teams worth scoring (i < j): those that share an informative
        term, and each objective's nearest neighbours by meaning."""
        postings: dict[str, list[int]] = defaultdict(list)
        for i, vector in enumerate(self.vectors):
            for t in vector:
                if t not in _GENERIC:
                    postings[t].append(i)
        teams = [item.team for item in self.items]
        found: set[tuple[int, int]] = set()
        for members in postings.values():
            if 1 < len(members) <= MAX_POSTING:
                found.update((i, j) for i, j in combinations(members, 2) if teams[i] != teams[j])
        if self.meaning is not None:
            found.update(
                (min(i, j), max(i, j))
                for i, j in self.meaning.neighbours(MEANING_NEIGHBOURS)
                if i != j and teams[i] != teams[j]
            )
        return found

    def pairs(
        self,
        threshold: Decimal = DEFAULT_THRESHOLD,
        related: Callable[[N, N], bool] | None = None,
    ) -> tuple[SimilarPair[N], ...]:
        """Look-alike pairs at or above ``threshold``, most similar first.

        ``related`` says which pairs are linked already (a child and its parent): they are
        never look-alikes, and with a meaning model they do not stand in the way of
        being another objective's closest look-alike either."""
        ids = [item.id for item in self.items]
        scored = {
            (i, j): self.score(i, j)
            for i, j in self.candidates()
            if related is None or not related(ids[i], ids[j])
        }
        chosen = {pair for pair, score in scored.items() if _two_decimals(score) >= threshold}
        by_meaning: dict[tuple[int, int], float] = {}
        if self.meaning is not None:
            c = self.meaning.calibration
            if c.mutual_factor is not None:
                chosen |= _mutual_closest(scored, threshold * Decimal(str(c.mutual_factor)))
            if c.closest_in_meaning_factor is not None:
                close = {pair: self.closeness(*pair) for pair in scored}
                floor = threshold * Decimal(str(c.closest_in_meaning_factor))
                by_meaning = {pair: close[pair] for pair in _mutual_closest(close, floor)}
        shown = {pair: self.similarity(*pair) for pair in chosen | by_meaning.keys()}
        for pair, cosine in by_meaning.items():
            # Found by its closeness: shown with it, which says more than the weighted score.
            shown[pair] = max(shown[pair], _two_decimals(min(1.0, cosine)))
        found = sorted(((similarity, i, j) for (i, j), similarity in shown.items()), key=_order)
        return tuple(
            SimilarPair(
                a=ids[i],
                b=ids[j],
                team_a=self.items[i].team,
                team_b=self.items[j].team,
                similarity=similarity,
            )
            for similarity, i, j in found
        )


def _order(found: tuple[Decimal, int, int]) -> tuple[Decimal, int, int]:
    # Most similar first; ties in input order so the output is stable.
    similarity, i, j = found
    return (-similarity, i, j)


def _two_decimals(score: float) -> Decimal:
    return Decimal(score).quantize(SIMILARITY_STEP, ROUND_HALF_EVEN)


def _mutual_closest(
    scored: Mapping[tuple[int, int], float], floor: Decimal
) -> set[tuple[int, int]]:
    """Pairs whose two objectives are each other's closest look-alike, at or above
    ``floor``: in a cycle where most objectives have no twin, being each other's best
    match is strong evidence on its own."""
    best: dict[int, tuple[float, int]] = {}
    for (i, j), score in scored.items():
        for a, b in ((i, j), (j, i)):
            if a not in best or (score, -b) > (best[a][0], -best[a][1]):
                best[a] = (score, b)
    return {
        (i, j)
        for i, (score, j) in best.items()
        if i < j and best.get(j, (0.0, -1))[1] == i and _two_decimals(score) >= floor
    }


def similar_pairs(
    items: Iterable[Describable[N]],
    threshold: Decimal = DEFAULT_THRESHOLD,
    meaning: MeaningModel | None = None,
    related: Callable[[N, N], bool] | None = None,
) -> tuple[SimilarPair[N], ...]:
    """Pairs of objectives of different teams that say the same thing, most similar first.

    ``meaning`` reads the objectives' meaning (``bearing.semantic.meaning_of``); without
    it only their words count. ``related`` pairs (linked already) are left out."""
    listed = list(items)
    return SimilarityIndex(listed, meaning(listed) if meaning else None).pairs(threshold, related)


def _generic(term: str) -> float:
    return GENERIC_FACTOR if term in _GENERIC else 1.0


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {t: w / norm for t, w in vector.items()} if norm else {}
