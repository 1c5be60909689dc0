"""Tokens, light morphology and clauses for short OKR titles.

OKR titles are short, often title-cased and full of numbers, units and
hyphenated words ("sign-ups", "30-day", "$2M", "99.9 %"). A small regular
tokenizer that knows those shapes reads them more reliably than a general
English one, and it is fast and deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from bearing.domain.coach import lexicon as lx

_TOKEN = re.compile(
    r"""
    (?P<money>[$€£]\s?\d[\d,]*(?:\.\d+)?\s?(?:[kmb]n?)?(?![a-z]))   # $2M, €10k, £1.5bn
  | (?P<mult>\d+(?:\.\d+)?x(?![a-z]))                               # 10x
  | (?P<compound>\d+(?:[-/][a-z0-9]+)+)                             # 30-day, 24/7
  | (?P<code>\d+[a-z][a-z0-9]*(?![a-z0-9]))                         # 5G, 4K, 1st, 12k, 24h
  | (?P<number>\#?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s?%)?)    # 1,200  99.9 %  20%  #1
  | (?P<word>[a-z][a-z0-9']*(?:-[a-z0-9']+)*)                       # sign-ups, p95, bank's
  | (?P<punct>[,;:&/()+<>=≥≤])
    """,
    re.VERBOSE | re.IGNORECASE,
)
_NORMALIZE = str.maketrans({"’": "'", "‘": "'", "‑": "-", "–": "-", "—": ",", "“": '"', "”": '"'})
CLAUSE_BREAKS = frozenset({",", ";", "&", "and", "while", "whilst", "plus", "but", "+"})


@dataclass(frozen=True)
class Token:
    text: str  # as written (for acronyms and quoting back)
    low: str  # lower case, for matching
    kind: str  # word | number | money | mult | compound | punct

    @property
    def is_word(self) -> bool:
        return self.kind == "word"

    @property
    def is_numeric(self) -> bool:
        return self.kind in ("number", "money", "mult")


def _code(raw: str, rest: str) -> tuple[Token, ...]:
    """A number glued to letters. With a unit or scale ("12k", "24h", "5km") it is an
    amount and its unit, as if spaced; otherwise it names something ("5G", "3D",
    "1st", and "4K" before a phrase with no plural, as in "4K streaming")."""
    digits = re.match(r"\d+", raw)
    assert digits is not None  # the pattern starts with digits
    number, letters = digits.group(), raw[digits.end() :]
    phrase = []
    for word in rest.split():
        if not word.isalpha() or word.lower() in lx.PREPOSITIONS:
            break
        phrase.append(word)
    # "4K video", "4K streaming": a format; "5K paying members" counts the members.
    resolution = (
        len(number) == 1 and letters == "K" and bool(phrase) and not any(map(is_plural, phrase))
    )
    if letters.lower() in lx.GLUED_UNITS and not resolution:
        return Token(number, number, "number"), Token(letters, letters.lower(), "word")
    return (Token(raw, raw.lower(), "word"),)


def tokenize(text: str) -> tuple[Token, ...]:
    text = text.translate(_NORMALIZE)
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "punct"
        raw = m.group()
        if kind == "code":
            out += _code(raw, text[m.end() :].strip())
        else:
            out.append(Token(raw, raw.lower().removesuffix("'s"), kind))
    return tuple(out)


def word_count(tokens: Iterable[Token]) -> int:
    return sum(1 for t in tokens if t.kind != "punct")


@lru_cache(maxsize=4096)
def lemmas(word: str) -> frozenset[str]:
    """The word and the base forms it may be an inflection of (heuristic, over-generating).

    Over-generating is safe because every caller intersects with a lexicon:
    "shipping" yields {"shipping", "shipp", "ship", "shippe"} and only "ship" matches.
    """
    w = word.lower().removesuffix("'s")
    forms = {w}
    if w.endswith("ies") and len(w) > 4:
        forms.add(w[:-3] + "y")
    if w.endswith("es") and len(w) > 3:
        forms.add(w[:-2])
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        forms.add(w[:-1])
    if w.endswith("ied") and len(w) > 4:
        forms.add(w[:-3] + "y")
    for suffix in ("ed", "ing"):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            stem = w[: -len(suffix)]
            forms |= {stem, stem + "e"}
            if len(stem) > 2 and stem[-1] == stem[-2]:
                forms.add(stem[:-1])  # shipped -> ship, planning -> plan
    return frozenset(forms)


def lemma_in(word: str, lexicon: frozenset[str]) -> bool:
    return not lemmas(word).isdisjoint(lexicon)


def noun_in(word: str, lexicon: frozenset[str]) -> bool:
    """Is the word, or its singular, in ``lexicon``? Verb forms do not count:
    "valued" is not the measure "value", nor "targeted" the noun "target"."""
    return not _noun_forms(word).isdisjoint(lexicon)


@lru_cache(maxsize=8192)
def _noun_forms(word: str) -> frozenset[str]:
    """The word and its singulars (cached: the rules ask about the same words many times)."""
    w = word.lower().removesuffix("'s")
    forms = {w}
    if w.endswith("ies") and len(w) > 4:
        forms.add(w[:-3] + "y")
    if w.endswith("es") and len(w) > 3:
        forms.add(w[:-2])
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        forms.add(w[:-1])
    return frozenset(forms)


def is_plural(word: str) -> bool:
    """A plain English plural noun ("bookings", "no-shows", "parcels"), by its ending."""
    w = word.lower()
    return len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "'s", "ous"))


def is_participle(word: str) -> bool:
    return word.endswith(("ed", "en")) or word in lx.IRREGULAR_PARTICIPLES


def is_acronym(token: Token) -> bool:
    """API, NPS, CFOs, RevPAR: capitals that readers outside the team must decode."""
    letters = token.text.rstrip("s")
    upper = sum(1 for c in letters if c.isupper())
    camel = re.search(r"[a-z][A-Z]", token.text) is not None
    return token.is_word and ((upper >= 2 and letters.isupper()) or camel)


def phrasal_key(tokens: Sequence[Token], i: int) -> str:
    """'roll_out' for "roll out": two-word verbs are stored joined in the lexicon."""
    if i + 1 < len(tokens) and tokens[i + 1].is_word:
        return f"{tokens[i].low}_{tokens[i + 1].low}"
    return ""


def verb_at(tokens: Sequence[Token], i: int, lexicon: frozenset[str]) -> str | None:
    """The verb of ``lexicon`` that starts at position i (base or -ing form), if any.

    Only base and -ing forms count: a clause that starts with "returns" or
    "costs" is a noun phrase, not the imperative "return"/"cost".
    """
    if i >= len(tokens) or not tokens[i].is_word:
        return None
    two = phrasal_key(tokens, i)
    for key in (two, tokens[i].low):
        if not key:
            continue
        head, _, particle = key.partition("_")
        candidates = {head} | (lemmas(head) if head.endswith("ing") else set())
        for base in candidates:
            joined = f"{base}_{particle}" if particle else base
            if joined in lexicon:
                return joined
    return None


def starts_with_verb(tokens: Sequence[Token]) -> bool:
    first = tokens[0].low if tokens else ""
    if verb_at(tokens, 0, lx.ALL_VERBS):
        return True
    # -ize/-ise/-ify verbs are regular enough to recognise without a list.
    if first.endswith(("ize", "ise", "ify")) and len(first) > 5:
        return True
    # The imperative shape: a plain word straight followed by its object ("Spark a love
    # of…", "Ignite the…"). Nouns, adjectives and subjects are not followed by an article.
    return (
        len(tokens) > 1
        and tokens[0].is_word
        and first.isalpha()
        and not is_plural(first)
        and first not in lx.DETERMINERS | lx.PREPOSITIONS
        and not first.endswith(("ly", *lx.NOUN_SUFFIXES))
        and tokens[1].low in lx.OBJECT_OPENERS
    )


def without_lead_adverb(tokens: Sequence[Token]) -> Sequence[Token]:
    """ "Significantly grow repeat bookings" reads as "grow repeat bookings": an -ly
    adverb before the verb does not change what the title asks for."""
    if (
        len(tokens) > 1
        and tokens[0].is_word
        and tokens[0].low.endswith("ly")
        and len(tokens[0].low) > 4
        and verb_at(tokens, 0, lx.ALL_VERBS) is None
        and verb_at(tokens, 1, lx.ALL_VERBS) is not None
    ):
        return tokens[1:]
    return tokens


def _aside_end(tokens: Sequence[Token], i: int) -> int | None:
    """After ", regardless of where they live," the sentence goes on: where the aside that
    a comma at i opens ends (its closing comma), or None when it is no aside."""
    if tokens[i].low != "," or i + 1 >= len(tokens) or tokens[i + 1].low not in lx.ASIDE_OPENERS:
        return None
    return next((j for j in range(i + 2, len(tokens)) if tokens[j].low == ","), None)


def clauses(tokens: Sequence[Token]) -> list[tuple[Token, ...]]:
    """Split at commas, semicolons, "and", "&", "while", "plus", "as well as".

    An aside between two commas (", regardless of their background,") is left out:
    it qualifies the clause around it and is no goal of its own.
    """
    parts: list[list[Token]] = [[]]
    i = 0
    while i < len(tokens):
        t = tokens[i]
        aside = _aside_end(tokens, i)
        if aside is not None:
            i = aside + 1
            continue
        if t.low == "as" and [x.low for x in tokens[i + 1 : i + 3]] == ["well", "as"]:
            parts.append([])
            i += 3
            continue
        if t.low in CLAUSE_BREAKS:
            parts.append([])
        else:
            parts[-1].append(t)
        i += 1
    return [tuple(p) for p in parts if p]


def object_of(tokens: Sequence[Token], verb_end: int) -> tuple[Token, ...]:
    """The words after a leading verb up to the first preposition or clause break."""
    out = []
    for t in tokens[verb_end:]:
        if t.low in lx.PREPOSITIONS or t.low in CLAUSE_BREAKS:
            break
        out.append(t)
    return tuple(out)


def verb_length(verb: str) -> int:
    return verb.count("_") + 1
