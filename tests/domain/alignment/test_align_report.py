"""`bearing align` on OKR files: the exact JSON shape of okr-file-format.md, and its text form."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from bearing.domain.alignment import ConnectivityThresholds, align_report, format_align_text
from bearing.domain.okrfile import parse_okr_file

FILES = Path(__file__).parents[1] / "files"

KEYS = [
    "objectives",
    "company_objectives",
    "aligned_pct",
    "cascaded_pct",
    "cross_functional_pct",
    "max_depth",
    "orphans",
    "similar",
    "warnings",
]

HEADER = """\
version: 1
cycle: {name: 2026-Q2, start: 2026-04-01, end: 2026-06-30}
teams:
  - {name: Acme}
  - {name: Sales, parent: Acme}
  - {name: Marketing, parent: Acme}
  - {name: Support, parent: Acme}
  - {name: Legal, parent: Sales}
"""

# co ── sales (cascaded from co-arr) ── legal (aligned to a key result of sales)
#   └── mkt (aligned to co, cross-functional with Sales)
# support: an orphan.  sales and mkt both chase qualified pipeline.
CYCLE = (
    HEADER
    + """\
objectives:
  - ref: co
    title: Become the default payroll tool for small firms
    team: Acme
    key_results:
      - {ref: co-arr, title: Grow ARR from $4M to $6M, start: 4, target: 6}
      - {ref: co-nps, title: Raise NPS from 30 to 45, start: 30, target: 45}
  - ref: sales
    title: Generate more qualified pipeline
    team: Sales
    cascaded_from: co-arr
    key_results:
      - {ref: sales-sql, title: Sales qualified leads from 300 to 450 a quarter, start: 300, target: 450}
      - {title: $5M of new pipeline created by SDRs, start: 0, target: 5}
  - ref: mkt
    title: Fill the sales pipeline with qualified leads
    team: Marketing
    contributors: [Sales]
    aligned_to: [co]
    key_results:
      - {title: Marketing qualified leads from 800 to 1200 a quarter, start: 800, target: 1200}
      - {title: Marketing-sourced pipeline of $6M, start: 0, target: 6}
  - ref: legal
    title: Shorten contract reviews
    team: Legal
    aligned_to: [sales-sql]
    key_results:
      - {title: Median review time from 12 to 5 days, start: 12, target: 5}
  - ref: support
    title: Answer customers within the hour
    team: Support
    key_results:
      - {title: Median first response from 5 h to 1 h, start: 5, target: 1}
"""
)


def report_of(text: str, **thresholds: Any) -> dict[str, Any]:
    return align_report(parse_okr_file(text, "test.yaml"), ConnectivityThresholds(**thresholds))


def test_the_example_file_of_the_format() -> None:
    report = align_report(parse_okr_file((FILES / "acme.yaml").read_text(), "acme.yaml"))
    assert report == {
        "objectives": 2,
        "company_objectives": 1,
        "aligned_pct": Decimal("100.0"),
        "cascaded_pct": Decimal("100.0"),
        "cross_functional_pct": Decimal("50.0"),
        "max_depth": 2,
        "orphans": [],
        "similar": [],
        "warnings": [
            {
                "rule": "cascaded-above-threshold",
                "message": "100.0% of non-company objectives are cascaded (1 of 1), "
                "above the limit of 40%.",
            }
        ],
    }


def test_a_cycle_with_every_figure() -> None:
    report = report_of(CYCLE)
    assert list(report) == KEYS
    similar = report.pop("similar")
    assert report == {
        "objectives": 5,
        "company_objectives": 1,
        "aligned_pct": Decimal("75.0"),  # sales, mkt, legal of 4
        "cascaded_pct": Decimal("25.0"),  # sales
        "cross_functional_pct": Decimal("20.0"),  # mkt
        "max_depth": 3,  # co -> sales -> legal, through a key-result link
        "orphans": ["support"],
        "warnings": [
            {
                "rule": "orphans-present",
                "message": "1 non-company objective aligns to nothing: "
                "'Answer customers within the hour'.",
            },
            {
                "rule": "look-alike-objectives",
                "message": "1 pair of objectives from different teams look alike: "
                "'Generate more qualified pipeline' (Sales) and 'Fill the sales pipeline "
                f"with qualified leads' (Marketing), {similar[0]['similarity']}. Check whether "
                "the teams should work together or one duplicates the other.",
            },
        ],
    }
    [pair] = similar
    assert list(pair) == ["refs", "teams", "similarity"]
    assert pair["refs"] == ["sales", "mkt"]
    assert pair["teams"] == ["Sales", "Marketing"]
    assert Decimal("0.30") <= pair["similarity"] <= 1
    assert pair["similarity"] == pair["similarity"].quantize(Decimal("0.01"))


def test_percentages_have_one_decimal() -> None:
    report = report_of(CYCLE)
    for key in ("aligned_pct", "cascaded_pct", "cross_functional_pct"):
        assert report[key].as_tuple().exponent == -1


def test_thresholds_change_the_warnings() -> None:
    report = report_of(CYCLE, cascaded_warn_pct=Decimal(20), similarity_threshold=None)
    assert report["similar"] == []
    assert [w["rule"] for w in report["warnings"]] == [
        "cascaded-above-threshold",
        "orphans-present",
    ]


def test_derived_refs_name_the_orphans() -> None:
    text = HEADER + (
        "objectives:\n"
        "  - {title: Grow the company, team: Acme}\n"
        "  - {title: Win back lapsed customers, team: Sales}\n"
    )
    report = report_of(text)
    assert report["orphans"] == ["win-back-lapsed-customers"]
    assert report["max_depth"] == 1


@pytest.mark.parametrize(
    ("objectives", "expected"),
    [
        ("objectives: []\n", (0, 0, None, None, None, 0)),
        (
            "objectives:\n  - {ref: co, title: Grow the company, team: Acme}\n",
            (1, 1, None, None, Decimal("0.0"), 1),
        ),
    ],
)
def test_empty_denominators_are_null(objectives: str, expected: tuple[Any, ...]) -> None:
    report = report_of(HEADER + objectives)
    assert tuple(report[k] for k in KEYS[:6]) == expected
    assert report["warnings"] == []


def test_the_report_serialises_to_the_documented_json() -> None:
    # The CLI prints Decimals as JSON numbers; simulate that here.
    text = json.dumps(report_of(CYCLE), default=float)
    again = json.loads(text)
    assert again["aligned_pct"] == 75.0
    assert again["similar"][0]["refs"] == ["sales", "mkt"]


def test_text_format() -> None:
    report = report_of(CYCLE, similarity_threshold=None)
    assert format_align_text(report) == (
        "Objectives:        5 (1 company)\n"
        "Aligned:           75.0% of non-company objectives\n"
        "Cascaded:          25.0% of non-company objectives\n"
        "Cross-functional:  20.0% of objectives\n"
        "Max depth:         3\n"
        "Orphans:           support\n"
        "Look-alike pairs:  none\n"
        "Warnings:          1\n"
        "  [orphans-present] 1 non-company objective aligns to nothing: "
        "'Answer customers within the hour'.\n"
    )


def test_text_format_lists_pairs_and_says_what_a_null_share_means() -> None:
    empty = format_align_text(report_of(HEADER + "objectives: []\n"))
    assert "Aligned:           n/a (no non-company objectives)" in empty
    assert "Cross-functional:  n/a (no objectives)" in empty
    full = format_align_text(report_of(CYCLE))
    pair = report_of(CYCLE)["similar"][0]
    assert f"  {pair['similarity']}  sales (Sales)  ~  mkt (Marketing)\n" in full
