"""The lint report over a parsed OKR file: exact JSON shape, justified ratings, determinism."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bearing.domain.coach import format_lint_text, has_limiting, lint_report
from bearing.domain.okrfile import parse_okr_file

ACME = Path(__file__).resolve().parent.parent / "files" / "acme.yaml"

FILE = """\
version: 1
cycle: {name: 2026-Q2, start: 2026-04-01, end: 2026-06-30}
teams:
  - name: Clinic
  - name: Front Desk
    parent: Clinic
objectives:
  - ref: recover
    title: Get every patient home sooner
    team: Clinic
    key_results:
      - ref: wait
        title: Halve the wait for a first appointment from 10 days to 5 days
        start: 10
        target: 5
        owner: eve@clinic.example
        history:
          - {date: 2026-04-06, value: 10}
          - {date: 2026-04-13, value: 9}
          - {date: 2026-04-20, value: 8}
      - ref: cancel
        title: Reduce appointment cancellations by 20%
  - ref: desk
    title: Implement the new booking system and hire two receptionists
    team: Front Desk
    key_results:
      - ref: booking-live
        title: New booking system live
        kind: milestone
        done: false
"""


@pytest.fixture
def report() -> dict[str, Any]:
    return lint_report(parse_okr_file(FILE, "clinic.yaml"))


def test_exact_shape(report: dict[str, Any]) -> None:
    assert list(report) == ["items", "portfolio"]
    for item in report["items"]:
        assert list(item) == ["ref", "kind", "rating", "findings"]
        assert item["kind"] in ("objective", "key_result")
        assert item["rating"] in ("limiting", "helpful", "awesome")
        for f in item["findings"]:
            assert list(f) == ["rule", "level", "message", "suggestion"]
            assert f["level"] in ("limiting", "helpful", "awesome")
            assert all(isinstance(v, str) for v in f.values())
            assert f["message"]
    for p in report["portfolio"]:
        assert list(p) == ["rule", "message", "refs"]
        assert isinstance(p["refs"], list)
    json.dumps(report)  # plain JSON types only


def test_items_in_file_order_objective_then_its_key_results(report: dict[str, Any]) -> None:
    assert [(i["ref"], i["kind"]) for i in report["items"]] == [
        ("recover", "objective"),
        ("wait", "key_result"),
        ("cancel", "key_result"),
        ("desk", "objective"),
        ("booking-live", "key_result"),
    ]


def test_ratings(report: dict[str, Any]) -> None:
    ratings = {i["ref"]: i["rating"] for i in report["items"]}
    assert ratings == {
        "recover": "awesome",
        "wait": "awesome",
        "cancel": "helpful",
        "desk": "limiting",
        "booking-live": "limiting",
    }
    desk = next(i for i in report["items"] if i["ref"] == "desk")
    assert {f["rule"] for f in desk["findings"] if f["level"] == "limiting"} == {
        "objective-compound",
        "objective-what-or-how",
        "objective-quantitative",
    }


def test_portfolio(report: dict[str, Any]) -> None:
    assert [(p["rule"], p["refs"]) for p in report["portfolio"]] == [
        ("too-few-key-results", ["desk"]),
        ("missing-owner", ["cancel"]),
        ("missing-owner", ["booking-live"]),
        ("orphan", ["desk"]),
    ]


@pytest.mark.parametrize("path", [ACME, None])
def test_every_rating_is_justified_by_a_finding_at_its_level(path: Path | None) -> None:
    text = path.read_text(encoding="utf-8") if path else FILE
    for item in lint_report(parse_okr_file(text))["items"]:
        levels = {f["level"] for f in item["findings"]}
        assert item["rating"] in levels, item
        if item["rating"] != "limiting":
            assert "limiting" not in levels


def test_awesome_items_show_every_awesome_trait(report: dict[str, Any]) -> None:
    wait = next(i for i in report["items"] if i["ref"] == "wait")
    assert {f["rule"] for f in wait["findings"] if f["level"] == "awesome"} == {
        "kr-baseline",
        "kr-ambitious",
        "kr-leading",
    }


def test_deterministic() -> None:
    a = lint_report(parse_okr_file(FILE))
    b = lint_report(parse_okr_file(FILE))
    assert json.dumps(a, sort_keys=False) == json.dumps(b, sort_keys=False)


def test_has_limiting(report: dict[str, Any]) -> None:
    assert has_limiting(report)
    assert not has_limiting(
        {"items": [{"rating": "helpful"}, {"rating": "awesome"}], "portfolio": []}
    )


def test_acme_example_file() -> None:
    report = lint_report(parse_okr_file(ACME.read_text(encoding="utf-8")))
    ratings = {i["ref"]: i["rating"] for i in report["items"]}
    assert ratings["acme"] == "awesome"  # Make digital payments more convenient
    assert ratings["acme-time"] == "awesome"  # from 120 s to 24 s
    assert ratings["offer-paypal-at-checkout"] == "limiting"
    rules = {p["rule"] for p in report["portfolio"]}
    assert {"kpi-disguised", "missing-owner", "too-few-key-results"} <= rules


def test_text_format(report: dict[str, Any]) -> None:
    text = format_lint_text(report)
    assert "LIMITING  desk (objective)" in text
    assert "  AWESOME   wait (key result)" in text
    assert "objective-compound:" in text
    assert "→ Which one matters most?" in text
    assert "Portfolio" in text
    assert text.rstrip().endswith("4 portfolio findings.")
    assert "5 items: 2 limiting, 1 helpful, 2 awesome" in text
