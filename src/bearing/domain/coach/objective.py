"""Objective rules (coach-rubric.md, "Objectives").

Limiting: compound, what-or-how, quantitative, out of bounds, too long.
Helpful: focused, concise, qualitative. Awesome: helpful, and also short,
verb-first, in plain words and inspiring ("Make digital payments more
convenient"). Each rule is a small function from the tokenized title to a
finding or None.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bearing.domain.coach import lexicon as lx
from bearing.domain.coach import reach, scope
from bearing.domain.coach import signals as sig
from bearing.domain.coach.amounts import targets
from bearing.domain.coach.findings import Finding, Level, Review, conclude
from bearing.domain.coach.goals import goal_parts
from bearing.domain.coach.owner import Owner, owner_of
from bearing.domain.coach.text import (
    Token,
    is_plural,
    lemma_in,
    noun_in,
    object_of,
    starts_with_verb,
    tokenize,
    verb_length,
    word_count,
)
from bearing.domain.model import Objective, Team

# "A few words": the seed's awesome example has five. Memorable means you can say it
# from memory; concise means it fits on a slide line; past 20 words it is a paragraph.
MEMORABLE_WORDS = 7
CONCISE_WORDS = 12
TOO_LONG_WORDS = 20

Tokens = Sequence[Token]
L, H, A = Level.LIMITING, Level.HELPFUL, Level.AWESOME


def _compound(tokens: Tokens) -> Finding | None:
    parts = goal_parts(tokens)
    if not parts:
        return None
    listed = "; ".join(f"“{p}”" for p in parts)
    return Finding(
        "objective-compound",
        L,
        f"This objective is a list of {len(parts)} things: {listed}. "
        "A list spreads the team thin and hides which result matters.",
        "Which one matters most? Keep that one as the objective and turn the others "
        "into key results.",
    )


def _what_or_how(tokens: Tokens) -> Finding | None:
    what, how = sig.deliverable(tokens), sig.how_phrase(tokens)
    first = sig.method_first(tokens)
    if what is None and how is None and first is not None:
        method, outcome = first
        return Finding(
            "objective-what-or-how",
            L,
            f"“{method}” says how you will do it before saying why.",
            f"Make the outcome the objective (“{outcome[:1].upper()}{outcome[1:]}”) and plan "
            f"“{method}” as an initiative, so the team stays free to find a better way.",
        )
    if what is None and how is None:
        return None
    if what is not None:
        message = f"“{what}” names a deliverable: that is the what, not the why."
        suggestion = (
            f"Ask what will be better, and for whom, once “{what}” is done; make that "
            "outcome the objective and keep the work as an initiative under a key result."
        )
    else:
        message = ""
        suggestion = ""
    if how is not None:
        message += (" " if message else "") + f"“{how}” says how you will do it."
        outcome = sig.text_of(tokens[: _index_of(tokens, how)])
        suggestion = suggestion or (
            f"Keep the outcome (“{outcome}”) and plan “{how}” as initiatives, so the team "
            "stays free to find a better way."
        )
    return Finding("objective-what-or-how", L, message, suggestion)


def _index_of(tokens: Tokens, phrase: str) -> int:
    first = phrase.split()[0]
    return next((i for i, t in enumerate(tokens) if i and t.text == first), len(tokens))


def _quantitative(tokens: Tokens) -> Finding | None:
    amounts = targets(tokens)
    if not amounts:
        return None
    said = ", ".join(f"“{a}”" for a in amounts)
    return Finding(
        "objective-quantitative",
        L,
        f"The objective states an amount ({said}). Numbers belong in key results; the "
        "objective says, in words, why the numbers matter.",
        f"Say the outcome in words here and move {said} into a key result that measures it.",
    )


def _out_of_bounds(tokens: Tokens, owner: Owner) -> Finding | None:
    force = scope.outside_forces(tokens)
    if force is not None and reach.governs_place(force, owner):
        force = None
    force = force or reach.outsiders(tokens, owner)
    company = (
        scope.company_words(tokens)
        or scope.market_measures(tokens)
        or scope.market_rank(tokens, (owner.team, owner.company))
        if owner.below_company
        else None
    )
    beyond = (
        reach.beyond_team(tokens, owner) or reach.prize_granted(tokens)
        if owner.below_company and company is None
        else None
    )
    if force is None and company is None and beyond is None:
        return None
    who = owner.team or "one person"
    if force is not None:
        message = f"“{force}” is beyond what {who} can move: the result depends on forces outside the team."
    elif company is not None:
        message = (
            f"“{company}” speaks of the whole company's results, but {who} is one team: "
            "that is more than it can move alone."
        )
    elif (job := reach.job_of(tokens, owner)) is not None and job[0] == beyond:
        message = reach.job_message(job[0], job[1], who, objective=True)
    else:
        message = (
            f"“{beyond}” reaches beyond {who}: other teams, the whole organization or "
            "outsiders decide it, so the team cannot move it alone."
        )
    return Finding(
        "objective-out-of-bounds",
        L,
        message,
        "Aim at the part your team can influence, and align this objective to the one "
        "that owns the bigger result.",
    )


def _too_long(tokens: Tokens) -> Finding | None:
    words = word_count(tokens)
    if words <= TOO_LONG_WORDS:
        return None
    return Finding(
        "objective-too-long",
        L,
        f"At {words} words this objective is a paragraph: nobody will remember it.",
        "Say the one outcome in a handful of words; put the detail in the description "
        "and the key results.",
    )


def limiting_findings(tokens: Tokens, owner: Owner) -> list[Finding]:
    rules: list[Callable[[Tokens], Finding | None]] = [
        _compound,
        _what_or_how,
        _quantitative,
        lambda t: _out_of_bounds(t, owner),
        _too_long,
    ]
    return [f for rule in rules if (f := rule(tokens)) is not None]


def _people(tokens: Tokens, i: int) -> bool:
    """People served, not a modifier: "customers", "every patient" — not "patient flow"."""
    t = tokens[i]
    if not t.is_word or not lemma_in(t.low, lx.PEOPLE):
        return False
    return (
        is_plural(t.low)
        or t.low in {"people", "children", "everyone", "everybody"}
        or any(x.low in {"every", "each"} for x in tokens[max(0, i - 2) : i])
    )


def _relief(tokens: Tokens, i: int) -> bool:
    """A pain taken away: "less painful", "no more hassle", "without the stress"."""
    t = tokens[i]
    if not t.is_word or not lemma_in(t.low, lx.PAINS):
        return False
    nxt = tokens[i + 1].low if i + 1 < len(tokens) else ""
    return nxt == "out" or any(x.low in lx.RELIEVERS for x in tokens[max(0, i - 2) : i])


def improvement_phrase(tokens: Tokens) -> bool:
    """ "Reduce avoidable readmissions for…", "Improve delivery reliability for…": a verb of
    change over a measure. It names a number to move; naming who benefits does not make
    it inspiring, only a word of how it will feel does."""
    lead = sig.leading_verb(tokens)
    if lead is None or lead not in lx.CHANGE_VERBS:
        return False
    words = [t for t in object_of(tokens, verb_length(lead)) if t.is_word]
    if not words:
        return False
    head = words[-1].low
    if lemma_in(head, lx.PEOPLE):
        return False
    # A measure, a count ("readmissions") or a property ("reliability", "safety"); not an
    # experience ("the discharge experience for patients" still speaks of how it feels).
    return noun_in(head, lx.MEASURES) or is_plural(head) or head.endswith(("ity", "ty"))


def inspiring(tokens: Tokens) -> bool:
    """Speaks of the people served or of what it will feel like, not of upkeep."""
    lead = sig.leading_verb(tokens)
    if lead in lx.UPKEEP_VERBS:
        return False
    people = not improvement_phrase(tokens)
    return any(
        (people and _people(tokens, i))
        or (t.is_word and lemma_in(t.low, lx.ASPIRATIONS))
        or _relief(tokens, i)
        for i, t in enumerate(tokens)
    )


def _helpful_traits(tokens: Tokens, limiting: list[Finding]) -> list[Finding]:
    rules = {f.rule for f in limiting}
    words = word_count(tokens)
    out = []
    if "objective-compound" not in rules:
        out.append(Finding("objective-focused", H, "One outcome: the team knows what to focus on."))
    if words <= CONCISE_WORDS:
        out.append(Finding("objective-concise", H, f"Concise: {words} words."))
    if "objective-quantitative" not in rules:
        out.append(
            Finding(
                "objective-qualitative", H, "Qualitative: the numbers are left to the key results."
            )
        )
    return out


def _awesome_traits(tokens: Tokens) -> tuple[list[Finding], list[str]]:
    """The awesome traits it shows, and suggestions for those it lacks."""
    words, buzz = word_count(tokens), sig.jargon(tokens)
    checks = [
        (
            words <= MEMORABLE_WORDS,
            Finding("objective-memorable", A, f"Memorable: {words} words, easy to repeat."),
            f"shorten it to about five words (it has {words})",
        ),
        (
            starts_with_verb(tokens),
            Finding(
                "objective-starts-with-verb", A, "Starts with a verb: it reads as something to do."
            ),
            "start with a verb (“Make…”, “Help…”, “Give…”)",
        ),
        (
            not buzz,
            Finding(
                "objective-plain-words", A, "Plain words that anyone in the company understands."
            ),
            "swap " + ", ".join(f"“{b}”" for b in buzz) + " for plain words",
        ),
        (
            inspiring(tokens),
            Finding(
                "objective-inspirational", A, "Inspiring: it says who benefits or how it will feel."
            ),
            (
                "say what will feel different for them, not only which number moves "
                "(e.g. “Make every delivery arrive when promised”)"
                if improvement_phrase(tokens)
                else "say who benefits or what will feel different (e.g. “…effortless for "
                "customers”)"
            ),
        ),
    ]
    return [f for ok, f, _ in checks if ok], [tip for ok, _, tip in checks if not ok]


def review_objective(
    objective: Objective, *, company_team: str | None = None, owner: Owner | None = None
) -> Review:
    """Rate an objective limiting / helpful / awesome, with the findings that say why.

    ``owner`` places the objective's team in its organization (``owner.owner_of``), so a
    team objective about the whole organization, about every unit of its kind or about a
    prize can be flagged out of bounds. ``company_team`` alone names only the company
    (root) team, as if every other team sat right under it. Without either, that check
    is limited to what no team can move (the economy, national figures, outsiders').
    """
    if owner is None:
        teams = () if company_team is None else (Team(company_team),)
        owner = owner_of(objective.team, teams)
    tokens = tokenize(objective.title)
    limiting = limiting_findings(tokens, owner)
    findings = limiting + _helpful_traits(tokens, limiting)
    if limiting:
        return conclude(findings, awesome=False)
    shown, missing = _awesome_traits(tokens)
    findings += shown
    if missing:
        findings.append(
            Finding(
                "objective-next-step",
                H,
                "Helpful. To make it awesome: " + "; ".join(missing) + ".",
                "An awesome objective is short, starts with a verb, uses plain words and "
                "inspires — e.g. “Make digital payments more convenient”.",
            )
        )
    return conclude(findings, awesome=not missing)
