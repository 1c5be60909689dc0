"""The alignment outline: company down, key-result groups, repeats, orphans and detached."""

from __future__ import annotations

from bearing.domain.outline import Outline, OutlineLink, Step, build_outline


def steps(rows: list) -> list[tuple[str, str, str | None, int]]:  # type: ignore[type-arg]
    return [(r.step.value, r.objective, r.key_result, r.depth) for r in rows]


def test_tree_with_key_result_links_and_direct_links() -> None:
    outline: Outline[str, str] = build_outline(
        ["co", "eng", "app", "ops"],
        roots=["co"],
        links=[
            OutlineLink("eng", "co", "kr1"),
            OutlineLink("ops", "co"),
            OutlineLink("app", "eng"),
        ],
        key_results={"co": ["kr1", "kr2"]},
    )
    assert steps(outline.tree) == [
        ("open", "co", None, 0),
        ("kr_open", "co", "kr1", 1),
        ("open", "eng", "kr1", 2),
        ("leaf", "app", None, 3),
        ("close", "eng", None, 2),
        ("kr_close", "co", "kr1", 1),
        ("leaf", "ops", None, 1),
        ("close", "co", None, 0),
    ]
    assert outline.tree[3].parent == "eng" and outline.tree[2].parent == "co"
    assert outline.orphans == [] and outline.detached == []


def test_a_second_parent_shows_a_repeat_not_the_subtree_again() -> None:
    outline: Outline[str, str] = build_outline(
        ["a", "b", "c", "d"], roots=["a", "b"],
        links=[OutlineLink("c", "a"), OutlineLink("c", "b"), OutlineLink("d", "c")], key_results={},
    )  # fmt: skip
    assert [r.step for r in outline.tree].count(Step.REPEAT) == 1
    assert sum(1 for r in outline.tree if r.objective == "d") == 1


def test_orphans_and_detached() -> None:
    outline: Outline[str, str] = build_outline(
        ["co", "lost", "lost-child", "elsewhere"], roots=["co"],
        links=[OutlineLink("lost-child", "lost"), OutlineLink("elsewhere", "last-year")], key_results={},
    )  # fmt: skip
    assert steps(outline.orphans) == [
        ("open", "lost", None, 0),
        ("leaf", "lost-child", None, 1),
        ("close", "lost", None, 0),
    ]
    assert outline.detached == ["elsewhere"]


def test_a_company_objective_serving_another_is_nested_not_a_root() -> None:
    outline: Outline[str, str] = build_outline(
        ["a", "b"], roots=["a", "b"], links=[OutlineLink("b", "a")], key_results={}
    )
    assert steps(outline.tree) == [
        ("open", "a", None, 0),
        ("leaf", "b", None, 1),
        ("close", "a", None, 0),
    ]


def test_a_long_chain_does_not_recurse() -> None:
    ids = list(range(5000))
    outline: Outline[int, str] = build_outline(
        ids, roots=[0], links=[OutlineLink(i + 1, i) for i in range(4999)], key_results={}
    )
    assert outline.tree[-1].objective == 0 and max(r.depth for r in outline.tree) == 4999
