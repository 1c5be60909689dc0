"""Scopes beyond a team: what no team moves alone, and what only the company can.

Out of bounds (objectives) and hard to attribute (key results) read the same
signals: forces outside any team (the economy, a region's population, commodity
prices), results the whole company and its market make (share price, market
share, a rank against the market) and words that speak for the whole company.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import pairwise

from bearing.domain.coach import lexicon as lx
from bearing.domain.coach.amounts import is_rank
from bearing.domain.coach.signals import text_of
from bearing.domain.coach.text import CLAUSE_BREAKS, Token, is_plural, lemmas, noun_in

Tokens = Sequence[Token]
_OWN = frozenset({"our", "my"})
# Figures only a whole place has: "the UK's emissions", "the country's trade deficit".
_PLACE_FIGURES = frozenset({
    "emissions", "deficit", "debt", "exports", "imports", "economy", "population", "footfall",
})  # fmt: skip  # "obesity among our members", "crime on our trains"


def _possessive(token: Token) -> bool:
    return token.text.lower().endswith("'s")


_ACROSS_A_PLACE = frozenset({"across", "in", "among", "amongst", "of", "throughout"})


def _population_figure(tokens: Tokens) -> str | None:
    """A measure of a whole population: "the region's obesity rate", "the city's emissions";
    or a measure taken across all of a place's people or firms: "the average rent across
    the city's landlords". Not the place's people the team serves ("waiting times for the
    county's residents", "visits from the city's schools")."""
    for i, t in enumerate(tokens):
        if not (_possessive(t) and t.low in lx.POPULATION_SCOPES):
            continue
        window = range(i + 1, min(len(tokens), i + 5))
        figures = lx.MEASURES | lx.SOCIETAL_CONDITIONS | _PLACE_FIGURES
        found = [j for j in window if noun_in(tokens[j].low, figures)]
        start = i - 1 if i and tokens[i - 1].low == "the" else i
        if found:
            return text_of(tokens[start : found[-1] + 1])
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        measured = any(x.is_word and noun_in(x.low, lx.MEASURES) for x in tokens[:start])
        if (
            start > 0
            and tokens[start - 1].low in _ACROSS_A_PLACE
            and nxt is not None
            and is_plural(nxt.low)
            and measured
        ):
            return text_of(tokens[start - 1 : i + 2])
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


def _coping(lows: Sequence[str], i: int) -> bool:
    """ "resilient to the weather", "despite inflation": the force is the context the
    team copes with, not what it sets out to move."""
    return any(w in lx.COPING_WORDS for w in lows[max(0, i - 5) : i])


_PRICES = frozenset({"price", "prices"})


def _market_price(lows: Sequence[str], i: int) -> str | None:
    """A price a market sets: "fuel prices", "house prices", "the price of wheat"."""
    w, nxt = lows[i], lows[i + 1] if i + 1 < len(lows) else ""
    # "flour costs below £400 a tonne": a cost per unit of the good is its market price;
    # "flour costs per loaf" is how much of it the team uses.
    if w in lx.COMMODITIES and nxt in _COSTS:
        after = lows[i + 2 : i + 10]
        per_bulk = any(a in {"a", "per", "/"} and b in lx.BULK_UNITS for a, b in pairwise(after))
        return text_of_words(lows[i : i + 2]) if per_bulk else None
    if w in lx.COMMODITIES and nxt in _PRICES:
        # "the premium we pay over the LME aluminium price": the price is the benchmark.
        if any(x in _BENCHMARK for x in lows[max(0, i - 4) : i]):
            return None
        return f"{w} {nxt}"
    if w in _PRICES and nxt in {"of", "for", "we", "paid"}:
        j = i + 1
        # "the price of wheat", "the price we pay for aluminium ingot"
        while j < len(lows) and lows[j] in {"of", "for", "we", "pay", "paid"}:
            j += 1
        while j < len(lows) and lows[j] in lx.DETERMINERS:
            j += 1
        # "the price of jet fuel", "the price of Brent crude": a modifier before the good.
        if (
            j + 1 < len(lows)
            and not lemmas(lows[j]) & lx.COMMODITIES
            and lemmas(lows[j + 1]) & lx.COMMODITIES
            and lows[j] not in lx.PREPOSITIONS
        ):
            j += 1
        # The good must lead the phrase it names: "the price of wheat", "aluminium ingot";
        # not "the price of a home loan".
        head = (
            j + 1 >= len(lows)
            or lows[j + 1] in lx.PREPOSITIONS | CLAUSE_BREAKS | lx.PURCHASE_CLAUSE
        )
        bulk = j + 1 < len(lows) and lows[j + 1] in lx.BULK_FORMS
        if j < len(lows) and lemmas(lows[j]) & lx.COMMODITIES and (head or bulk):
            return text_of_words(lows[i : j + 1 + bulk])
    return None


_COSTS = frozenset({"cost", "costs"})
_SEASON_ENDS = frozenset({"and", "or", "so", "this", "next", "ahead", "again"})


def _weather_compound(word: str) -> bool:
    """ "weather-related claims", "frost-damaged crops": what the weather causes."""
    head, hyphen, tail = word.partition("-")
    # "weather-proof shelters", "frost-resistant seed": what the team makes to cope.
    coping = tail in {"proof", "proofed", "proofing", "ready", "resistant", "tight", "safe"}
    return bool(hyphen) and (head == "weather" or head in lx.WEATHER) and not coping


def _weather_season(lows: Sequence[str], i: int) -> str | None:
    """The weather by its state and a season: "a dry summer", "a dry, fire-free summer",
    "a mild, wet winter". Not "dry all winter" or "hot meals this winter": a word of
    quantity, a noun or a determiner between them says it is not the season's state."""
    if lows[i] not in lx.WEATHER_STATES:
        return None
    for j in range(i + 1, min(len(lows), i + 4)):
        w = lows[j]
        if w in lx.SEASONS:
            # The season is the head: "a mild winter", "a dry summer on the moors" — not
            # "hot summer lunches" (a kind of lunch).
            after = lows[j + 1] if j + 1 < len(lows) else ""
            if after and after[0].isalpha() and after not in lx.PREPOSITIONS | _SEASON_ENDS:
                return None
            return text_of_words(lows[i : j + 1]).replace(" ,", ",")
        if not (w in {",", "and"} or w in lx.WEATHER_STATES or "-" in w):
            return None
    return None


_BENCHMARK = frozenset({"over", "above", "below", "under", "than", "against", "vs", "versus"})


def text_of_words(words: Sequence[str]) -> str:
    return " ".join(words)


def outside_forces(tokens: Tokens) -> str | None:
    """A scope no team moves alone: the economy, national figures, a region's population,
    market prices of goods and assets."""
    lows = [t.low for t in tokens]
    for i, w in enumerate(lows):
        if _coping(lows, i):
            continue
        if w in lx.SCOPE_ADVERBS and service_before(tokens, i):
            continue  # "Cut delivery times nationwide": where the team works
        if w == "national" and (_service_after(tokens, i) or _national_reach(lows, i)):
            continue  # "national delivery times": the team's service, run nationally
        if w in lx.UNCONTROLLABLE or noun_in(w, lx.WEATHER) or _weather_compound(w):
            return w
        if (season := _weather_season(lows, i)) is not None:
            return season
        if (price := _market_price(lows, i)) is not None:
            return price
    return (
        _population_figure(tokens)
        or _named_place_figure(tokens)
        or _national_figure(tokens)
        or _whole_place(tokens)
        or _place_made(tokens)
        or _societal_condition(tokens)
    )


def _national_figure(tokens: Tokens) -> str | None:
    """A country's figure named by the country or its adjective, no possessive: "UK butter
    consumption", "European steel demand", "British exports". Not the team's own figures
    there ("UK sales", "our UK customers")."""
    if any(t.low in _OWN for t in tokens):
        return None
    for i, t in enumerate(tokens):
        if t.low not in lx.COUNTRY_WORDS:
            continue
        for j in range(i + 1, min(len(tokens), i + 4)):
            x = tokens[j]
            if not x.is_word or x.low in lx.PREPOSITIONS:
                break
            if lemmas(x.low) & lx.NATIONAL_FIGURES:
                return text_of(tokens[i : j + 1])
    return None


def _whole_place(tokens: Tokens) -> str | None:
    """A whole place or market: "the whole town", "the entire sector" — everyone in it acts."""
    for i, t in enumerate(tokens[:-1]):
        nxt = tokens[i + 1]
        if t.low in {"whole", "entire"} and lemmas(nxt.low) & lx.MARKET_SCOPES:
            # "the whole town centre site": a place in it (a noun follows).
            after = tokens[i + 2] if i + 2 < len(tokens) else None
            if after is None or not after.is_word or after.low in lx.PREPOSITIONS:
                return text_of(tokens[i : i + 2])
            # "the whole town recycling": the place doing something (a verb in -ing).
            if after.low.endswith("ing") and len(after.low) > 5:
                return text_of(tokens[i : i + 3])
    return None


def _place_made(tokens: Tokens) -> str | None:
    """A place made into something: "Make the county the healthiest place to grow up",
    "Turn the region into…" — the place's condition, which many parties make."""
    if len(tokens) < 4 or tokens[0].low not in {"make", "turn"} or tokens[1].low != "the":
        return None
    place = tokens[2]
    if lemmas(place.low) & lx.POPULATION_SCOPES and not _possessive(place):
        nxt = tokens[3]
        if nxt.low in lx.DETERMINERS | {"into"} or (nxt.is_word and nxt.low.endswith("er")):
            return text_of(tokens[1:3])
    return None


def _national_reach(lows: Sequence[str], i: int) -> bool:
    """ "national press mentions", "national accounts": how far the team's own work reaches."""
    return i + 1 < len(lows) and lemmas(lows[i + 1]) & lx.NATIONAL_REACH != frozenset()


_NATION_LEVELS = frozenset({"rate", "rates", "average", "averages", "level", "levels"})


def _service_after(tokens: Tokens, i: int) -> bool:
    """A measure of the team's own service right after position ``i`` ("national delivery
    times"), with no figure of a population among it ("national unemployment rate",
    "national literacy rates")."""
    service = lx.MEASURES - lx.POPULATION_EVENTS - lx.PLACE_MEASURES - lx.UNCONTROLLABLE
    blockers = lx.POPULATION_EVENTS | lx.UNCONTROLLABLE | lx.SOCIETAL_CONDITIONS
    phrase = []
    for t in tokens[i + 1 : i + 4]:
        if not t.is_word or t.low in CLAUSE_BREAKS:
            break
        phrase.append(t.low)
    if any(noun_in(w, blockers) or w in _NATION_LEVELS for w in phrase):
        return False
    return any(noun_in(w, service) for w in phrase)


def service_before(tokens: Tokens, i: int) -> bool:
    """A measure of the team's own service before position ``i`` in the same clause
    ("delivery times", "sales"), not a place's ("unemployment", "traffic")."""
    service = lx.MEASURES - lx.POPULATION_EVENTS - lx.PLACE_MEASURES - lx.UNCONTROLLABLE
    for t in reversed(tokens[:i]):
        if t.low in CLAUSE_BREAKS:
            return False
        if t.is_word and noun_in(t.low, service):
            return True
    return False


def _named_place_figure(tokens: Tokens) -> str | None:
    """A named place's own figure: a capitalized possessive (not the first word) before a
    figure only a whole place has: "the UK's carbon emissions", "Wales's trade deficit"."""
    for i, t in enumerate(tokens[1:], start=1):
        if not (_possessive(t) and t.text[0].isupper()):
            continue
        found = [
            j
            for j in range(i + 1, min(len(tokens), i + 4))
            if tokens[j].is_word and lemmas(tokens[j].low) & _PLACE_FIGURES
        ]
        if found:
            return text_of(tokens[i : found[0] + 1])
    return None


def hostile_acts(tokens: Tokens) -> str | None:
    """A count of attacks or break-ins: how many are attempted is the attackers' choice.
    What the defence achieves ("successful attacks", "attacks blocked", "time to detect
    an intrusion") is the team's own result. Read in key results only: an objective to
    protect people from attacks is the team's to pursue."""
    hostile = next((t for t in tokens if t.is_word and noun_in(t.low, lx.HOSTILE_ACTS)), None)
    if hostile is None:
        return None
    defended = any(
        t.is_word
        and (
            lemmas(t.low) & lx.DEFENCE_OUTCOMES
            or (noun_in(t.low, lx.MEASURES) and t.low not in lx.COUNT_WORDS)
        )
        for t in tokens
    )
    return None if defended else hostile.text


def market_measures(tokens: Tokens) -> str | None:
    """Results the whole company and its market make: share price, market share, a market
    price, a place in a chart or ranking."""
    lows = [t.low for t in tokens]
    for i, w in enumerate(lows):
        nxt = lows[i + 1] if i + 1 < len(lows) else ""
        if w in {"stock", "share", "market"} and nxt in _PRICES:
            return f"{w} {nxt}"
        if w == "market" and nxt == "share":
            return "market share"
        if w == "share" and nxt == "of" and "market" in lows[i + 2 : i + 7]:
            return "share of the market"
    return chart_rank(tokens)


def _rank_marker(tokens: Tokens, i: int) -> bool:
    """ "#1", "number one", "top 10", "top-sellers", "first place", "rank"."""
    t = tokens[i]
    # "Place the chart on the wiki": a leading rank word is a verb ("Top the chart" ranks).
    ranked = t.low in lx.RANK_WORDS and i > 0
    return is_rank(t) or (t.is_word and (_superlative(tokens, i) or ranked or _ordinal(t.low)))


_ORDINAL = re.compile(r"\d+(st|nd|rd|th)")


def _ordinal(word: str) -> bool:
    """ "40th", "3rd": a place in a ranking, with a ranking named beside it."""
    return _ORDINAL.fullmatch(word) is not None


def chart_rank(tokens: Tokens) -> str | None:
    """A place in a chart or ranking ("#1 on the top-sellers chart", "the top 10 of the
    rankings"): where one lands depends on everyone else in it."""
    charts = [j for j, t in enumerate(tokens) if t.is_word and noun_in(t.low, lx.RANKINGS)]
    if not charts:  # most titles name no chart: spare reading every word as a rank
        return None
    marks = [i for i in range(len(tokens)) if _rank_marker(tokens, i)]
    if not marks:
        return None
    # The rank may come before the chart ("#1 on the chart") or after ("ranking from 40th")
    return text_of(tokens[min(marks[0], charts[0]) : max(marks[-1], charts[-1]) + 1])


def rank_target(tokens: Tokens) -> bool:
    """Reaching a place in a ranking with no start to measure from ("Hit #1 on the chart"):
    it is reached or it is not."""
    return chart_rank(tokens) is not None and all(t.low != "from" for t in tokens)


def _superlative(tokens: Tokens, i: int) -> bool:
    w = tokens[i].low
    nxt = tokens[i + 1].low if i + 1 < len(tokens) else ""
    head = w.split("-")[0]  # "best-rated", "most-visited"
    return (
        head in lx.SUPERLATIVES
        or (w == "number" and nxt == "one")
        or head.endswith("iest")
        or is_rank(tokens[i])
    )


def _own_words(names: Iterable[str | None]) -> frozenset[str]:
    return frozenset(w.lower() for n in names if n for w in n.split())


def _sized_rank(tokens: Tokens, i: int) -> bool:
    """A rank by position or size ("#1", "number one", "the biggest"), which the whole
    market decides even in a small place; a quality ("the friendliest") the team makes."""
    return is_rank(tokens[i]) or tokens[i].low.split("-")[0] in lx.SIZED_RANKS


def _ranked_place(tokens: Tokens, i: int, own: frozenset[str]) -> bool:
    """ "Europe's most…", "the country's leading…": a place owning the ranking. A name of
    the team's own ("Acme's best product") is the company, not a market; a small place
    ("the town's friendliest shop") is one a shop can fairly aim at."""
    if i == 0 or not _possessive(tokens[i - 1]):
        return False
    place = tokens[i - 1]
    if lemmas(place.low) & lx.LOCAL_SCOPES and not _sized_rank(tokens, i):
        return False
    if lemmas(place.low) & lx.MARKET_SCOPES:
        return True
    return place.text[0].isupper() and place.low not in own


def market_rank(tokens: Tokens, names: Iterable[str | None] = ()) -> str | None:
    """A rank against the whole market: "the most profitable in the City", "the largest
    insurer in the country", "Europe's leading airline". Only the company as a whole
    competes for it. ``names`` are the team's and the company's own names."""
    own = _own_words(names)
    for i, t in enumerate(tokens):
        if not (t.is_word or is_rank(t)) or not _superlative(tokens, i):
            continue
        if _ranked_place(tokens, i, own):
            end = next(
                (k for k in range(i + 1, len(tokens)) if tokens[k].low in lx.PREPOSITIONS),
                len(tokens),
            )
            start = i - 2 if i > 1 and tokens[i - 2].low == "the" else i - 1
            return text_of(tokens[start:end])
        for j in range(i + 1, min(len(tokens), i + 6)):
            if tokens[j].low not in {"in", "across", "of"}:
                continue
            k = j + 1
            while k < len(tokens) and tokens[k].low in lx.DETERMINERS:
                k += 1
            if k < len(tokens) and tokens[k].is_word:
                place = tokens[k]
                if lemmas(place.low) & lx.LOCAL_SCOPES and not _sized_rank(tokens, i):
                    break  # "the friendliest in town": a quality a team can aim at
                if lemmas(place.low) & lx.MARKET_SCOPES or place.text[0].isupper():
                    return text_of(tokens[i : k + 1])
    return None


def _company_figure(tokens: Tokens, i: int) -> bool:
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is not None and noun_in(nxt.low, lx.MEASURES):
        return True  # "company revenue"
    # "across the company", but not "across the company site" (a place in it).
    head = nxt is None or not nxt.is_word or nxt.low in lx.PREPOSITIONS | {"and", "by", "from"}
    before = {x.low for x in tokens[max(0, i - 2) : i]}
    return head and bool(before & {"across", "throughout", "whole", "entire"})


def company_words(tokens: Tokens) -> str | None:
    """Words that speak for the whole company ("company-wide", "the whole health system")."""
    lows = [t.low for t in tokens]
    for i, w in enumerate(lows):
        # A bare "company" or "corporate" names the whole company only before one of its
        # figures ("company revenue") or after "across"/"throughout"; "company cars" and
        # "corporate clients" are things a team runs or serves.
        bare = w in lx.BARE_COMPANY_NOUNS and not _possessive(tokens[i])
        if bare and not _company_figure(tokens, i):
            continue
        if w in lx.COMPANY_SCOPE:
            return tokens[i].text
        if w in {"whole", "entire"} and any(x in lx.ORG_NOUNS for x in lows[i + 1 : i + 4]):
            end = next(j for j in range(i + 1, i + 4) if lows[j] in lx.ORG_NOUNS)
            return text_of(tokens[i : end + 1])
    return None
