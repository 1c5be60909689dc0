"""What the structured fields and numbers of a key result say: baseline, ambition, cadence.

These read ``kind``, ``start``, ``target`` and ``history`` first and fall back
on the words ("from 120 s to 24 s", "double", "weekly"), so a draft that has
only a title is judged as fairly as a fully specified key result.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from statistics import median

from bearing.domain.coach import lexicon as lx
from bearing.domain.coach import signals as sig
from bearing.domain.coach.amounts import fraction_at, quantities
from bearing.domain.coach.text import Token, lemma_in
from bearing.domain.model import KeyResult
from bearing.domain.wording import every_days

Tokens = Sequence[Token]
# Rubric: "a large relative change — 'double', '80% reduction'; the team about 50%
# confident". Half again (or half less) is where a target stops being business as usual.
AMBITIOUS_CHANGE = Decimal("0.5")
# Weekly check-ins drift by a day or two; eight days still counts as weekly.
LEADING_MAX_GAP_DAYS = 8
_SCALE = {"k": Decimal(1000), "m": Decimal(10) ** 6, "b": Decimal(10) ** 9, "bn": Decimal(10) ** 9}


@dataclass(frozen=True)
class Trait:
    holds: bool
    why: str  # what showed it (or its absence), in words for the team


def number(token: Token) -> Decimal | None:
    """The value of a numeric token: "1,200" -> 1200, "$2M" -> 2000000, "20%" -> 20."""
    m = re.search(r"(\d[\d,]*(?:\.\d+)?)\s*([kmb]n?)?", token.low)
    if m is None:
        return None
    try:
        value = Decimal(m.group(1).replace(",", ""))
    except InvalidOperation:
        return None
    return value * _SCALE.get(m.group(2) or "", Decimal(1)) if token.kind == "money" else value


def text_span(tokens: Tokens) -> tuple[Decimal, Decimal] | None:
    """Start and target written as "from X to Y" (or "from X … to Y")."""
    for i, t in enumerate(tokens):
        if t.low != "from":
            continue
        nums = [(j, number(x)) for j, x in enumerate(tokens[i + 1 :], i + 1) if x.is_numeric]
        if len(nums) >= 2 and nums[0][0] == i + 1 and tokens[nums[1][0] - 1].low == "to":
            a, b = nums[0][1], nums[1][1]
            if a is not None and b is not None and a != b:
                return a, b
    return None


def span(kr: KeyResult, tokens: Tokens) -> tuple[Decimal, Decimal] | None:
    if (
        kr.kind is not None
        and kr.kind.is_directional
        and kr.start is not None
        and kr.target is not None
    ):
        return kr.start, kr.target
    return text_span(tokens)


def baseline(kr: KeyResult, tokens: Tokens) -> Trait:
    s = span(kr, tokens)
    if s is not None:
        return Trait(True, f"It says where it starts ({fmt(s[0])}), so progress means something.")
    return Trait(False, "add the baseline (today's value) as the start")


def _percent(kr: KeyResult, tokens: Tokens) -> bool:
    return "%" in kr.unit or any("%" in t.text for t in tokens)


def relative_change(kr: KeyResult, tokens: Tokens) -> Decimal | None:
    """|target - start| / |start|; a percentage moves against the smaller of its value and
    its gap to 100.

    Going from 88 % to 97 % on time is small as a ratio but removes three quarters
    of the late deliveries, which is what the team has to achieve. Likewise cutting
    abandonment from 70 % to 45 % nearly doubles the share who complete (30 % to 55 %).
    """
    s = span(kr, tokens)
    if s is None:
        return None
    start, target = s
    base = abs(start)
    hundred = Decimal(100)
    if _percent(kr, tokens) and Decimal(0) <= min(start, target) and max(start, target) <= hundred:
        base = min(start, hundred - start)
    if base == 0:
        return Decimal(1) if target != start else None
    return abs(target - start) / base


def _stated_change(tokens: Tokens) -> tuple[Decimal, str] | None:
    """A change written as words: "double", "in half", "10x", "by 50%", "80% reduction"."""
    for i, t in enumerate(tokens):
        if t.is_word and t.low in lx.MULTIPLIER_WORDS and quantities(tokens[max(0, i - 1) : i + 1]):
            return Decimal(1), t.text
        if t.kind == "mult" and (n := number(t)) is not None and n >= 2:
            return n - 1, t.text
        if (part := fraction_at(tokens, i)) is not None:
            return part, f"{tokens[i - 1].text} {t.text}"
        if t.kind == "number" and "%" in t.text and (n := number(t)) is not None:
            prev = tokens[i - 1].low if i else ""
            nxt = tokens[i + 1].low if i + 1 < len(tokens) else ""
            if prev == "by" or nxt in lx.CHANGE_NOUNS:
                return n / 100, t.text
    return None


def ambitious(kr: KeyResult, tokens: Tokens) -> Trait:
    change = relative_change(kr, tokens)
    said = ""
    if change is None and (stated := _stated_change(tokens)) is not None:
        change, said = stated
    if change is None:
        return Trait(False, "set a target that stretches the team (about 50% confident)")
    pct = f"{(change * 100).quantize(Decimal(1))}%"
    if change >= AMBITIOUS_CHANGE:
        return Trait(
            True, f"Ambitious: it moves the measure by {pct}{f' (“{said}”)' if said else ''}."
        )
    return Trait(False, f"stretch the target: a {pct} change is close to business as usual")


def leading(kr: KeyResult, tokens: Tokens) -> Trait:
    """Measured often enough to steer by: weekly history, or a metric that moves daily."""
    if len(kr.history) >= 2:
        gaps = [(b.on - a.on).days for a, b in zip(kr.history, kr.history[1:], strict=False)]
        gap = median(gaps)
        if gap <= LEADING_MAX_GAP_DAYS:
            return Trait(True, f"Leading: measured about {every_days(gap)}.")
        return Trait(False, f"measure it weekly (it is measured about {every_days(gap)})")
    said = sig.cadence(tokens)
    if said == "frequent":
        return Trait(True, "Leading: it is counted daily or weekly.")
    if said != "slow":
        moving = next(
            (t.low for t in tokens if t.is_word and lemma_in(t.low, lx.FLOW_MEASURES)), None
        )
        if moving is not None:
            return Trait(
                True, f"Leading: “{moving}” moves with every event, so you can watch it weekly."
            )
    return Trait(False, "pick a leading measure the team can watch weekly")


def draft_gaps(kr: KeyResult, tokens: Tokens) -> tuple[str, str]:
    """What a draft lacks, and how to fill it in from its own words where possible."""
    s = text_span(tokens)
    if s is not None:
        kind = "increase" if s[1] > s[0] else "decrease"
        return (
            "this is a draft with no kind, start or target fields yet, so it cannot be scored.",
            f"Add start: {fmt(s[0])} and target: {fmt(s[1])} (kind {kind} is inferred).",
        )
    return (
        "this is a draft with no kind, start (baseline) or target yet, so it cannot be scored.",
        "Write down today's value as the start and the value you aim for as the target; "
        "use kind at_least or at_most for a threshold, milestone only for a true done-or-not.",
    )


def fmt(value: Decimal) -> str:
    return f"{value.normalize():f}"
