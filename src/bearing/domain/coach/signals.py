"""What a title says, in a few signals shared by the objective and key-result rules.

Each function answers one question about a tokenized title ("is there a
quantity?", "is this a list of goals?", "does it name a deliverable?") and
returns the words that made it say yes, so findings can quote them back.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from bearing.domain.coach import lexicon as lx
from bearing.domain.coach.amounts import fraction_at
from bearing.domain.coach.text import (
    Token,
    clauses,
    is_acronym,
    is_plural,
    lemma_in,
    lemmas,
    noun_in,
    object_of,
    verb_at,
    verb_length,
)

Tokens = Sequence[Token]


def is_artefact(word: str) -> bool:
    """A thing a team builds ("dashboards", "portal"); "supported" is a verb, not "support"."""
    return not word.endswith(("ed", "ing")) and lemma_in(word, lx.ARTEFACTS)


def names_artefact(obj: Tokens) -> bool:
    """Is the object of a verb an artefact? Its head counts ("a new mobile banking app"),
    not a modifier of a measure ("p95 API latency" is a latency, not an API)."""
    words = [t for t in obj if t.is_word]
    if not words:
        return False
    if is_artefact(words[-1].low):
        return True
    return any(is_artefact(t.low) for t in words) and not any(
        noun_in(t.low, lx.MEASURES) for t in words
    )


def new_things(verb: str, obj: Tokens) -> bool:
    """ "Ship four new maps", "Build 200 new homes": a verb of creation over a count of new
    things makes them, whatever they are called. People are won, not made ("Add 40 new
    members"), and a measure is a result ("Create 10% more new sign-ups")."""
    if verb not in lx.CREATION_VERBS:
        return False
    words = [t for t in obj if t.is_word]
    counted = any(t.is_numeric or t.low in lx.NUMBER_WORDS for t in obj)
    if not counted or not words or all(t.low != "new" for t in words):
        return False
    head = words[-1].low
    return is_plural(head) and not lemma_in(head, lx.PEOPLE) and not noun_in(head, lx.MEASURES)


def text_of(tokens: Tokens) -> str:
    out = ""
    for t in tokens:
        glue = "" if not out or t.text in {",", ";", ":", ")"} or out.endswith(("(", "/")) else " "
        out += ("" if t.text == "/" else glue) + t.text
    return out


def _span_at(tokens: Tokens, i: int) -> bool:
    """ "from 18% to 12%" with "to" at i."""
    return (
        tokens[i].low == "to"
        and 2 <= i < len(tokens) - 1
        and tokens[i - 2].low == "from"
        and tokens[i - 1].is_numeric
        and tokens[i + 1].is_numeric
    )


def has_metric(tokens: Tokens) -> bool:
    """Does the title name something that can be counted or measured?"""
    lead = leading_verb(tokens)
    # Only a verb of change makes its plural object the thing measured ("reduce
    # cancellations"); after other verbs it is what is acted on ("email reminders").
    obj_end = 0
    if lead is not None and changes_a_number(tokens):
        obj_end = verb_length(lead) + len(object_of(tokens, verb_length(lead)))
    for i, t in enumerate(tokens):
        # Money is a measured value; a bare "%" is not: "50% more innovative" measures nothing.
        if t.kind == "money":
            return True
        if not t.is_word:
            continue
        if noun_in(t.low, lx.MEASURES) or t.low in lx.MEASURE_COMPARATIVES:
            return True
        after_number = any(
            x.is_numeric or x.low in lx.NUMBER_WORDS for x in tokens[max(0, i - 3) : i]
        )
        if t.low in lx.UNITS and i and tokens[i - 1].is_numeric:
            return True
        # "from 18% to 12%": a span from a measured start to a target measures something.
        if _span_at(tokens, i):
            return True
        # A plural counts when a verb or a number makes it the thing counted:
        # "reduce cancellations", "50 new mentors" (not "Patients are happier").
        if is_plural(t.low) and (i < obj_end or after_number):
            return True
    return False


def leading_verb(tokens: Tokens) -> str | None:
    return verb_at(tokens, 0, lx.ALL_VERBS)


def changes_a_number(tokens: Tokens) -> bool:
    """Led by a verb of change ("reduce"), or by a plain verb with "down"/"up" in its
    clause ("bring losses down", "drive sign-ups up"), which moves a number the same way."""
    lead = leading_verb(tokens)
    if lead is None or lead in lx.CHANGE_VERBS:
        return lead is not None
    if lead in lx.DELIVERY_VERBS | lx.MAKER_VERBS:
        return False  # "Set up…", "Roll out…" deliver; their particles move nothing
    first = clauses(tokens)[0]
    return any(t.low in lx.CHANGE_PARTICLES for t in first[verb_length(lead) :])


def method_first(tokens: Tokens) -> tuple[str, str] | None:
    """ "Use AI summaries to grow engagement": a method verb with a concrete object, then
    "to" and the outcome. Returns (method, outcome)."""
    lead = leading_verb(tokens)
    if lead is None or lead not in lx.METHOD_VERBS:
        return None
    n = verb_length(lead)
    obj = [t for t in object_of(tokens, n) if t.is_word and t.low not in lx.DETERMINERS]
    # "Leverage synergies to…" names no means at all; it is jargon, not a method.
    if not obj or all(lemma_in(t.low, lx.JARGON) for t in obj):
        return None
    # "Use less water" is an outcome (a change in consumption), not a means.
    if any(t.low in lx.MEASURE_COMPARATIVES | {"more"} for t in obj):
        return None
    for j in range(n + len(object_of(tokens, n)), len(tokens) - 1):
        if tokens[j].low in lx.PURPOSE_CONNECTORS:
            start = j + 2 if tokens[j].low == "so" and tokens[j + 1].low == "that" else j + 1
            return text_of(tokens[:j]), text_of(tokens[start:])
    return None


def how_phrase(tokens: Tokens) -> str | None:
    """The method a title names: "by modernizing…", "through mentoring", "via the portal"."""
    for i, t in enumerate(tokens):
        if i == 0 or not t.is_word:
            continue
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        # "Move freight through the depot": a route the thing moves along, not a method.
        # "…running through a hot, dry summer": a stretch of time, not a method either.
        route = t.low == "through" and (
            bool(lemmas(tokens[0].low) & lx.MOTION_VERBS)
            or any(x.low in lx.STRETCHES_OF_TIME for x in tokens[i + 1 : i + 7])
        )
        method = (
            (t.low in lx.HOW_CONNECTORS and not route)
            or (t.low == "by" and nxt is not None and nxt.low.endswith("ing") and nxt.is_word)
            or (
                t.low == "with"
                and nxt is not None
                and nxt.low in lx.DETERMINERS
                and names_artefact(object_of(tokens, i + 1))
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
        # "…residents are able to complete it online": what the people served can do is
        # an outcome for them, not a task for the team.
        if prev in lx.ABILITY or (prev == "to" and i > 1 and inner[i - 2].low in lx.ABILITY):
            continue
        third_person = t.low.endswith("s") and prev not in lx.DETERMINERS
        if t.low in lx.DELIVERY_VERBS or third_person or prev in lx.BE_FORMS:
            return True
    return False


def _produced(tokens: Tokens, i: int) -> bool:
    """ "features shipped", "tickets closed", "articles published": work items or
    artefacts followed by the participle of a verb that produces them."""
    t, nxt = tokens[i], tokens[i + 1] if i + 1 < len(tokens) else None
    if not is_plural(t.low) or nxt is None or not nxt.is_word:
        return False
    if not (nxt.low.endswith("ed") or nxt.low in lx.IRREGULAR_PARTICIPLES):
        return False
    if noun_in(t.low, lx.WORK_ITEMS):
        return lemma_in(nxt.low, lx.WORK_DONE_VERBS)
    return is_artefact(t.low) and lemma_in(nxt.low, lx.OUTPUT_VERBS)


def counted_outputs(tokens: Tokens) -> bool:
    """Counting things made or places opened ("3 new dashboards", "5 new cities",
    "features shipped per sprint"), not results.

    After a verb of acquiring ("onboard 40 new schools", "sign 3 hospitals") the
    places are customers won, which is a result. A rate or share of them ("the share
    of tickets closed on first contact") measures a result too; a plain count does not.
    """
    if leading_verb(tokens) in lx.ACQUIRE_VERBS:
        return False
    if any(t.is_word and lemma_in(t.low, lx.MEASURES - lx.COUNT_WORDS) for t in tokens):
        return False
    # "Tickets resolved without escalation from 70% to 85%" is a share, not a count.
    share = any("%" in t.text for t in tokens)
    for i, t in enumerate(tokens):
        counted = any(x.is_numeric or x.low in lx.NUMBER_WORDS for x in tokens[max(0, i - 3) : i])
        # "3.0 per 1,000 play sessions": the sessions are a rate's denominator, not made.
        denominator = any(x.low == "per" for x in tokens[max(0, i - 3) : i])
        made = (is_artefact(t.low) or lemma_in(t.low, lx.PLACES)) and not denominator
        if (counted and is_plural(t.low) and made) or (not share and _produced(tokens, i)):
            return True
    return False


def _manner(clause: Tokens) -> bool:
    """How well the act is done, against others: "Finish matches stronger than our
    opponents", "Answer calls faster than before". A comparative straight before "than"
    (not "more nurses than", a count) makes the act's quality the aim."""
    return any(
        a.is_word and a.low.endswith("er") and a.low not in lx.NOT_MANNER and b.low == "than"
        for a, b in pairwise(clause)
    )


def _quality_aim(verb: str, obj: Tokens) -> bool:
    """ "Run a dependable service", "Offer a seamless checkout": a quality before the thing
    a team already operates is the aim, not the thing. Not a verb of making ("Build a
    reliable app" is still a deliverable)."""
    # "Offer a reliable new booking app" still makes something new.
    new = any(t.low in {"new", "brand-new"} for t in obj)
    return verb in lx.OPERATE_VERBS and not new and any(t.low in lx.QUALITY_ADJECTIVES for t in obj)


def deliverable(tokens: Tokens) -> str | None:
    """The clause that names a deliverable: a delivery verb, or a maker verb with an artefact."""
    if ensured_delivery(tokens):
        return text_of(tokens)
    for clause in clauses(tokens):
        verb = leading_verb(clause)
        if verb is None:
            continue
        obj = object_of(clause, verb_length(verb))
        artefact = names_artefact(obj) and not _quality_aim(verb, obj)
        if (
            (verb in lx.DELIVERY_VERBS and not _manner(clause))
            or (verb in lx.MAKER_VERBS and (artefact or new_things(verb, obj)))
            or (verb in lx.BINARY_VERBS and any(t.low in lx.BINARY_NOUNS for t in clause))
        ):
            return text_of(clause)
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
    # "by a quarter" is an amount, not "a quarter" (a period).
    pairs = [
        (a, b) for i, (a, b) in enumerate(pairwise(lows)) if fraction_at(tokens, i + 1) is None
    ]
    if set(lows) & lx.FREQUENT_CADENCE or any(
        a in lx.PER and b in lx.FREQUENT_PERIODS for a, b in pairs
    ):
        return "frequent"
    if set(lows) & lx.SLOW_CADENCE or any(a in lx.PER and b in lx.SLOW_PERIODS for a, b in pairs):
        return "slow"
    return None
