"""Which combinations of a key result's kind, start, target and done make sense.

One rule set for every way a key result is written: the OKR file parser, the
web forms and the API all ask ``kind_problems`` and word its answers the same.
"""

from __future__ import annotations

from decimal import Decimal

from bearing.domain.model import KRKind

KINDS = ", ".join(k.value for k in KRKind)


def infer_kind(start: Decimal | None, target: Decimal | None) -> KRKind | None:
    """increase or decrease from the direction start → target; None when it cannot tell."""
    if start is None or target is None or start == target:
        return None
    return KRKind.INCREASE if target > start else KRKind.DECREASE


def kind_problems(
    kind: KRKind | None,
    start: Decimal | None,
    target: Decimal | None,
    *,
    numbers_given: bool = False,
) -> list[tuple[str, str]]:
    """(field, message) pairs for what is wrong; empty when the fields fit the kind.

    ``kind`` None is a draft, which is fine as long as no numbers were given.
    """
    if kind is None:
        if numbers_given:
            return [("kind", f"give start and target, or choose a kind ({KINDS})")]
        return []
    if kind is KRKind.MILESTONE:
        if start is not None or target is not None:
            return [("kind", "a milestone has no numbers; it is done or not done")]
        return []
    if target is None:
        return [("target", f"required for kind {kind.value}")]
    if not kind.is_directional:
        return []
    if start is None:
        return [("start", f"required for kind {kind.value} (the baseline)")]
    if start == target:
        return [
            (
                "target",
                "equals the start; give a different target, or a kind of at_least or at_most",
            )
        ]
    if (kind is KRKind.INCREASE) != (target > start):
        above = "above" if kind is KRKind.INCREASE else "below"
        other = "decrease" if kind is KRKind.INCREASE else "increase"
        return [
            (
                "target",
                f"kind {kind.value} needs a target {above} the start ({start}); or use kind {other}",
            )
        ]
    return []
