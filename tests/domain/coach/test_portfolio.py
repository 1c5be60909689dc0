"""Portfolio checks over a set of OKRs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from bearing.domain.coach import CoachSettings, PortfolioFinding, review_portfolio
from bearing.domain.model import (
    Cycle,
    KeyResult,
    KRKind,
    Link,
    Measurement,
    Objective,
    OKRSet,
    Team,
)

TEAMS = (Team("Acme"), Team("Payments", parent="Acme"), Team("Support", parent="Acme"))
CYCLE = Cycle("2026-Q1", date(2026, 1, 1), date(2026, 3, 31))


def good_kr(ref: str, owner: str | None = "ana@acme.example") -> KeyResult:
    return KeyResult(
        title="Cut the time to pay from 120 s to 24 s",
        kind=KRKind.DECREASE,
        start=Decimal(120),
        target=Decimal(24),
        owner=owner,
        ref=ref,
    )


def objective(ref: str, team: str, krs: int = 2, linked: bool = True, **kw: Any) -> Objective:
    key_results = tuple(good_kr(f"{ref}-kr{i}") for i in range(krs))
    links = (Link("acme"),) if linked and team != "Acme" else ()
    return Objective(
        title=f"Objective {ref}", team=team, ref=ref, key_results=key_results, links=links, **kw
    )


def okrs(*objectives: Objective) -> OKRSet:
    return OKRSet(cycle=CYCLE, teams=TEAMS, objectives=objectives)


def by_rule(found: tuple[PortfolioFinding, ...], rule: str) -> list[PortfolioFinding]:
    return [f for f in found if f.rule == rule]


def test_a_tidy_set_has_no_findings() -> None:
    assert review_portfolio(okrs(objective("acme", "Acme"), objective("pay", "Payments"))) == ()


def test_too_many_objectives_per_team() -> None:
    found = review_portfolio(
        okrs(objective("acme", "Acme"), objective("p1", "Payments"), objective("p2", "Payments"))
    )
    [f] = by_rule(found, "too-many-objectives")
    assert f.refs == ("p1", "p2")
    assert "Payments has 2 objectives" in f.message
    assert "only accomplish one" in f.message


def test_objective_limit_is_a_setting() -> None:
    two = okrs(objective("acme", "Acme"), objective("p1", "Payments"), objective("p2", "Payments"))
    assert not by_rule(
        review_portfolio(two, CoachSettings(max_objectives_per_team=2)), "too-many-objectives"
    )


@pytest.mark.parametrize(
    ("count", "rule"),
    [(0, "too-few-key-results"), (1, "too-few-key-results"), (6, "too-many-key-results")],
)
def test_key_result_counts(count: int, rule: str) -> None:
    found = review_portfolio(okrs(objective("acme", "Acme", krs=count)))
    [f] = [f for f in found if f.rule.endswith("key-results")]
    assert f.rule == rule
    assert f.refs == ("acme",)


@pytest.mark.parametrize("count", [2, 5])
def test_two_to_five_key_results_are_fine(count: int) -> None:
    found = review_portfolio(okrs(objective("acme", "Acme", krs=count)))
    assert not [f for f in found if f.rule.endswith("key-results")]


def test_key_result_limits_are_settings() -> None:
    settings = CoachSettings(max_key_results=3, min_key_results=1)
    assert by_rule(
        review_portfolio(okrs(objective("a", "Acme", krs=4)), settings), "too-many-key-results"
    )
    assert not by_rule(
        review_portfolio(okrs(objective("a", "Acme", krs=1)), settings), "too-few-key-results"
    )


@pytest.mark.parametrize(
    ("kr", "kpi"),
    [
        (
            KeyResult(
                "Keep checkout availability at least 99.9 %",
                KRKind.AT_LEAST,
                target=Decimal("99.9"),
            ),
            True,
        ),
        (KeyResult("Error budget burn", KRKind.AT_MOST, target=Decimal(5)), True),
        # Already held when the cycle starts: monitoring, not change.
        (
            KeyResult(
                "Enterprise logos",
                KRKind.AT_LEAST,
                target=Decimal(50),
                history=(Measurement(date(2026, 1, 2), Decimal(60)),),
            ),
            True,
        ),
        (
            KeyResult("Enterprise logos", KRKind.AT_LEAST, target=Decimal(50), current=Decimal(20)),
            False,
        ),
        (KeyResult("Cut the time to pay", KRKind.DECREASE, Decimal(120), Decimal(24)), False),
    ],
)
def test_kpi_disguised(kr: KeyResult, kpi: bool) -> None:
    obj = Objective("Make paying effortless", "Acme", ref="acme", key_results=(kr, good_kr("x")))
    found = by_rule(review_portfolio(okrs(obj)), "kpi-disguised")
    assert bool(found) is kpi
    if kpi:
        assert "KPI" in found[0].message


def test_missing_owner_lists_the_key_results() -> None:
    obj = Objective(
        "Make paying effortless",
        "Acme",
        ref="acme",
        key_results=(good_kr("a"), good_kr("b", owner=None), good_kr("c", owner=None)),
    )
    [f] = by_rule(review_portfolio(okrs(obj)), "missing-owner")
    assert f.refs == ("b", "c")
    assert "2 key results" in f.message


def test_orphans_are_non_company_objectives_without_links() -> None:
    found = review_portfolio(
        okrs(
            objective("acme", "Acme"),
            objective("pay", "Payments", linked=False),
            objective("sup", "Support"),
        )
    )
    [f] = by_rule(found, "orphan")
    assert f.refs == ("pay",)


def test_findings_are_deterministic_and_ordered_by_rule() -> None:
    messy = okrs(
        objective("p1", "Payments", krs=0, linked=False),
        objective("p2", "Payments", krs=7, linked=False),
    )
    first, second = review_portfolio(messy), review_portfolio(messy)
    assert first == second
    assert [f.rule for f in first] == [
        "too-many-objectives",
        "too-few-key-results",
        "too-many-key-results",
        "orphan",
    ]
