"""Connectivity figures and warnings over hand-built cycles (okr-file-format.md, `bearing align`)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bearing.domain.alignment import (
    Connectivity,
    ConnectivityThresholds,
    ObjectiveNode,
    connectivity,
    connectivity_of,
    objective_nodes,
    weekly_trend,
)
from bearing.domain.connectivity import percentage
from bearing.domain.model import Cycle, KeyResult, Link, LinkKind, Objective, OKRSet, Team

NO_LOOKALIKES = ConnectivityThresholds(similarity_threshold=None)


def node(
    id: str,
    team: str | None = "T",
    *,
    company: bool = False,
    parents: tuple[str, ...] = (),
    cascaded: bool = False,
    contributors: tuple[str, ...] = (),
    title: str = "",
) -> ObjectiveNode[str]:
    return ObjectiveNode(
        id=id,
        team=team,
        is_company=company,
        title=title,
        contributors=contributors,
        parents=parents,
        cascaded=cascaded,
    )


CO = node("co", "Acme", company=True)

# (case, nodes, objectives, company, aligned_pct, cascaded_pct, cross_pct, max_depth, orphans)
FIGURES: list[tuple[str, list[ObjectiveNode[str]], int, int, Any, Any, Any, int, tuple[str, ...]]] = [
    ("empty cycle: every share is null", [], 0, 0, None, None, None, 0, ()),
    ("company only: no non-company denominator", [CO], 1, 1, None, None, "0.0", 1, ()),
    ("no company objective: depth 0", [node("a"), node("b", parents=("a",))], 2, 0, "50.0", "0.0", "0.0", 0, ("a",)),
    (
        "a tree with an orphan",
        [CO, node("a", parents=("co",)), node("b", parents=("co",), cascaded=True),
         node("c", parents=("a",)), node("x")],
        5, 1, "75.0", "25.0", "0.0", 3, ("x",),
    ),
    (
        "several parents count once; depth takes the longest chain",
        [CO, node("a", parents=("co",)), node("b", parents=("a", "co"))],
        3, 1, "100.0", "0.0", "0.0", 3, (),
    ),
    (
        "cross-functional counts every objective, the company's too",
        [node("co", "Acme", company=True, contributors=("Support",)),
         node("a", "Sales", parents=("co",), contributors=("Sales",)),  # only the owner: no
         node("b", "Sales", parents=("co",), contributors=("Sales", "Legal"))],
        3, 1, "100.0", "0.0", "66.7", 2, (),
    ),
    (
        "a cascaded objective whose parent is gone is still aligned",
        [CO, node("a", cascaded=True)],
        2, 1, "100.0", "100.0", "0.0", 1, (),
    ),
    (
        "a parent outside the cycle aligns but adds no depth",
        [CO, node("a", parents=("last-cycle",))],
        2, 1, "100.0", "0.0", "0.0", 1, (),
    ),
    (
        "an objective without a team is a non-company objective",
        [CO, node("a", None), node("b", None, parents=("co",))],
        3, 1, "50.0", "0.0", "0.0", 2, ("a",),
    ),
    (
        "two company objectives: depth from either",
        [CO, node("co2", "Acme", company=True, parents=("co",)), node("a", parents=("co2",))],
        3, 2, "100.0", "0.0", "0.0", 3, (),
    ),
    (
        "thirds round to one decimal",
        [CO, node("a", parents=("co",)), node("b"), node("c")],
        4, 1, "33.3", "0.0", "0.0", 2, ("b", "c"),
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("nodes", "objectives", "company", "aligned", "cascaded", "cross", "depth", "orphans"),
    [case[1:] for case in FIGURES],
    ids=[case[0] for case in FIGURES],
)
def test_figures(
    nodes: list[ObjectiveNode[str]],
    objectives: int,
    company: int,
    aligned: str | None,
    cascaded: str | None,
    cross: str | None,
    depth: int,
    orphans: tuple[str, ...],
) -> None:
    c = connectivity(nodes, NO_LOOKALIKES)
    assert c.objectives == objectives
    assert c.company_objectives == company
    assert c.aligned_pct == (None if aligned is None else Decimal(aligned))
    assert c.cascaded_pct == (None if cascaded is None else Decimal(cascaded))
    assert c.cross_functional_pct == (None if cross is None else Decimal(cross))
    assert c.max_depth == depth
    assert c.orphans == orphans


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        (0, 0, None),
        (0, 3, "0.0"),
        (3, 3, "100.0"),
        (1, 3, "33.3"),
        (2, 3, "66.7"),
        (1, 16, "6.2"),  # 6.25: half to even rounds down ...
        (3, 16, "18.8"),  # ... 18.75: and up
    ],
)
def test_percentage_rounds_half_to_even(part: int, whole: int, expected: str | None) -> None:
    assert percentage(part, whole) == (None if expected is None else Decimal(expected))


def test_duplicate_ids_are_refused() -> None:
    with pytest.raises(ValueError, match="unique"):
        connectivity([node("a"), node("a")])


def okrs(*objectives: Objective) -> OKRSet:
    return OKRSet(
        cycle=Cycle("2026-Q1", date(2026, 1, 1), date(2026, 3, 31)),
        teams=(Team("Acme"), Team("Sales", "Acme"), Team("Support", "Acme")),
        objectives=objectives,
    )


COMPANY = Objective(
    "Win the mid-market",
    "Acme",
    ref="co",
    key_results=(KeyResult("Grow ARR to $10M", ref="co-arr"), KeyResult("NPS 50", ref="co-nps")),
)


def test_key_result_links_count_as_links_to_their_objective() -> None:
    sales = Objective(
        "Sell more",
        "Sales",
        ref="sales",
        key_results=(KeyResult("Close 40 deals", ref="sales-deals"),),
        links=(Link("co-arr", LinkKind.CASCADED),),
    )
    support = Objective("Happier customers", "Support", ref="support", links=(Link("sales-deals"),))
    c = connectivity_of(okrs(COMPANY, sales, support), NO_LOOKALIKES)
    assert (c.aligned_pct, c.cascaded_pct, c.max_depth) == (Decimal(100), Decimal(50), 3)
    assert [n.parents for n in objective_nodes(okrs(COMPANY, sales, support))] == [
        (),
        ("co",),
        ("sales",),
    ]


def test_aligned_to_an_objective_and_cascaded_from_its_key_result_is_one_parent() -> None:
    child = Objective(
        "Sell more",
        "Sales",
        ref="sales",
        links=(Link("co"), Link("co-arr", LinkKind.CASCADED), Link("co-nps")),
    )
    [_, n] = objective_nodes(okrs(COMPANY, child))
    assert n.parents == ("co",)
    assert n.cascaded
    assert not n.is_company


def test_titles_and_key_results_reach_the_nodes() -> None:
    [n] = objective_nodes(okrs(COMPANY))
    assert n.is_company
    assert (n.title, n.key_result_titles) == ("Win the mid-market", ("Grow ARR to $10M", "NPS 50"))


def rules(c: Connectivity[Any]) -> list[str]:
    return [w.rule for w in c.warnings]


def shares(aligned: int, cascaded: int, of: int) -> list[ObjectiveNode[str]]:
    """A company objective and ``of`` others: ``aligned`` with a parent, the first ``cascaded`` cascaded."""
    return [CO] + [
        node(f"o{i}", parents=("co",) if i < aligned else (), cascaded=i < cascaded)
        for i in range(of)
    ]


@pytest.mark.parametrize(
    ("thresholds", "cascaded", "warned"),
    [
        (ConnectivityThresholds(similarity_threshold=None), 2, False),  # 40.0%: at the limit
        (ConnectivityThresholds(similarity_threshold=None), 3, True),  # 60.0%
        (
            ConnectivityThresholds(cascaded_warn_pct=Decimal(60), similarity_threshold=None),
            3,
            False,
        ),
        (ConnectivityThresholds(cascaded_warn_pct=Decimal(0), similarity_threshold=None), 1, True),
    ],
)
def test_cascaded_above_threshold(
    thresholds: ConnectivityThresholds, cascaded: int, warned: bool
) -> None:
    c = connectivity(shares(5, cascaded, 5), thresholds)
    assert ("cascaded-above-threshold" in rules(c)) is warned


def test_cascaded_above_threshold_message_has_the_numbers() -> None:
    [warning] = connectivity(shares(5, 3, 5), NO_LOOKALIKES).warnings
    assert warning.message == (
        "60.0% of non-company objectives are cascaded (3 of 5), above the limit of 40%."
    )


@pytest.mark.parametrize(
    ("before", "after", "thresholds", "expected"),
    [
        # aligned 10 of 10 -> 8 of 10: a 20-point drop
        (shares(10, 0, 10), shares(8, 0, 10), NO_LOOKALIKES, ["aligned-share-dropped"]),
        # 20 of 20 -> 19 of 20: 5 points is not more than 5
        (shares(20, 0, 20), shares(19, 0, 20), NO_LOOKALIKES, []),
        (
            shares(20, 0, 20),
            shares(19, 0, 20),
            ConnectivityThresholds(aligned_warn_drop_pct=Decimal(4), similarity_threshold=None),
            ["aligned-share-dropped"],
        ),
        # cascaded 1 of 10 -> 2 of 10: any rise warns by default
        (shares(10, 1, 10), shares(10, 2, 10), NO_LOOKALIKES, ["cascaded-share-rising"]),
        (shares(10, 2, 10), shares(10, 2, 10), NO_LOOKALIKES, []),
        (shares(10, 2, 10), shares(10, 1, 10), NO_LOOKALIKES, []),
        (
            shares(10, 1, 10),
            shares(10, 2, 10),
            ConnectivityThresholds(cascaded_warn_rise_pct=Decimal(10), similarity_threshold=None),
            [],
        ),
        # nothing to compare: the previous snapshot had no non-company objectives
        ([CO], shares(0, 0, 3), NO_LOOKALIKES, []),
    ],
)
def test_trend_warnings_compare_with_the_previous_snapshot(
    before: list[ObjectiveNode[str]],
    after: list[ObjectiveNode[str]],
    thresholds: ConnectivityThresholds,
    expected: list[str],
) -> None:
    previous = connectivity(before, thresholds)
    current = connectivity(after, thresholds, previous=previous)
    trend_rules = {"aligned-share-dropped", "cascaded-share-rising"}
    assert [r for r in rules(current) if r in trend_rules] == expected
    # Without a previous snapshot no trend rule can fire.
    assert not trend_rules & set(rules(connectivity(after, thresholds)))


def test_trend_messages_have_the_numbers() -> None:
    previous = connectivity(shares(10, 1, 10), NO_LOOKALIKES)
    current = connectivity(shares(8, 2, 10), NO_LOOKALIKES, previous=previous)
    messages = {w.rule: w.message for w in current.warnings}
    assert messages["aligned-share-dropped"] == (
        "The aligned share fell from 100.0% to 80.0% (20.0 points, more than 5) "
        "since the previous snapshot."
    )
    assert messages["cascaded-share-rising"].startswith(
        "The cascaded share rose from 10.0% to 20.0% (10.0 points) since the previous snapshot"
    )


def test_aligned_below_minimum_only_when_a_minimum_is_set() -> None:
    nodes = shares(7, 0, 10)
    assert "aligned-below-minimum" not in rules(connectivity(nodes, NO_LOOKALIKES))
    strict = ConnectivityThresholds(min_aligned_pct=Decimal(80), similarity_threshold=None)
    [warning] = [
        w for w in connectivity(nodes, strict).warnings if w.rule == "aligned-below-minimum"
    ]
    assert warning.message == (
        "Only 70.0% of non-company objectives are aligned (7 of 10), below the minimum of 80%."
    )
    met = ConnectivityThresholds(min_aligned_pct=Decimal(70), similarity_threshold=None)
    assert "aligned-below-minimum" not in rules(connectivity(nodes, met))


def test_orphans_warning_names_them_by_title() -> None:
    nodes = [CO, node("a", title="Ship the API"), node("b", title=""), node("c", parents=("co",))]
    [warning] = connectivity(nodes, NO_LOOKALIKES).warnings
    assert warning.rule == "orphans-present"
    assert warning.message == "2 non-company objectives align to nothing: 'Ship the API'; b."


def test_orphans_warning_lists_five_then_counts_the_rest() -> None:
    nodes = [CO] + [node(f"o{i}") for i in range(7)]
    [warning] = connectivity(nodes, NO_LOOKALIKES).warnings
    assert warning.message == (
        "7 non-company objectives align to nothing: o0; o1; o2; o3; o4; and 2 more."
    )


LOOKALIKES = [
    CO,
    ObjectiveNode(
        "sales-churn", "Sales", False, "Reduce customer churn",
        ("Cut monthly churn from 2% to 1.5%", "Renewal rate from 88% to 93%"), parents=("co",),
    ),
    ObjectiveNode(
        "cs-churn", "Customer Success", False, "Keep more customers renewing",
        ("Lower monthly churn to 1.5%", "Raise the renewal rate to 92%"), parents=("co",),
    ),
    ObjectiveNode(
        "it-laptops", "IT", False, "Replace old laptops",
        ("400 laptops replaced", "Setup under 30 minutes"), parents=("co",),
    ),
]  # fmt: skip


def test_look_alikes_are_found_and_summarised_in_one_warning() -> None:
    c = connectivity(LOOKALIKES)
    [pair] = c.similar
    assert (pair.a, pair.b, pair.team_a, pair.team_b) == (
        "sales-churn",
        "cs-churn",
        "Sales",
        "Customer Success",
    )
    [warning] = c.warnings
    assert warning.rule == "look-alike-objectives"
    assert warning.message == (
        f"1 pair of objectives from different teams look alike: 'Reduce customer churn' (Sales) "
        f"and 'Keep more customers renewing' (Customer Success), {pair.similarity}. "
        "Check whether the teams should work together or one duplicates the other."
    )


def test_linked_objectives_are_not_look_alikes_however_alike_they_read() -> None:
    # A child that serves its parent (even through a middle objective) is meant to echo it.
    company, sales, cs, it = LOOKALIKES
    middle = node("middle", "Ops", parents=(sales.id,), title="Keep the lights on")
    linked = [company, sales, middle, replace(cs, parents=("middle",)), it]
    assert connectivity(linked).similar == ()


def test_look_alike_detection_can_be_switched_off() -> None:
    assert connectivity(LOOKALIKES, NO_LOOKALIKES).similar == ()


@pytest.mark.parametrize(
    "bad",
    [
        {"cascaded_warn_pct": Decimal(101)},
        {"aligned_warn_drop_pct": Decimal(-1)},
        {"cascaded_warn_rise_pct": Decimal(-1)},
        {"min_aligned_pct": Decimal(120)},
        {"similarity_threshold": Decimal(0)},
        {"similarity_threshold": Decimal("1.5")},
    ],
)
def test_thresholds_out_of_range_are_refused(bad: dict[str, Decimal]) -> None:
    with pytest.raises(ValueError, match="must be"):
        ConnectivityThresholds(**bad)


def test_weekly_trend_keeps_the_last_snapshot_of_each_week() -> None:
    monday_low = connectivity(shares(1, 0, 4), NO_LOOKALIKES)
    friday_high = connectivity(shares(3, 1, 4), NO_LOOKALIKES)
    next_week = connectivity(shares(4, 2, 4), NO_LOOKALIKES)
    points = weekly_trend(
        [
            (date(2026, 1, 16), friday_high),  # Friday, given out of order
            (date(2026, 1, 19), next_week),  # the next Monday
            (date(2026, 1, 12), monday_low),
        ]
    )
    assert [(p.week, p.as_of) for p in points] == [
        (date(2026, 1, 12), date(2026, 1, 16)),
        (date(2026, 1, 19), date(2026, 1, 19)),
    ]
    first, second = points
    assert (first.aligned_pct, first.cascaded_pct, first.orphans) == (
        Decimal("75.0"),
        Decimal("25.0"),
        1,
    )
    assert (second.aligned_pct, second.cascaded_pct, second.orphans) == (
        Decimal("100.0"),
        Decimal("50.0"),
        0,
    )
    assert first.warnings == len(friday_high.warnings)
    assert weekly_trend([]) == ()


teams = st.sampled_from(["Acme", "Sales", "Support", "Legal"])


@st.composite
def cycles(draw: st.DrawFn) -> list[ObjectiveNode[int]]:
    n = draw(st.integers(min_value=0, max_value=15))
    ids = list(range(n))
    out = []
    for i in ids:
        team = draw(teams)
        out.append(
            ObjectiveNode(
                id=i,
                team=team,
                is_company=team == "Acme",
                contributors=tuple(draw(st.lists(teams, max_size=2))),
                parents=tuple(draw(st.lists(st.sampled_from(ids), max_size=3, unique=True))),
                cascaded=draw(st.booleans()),
            )
        )
    return out


# No deadline: on a busy shared machine a slow example is not a failure (timings are
# measured in bench/, not here).
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cycles(), cycles())
def test_figures_stay_in_range_on_any_cycle(
    nodes: list[ObjectiveNode[int]], earlier: list[ObjectiveNode[int]]
) -> None:
    # Parents are drawn freely, so cycles and self-links happen: nothing may loop or crash.
    c = connectivity(nodes, previous=connectivity(earlier))
    for pct in (c.aligned_pct, c.cascaded_pct, c.cross_functional_pct):
        assert pct is None or Decimal(0) <= pct <= Decimal(100)
    assert 0 <= c.max_depth <= c.objectives
    assert c.aligned + len(c.orphans) == c.non_company_objectives
    assert c.cascaded <= c.aligned
    assert set(c.orphans) <= {n.id for n in nodes if not n.is_company}
    assert len({w.rule for w in c.warnings}) == len(c.warnings)
