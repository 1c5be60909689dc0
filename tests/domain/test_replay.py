"""``bearing.domain.replay.rewind``: rows of now, undone through the changes made since."""

from __future__ import annotations

from typing import Any

import pytest

from bearing.domain.replay import Change, replay, rewind

NOW = {1: {"title": "Grow", "target": "20"}, 2: {"title": "Keep", "target": "5"}}

CASES: list[tuple[str, list[Change], dict[int, dict[str, Any]]]] = [
    ("nothing changed since", [], NOW),
    ("made since: absent", [Change("create", 2)], {1: NOW[1]}),
    (
        "changed since: the earlier value",
        [Change("update", 1, {"target": "10"})],
        {1: {"title": "Grow", "target": "10"}, 2: NOW[2]},
    ),
    (
        "changed twice since: the value before the first change (newest first)",
        [Change("update", 1, {"target": "15"}), Change("update", 1, {"target": "10"})],
        {1: {"title": "Grow", "target": "10"}, 2: NOW[2]},
    ),
    (
        "deleted since: back as it was deleted, with its objective",
        [Change("delete", 3, {"title": "Gone", "target": "1"}, objective_id=9)],
        {**NOW, 3: {"objective": 9, "title": "Gone", "target": "1"}},
    ),
    (
        "deleted since, changed before that: the value before the change",
        [
            Change("delete", 3, {"title": "Gone", "target": "2"}, objective_id=9),
            Change("update", 3, {"target": "1"}),
        ],
        {**NOW, 3: {"objective": 9, "title": "Gone", "target": "1"}},
    ),
    (
        "made and deleted since: never there",
        [Change("delete", 3, {"title": "Brief"}), Change("create", 3)],
        NOW,
    ),
    (
        "a change of a row not there (deleted with its objective): ignored",
        [Change("update", 7, {"title": "Lost"})],
        NOW,
    ),
    (
        "a deletion that recorded nothing cannot bring the row back",
        [Change("delete", 3)],
        NOW,
    ),
]


@pytest.mark.parametrize(("case", "since", "expected"), CASES, ids=[c[0] for c in CASES])
def test_rewind(case: str, since: list[Change], expected: dict[int, dict[str, Any]]) -> None:
    assert rewind(NOW, since) == expected


def test_rewind_leaves_the_rows_of_now_alone() -> None:
    now = {1: {"title": "Grow"}}
    rewind(now, [Change("update", 1, {"title": "Start"})])
    assert now == {1: {"title": "Grow"}}


REPLAYS: list[tuple[str, list[Change], dict[int, dict[str, Any]]]] = [
    ("nothing recorded", [], {}),
    ("made: as made, with its objective", [Change("create", 1, objective_id=9, after={"title": "A"})],
     {1: {"objective": 9, "title": "A"}}),
    ("made then changed: the new values",
     [Change("create", 1, after={"title": "A", "target": "1"}), Change("update", 1, after={"target": "2"})],
     {1: {"objective": None, "title": "A", "target": "2"}}),
    ("made then deleted: gone", [Change("create", 1, after={"title": "A"}), Change("delete", 1)], {}),
    ("a change of a row made before the records: ignored", [Change("update", 2, after={"title": "B"})], {}),
]  # fmt: skip


@pytest.mark.parametrize(("case", "changes", "expected"), REPLAYS, ids=[c[0] for c in REPLAYS])
def test_replay(case: str, changes: list[Change], expected: dict[int, dict[str, Any]]) -> None:
    assert replay(changes) == expected
