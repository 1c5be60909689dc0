"""Is a title one goal or several? (compound objectives and key results)

A title holds several goals when two clauses each lead with a verb ("grow
sign-ups and cut churn"), when two clauses each state an amount of their own,
when it lists three or more short things, or (key results) when one verb
governs two measures or two named deliverables ("Reduce cost per hire and time
to hire", "Add Apple Pay and Klarna"). A clause that only restates the span of
the same measure (", from 52 days to 26") is not a second goal.
"""

from __future__ import annotations

from collections.abc import Sequence

from bearing.domain.coach import lexicon as lx
from bearing.domain.coach.amounts import targets
from bearing.domain.coach.signals import leading_verb, names_artefact, text_of
from bearing.domain.coach.text import (
    Token,
    clauses,
    is_plural,
    lemma_in,
    noun_in,
    object_of,
    verb_length,
    word_count,
)

Tokens = Sequence[Token]
# Words that only frame an amount ("from 52 days to 26", "to 85%"): no measure of their own.
_FRAMING = (
    lx.PREPOSITIONS | lx.DETERMINERS | lx.UNITS | lx.TIME_UNITS | lx.NUMBER_WORDS | {"a", "and"}
)


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


def _numbered(clause: Tokens) -> bool:
    """A target with a noun of its own ("no-shows by 10%"). Not a trailing participle of
    the same measure ("patients seen and treated by 20%"), nor a bare span or time frame
    of it (", from 12% to 24%", "within 90 days")."""
    return bool(targets(clause)) and any(
        t.is_word and not t.low.endswith("ed") and t.low not in _FRAMING for t in clause
    )


def goal_parts(tokens: Tokens) -> list[str]:
    """The separate goals in a title, when it holds two or more; else []."""
    parts = clauses(tokens)
    if len(parts) < 2:
        return []
    verb_led = [p for p in parts if _verb_led(p)]
    numbered = [p for p in parts if _numbered(p)]
    # A list of short things ("outcomes, retention, engagement and facilities") is a
    # list of goals; long items joined by commas are usually one sentence, and a list of
    # qualities ("clean, safe and green") describes one outcome.
    listed = len(parts) >= 3 and all(word_count(p) <= 4 and _thing(p) for p in parts[1:])
    if len(verb_led) >= 2 or len(numbered) >= 2 or listed:
        return [text_of(p) for p in parts]
    return []


def _measure(words: Tokens) -> str | None:
    return next((t.low for t in words if t.is_word and noun_in(t.low, lx.MEASURES)), None)


def _head(phrase: Tokens) -> str | None:
    """The head of a noun phrase, when it is a thing that can be counted or measured:
    a measure ("merchandise revenue") or a plural ("season-ticket holders")."""
    words = [t for t in phrase if t.is_word]
    if not words:
        return None
    head = words[-1].low
    return head if noun_in(head, lx.MEASURES) or is_plural(head) else None


def _named(words: Tokens) -> bool:
    """A named thing to deliver: a proper name ("Klarna", "Apple Pay") or an artefact."""
    names = [t for t in words if t.is_word and t.low not in lx.DETERMINERS]
    return any(t.text[0].isupper() for t in names) or names_artefact(names)


def shared_verb_parts(tokens: Tokens) -> list[str]:
    """Two things under one verb: two measures ("Reduce cost per hire and time to hire")
    or two named deliverables ("Add Apple Pay and Klarna at checkout")."""
    parts = clauses(tokens)
    if len(parts) != 2 or not parts[1][0].is_word or leading_verb(parts[1]) is not None:
        return []
    first, second = parts
    verb = leading_verb(first)
    if verb is None:
        return []
    n = verb_length(verb)
    rest = first[n:]
    if verb in lx.CHANGE_VERBS:
        one, other = _measure(rest), _measure(second[:1])
        two = one is not None and other is not None and one != other
        # "Reduce lost-time injuries and near misses by 40%": with nothing between the
        # verb's object and "and", the two noun phrases are two things counted. After a
        # preposition or "of" ("sales of shoes and bags") they share one measure.
        bare = len(object_of(first, n)) == len(rest) and all(t.low != "of" for t in rest)
        if not two and bare:
            one, other = _head(rest), _head(object_of(second, 0))
            two = one is not None and other is not None and one != other
    elif verb in lx.DELIVERY_VERBS | lx.MAKER_VERBS:
        # Both must be direct objects of the verb: "Add X and Y", not "Add X for A and B".
        direct = len(object_of(first, n)) == len(rest)
        two = direct and _named(rest) and _named(second)
    else:
        two = False
    return [text_of(first), text_of(second)] if two else []
