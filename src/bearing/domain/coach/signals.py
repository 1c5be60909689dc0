"""What a title says, in a few signals shared by the objective and key-result rules.

Each function answers one question about a tokenized title ("is there a
quantity?", "is this a list of goals?", "does it name a deliverable?") and
returns the words that made it say yes, so findings can quote them back.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from bearing.domain.coach import lexicon as lx
from bearing.domain.coach.text import (
    Token,
    clauses,
    is_acronym,
    is_plural,
    lemma_in,
    object_of,
    verb_at,
    verb_length,
    word_count,
)

Tokens = Sequence[Token]


def is_artefact(word: str) -> bool:
    """A thing a team builds ("dashboards", "portal"); "supported" is a verb, not "support"."""
    return not word.endswith(("ed", "ing")) and lemma_in(word, lx.ARTEFACTS)


def text_of(tokens: Tokens) -> str:
    out = ""
    for t in tokens:
        glue = "" if not out or t.text in {",", ";", ":", ")"} or out.endswith(("(", "/")) else " "
        out += ("" if t.text == "/" else glue) + t.text
    return out


def _is_year(tokens: Tokens, i: int) -> bool:
    """ "in 2026", "the 2027 season" — but "2000 meals" counts meals."""
    t = tokens[i]
    if not t.text.isdigit() or not 1900 <= int(t.text) <= 2099:
        return False
    nxt = tokens[i + 1].low if i + 1 < len(tokens) else ""
    return not (is_plural(nxt) or nxt in lx.UNITS)


def _is_identifier(tokens: Tokens, i: int) -> bool:
    """ "line 3", "SOC 2", "ISO 9001": a number that names rather than counts."""
    if i == 0 or "%" in tokens[i].text:
        return False
    prev = tokens[i - 1]
    return is_acronym(prev) or prev.low in lx.IDENTIFIER_HEADS


def quantities(tokens: Tokens) -> list[str]:
    """The amounts a title states: numbers, money, multipliers, number words."""
    found = []
    for i, t in enumerate(tokens):
        named = t.kind == "number" and (_is_year(tokens, i) or _is_identifier(tokens, i))
        if (t.is_numeric and not named) or (t.is_word and t.low in lx.NUMBER_WORDS):
            found.append(t.text)
        elif t.is_word and t.low in lx.MULTIPLIER_WORDS:
            # "half" alone is often a period ("the first half"); "in half" is an amount.
            # "Double down on…" is an idiom for focus, not a doubling.
            nxt = tokens[i + 1].low if i + 1 < len(tokens) else ""
            if (t.low != "half" or (i and tokens[i - 1].low in {"in", "by"})) and nxt != "down":
                found.append(t.text)
    return found


def has_metric(tokens: Tokens) -> bool:
    """Does the title name something that can be counted or measured?"""
    lead = leading_verb(tokens)
    # Only a verb of change makes its plural object the thing measured ("reduce
    # cancellations"); after other verbs it is what is acted on ("email reminders").
    obj_end = 0
    if lead is not None and lead in lx.CHANGE_VERBS:
        obj_end = verb_length(lead) + len(object_of(tokens, verb_length(lead)))
    for i, t in enumerate(tokens):
        # Money is a measured value; a bare "%" is not: "50% more innovative" measures nothing.
        if t.kind == "money":
            return True
        if not t.is_word:
            continue
        if lemma_in(t.low, lx.MEASURES) or t.low in lx.MEASURE_COMPARATIVES:
            return True
        after_number = any(
            x.is_numeric or x.low in lx.NUMBER_WORDS for x in tokens[max(0, i - 3) : i]
        )
        if t.low in lx.UNITS and i and tokens[i - 1].is_numeric:
            return True
        # A plural counts when a verb or a number makes it the thing counted:
        # "reduce cancellations", "50 new mentors" (not "Patients are happier").
        if is_plural(t.low) and (i < obj_end or after_number):
            return True
    return False


def leading_verb(tokens: Tokens) -> str | None:
    return verb_at(tokens, 0, lx.ALL_VERBS)


def _verb_led(clause: Tokens) -> bool:
    """A clause that is its own goal: a verb with an object ("reduce churn")."""
    verb = leading_verb(clause)
    if verb is None:
        return False
    rest = clause[verb_length(verb) :]
    # "speed of releases", "cost of care": a noun that happens to be spelled like a verb.
    return bool(rest) and rest[0].low != "of"


def _thing(item: Tokens) -> bool:
    """A list item that names a thing, not a quality: "facilities", "safety", "teacher retention"."""
    if word_count(item) > 1:
        return True
    w = item[0].low
    return is_plural(w) or lemma_in(w, lx.MEASURES) or w.endswith(lx.NOUN_SUFFIXES)


def goal_parts(tokens: Tokens) -> list[str]:
    """The separate goals in a title, when it holds two or more; else []."""
    parts = clauses(tokens)
    if len(parts) < 2:
        return []
    verb_led = [p for p in parts if _verb_led(p)]
    # An amount with a noun of its own ("no-shows by 10%"), not a trailing participle
    # of the same measure ("patients seen and treated by 20%").
    numbered = [
        p for p in parts if quantities(p) and any(t.is_word and not t.low.endswith("ed") for t in p)
    ]
    # A list of short things ("outcomes, retention, engagement and facilities") is a
    # list of goals; long items joined by commas are usually one sentence, and a list of
    # qualities ("clean, safe and green") describes one outcome.
    listed = len(parts) >= 3 and all(word_count(p) <= 4 and _thing(p) for p in parts[1:])
    if len(verb_led) >= 2 or len(numbered) >= 2 or listed:
        return [text_of(p) for p in parts]
    return []


def how_phrase(tokens: Tokens) -> str | None:
    """The method a title names: "by modernizing…", "through mentoring", "via the portal"."""
    for i, t in enumerate(tokens):
        if i == 0 or not t.is_word:
            continue
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        method = (
            t.low in lx.HOW_CONNECTORS
            or (t.low == "by" and nxt is not None and nxt.low.endswith("ing") and nxt.is_word)
            or (
                t.low == "with"
                and nxt is not None
                and nxt.low in lx.DETERMINERS
                and any(is_artefact(x.low) for x in tokens[i + 1 : i + 5])
            )
        )
        if method:
            return text_of(tokens[i:])
    return None


def ensured_delivery(tokens: Tokens) -> bool:
    """ "Ensure controls are documented", "Make sure all staff complete training":
    upkeep wording wrapped around a deliverable is still a deliverable."""
    verb = leading_verb(tokens)
    if verb not in {"ensure", "make_sure"}:
        return False
    inner = tokens[verb_length(verb) :]
    for i, t in enumerate(inner):
        if not t.is_word or not lemma_in(t.low, lx.DELIVERY_VERBS):
            continue
        # "staff complete training", "every nurse completes", "controls are documented" —
        # but not "a trained counsellor" or "all releases".
        prev = inner[i - 1].low if i else ""
        third_person = t.low.endswith("s") and prev not in lx.DETERMINERS
        if t.low in lx.DELIVERY_VERBS or third_person or prev in lx.BE_FORMS:
            return True
    return False


def counted_outputs(tokens: Tokens) -> bool:
    """Counting things made or places opened ("3 new dashboards", "5 new cities"), not results.

    After a verb of acquiring ("onboard 40 new schools", "sign 3 hospitals") the
    places are customers won, which is a result.
    """
    if leading_verb(tokens) in lx.ACQUIRE_VERBS:
        return False
    if any(t.is_word and lemma_in(t.low, lx.MEASURES) for t in tokens):
        return False
    for i, t in enumerate(tokens):
        counted = any(x.is_numeric or x.low in lx.NUMBER_WORDS for x in tokens[max(0, i - 3) : i])
        if counted and is_plural(t.low) and (is_artefact(t.low) or lemma_in(t.low, lx.PLACES)):
            return True
    return False


def deliverable(tokens: Tokens) -> str | None:
    """The clause that names a deliverable: a delivery verb, or a maker verb with an artefact."""
    if ensured_delivery(tokens):
        return text_of(tokens)
    for clause in clauses(tokens):
        verb = leading_verb(clause)
        if verb is None:
            continue
        obj = object_of(clause, verb_length(verb))
        artefact = any(is_artefact(t.low) for t in obj)
        if (
            verb in lx.DELIVERY_VERBS
            or (verb in lx.MAKER_VERBS and artefact)
            or (verb in lx.BINARY_VERBS and any(t.low in lx.BINARY_NOUNS for t in clause))
        ):
            return text_of(clause)
    return None


def outside_forces(tokens: Tokens) -> str | None:
    """A scope no team moves alone: the economy, national figures, fuel prices."""
    lows = [t.low for t in tokens]
    for i, w in enumerate(lows):
        nxt = lows[i + 1] if i + 1 < len(lows) else ""
        if w in lx.UNCONTROLLABLE:
            return w
        if w in lx.COMMODITIES and nxt in {"price", "prices"}:
            return f"{w} {nxt}"
    return None


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


def jargon(tokens: Tokens) -> list[str]:
    """Acronyms, product names and buzzwords a newcomer would have to ask about."""
    shouting = all(not c.islower() for t in tokens for c in t.text)
    found = [t.text for t in tokens if t.low in lx.JARGON or lemma_in(t.low, lx.JARGON)]
    if not shouting:
        found += [t.text for t in tokens if is_acronym(t)]
    return list(dict.fromkeys(found))


def cadence(tokens: Tokens) -> str | None:
    """'frequent' or 'slow' when the words say how often it is measured."""
    lows = [t.low for t in tokens]
    pairs = list(pairwise(lows))
    if set(lows) & lx.FREQUENT_CADENCE or any(
        a in lx.PER and b in lx.FREQUENT_PERIODS for a, b in pairs
    ):
        return "frequent"
    if set(lows) & lx.SLOW_CADENCE or any(a in lx.PER and b in lx.SLOW_PERIODS for a, b in pairs):
        return "slow"
    return None
