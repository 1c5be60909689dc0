"""What the owning team can reach: attribution and scope with the team tree in hand.

``scope`` reads what no team moves alone from the words only (the economy, a
region's population, market prices). This module adds what Bearing knows about
the owner (``owner.Owner``): a team below the company measured on the whole
organization ("the trust's total waiting list", "across the group", the
company's own name in the possessive), one unit speaking for every unit of its
kind ("every ward" from one ward's night shift), and figures outsiders make
whatever the team does: a competitor's, a regulator's, a prize or a feature an
outside jury grants, a market's or an industry's totals.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from bearing.domain.coach import lexicon as lx
from bearing.domain.coach.owner import Owner, name_words
from bearing.domain.coach.scope import service_before
from bearing.domain.coach.signals import text_of
from bearing.domain.coach.text import Token, is_participle, is_plural, lemmas, noun_in

Tokens = Sequence[Token]

_OWNERS = frozenset({"the", "our", "its"})
# Words before a competitor that make it the other side of our own result: "customers
# won from rivals", "lose drivers to the competition", "faster than competitors".
_AGAINST = frozenset({
    "from", "to", "against", "than", "vs", "versus", "over", "beat", "outperform", "outsell",
    "outpace", "match", "below", "above", "like",
})  # fmt: skip
_WIN_VERBS = frozenset({
    "win", "won", "earn", "receive", "secure", "land", "scoop", "take", "bring", "get", "be",
    "named", "crowned", "awarded", "lift", "claim", "retain",
})  # fmt: skip
_FEATURES = frozenset({"featured", "shortlisted", "nominated", "longlisted", "ranked", "listed"})
_JUDGED_VERBS = frozenset({"rated", "graded", "judged", "assessed", "inspected"})
_JUDGED = frozenset({"rating", "ratings", "grade", "grading", "ranking", "rankings", "verdict"})
_WIDE_SCOPES = lx.POPULATION_SCOPES | lx.MARKET_SCOPES | frozenset({"nation", "country"})
_PRIZE_TRIGGERS = lx.PRIZES | _FEATURES | frozenset({"year", "voted"})
# A whole organization is named by a possessive, "across"/"throughout", a total or "-wide".
_ORG_TRIGGERS = (
    lx.TOTAL_WORDS
    | lx.ORG_FIGURE_HOLDERS
    | lx.ORG_KINDS
    | frozenset({"group", "across", "throughout", "-wide"})
)
_EVERY_WORDS = frozenset({"all", "every", "each", "across", "both"})
_EVERY = _EVERY_WORDS | {"-wide"}
_MARKET_TRIGGERS = lx.TOTAL_WORDS | frozenset({"market", "industry", "sector", "-wide"})


def wide_head(low: str) -> str | None:
    """What a "-wide" word spans, hyphen or not: "group-wide" and "citywide" span a group
    and a city. "wide" alone spans nothing."""
    if not low.endswith("wide") or len(low) < 7:
        return None
    return low.removesuffix("wide").removesuffix("-") or None


def _words(tokens: Tokens) -> frozenset[str]:
    return _words_of(tuple(tokens))


@lru_cache(maxsize=1024)
def _words_of(tokens: tuple[Token, ...]) -> frozenset[str]:
    """The title's words as the rules' trigger words are written ("rivals'" as "rivals"),
    and "-wide" for any "…-wide": most titles hold none of a rule's triggers, so one look
    at them spares running the rule."""
    return frozenset(_bare(t) for t in tokens) | (
        {"-wide"} if any(wide_head(t.low) for t in tokens) else frozenset()
    )


def _possessive(token: Token) -> bool:
    low = token.text.lower()
    return low.endswith(("'s", "s'"))


def _bare(token: Token) -> str:
    return token.low.removesuffix("'")


def _figure_follows(tokens: Tokens, i: int) -> bool:
    """A measure or a total right after a possessive: "the group's revenue", "Acme's total
    sales" — not "Acme's best-loved product", which the product team may well own."""
    return any(
        x.is_word and (noun_in(x.low, lx.MEASURES | lx.BALANCES) or x.low in lx.TOTAL_WORDS)
        for x in tokens[i + 1 : i + 4]
    )


def whole_organization(tokens: Tokens, owner: Owner) -> str | None:
    """The whole organization's figure, named by a team below the company: "the trust's
    total waiting list", "Larchmont's revenue", "across the group", "group-wide"."""
    if not owner.below_company:
        return None
    own = owner.own_words()
    company = owner.company_words()
    for i, t in enumerate(tokens):
        if not t.is_word:
            continue
        word = _bare(t)
        before = tokens[i - 1].low if i else ""
        kind = word in lx.ORG_KINDS and word not in own
        named = (kind and before in _OWNERS) or (t.text[0].isupper() and word in company)
        if _possessive(t) and named and _figure_follows(tokens, i):
            return text_of(tokens[max(0, i - 1) : i + 3])
        # "across the trust" spans the organization; "across the hospital site" a place
        # in it (the noun after the organization's is the head).
        spans_all = kind and not _modifies_next(tokens, i)
        if before in {"across", "throughout"} and spans_all:
            return text_of(tokens[i - 1 : i + 1])
        if (
            i > 1
            and before in _OWNERS
            and tokens[i - 2].low in {"across", "throughout"}
            and spans_all
        ):
            return text_of(tokens[i - 2 : i + 1])
        # "Get the club promoted", "See the trust accredited": the organization itself is
        # what changes, by a decision others make about all of it.
        nxt_token = tokens[i + 1] if i + 1 < len(tokens) else None
        if (
            kind
            and before in _OWNERS
            and i == 2
            and lemmas(tokens[0].low) & lx.CAUSE_VERBS
            and nxt_token is not None
            and nxt_token.is_word
            and nxt_token.low.endswith("ed")
        ):
            return text_of(tokens[1 : i + 2])
        head = wide_head(word)
        if head is not None and (head in lx.ORG_KINDS or head in company) and head not in own:
            return t.text
        # "group revenue", "company profit": the organization's own figure, unpossessed.
        nxt = tokens[i + 1].low if i + 1 < len(tokens) else ""
        # "group" is also a kind of booking or class ("group sales" in a hotel): only its
        # financial results name the whole group ("group revenue").
        figures = lx.FINANCIAL_RESULTS if word == "group" else lx.MEASURES
        holder = word in lx.ORG_FIGURE_HOLDERS or word == "group"
        if holder and word not in own and noun_in(nxt, figures):
            return text_of(tokens[i : i + 2])
        # "membership of the club", "turnover of the business": the organization's figure
        # after "of" — the organization is the head, nothing follows it.
        if kind and before == "the" and i > 2 and tokens[i - 2].low == "of":
            figure = tokens[i - 3]
            if (
                figure.is_word
                and figure.low not in own
                # "press coverage of the trust", "awareness of the charity": what others say
                # of it, which a communications team makes.
                and not lemmas(figure.low) & lx.IMAGE_FIGURES
                and (noun_in(figure.low, lx.MEASURES | lx.ORG_FIGURES) or is_plural(figure.low))
                and not _modifies_next(tokens, i)
            ):
                return text_of(tokens[i - 3 : i + 1])
        if word in lx.TOTAL_WORDS:
            # "total group sales", "total donations to the trust"
            near = tokens[max(0, i - 2) : i + 5]
            if any((x.low in lx.ORG_KINDS and x.low not in own) or x.low in company for x in near):
                return text_of(near)
    return None


def _modifies_next(tokens: Tokens, i: int) -> bool:
    """The word at ``i`` modifies a noun after it ("the hospital site", "the group's
    fleet" is a possessive and does not count)."""
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return (
        nxt is not None
        and nxt.is_word
        and not _possessive(tokens[i])
        and nxt.low not in lx.PREPOSITIONS | {"and", "or", "by", "from", "to"}
    )


def other_units(tokens: Tokens, owner: Owner) -> str | None:
    """One unit speaking for every unit of its kind: the night shift of Ward 7 on "every
    ward", one depot on "all depots". A department that runs them all may."""
    if not owner.units:
        return None
    own = owner.own_words()
    # "every Acme shop": the company's name before the unit says whose shops, not which.
    company = owner.company_words()
    for i, t in enumerate(tokens):
        wide = wide_head(t.low)
        if t.low not in _EVERY_WORDS and wide is None:
            continue
        if wide is not None:
            span = [wide]
        else:
            span = [x.low for x in tokens[i + 1 : i + 5] if x.low not in company]
        for j, word in enumerate(span):
            unit = word.removesuffix("s")
            # "across Plant A's lines": the team's own unit, named by its own word.
            after = span[j + 1] if j + 1 < len(span) else ""
            its_own = after in own and after.removesuffix("s") not in owner.units
            if unit in owner.units and unit in own and not owner.runs_every(unit) and not its_own:
                return text_of(tokens[i : i + j + 2]) if wide is None else t.text
            # "all leisure centres": a word of the units' own names before the unit.
            named = (
                word in own and j + 1 < len(span) and span[j + 1].removesuffix("s") in owner.units
            )
            if (
                word not in lx.DETERMINERS
                and word not in {"of", "our", "the"}
                and not (word.isdigit() or word in lx.NUMBER_WORDS)
                and not named
            ):
                break
    return None


def competitor_figure(tokens: Tokens) -> str | None:
    """A competitor's figures: "our rival's volume", "competitors' prices", "Dunholm, our
    rival port, sees…". Not our own result measured against them ("won from rivals",
    "faster than the competition")."""
    for i, t in enumerate(tokens):
        if not t.is_word or _bare(t) not in lx.COMPETITORS:
            continue
        before = {x.low for x in tokens[max(0, i - 3) : i]}
        if before & _AGAINST:
            continue
        return text_of(tokens[max(0, i - 1) : i + 3])
    return None


def regulator_figure(tokens: Tokens) -> str | None:
    """What a regulator publishes or decides: "the regulator's league table", "our Ofsted
    rating", "CQC's verdict"."""
    for i, t in enumerate(tokens):
        if not t.is_word or _bare(t) not in lx.REGULATORS:
            continue
        after = {x.low for x in tokens[i + 1 : i + 3]}
        if _possessive(t) or after & _JUDGED:
            return text_of(tokens[i : i + 3])
        # "a Good rating from Ofsted", "graded Outstanding by the inspectorate"
        before = [x.low for x in tokens[max(0, i - 4) : i]]
        judged_by = bool(before) and (before[-1] in {"from", "by"} or before[-2:-1] == ["from"])
        if judged_by and any(w in _JUDGED or w in _JUDGED_VERBS for w in before):
            return text_of(tokens[max(0, i - 4) : i + 1])
    return None


def prize(tokens: Tokens) -> str | None:
    """A prize, an award or a feature that an outside jury grants: "Win the Booker Prize",
    "Hotel of the Year", "Get featured in Vogue", "shortlisted for…"."""
    lows = [t.low for t in tokens]
    for i, w in enumerate(lows):
        if w in lx.PRIZES and any(v in _WIN_VERBS for v in lows[max(0, i - 5) : i]):
            return text_of(tokens[max(0, i - 5) : i + 1]).split(" ", 1)[-1]
        if w == "of" and lows[i + 1 : i + 3] == ["the", "year"]:
            return text_of(tokens[max(0, i - 2) : i + 3])
        if w == "voted" and i and lows[i - 1] in lx.BE_FORMS:  # "be voted the best…"
            return text_of(tokens[i - 1 : i + 4])
        if w in _FEATURES and i + 1 < len(lows) and lows[i + 1] in {"in", "by", "for", "on"}:
            return text_of(tokens[i : i + 4])
    return None


def market_totals(tokens: Tokens) -> str | None:
    """A market's or an industry's totals: "the industry's emissions", "sector-wide",
    "the total market", "market size"."""
    for i, t in enumerate(tokens):
        if not t.is_word:
            continue
        head = wide_head(t.low)
        # "Cut delivery times citywide": where the team's own service runs. A market's or
        # a sector's span is never the team's ("sector-wide").
        if (
            head is not None
            and lemmas(head) & _WIDE_SCOPES
            and not (lemmas(head) & lx.POPULATION_SCOPES and service_before(tokens, i))
        ):
            return t.text
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        # "the industry's emissions", "the sector's average satisfaction score": a measure
        # within a few words of the possessive.
        figure = lx.MEASURES | frozenset({"emissions", "output", "demand"})
        # "Beat the sector's average": the sector's figure is the benchmark, not the target.
        benchmark = any(x.low in _AGAINST for x in tokens[max(0, i - 3) : i])
        if _possessive(t) and t.low in {"industry", "sector", "market"} and not benchmark:
            found = [
                j for j in range(i + 1, min(len(tokens), i + 5)) if noun_in(tokens[j].low, figure)
            ]
            if found:
                return text_of(tokens[i : found[0] + 1])
        if (
            t.low in {"market", "industry", "sector"}
            and nxt is not None
            and nxt.low in {"size", "growth", "demand", "volume", "total", "totals"}
        ):
            return text_of(tokens[i : i + 2])
        if t.low in lx.TOTAL_WORDS and nxt is not None and lemmas(nxt.low) & {"market", "industry"}:
            return text_of(tokens[i : i + 2])
        if t.low in {"across", "throughout"} and (span := _across_a_market(tokens, i)):
            return span
    return None


def _across_a_market(tokens: Tokens, i: int) -> str | None:
    """A figure summed "across the UK payments industry", "throughout the sector": every
    firm's, not the team's — unless a measure of the team's own service comes first ("sales
    across the UK market") or the team says whose ("across our sector partners")."""
    if any(t.low in _OWN_WORDS for t in tokens) or service_before(tokens, i):
        return None
    for k in range(i + 1, min(len(tokens), i + 6)):
        x = tokens[k]
        if not x.is_word or x.low in lx.PREPOSITIONS:
            return None
        if x.low in {"market", "industry", "sector"}:
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            if nxt is None or not nxt.is_word or nxt.low in lx.PREPOSITIONS | {"by", "and"}:
                return text_of(tokens[i : k + 1])
            return None
    return None


def share_of_a_market(tokens: Tokens) -> str | None:
    """A share of a whole that others compete for: "our share of Firth crossings", "rail's
    share of UK freight", "10% of the local bakery market". Not a rate of the team's own
    work ("the share of tickets closed on first contact", "share of our customers who…")."""
    for i, t in enumerate(tokens[:-2]):
        if t.is_numeric and tokens[i + 1].low == "of" and tokens[i + 2].low == "the":
            for k in range(i + 3, min(len(tokens), i + 7)):
                if tokens[k].low in {"market", "industry", "sector"}:
                    return text_of(tokens[i : k + 1])
                if not tokens[k].is_word or tokens[k].low in lx.PREPOSITIONS:
                    break
    for i, t in enumerate(tokens[:-1]):
        if t.low != "share" or tokens[i + 1].low != "of" or i == 0:
            continue
        before = tokens[i - 1]
        after = tokens[i + 2].low if i + 2 < len(tokens) else ""
        # "our customers' share of wallet" is the customers' spending, not a market.
        people = bool(lemmas(_bare(before)) & lx.PEOPLE)
        if (before.low == "our" or (_possessive(before) and not people)) and (
            after not in _OWN_WORDS
        ):
            return text_of(tokens[i - 1 : i + 4])
    return None


_OWN_WORDS = frozenset({"our", "my", "its", "their"})
_SCOPED_BY = frozenset({"in", "across", "throughout"})
_FIRST_PERSON = frozenset({"our", "we", "us", "ours", "my"})


def place_population(tokens: Tokens, owner: Owner) -> str | None:
    """What happens to a whole place's people, which many parties drive: "road deaths in
    the Western Counties", "payday loans taken out in the borough", "reoffending across
    Glenmore County". Not the team's own service measured there ("response times in the
    North", "sales in Scotland": a measure of the team's work) and not when the team
    says whose ("our members in the borough")."""
    if any(t.low in _FIRST_PERSON for t in tokens):
        return None
    # "Win 40 new customers in the region", "Serve 500 families in the borough": the
    # people the team wins or serves there are its own work.
    if tokens and lemmas(tokens[0].low) & lx.ACQUIRE_VERBS:
        return None
    own = owner.own_words()
    for i, t in enumerate(tokens):
        if t.low not in _SCOPED_BY or i == 0:
            continue
        k = i + 1
        while k < len(tokens) and tokens[k].low in lx.DETERMINERS:
            k += 1
        if k >= len(tokens) or not tokens[k].is_word:
            continue
        place = tokens[k]
        # "in Year 9", "on Line 2": a numbered unit of the organization, not a place.
        numbered = k + 1 < len(tokens) and tokens[k + 1].is_numeric
        # "throughout Saturdays", "in December": a time, not a place.
        named = (
            place.text[0].isupper()
            and place.low not in own
            and place.low not in lx.CALENDAR
            and not numbered
        )
        if not (named or lemmas(place.low) & lx.POPULATION_SCOPES):
            continue
        counted = [
            j
            for j in range(i)
            if (tokens[j].is_word or _people_word(tokens[j].low))
            and not _teams_own_work(tokens, j)
            and (
                _population_count(tokens[j].low)
                or noun_in(tokens[j].low, lx.POPULATION_EVENTS)
                or (j > 1 and _count_of(tokens, j - 2) and _people_word(tokens[j].low))
            )
        ]
        service = lx.MEASURES - lx.POPULATION_EVENTS - lx.PLACE_MEASURES
        # "the number of adults in the county", "volunteering rates across the county": a
        # count or a rate of the place's people, not a measure of the team's service.
        if not counted or any(
            noun_in(x.low, service)
            and not _count_of(tokens, m)
            and not (m - 1 in counted and noun_in(x.low, lx.COUNT_OF))
            for m, x in enumerate(tokens[:i])
        ):
            continue
        # "flights for people living in the Fens", "loans to small firms in the county":
        # the place says whom the team serves.
        served = tokens[max(0, counted[0] - 1) : i]  # "for families in the town"
        if any(x.low in {"for", "to"} for x in served):
            continue
        return text_of(tokens[counted[0] : k + 1])
    return None


def everyone_in_a_place(tokens: Tokens) -> str | None:
    """Every one of a place's people as the aim: "every child in the county reading",
    "all adults across the region online". Not people the team serves or wins there (a
    verb of serving or winning leads: "Serve every family in the borough…"), nor its own
    ("every pupil in our school"), nor a unit of the organization ("every patient on the
    ward")."""
    if any(t.low in _FIRST_PERSON for t in tokens):
        return None
    if tokens and lemmas(tokens[0].low) & lx.ACQUIRE_VERBS:
        return None
    for i, t in enumerate(tokens[:-3]):
        people = tokens[i + 1].low
        # "every customer in the region" are the organization's own customers there.
        if t.low not in {"every", "all"} or not _people_word(people):
            continue
        if lemmas(people) & lx.SERVED_PEOPLE:
            continue
        if tokens[i + 2].low not in _SCOPED_BY:
            continue
        k = i + 3
        while k < len(tokens) and tokens[k].low in lx.DETERMINERS:
            k += 1
        if k < len(tokens) and lemmas(tokens[k].low) & lx.POPULATION_SCOPES:
            return text_of(tokens[i : k + 1])
    return None


def _teams_own_work(tokens: Tokens, j: int) -> bool:
    """A count of the team's own acts or of what its customers do with it, not of what
    happens to a place's people: "late deliveries", "repairs" (nouns of a verb of work),
    "customer visits", "patient complaints" (a served people's noun before the count)."""
    word = tokens[j].low
    singular = word[:-3] + "y" if word.endswith("ies") else word.removesuffix("s")
    verb = singular[:-1] if singular.endswith("ery") else singular  # delivery -> deliver
    if verb in lx.WORK_VERBS:
        return True
    before = tokens[j - 1].low if j else ""
    # "signed merchants", "onboarded schools": people the team won, by its own act.
    won = is_participle(before) and bool(lemmas(before) & (lx.ACQUIRE_VERBS | lx.WORK_VERBS))
    return won or bool(lemmas(before) & lx.SERVED_PEOPLE)


_AGE_GROUP = re.compile(r"(\d+-year-olds?|(over|under)-\d+s)")


def _people_word(word: str) -> bool:
    """People, by a noun of people or an age group: "adults", "18-year-olds", "over-75s"."""
    return (
        bool(lemmas(word) & (lx.PEOPLE | lx.PLACE_PEOPLE)) or _AGE_GROUP.fullmatch(word) is not None
    )


def _count_of(tokens: Tokens, k: int) -> bool:
    """ "the number of …", "the share of …": a measure that counts what follows it."""
    return tokens[k].low in lx.COUNT_OF and k + 1 < len(tokens) and tokens[k + 1].low == "of"


def _population_count(word: str) -> bool:
    """A count of things that happen to people ("deaths", "loans", "breakdowns") or a
    condition ("reoffending"), rather than a measure of a service."""
    return (word.endswith("s") and len(word) > 3 and not word.endswith("ss")) or (
        word.endswith("ing") and len(word) > 6
    )


def outside_parties(tokens: Tokens, ours: frozenset[str] = frozenset()) -> str | None:
    """What other parties do, which the team can ask for but not decide: "Get half our
    suppliers to adopt…", "Persuade the council to…", "emissions across our supply chain".
    Not what the team does with them ("Cut supplier lead time", "Pay suppliers on time")."""
    lows = [t.low for t in tokens]
    for i, w in enumerate(lows):
        # A council's own teams speak of the council as themselves.
        if w not in lx.ASKED_PARTIES or w.removesuffix("s") in ours:
            continue
        # "Get 50% of our suppliers to adopt…", "Persuade the council to fund…" — the
        # party is the head ("Get council tenants to pay online" asks the tenants).
        if lows[0] in lx.PERSUADE_VERBS and lows[i + 1 : i + 2] == ["to"]:
            return text_of(tokens[: i + 3])
        # "emissions across our supply chain": the parties' own figures summed.
        scoped = any(x in {"across", "throughout", "in"} for x in lows[max(0, i - 4) : i])
        if w == "chain" and i and lows[i - 1] == "supply" and scoped:
            return text_of(tokens[max(0, i - 3) : i + 1])
    return None


def another_partys_figure(tokens: Tokens, owner: Owner) -> str | None:
    """Another firm's figures, named by its proper name in the possessive: "AWS's list
    prices", "Northwind's sales". Not the company's own name, nor a team's."""
    ours = owner.own_words() | name_words(owner.company)
    for i, t in enumerate(tokens[1:], start=1):
        if not (_possessive(t) and t.text[0].isupper()) or _bare(t).removesuffix("'s") in ours:
            continue
        after = tokens[i + 1 : i + 4]
        if any(x.is_word and lemmas(x.low) & lx.FIRM_FIGURES for x in after):
            return text_of(tokens[i : i + 4])
    return None


def whole_market(tokens: Tokens) -> str | None:
    """A whole market as the object of the title's verb: "Grow the global CRM market",
    "Expand the organic food sector". Not the team's own figure in it ("Grow sales in the
    UK market", "our share of the market")."""
    if len(tokens) < 3 or tokens[1].low != "the":
        return None
    for k in range(2, min(len(tokens), 7)):
        x = tokens[k]
        if (
            not x.is_word
            or x.low in lx.PREPOSITIONS
            or _possessive(x)
            or noun_in(x.low, lx.MEASURES)
        ):
            return None
        if x.low in {"market", "industry", "sector"}:
            # The market must be the head: "the CRM market share" is a share of it.
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            if nxt is None or not nxt.is_word or nxt.low in lx.PREPOSITIONS | {"by"}:
                return text_of(tokens[1 : k + 1])
            return None
    return None


def _name_words_of(owner: Owner | None) -> frozenset[str]:
    return frozenset() if owner is None else owner.own_words() | name_words(owner.company)


def outsiders(tokens: Tokens, owner: Owner | None = None) -> str | None:
    """Figures outsiders make, whoever owns the item."""
    words = _words(tokens)
    return (
        (another_partys_figure(tokens, owner) if owner is not None else None)
        or (whole_market(tokens) if words & {"market", "industry", "sector"} else None)
        or (competitor_figure(tokens) if words & lx.COMPETITORS else None)
        or (regulator_figure(tokens) if words & lx.REGULATORS else None)
        or (market_totals(tokens) if words & _MARKET_TRIGGERS else None)
        or (
            share_of_a_market(tokens) if words & {"share", "market", "industry", "sector"} else None
        )
        or (outside_parties(tokens, _name_words_of(owner)) if words & lx.ASKED_PARTIES else None)
        or (outside_verdict(tokens) if words & (lx.DECIDERS | lx.VERDICTS) else None)
    )


def outside_verdict(tokens: Tokens) -> str | None:
    """A decision a jury, a judge or a tribunal makes, as the thing to win: "Win every
    case that goes before a jury", "Secure a favourable ruling from the tribunal". Not the
    team's own work around it ("Settle disputes before they reach a judge", "Cut the time
    to file with the court")."""
    if not tokens or not lemmas(tokens[0].low) & lx.WINNING_VERBS:
        return None
    # The thing won is a case or a decision: "every case", "a jury verdict" — not "case
    # bundles" delivered to the court.
    end = next(
        (k for k in range(1, len(tokens)) if not tokens[k].is_word or tokens[k].low in _CLAUSE),
        len(tokens),
    )
    won = lx.LEGAL_MATTERS | lx.VERDICTS
    heads = [
        t.low
        for k, t in enumerate(tokens[1:end], start=1)
        if t.low in won
        and (
            k + 1 >= end or not (is_plural(tokens[k + 1].low) or tokens[k + 1].low in lx.ARTEFACTS)
        )
    ]
    if not heads:
        return None
    if heads[0] in lx.VERDICTS or any(t.low in lx.DECIDERS for t in tokens):
        return text_of(tokens)
    return None


_CLAUSE = lx.PREPOSITIONS | frozenset({"that", "which", "who", "where", "when", "and", "or"})


def another_teams_job(tokens: Tokens, owner: Owner) -> str | None:
    """A job another team's name says it does, measured by a team that neither does it nor
    runs the team that does: "Cut billing errors" from Sales when Billing Operations
    exists, "time to hire" from a shop when there is a Recruitment team. The team that
    does it, a team above it and the company may."""
    found = job_of(tokens, owner)
    return None if found is None else found[0]


def job_of(tokens: Tokens, owner: Owner) -> tuple[str, tuple[str, ...]] | None:
    """The word of another team's job in the title and the teams whose names hold that job:
    ("billing", ("Billing Operations",))."""
    if not owner.functions_elsewhere:
        return None
    for t in tokens:
        if not t.is_word:
            continue
        for job in owner.functions_elsewhere:
            if t.low in lx.TEAM_FUNCTIONS.get(job, frozenset()):
                return t.text, owner.job_teams.get(job, ())
    return None


def job_message(word: str, teams: tuple[str, ...], who: str, objective: bool = False) -> str:
    """ "“billing” is the job of Billing Operations, not of Sales: …" """
    doers = " and ".join(teams) or "another team"
    if objective:
        return (
            f"“{word}” is the job of {doers}, not of {who}: {who} cannot move it alone. "
            f"Align to {doers}'s objective and aim at your own part."
        )
    return (
        f"“{word}” is the job of {doers}, not of {who}: the score will move with their work, "
        "so it will not say whether yours helped."
    )


def beyond_team(tokens: Tokens, owner: Owner) -> str | None:
    """What is beyond the owning team because of where it sits in the tree."""
    if not owner.below_company:
        return None
    words = _words(tokens)
    possessive = any(_possessive(t) for t in tokens)
    return (
        (whole_organization(tokens, owner) if possessive or words & _ORG_TRIGGERS else None)
        or (other_units(tokens, owner) if words & _EVERY else None)
        or (place_population(tokens, owner) if words & _SCOPED_BY else None)
        or (everyone_in_a_place(tokens) if words & _SCOPED_BY else None)
        or (wider_place(tokens, owner) if words & _SPANS else None)
        or another_teams_job(tokens, owner)
    )


def prize_granted(tokens: Tokens) -> str | None:
    """``prize``, after one look at the words."""
    return prize(tokens) if _words(tokens) & _PRIZE_TRIGGERS else None


def governs_place(force: str, owner: Owner) -> bool:
    """A place's figure that the organization governs and the owning team's own name says
    it runs: "the district's household recycling rate" from Waste & Recycling in
    Ravensmoor District Council. The district is the council's own, and recycling is
    that team's job. Not from a crew under it (Bin Collection Crew East), whose name does
    not hold the figure's job, nor from a charity that only works in the district. The
    council as a whole is left as before: its name says which place, not which figure."""
    words = force.lower().replace("'s", " ").split()
    place = next((w for w in words if w in lx.POPULATION_SCOPES), None)
    if place is None or place not in name_words(owner.company):
        return False
    own = _lemmas_of(name_words(owner.team) - lx.TEAM_NOUNS)
    return bool(own & _lemmas_of(words[words.index(place) + 1 :]))


def _lemmas_of(words: Iterable[str]) -> frozenset[str]:
    """ "libraries" and "library" alike."""
    return frozenset(x for w in words for x in (w, *lemmas(w)))


_SPANS = frozenset({"across", "throughout"})


def wider_place(tokens: Tokens, owner: Owner) -> str | None:
    """One site named for its place speaking for a wider place by name: "across West
    Sussex" from "Crawley Branch". The site's own place ("across Crawley"), a team that is
    no single site ("Stores Division", "Logistics") and a place the company is named for
    are not read so."""
    own = owner.own_words()
    site = name_words(owner.team) & lx.SITE_NOUNS
    if not site or not (name_words(owner.team) - site - lx.TEAM_NOUNS):
        return None
    ours = own | name_words(owner.company)
    for i, t in enumerate(tokens[:-1]):
        if t.low not in _SPANS:
            continue
        k = i + 2 if tokens[i + 1].low == "the" else i + 1
        place = tokens[k] if k < len(tokens) else None
        if place is None or not place.is_word or not place.text[0].isupper():
            continue
        if (
            place.low in ours
            or place.low in lx.CALENDAR
            or _possessive(place)
            or lemmas(place.low) & lx.UNIT_KINDS
        ):
            continue
        return text_of(tokens[i : k + 2])
    return None
