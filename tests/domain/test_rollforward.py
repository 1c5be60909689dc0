"""Rolling forward: what may be carried, and where carried key results start."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bearing.domain.model import KRKind
from bearing.domain.rollforward import Parent, carried_start, rollforward_problems

D = Decimal


@pytest.mark.parametrize(
    ("chosen", "states", "parents", "problems"),
    [
        ({1: "A"}, {1: "active"}, {}, 0),
        ({1: "A"}, {1: "closed"}, {}, 1),
        ({1: "A"}, {1: "abandoned"}, {}, 1),
        ({1: "A", 2: "B"}, {1: "active", 2: "draft"}, {2: [Parent(1, "A", True)]}, 0),
        ({2: "B"}, {2: "active"}, {2: [Parent(1, "A", True)]}, 1),  # the parent stays behind
        ({2: "B"}, {2: "active"}, {2: [Parent(9, "Year", False)]}, 0),  # a parent elsewhere
    ],
)
def test_problems(
    chosen: dict[int, str], states: dict[int, str], parents: dict[int, list[Parent]], problems: int
) -> None:
    assert len(rollforward_problems(chosen, states, parents)) == problems


@pytest.mark.parametrize(
    ("kind", "start", "target", "current", "carried"),
    [
        (KRKind.INCREASE, D(10), D(50), D(30), D(30)),  # from where it ended
        (KRKind.DECREASE, D(120), D(24), D(72), D(72)),
        (KRKind.INCREASE, D(10), D(50), D(60), D(10)),  # reached: as it was
        (KRKind.INCREASE, D(10), D(50), D(50), D(10)),
        (KRKind.INCREASE, D(10), D(50), None, D(10)),  # never measured
        (KRKind.AT_LEAST, None, D(99), D(98), None),  # thresholds have no start
        (None, None, None, None, None),
    ],
)
def test_carried_start(
    kind: KRKind | None, start: Decimal | None, target: Decimal | None,
    current: Decimal | None, carried: Decimal | None,
) -> None:  # fmt: skip
    assert carried_start(kind, start, target, current) == carried
