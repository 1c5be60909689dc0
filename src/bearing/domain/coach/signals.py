"""What a title says, in a few signals shared by the objective and key-result rules.

Each function answers one question about a tokenized title ("is there a
quantity?", "is this a list of goals?", "does it name a deliverable?") and
returns the words that made it say yes, so findings can quote them back.
"""

from __future__ import annotations

from collections.abc import Sequence

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
_YEAR_LEADS = frozenset("in by of for fy before after until during through since from to".split())
_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_DETERMINERS = frozenset("a an the our new their its".split())


def text_of(tokens: Tokens) -> str:
    out = ""
    for t in tokens:
        glue = "" if not out or t.text in {",", ";", ":", ")"} or out.endswith(("(", "/")) else " "
        out += ("" if t.text == "/" else glue) + t.text
    return out


def _is_year(tokens: Tokens, i: int) -> bool:
    t = tokens[i]
    if not t.text.isdigit() or not 1900 <= int(t.text) <= 2099:
        return False
    prev = tokens[i - 1].low if i else ""
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return prev in _YEAR_LEADS or prev in _MONTHS or nxt is None or nxt.kind == "punct"


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
        if t.kind in ("money", "mult"):
            found.append(t.text)
        elif t.kind == "number" and not _is_year(tokens, i) and not _is_identifier(tokens, i):
            found.append(t.text)
        elif t.is_word and t.low in lx.NUMBER_WORDS:
            found.append(t.text)
        elif t.is_word and t.low in lx.MULTIPLIER_WORDS:
            # "half" alone is often a period ("the first half"); "in half" is an amount.
            if t.low != "half" or (i and tokens[i - 1].low in {"in", "by"}):
                found.append(t.text)
    return found


def has_metric(tokens: Tokens) -> bool:
    """Does the title name something that can be counted or measured?"""
    lead = leading_verb(tokens)
    obj = set(object_of(tokens, verb_length(lead)) if lead else ())
    for i, t in enumerate(tokens):
        if t.kind == "money" or "%" in t.text:
            return True
        if not t.is_word:
            continue
        if lemma_in(t.low, lx.MEASURES) or t.low in lx.MEASURE_COMPARATIVES:
            return True
        after_number = any(x.is_numeric or x.low in lx.NUMBER_WORDS for x in tokens[max(0, i - 3) : i])
        if t.low in lx.UNITS and i and tokens[i - 1].is_numeric:
            return True
        # A plural counts when a verb or a number makes it the thing counted:
        # "reduce cancellations", "50 new mentors" (not "Patients are happier").
        if is_plural(t.low) and (t in obj or after_number):
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


def goal_parts(tokens: Tokens) -> list[str]:
    """The separate goals in a title, when it holds two or more; else []."""
    parts = clauses(tokens)
    if len(parts) < 2:
        return []
    verb_led = [p for p in parts if _verb_led(p)]
    numbered = [p for p in parts if quantities(p) and any(t.is_word and not t.low.endswith("ed") for t in p)]
    # A list of short items ("outcomes, retention, engagement and facilities") is a
    # list of goals; long items joined by commas are usually one sentence.
    listed = len(parts) >= 3 and all(word_count(p) <= 4 for p in parts[1:])
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
                and nxt.low in _DETERMINERS
                and any(lemma_in(x.low, lx.ARTEFACTS) for x in tokens[i + 1 : i + 5])
            )
        )
        if method:
            return text_of(tokens[i:])
    return None


def deliverable(tokens: Tokens) -> str | None:
    """The clause that names a deliverable: a delivery verb, or a maker verb with an artefact."""
    for clause in clauses(tokens):
        verb = leading_verb(clause)
        if verb is None:
            continue
        obj = object_of(clause, verb_length(verb))
        artefact = any(lemma_in(t.low, lx.ARTEFACTS) for t in obj)
        if (
            verb in lx.DELIVERY_VERBS
            or (verb in lx.MAKER_VERBS and artefact)
            or (verb in lx.BINARY_VERBS and any(t.low in lx.BINARY_NOUNS for t in clause))
        ):
            return text_of(clause)
    return None


def uncontrollable(tokens: Tokens) -> str | None:
    """A scope no team moves alone: the economy, share price, market share, fuel prices."""
    lows = [t.low for t in tokens]
    for i, w in enumerate(lows):
        nxt = lows[i + 1] if i + 1 < len(lows) else ""
        if w in lx.UNCONTROLLABLE:
            return w
        if w in {"stock", "share"} and nxt in {"price", "prices"}:
            return f"{w} {nxt}"
        if w == "market" and nxt == "share":
            return "market share"
        if w == "share" and nxt == "of" and "market" in lows[i + 2 : i + 7]:
            return "share of the market"
        if w in lx.COMMODITIES and nxt in {"price", "prices", "cost", "costs"}:
            return f"{w} {nxt}"
    return None


def company_scope(tokens: Tokens) -> str | None:
    """Words that speak for the whole company ("company-wide", "the whole health system")."""
    lows = [t.low for t in tokens]
    for i, w in enumerate(lows):
        if w in lx.COMPANY_SCOPE:
            return tokens[i].text
        if w in {"whole", "entire", "all"} and any(x in lx.ORG_NOUNS for x in lows[i + 1 : i + 4]):
            return text_of(tokens[i : i + 4])
    return uncontrollable(tokens) if "market" in lows or "share" in lows else None


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
    joined = {f"{a}-{b}" for a, b in zip(lows, lows[1:], strict=False)} | set(lows)
    joined |= {w.replace("a-", "per-") for w in joined if w.startswith("a-")}
    joined |= {w.replace("each-", "per-").replace("every-", "per-") for w in joined}
    if joined & lx.FREQUENT_CADENCE or "week-over-week" in joined:
        return "frequent"
    if joined & lx.SLOW_CADENCE:
        return "slow"
    return None
