"""Parsing and validating the OKR file (okr-file-format.md): every error names file, line, field."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest

from bearing.domain.limits import LOCAL_FILE_LIMITS, SERVER_FILE_LIMITS, FileLimits
from bearing.domain.model import KRKind, LinkKind
from bearing.domain.okrfile import OKRFileError, parse_okr_file, slugify

EXAMPLE = (Path(__file__).parent / "files" / "acme.yaml").read_text()

HEAD = """version: 1
cycle: {name: 2026-Q1, start: 2026-01-01, end: 2026-03-31}
teams:
  - name: Acme
  - name: Payments
    parent: Acme
objectives:
"""


def problems(text: str) -> list[str]:
    with pytest.raises(OKRFileError) as caught:
        parse_okr_file(text, "okrs.yaml")
    return [str(p) for p in caught.value.problems]


def one_problem(text: str) -> str:
    found = problems(text)
    assert len(found) == 1, found
    return found[0]


def test_the_documented_example_parses() -> None:
    okrs = parse_okr_file(EXAMPLE, "acme.yaml")
    assert okrs.cycle.name == "2026-Q1" and okrs.as_of == date(2026, 2, 15)
    assert okrs.company.name == "Acme"
    acme, pay_fast = okrs.objectives
    assert [kr.kind for kr in acme.key_results] == [
        KRKind.DECREASE, KRKind.INCREASE, KRKind.MILESTONE, KRKind.AT_LEAST,
    ]  # fmt: skip
    assert acme.key_results[1].weight == 2
    assert acme.key_results[1].history[-1].note == "reminder e-mails live"
    assert acme.key_results[3].target == D("99.9")  # an exact decimal, never a float
    assert acme.contributors == ("Support",)
    assert {(link.parent_ref, link.kind) for link in pay_fast.links} == {
        ("acme", LinkKind.ALIGNED), ("acme-time", LinkKind.CASCADED),
    }  # fmt: skip


def test_refs_are_derived_from_titles_when_left_out_and_never_clash() -> None:
    okrs = parse_okr_file(
        HEAD
        + """  - title: Grow revenue fast
    team: Acme
    key_results:
      - {title: Grow revenue fast, start: 1, target: 2}
  - {ref: grow-revenue-fast-2, title: Taken on purpose, team: Acme}
"""
    )
    refs = [okrs.objectives[0].ref, okrs.objectives[0].key_results[0].ref, okrs.objectives[1].ref]
    assert refs == ["grow-revenue-fast", "grow-revenue-fast-3", "grow-revenue-fast-2"]
    assert okrs.derived_refs == {
        "grow-revenue-fast": "Grow revenue fast",
        "grow-revenue-fast-3": "Grow revenue fast",
    }


def test_a_key_result_with_only_a_title_is_a_draft() -> None:
    okrs = parse_okr_file(
        HEAD + "  - {title: Be great, team: Acme, key_results: [{title: Improve NPS}]}\n"
    )
    assert okrs.objectives[0].key_results[0].is_draft


@pytest.mark.parametrize(
    ("objective", "expected"),
    [
        ("{title: T, team: Acme, key_results: [{title: K, start: 5, target: 5}]}",
         "okrs.yaml:8: objectives[0].key_results[0].target: equals the start"),
        ("{title: T, team: Acme, key_results: [{title: K, kind: increase, start: 5, target: 1}]}",
         "okrs.yaml:8: objectives[0].key_results[0].target: kind increase needs a target above the start (5); or use kind decrease"),
        ("{title: T, team: Acme, key_results: [{title: K, kind: grow, start: 1, target: 5}]}",
         "okrs.yaml:8: objectives[0].key_results[0].kind: 'grow' is not a kind; use one of increase, decrease, at_least, at_most, milestone"),
        ("{title: T, team: Acme, key_results: [{title: K, start: 1, target: lots}]}",
         "okrs.yaml:8: objectives[0].key_results[0].target: expected a number such as 42 or 99.5, got 'lots'"),
        ("{title: T, team: Acme, key_results: [{title: K, start: 1, target: 50%}]}",
         "(leave the % sign out and put it in unit)"),
        ("{title: T, team: Acme, key_results: [{title: K, start: 1}]}",
         "objectives[0].key_results[0].target: required: give start and target, or a kind"),
        ("{title: T, team: Acme, key_results: [{title: K, kind: at_least}]}",
         "objectives[0].key_results[0].target: required for kind at_least"),
        ("{title: T, team: Acme, key_results: [{title: K, kind: milestone, target: 3}]}",
         "objectives[0].key_results[0].target: a milestone has no numbers"),
        ("{title: T, team: Acme, key_results: [{title: K, start: 1, target: 2, done: true}]}",
         "objectives[0].key_results[0].done: only milestones are done or not; this is increase"),
        ("{title: T, team: Acme, key_results: [{title: K, start: 1, target: 2, weight: 0}]}",
         "objectives[0].key_results[0].weight: must be a number above 0"),
        ("{title: T, team: Sales}", "okrs.yaml:8: objectives[0].team: no team named 'Sales'; known: Acme, Payments"),
        ("{title: T, team: Acme, taem: x}", "objectives[0].taem: unknown field; valid fields are ref, title"),
        ("{team: Acme}", "objectives[0].title: required but missing"),
        ("{title: T, team: Acme, aligned_to: [nowhere]}", "objectives[0].aligned_to: no objective or key result ref named 'nowhere'"),
        ("{title: T, team: Acme, contributors: [Acme]}", "objectives[0].contributors: 'Acme' owns the objective"),
        ("{title: T, team: Acme, owner: not-an-email}", "objectives[0].owner: 'not-an-email' is not an e-mail address"),
        ("{title: T, team: Acme, key_results: [{title: K, start: 1, target: 2, history: [{date: 2026-02-30, value: 1}]}]}",
         "objectives[0].key_results[0].history[0].date: expected a date as YYYY-MM-DD, got '2026-02-30'"),
    ],
)  # fmt: skip
def test_each_mistake_is_named_with_file_line_field_and_what_is_valid(
    objective: str, expected: str
) -> None:
    assert expected in one_problem(HEAD + f"  - {objective}\n")


def test_every_problem_is_reported_not_just_the_first() -> None:
    found = problems(
        HEAD
        + """  - title: One
    team: Nowhere
  - title: Two
    team: Acme
    key_results:
      - {title: K, start: 3, target: 3}
"""
    )
    assert [p.split(": ")[1] for p in found] == [
        "objectives[0].team",
        "objectives[1].key_results[0].target",
    ]
    assert found[0].startswith("okrs.yaml:9:") and found[1].startswith("okrs.yaml:13:")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "okrs.yaml:1: (file): the file is empty"),
        ("version: 1\ncycle: [\n", "(syntax): not valid YAML"),
        ("- just\n- a list\n", "okrs.yaml:1: : expected a mapping"),
        ("version: 2\ncycle: {name: Q, start: 2026-01-01, end: 2026-03-31}\nteams: [{name: A}]\n",
         "okrs.yaml:1: version: this tool reads version 1 files"),
        ("version: 1\ncycle: {name: Q, start: 2026-03-01, end: 2026-01-01}\nteams: [{name: A}]\n",
         "okrs.yaml:2: cycle.end: must be after the start (2026-03-01)"),
        ("version: 1\ncycle: {name: Q, start: 2026-01-01, end: 2026-03-31}\nteams: [{name: A, parent: B}, {name: B, parent: A}]\n",
         "teams: one team must have no parent: the company"),
        ("version: 1\ncycle: {name: Q, start: 1970-01-01, end: 2026-03-31}\nteams: [{name: A}]\n",
         "okrs.yaml:2: cycle.start: give a date between 2000-01-01 and 2100-12-31"),
        ("version: 1\ncycle: {name: \"\\u200b\\u200b\", start: 2026-01-01, end: 2026-03-31}\nteams: [{name: A}]\n",
         "okrs.yaml:2: cycle.name: must contain visible characters"),
        ("version: 1\ncycle: {name: Q, start: 2026-01-01, end: 2026-03-31}\nteams: [{name: A}, {name: B, parent: C}]\n",
         "teams[1].parent: no team named 'C'"),
        ("version: 1\nteams: [{name: A}]\n", "okrs.yaml:1: cycle: required but missing"),
    ],
)  # fmt: skip
def test_file_level_problems(text: str, expected: str) -> None:
    assert any(expected in p for p in problems(text)), problems(text)


def test_refs_must_be_unique() -> None:
    found = one_problem(
        HEAD + "  - {ref: a, title: One, team: Acme}\n  - {ref: a, title: Two, team: Acme}\n"
    )
    assert "okrs.yaml:9: objectives[1].ref: ref 'a' is used twice" in found


def test_cascaded_from_must_name_a_key_result() -> None:
    found = one_problem(
        HEAD
        + "  - {ref: a, title: One, team: Acme}\n  - {title: Two, team: Payments, cascaded_from: a}\n"
    )
    assert "objectives[1].cascaded_from: 'a' is an objective" in found


def test_alignment_loops_are_rejected() -> None:
    found = one_problem(
        HEAD
        + "  - {ref: a, title: One, team: Acme, aligned_to: [b]}\n"
        + "  - {ref: b, title: Two, team: Payments, aligned_to: [a]}\n"
    )
    assert "goes round in a circle: a → b → a" in found or "b → a → b" in found


def test_numbers_are_exact_decimals() -> None:
    okrs = parse_okr_file(
        HEAD + "  - {title: T, team: Acme, key_results: [{title: K, start: 0.1, target: 0.3}]}\n"
    )
    kr = okrs.objectives[0].key_results[0]
    assert kr.start == D("0.1") and kr.target == D("0.3") and kr.kind is KRKind.INCREASE


@pytest.mark.parametrize(
    ("title", "slug"),
    [("Make digital payments more convenient", "make-digital-payments-more-convenient"),
     ("Keep availability ≥ 99.9 %", "keep-availability-99-9"), ("Café crème!", "cafe-creme"), ("???", "item")],
)  # fmt: skip
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_a_file_may_start_from_several_teams_of_an_organization() -> None:
    """Issue 9.9: a file of some teams names them without repeating the chain above them;
    such a file has no company team of its own."""
    okrs = parse_okr_file(
        "version: 1\ncycle: {name: Q, start: 2026-01-01, end: 2026-03-31}\n"
        "teams: [{name: Payments}, {name: Support}, {name: Refunds, parent: Payments}]\n"
        "objectives:\n  - {title: Make refunds instant, team: Refunds}\n"
    )
    assert [t.name for t in okrs.teams] == ["Payments", "Support", "Refunds"]
    assert okrs.company_team is None and okrs.company.name == ""


def test_derived_refs_number_past_every_taken_one() -> None:
    """Key results of one title get -2, -3, … (in linear time: the file bomb of issue 10.3
    took minutes here), stepping over refs the file spells out."""
    krs = "".join(
        f"      - title: Same\n        start: 0\n        target: {i + 1}\n" for i in range(99)
    )
    okrs = parse_okr_file(
        "version: 1\ncycle: {name: Q, start: 2026-01-01, end: 2026-03-31}\nteams: [{name: A}]\n"
        "objectives:\n  - title: Same\n    team: A\n    key_results:\n"
        "      - {ref: same-3, title: Other}\n" + krs
    )
    refs = [kr.ref for kr in okrs.objectives[0].key_results]
    assert okrs.objectives[0].ref == "same"
    assert refs[:4] == ["same-3", "same-2", "same-4", "same-5"]
    assert refs[-1] == "same-101" and len(set(refs)) == 100


def test_the_limits_are_the_callers_the_server_the_smaller() -> None:
    """The server's bounds protect a shared service; the offline commands read the user's
    own file with larger ones (LOCAL_FILE_LIMITS), and either says what it refused."""
    text = HEAD + "".join(
        f"  - {{title: Goal {i}, team: Payments, key_results: [{{title: KR {i}, kind: at_least, target: 1}}]}}\n"
        for i in range(3)
    )
    assert len(parse_okr_file(text, "okrs.yaml", LOCAL_FILE_LIMITS).objectives) == 3
    with pytest.raises(OKRFileError) as caught:
        parse_okr_file(text, "okrs.yaml", FileLimits(objectives=2))
    assert "objectives" in str(caught.value) and "2" in str(caught.value)
    with pytest.raises(OKRFileError) as caught:
        parse_okr_file(text, "okrs.yaml", FileLimits(key_results=2))
    assert "key results" in str(caught.value)
    with pytest.raises(OKRFileError) as caught:
        parse_okr_file(text, "okrs.yaml", FileLimits(bytes=100))
    assert "split it (at most 100" in str(caught.value)
    assert LOCAL_FILE_LIMITS.key_results == 10 * SERVER_FILE_LIMITS.key_results
