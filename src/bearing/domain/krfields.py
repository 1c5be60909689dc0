"""Which combinations of a key result's kind, start, target and done make sense.

One rule set for every way a key result is written: the OKR file parser, the
services behind the web forms and the API all ask ``kind_of`` (the kind given, or the one
start and target imply) and ``kind_problems``, and word its answers the same. Messages name
kinds through ``names``: OKR files use the values written in them (``at_least``); the
services, whose messages reach people in forms, use the labels the forms show ("At least").
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from bearing.domain.model import KRKind

KINDS = ", ".join(k.value for k in KRKind)
# What a person reads in the forms, and in the messages the services write.
KIND_LABELS = {
    KRKind.INCREASE: "Increase",
    KRKind.DECREASE: "Decrease",
    KRKind.AT_LEAST: "At least",
    KRKind.AT_MOST: "At most",
    KRKind.MILESTONE: "Milestone",
}
KindNames = Callable[[KRKind], str]


def value_name(kind: KRKind) -> str:
    return kind.value


def label_name(kind: KRKind) -> str:
    return f"“{KIND_LABELS[kind]}”"


def infer_kind(start: Decimal | None, target: Decimal | None) -> KRKind | None:
    """increase or decrease from the direction start → target; None when it cannot tell."""
    if start is None or target is None or start == target:
        return None
    return KRKind.INCREASE if target > start else KRKind.DECREASE


def kind_of(kind: KRKind | None, start: Decimal | None, target: Decimal | None) -> KRKind | None:
    """The kind given, else the one start and target imply, else None (a draft)."""
    return kind or infer_kind(start, target)


def kind_problems(
    kind: KRKind | None,
    start: Decimal | None,
    target: Decimal | None,
    *,
    numbers_given: bool = False,
    names: KindNames = value_name,
) -> list[tuple[str, str]]:
    """(field, message) pairs for what is wrong; empty when the fields fit the kind.

    ``kind`` None is a draft (ask ``kind_of`` first), which is fine as long as no numbers
    were given.
    """
    if kind is None:
        if not numbers_given:
            return []
        if start is not None and start == target:
            return [("target", _equal_message(names))]
        return [
            (
                "target" if target is None else "start",
                "give both a start and a target, or choose a kind",
            )
        ]
    if kind is KRKind.MILESTONE:
        if start is not None or target is not None:
            return [("kind", "a milestone has no numbers; it is done or not done")]
        return []
    if target is None:
        return [("target", f"required for kind {names(kind)}")]
    if not kind.is_directional:
        return []
    if start is None:
        return [("start", f"required for kind {names(kind)} (the baseline)")]
    if start == target:
        return [("target", _equal_message(names))]
    if (kind is KRKind.INCREASE) != (target > start):
        above = "above" if kind is KRKind.INCREASE else "below"
        other = KRKind.DECREASE if kind is KRKind.INCREASE else KRKind.INCREASE
        return [
            (
                "target",
                f"kind {names(kind)} needs a target {above} the start ({start}); or use kind {names(other)}",
            )
        ]
    return []


def _equal_message(names: KindNames) -> str:
    return (
        "equals the start; give a different target, or a kind of "
        f"{names(KRKind.AT_LEAST)} or {names(KRKind.AT_MOST)}"
    )
