"""Scopes beyond a team: what no team moves alone, and what only the company can.

Out of bounds (objectives) and hard to attribute (key results) read the same
signals: forces outside any team (the economy, a region's population, commodity
prices), results the whole company and its market make (share price, market
share, a rank against the market) and words that speak for the whole company.
"""

from __future__ import annotations

from collections.abc import Sequence

from bearing.domain.coach import lexicon as lx
from bearing.domain.coach.signals import text_of
from bearing.domain.coach.text import Token, lemmas, noun_in

Tokens = Sequence[Token]
_OWN = frozenset({"our", "my"})  # "obesity among our members", "crime on our trains"


def _possessive(token: Token) -> bool:
    return token.text.lower().endswith("'s")


def _population_figure(tokens: Tokens) -> str | None:
    """A measure of a whole population: "the region's obesity rate", "the city's emissions"."""
    for i, t in enumerate(tokens):
        if not (_possessive(t) and t.low in lx.POPULATION_SCOPES):
            continue
        window = range(i + 1, min(len(tokens), i + 5))
        found = [j for j in window if noun_in(tokens[j].low, lx.MEASURES | lx.SOCIETAL_CONDITIONS)]
        if found:
            start = i - 1 if i and tokens[i - 1].low == "the" else i
            return text_of(tokens[start : found[-1] + 1])
    return None


def _societal_condition(tokens: Tokens) -> str | None:
    """A condition of a whole society ("child hunger", "homelessness"), unless it is
    scoped to the team's own people or premises ("among our members", "on our trains");
    "in our region" is still a population."""
    if any(
        t.low in _OWN
        and i + 1 < len(tokens)
        and not lemmas(tokens[i + 1].low) & lx.POPULATION_SCOPES
        for i, t in enumerate(tokens)
    ):
        return None

    for i, t in enumerate(tokens):
        if t.is_word and noun_in(t.low, lx.SOCIETAL_CONDITIONS):
            prev = tokens[i - 1] if i else None
            modifier = prev is not None and prev.is_word and noun_in(prev.low, lx.PEOPLE)
            return f"{prev.text} {t.text}" if modifier and prev is not None else t.text
    return None


def outside_forces(tokens: Tokens) -> str | None:
    """A scope no team moves alone: the economy, national figures, a region's population,
    fuel prices."""
    lows = [t.low for t in tokens]
    for i, w in enumerate(lows):
        nxt = lows[i + 1] if i + 1 < len(lows) else ""
        if w in lx.UNCONTROLLABLE:
            return w
        if w in lx.COMMODITIES and nxt in {"price", "prices"}:
            return f"{w} {nxt}"
    return _population_figure(tokens) or _societal_condition(tokens)


def market_measures(tokens: Tokens) -> str | None:
    """Results the whole company and its market make: share price, market share."""
    lows = [t.low for t in tokens]
    for i, w in enumerate(lows):
        nxt = lows[i + 1] if i + 1 < len(lows) else ""
        if w in {"stock", "share"} and nxt in {"price", "prices"}:
            return f"{w} {nxt}"
        if w == "market" and nxt == "share":
            return "market share"
        if w == "share" and nxt == "of" and "market" in lows[i + 2 : i + 7]:
            return "share of the market"
    return None


def _superlative(tokens: Tokens, i: int) -> bool:
    w = tokens[i].low
    nxt = tokens[i + 1].low if i + 1 < len(tokens) else ""
    head = w.split("-")[0]  # "best-rated", "most-visited"
    return head in lx.SUPERLATIVES or (w == "number" and nxt == "one") or head.endswith("iest")


def market_rank(tokens: Tokens) -> str | None:
    """A rank against the whole market: "the most profitable in the City", "the largest
    insurer in the country". Only the company as a whole competes for it."""
    for i, t in enumerate(tokens):
        if not t.is_word or not _superlative(tokens, i):
            continue
        for j in range(i + 1, min(len(tokens), i + 6)):
            if tokens[j].low not in {"in", "across", "of"}:
                continue
            k = j + 1
            while k < len(tokens) and tokens[k].low in lx.DETERMINERS:
                k += 1
            if k < len(tokens) and tokens[k].is_word:
                place = tokens[k]
                if lemmas(place.low) & lx.MARKET_SCOPES or place.text[0].isupper():
                    return text_of(tokens[i : k + 1])
    return None


def company_words(tokens: Tokens) -> str | None:
    """Words that speak for the whole company ("company-wide", "the whole health system")."""
    lows = [t.low for t in tokens]
    for i, w in enumerate(lows):
        if w in lx.COMPANY_SCOPE:
            return tokens[i].text
        if w in {"whole", "entire"} and any(x in lx.ORG_NOUNS for x in lows[i + 1 : i + 4]):
            end = next(j for j in range(i + 1, i + 4) if lows[j] in lx.ORG_NOUNS)
            return text_of(tokens[i : end + 1])
    return None
