"""The optional fields the OKR file gained so an export is faithful (see docs/okr-files.md)."""

from __future__ import annotations

import pytest

from bearing.domain.model import LinkKind
from bearing.domain.okrfile import OKRFileError, parse_okr_file

HEAD = """version: 1
cycle: {name: 2026-Q1, start: 2026-01-01, end: 2026-03-31}
teams: [{name: Acme}]
objectives:
  - ref: a
    title: Make payments effortless
    team: Acme
    key_results:
      - {ref: k1, title: Cut time from 9 to 3, start: 9, target: 3}
      - {ref: k2, title: Grow NPS from 20 to 40, start: 20, target: 40}
"""


def test_state_and_visibility_are_read_and_none_when_left_out() -> None:
    okrs = parse_okr_file(
        HEAD + "  - {title: Grow as a coach, team: Acme, state: closed, visibility: private}\n"
    )
    assert (okrs.objectives[0].state, okrs.objectives[0].visibility) == (None, None)
    assert (okrs.objectives[1].state, okrs.objectives[1].visibility) == ("closed", "private")


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (
            "{title: T, team: Acme, state: done}",
            "objectives[1].state: 'done' is not valid; use one of draft, active",
        ),
        (
            "{title: T, team: Acme, visibility: secret}",
            "objectives[1].visibility: 'secret' is not valid",
        ),
        ("{title: T}", "objectives[1].team: required but missing (or give an owner"),
    ],
)
def test_wrong_values_name_line_and_field(line: str, problem: str) -> None:
    with pytest.raises(OKRFileError) as failed:
        parse_okr_file(HEAD + f"  - {line}\n")
    assert f"<okr file>:11: {problem}" in str(failed.value)


def test_an_objective_with_an_owner_and_no_team_is_individual() -> None:
    okrs = parse_okr_file(HEAD + "  - {title: Learn SQL, owner: ana@acme.example}\n")
    assert (okrs.objectives[1].team, okrs.objectives[1].owner) == (None, "ana@acme.example")


def test_cascaded_from_may_name_several_key_results() -> None:
    okrs = parse_okr_file(
        HEAD + "  - {title: Make checkout fast, team: Acme, cascaded_from: [k1, k2]}\n"
    )
    links = okrs.objectives[1].links
    assert [(link.parent_ref, link.kind) for link in links] == [
        ("k1", LinkKind.CASCADED),
        ("k2", LinkKind.CASCADED),
    ]
