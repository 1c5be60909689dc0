"""Concrete next steps: turning a task back into the outcome it should move.

"What outcome should adding PayPal move — e.g. checkout conversion?" needs the
task as a gerund ("adding PayPal") and a plausible outcome for its domain. The
hints below are deliberately few and broad (areas of work, not phrases), with
a generic fallback, so the question stays sensible on any task.
"""

from __future__ import annotations

from collections.abc import Sequence

from bearing.domain.coach import lexicon as lx
from bearing.domain.coach.signals import leading_verb, text_of
from bearing.domain.coach.text import Token, lemma_in, object_of, verb_length

# (words that point at an area of work, an outcome that area usually exists to move)
OUTCOME_HINTS: tuple[tuple[frozenset[str], str], ...] = tuple(
    (frozenset(words.split()), outcome)
    for words, outcome in (
        (
            "payment pay paypal checkout card wallet billing invoice",
            "checkout conversion or time to pay",
        ),
        (
            "onboarding signup sign-up trial activation",
            "the share of new accounts active in their first week",
        ),
        (
            "support ticket help faq chatbot bot",
            "support tickets per customer or time to resolution",
        ),
        (
            "train training workshop course curriculum protocol coaching",
            "the error, pass or completion rate the training should change",
        ),
        (
            "hire recruit hiring engineer staff nurse",
            "the wait or lead time the extra people should shorten",
        ),
        ("sensor maintenance machine line equipment plant", "unplanned downtime or scrap rate"),
        ("loyalty discount offer promotion campaign coupon", "repeat purchases or enrollments"),
        ("blog post newsletter video podcast content", "qualified leads or returning readers"),
        ("gala event fundraising fundraiser donor", "donations or returning donors"),
        (
            "metric tracking dashboard report analytics insight data",
            "how quickly the team acts on what the data shows",
        ),
        (
            "integration api connector feedback",
            "the share of users or partners who use it every week",
        ),
        (
            "app mobile website portal page online digital flow",
            "the share of people who finish the task online",
        ),
        (
            "store room lobby kiosk renovate facility",
            "visits, bookings or satisfaction in the places you improve",
        ),
        (
            "system erp migrate migration platform warehouse billing",
            "the time or cost of the work the new system carries",
        ),
    )
)
GENERIC_OUTCOME = "a time, cost, rate or count that people would notice"


def gerund(verb: str) -> str:
    """'add' -> 'adding', 'ship' -> 'shipping', 'migrate' -> 'migrating', 'roll_out' -> 'rolling out'."""
    head, _, particle = verb.partition("_")
    vowels = "aeiou"
    if head.endswith("ie"):
        ing = head[:-2] + "ying"
    elif head.endswith("e") and not head.endswith(("ee", "ye")):
        ing = head[:-1] + "ing"
    elif (
        len(head) <= 4
        and head[0] not in vowels
        and head[-1] not in vowels + "wxy"
        and head[-2] in vowels
        and head[-3] not in vowels
    ):
        ing = head + head[-1] + "ing"  # ship -> shipping, plan -> planning
    else:
        ing = head + "ing"
    return f"{ing} {particle}".strip()


def outcome_hint(tokens: Sequence[Token]) -> str:
    for words, outcome in OUTCOME_HINTS:
        if any(t.low in words or lemma_in(t.low, words) for t in tokens):
            return outcome
    return GENERIC_OUTCOME


def outcome_question(tokens: Sequence[Token], title: str) -> str:
    """ "What outcome should adding PayPal support move — e.g. checkout conversion?" """
    verb = leading_verb(tokens)
    # Only an imperative reads well as a gerund ("adding PayPal"); anything else is quoted.
    if verb is not None and verb not in lx.LINKING_VERBS and verb not in lx.CHANGE_VERBS:
        n = verb_length(verb)
        obj = object_of(tokens, n)
        doing = f"{gerund(verb)} {text_of(obj)}".strip()
    else:
        doing = f"“{title}”"
    return f"What outcome should {doing} move — e.g. {outcome_hint(tokens)}?"
