"""Rolling a cycle forward: which unfinished objectives may be carried into the next cycle, and
where their key results start (from where they ended). Pure rules; ``services.rollforward``
applies them in one transaction."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from bearing.domain.model import KRKind

UNFINISHED = ("draft", "active")  # closed objectives are done; abandoned ones were let go


@dataclass(frozen=True)
class Parent:
    """An alignment link of a carried objective: the parent objective (that of a parent key
    result too) and whether it belongs to the cycle being rolled forward."""

    objective: int
    title: str
    in_cycle: bool


def rollforward_problems(
    chosen: Mapping[int, str], states: Mapping[int, str], parents: Mapping[int, Sequence[Parent]]
) -> list[str]:
    """Why the chosen objectives (id → title) cannot be carried: one that is finished, or
    one aligned to an objective of the same cycle that is not carried with it (its link would
    point back into the closed cycle). Parents in other cycles (a year above quarters) stay."""
    problems = []
    for pk, title in chosen.items():
        if states.get(pk) not in UNFINISHED:
            problems.append(
                f"“{title}” is {states.get(pk, 'gone')}: only unfinished objectives roll forward"
            )
        for parent in parents.get(pk, ()):
            if parent.in_cycle and parent.objective not in chosen:
                problems.append(
                    f"“{title}” is aligned to “{parent.title}”, which is not carried: carry it "
                    "too, or remove the link first"
                )
    return problems


def carried_start(
    kind: KRKind | None, start: Decimal | None, target: Decimal | None, current: Decimal | None
) -> Decimal | None:
    """Where a carried key result starts: its latest value for a directional one that has
    not reached its target (the rest of the way is the new cycle's), else where it started."""
    if kind is None or not kind.is_directional or current is None or target is None:
        return start
    if current == target or start is None:
        return start
    reached = current >= target if kind is KRKind.INCREASE else current <= target
    return start if reached else current
