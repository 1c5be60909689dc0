"""Amounts in a title: which numbers state a quantity, and which of those are targets.

A number can count ("20%", "five stores"), name ("Year 2", "line 3", "ISO 9001"),
date ("in 2026"), frame a period ("within 30 days", "in their first ninety days")
or size a scope ("across all three lines"). Only the first is an amount; of the
amounts, time frames and scope sizes are not targets, so an objective that has
one still leaves the numbers to its key results.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache

from bearing.domain.coach import lexicon as lx
from bearing.domain.coach.text import Token, is_acronym, is_plural, lemmas

Tokens = Sequence[Token]
_PARTICLES = frozenset({"up", "down", "out", "off", "on"})


def _is_year(tokens: Tokens, i: int) -> bool:
    """ "in 2026", "the 2027 season" — but "2000 meals" counts meals."""
    t = tokens[i]
    if not t.text.isdigit() or not 1900 <= int(t.text) <= 2099:
        return False
    nxt = tokens[i + 1].low if i + 1 < len(tokens) else ""
    return not (is_plural(nxt) or nxt in lx.UNITS)


def _title_cased(tokens: Tokens) -> bool:
    """ "Reach 500 New Customers": capitals there mark every word, not a name."""
    long = [t for t in tokens[1:] if t.is_word and len(t.text) > 3]
    return bool(long) and sum(t.text[0].isupper() for t in long) / len(long) >= 0.6


def _capitalized_name(tokens: Tokens, i: int) -> bool:
    """ "Year 2 pupils", "Windows 11", "Terminal 5": a capitalized noun names the number."""
    if i < 2 or _title_cased(tokens):
        return False
    prev = tokens[i - 1]
    return (
        prev.is_word
        and prev.text[0].isupper()
        and prev.low not in lx.PREPOSITIONS | lx.DETERMINERS | _PARTICLES
        and not lemmas(prev.low) & lx.ALL_VERBS
    )


def _is_identifier(tokens: Tokens, i: int) -> bool:
    """ "line 3", "SOC 2", "ISO 9001", "Year 2": a number that names rather than counts."""
    if i == 0 or "%" in tokens[i].text:
        return False
    prev = tokens[i - 1]
    return (
        is_acronym(prev)
        or prev.low in lx.IDENTIFIER_HEADS
        or _capitalized_name(tokens, i)
        or _one_of_each(tokens, i)
    )


_EACH = frozenset({"every", "each", "any"})


def _one_of_each(tokens: Tokens, i: int) -> bool:
    """ "every 999 call", "each 111 caller": after "every", a bare whole number before a
    singular noun names a kind of thing; a count would need a plural ("every 3 weeks")."""
    if tokens[i - 1].low not in _EACH or i + 1 >= len(tokens) or not tokens[i].text.isdigit():
        return False
    nxt = tokens[i + 1]
    return nxt.is_word and not is_plural(nxt.low) and nxt.low not in lx.UNITS


def fraction_at(tokens: Tokens, i: int) -> Decimal | None:
    """The fraction a change is made by: "by a quarter" -> 0.25, "by two thirds" -> 0.67."""
    forms = lemmas(tokens[i].low) if tokens[i].is_word else frozenset()
    denominator = next((lx.FRACTIONS[f] for f in forms if f in lx.FRACTIONS), None)
    if denominator is None or i < 2:
        return None
    count = lx.FRACTION_COUNTS.get(tokens[i - 1].low)
    if count is None or tokens[i - 2].low != "by":
        return None
    return Decimal(count) / Decimal(denominator)


def _is_amount(tokens: Tokens, i: int) -> bool:
    t = tokens[i]
    if t.is_numeric:
        return not (t.kind == "number" and (_is_year(tokens, i) or _is_identifier(tokens, i)))
    if not t.is_word:
        return False
    if t.low in lx.NUMBER_WORDS or fraction_at(tokens, i) is not None:
        return True
    if t.low not in lx.MULTIPLIER_WORDS:
        return False
    # "half" alone is often a period ("the first half"); "in half" is an amount.
    # "Double down on…" is an idiom for focus, not a doubling.
    nxt = tokens[i + 1].low if i + 1 < len(tokens) else ""
    return (t.low != "half" or (i > 0 and tokens[i - 1].low in {"in", "by"})) and nxt != "down"


def amount_positions(tokens: Tokens) -> list[int]:
    """Where the title states an amount: numbers, money, multipliers, number words, fractions."""
    return list(_amount_positions(tuple(tokens)))


@lru_cache(maxsize=1024)
def _amount_positions(tokens: tuple[Token, ...]) -> tuple[int, ...]:
    # Cached per title: several rules ask where its amounts are.
    return tuple(i for i in range(len(tokens)) if _is_amount(tokens, i))


def quantities(tokens: Tokens) -> list[str]:
    """The amounts a title states, as written."""
    return [_said(tokens, i) for i in amount_positions(tokens)]


def _said(tokens: Tokens, i: int) -> str:
    if fraction_at(tokens, i) is not None:
        return f"{tokens[i - 1].text} {tokens[i].text}"
    return tokens[i].text


def time_frame(tokens: Tokens, i: int) -> bool:
    """ "within 30 days", "in their first ninety days": a window to act in, not a target."""
    if "%" in tokens[i].text or tokens[i].kind == "money":
        return False
    j = i + 1
    if j < len(tokens) and tokens[j].low in {"working", "business", "calendar"}:
        j += 1
    if j >= len(tokens) or tokens[j].low not in lx.TIME_UNITS:
        return False
    k = i - 1
    while k >= 0 and tokens[k].low in lx.FRAME_FILLERS:
        k -= 1
    return k >= 0 and tokens[k].low in lx.FRAME_OPENERS


def is_rank(token: Token) -> bool:
    """ "#1", "#40": a place in a ranking."""
    return token.kind == "number" and token.text.startswith("#")


def targets(tokens: Tokens) -> list[str]:
    """The amounts that set a target: not time frames, not the size of a scope ("all three"),
    not a rank ("#1", like the words "number one")."""
    return [
        _said(tokens, i)
        for i in amount_positions(tokens)
        if not time_frame(tokens, i)
        and not (i and tokens[i - 1].low in lx.SCOPE_QUANTIFIERS)
        and not is_rank(tokens[i])
    ]
