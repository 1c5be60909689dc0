"""`bearing lint` and `bearing align`: the coach and the connectivity figures over an OKR file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bearing.cli import main

EXAMPLE = Path(__file__).parents[1] / "domain" / "files" / "acme.yaml"

CLEAN = """version: 1
cycle: {name: 2026-Q1, start: 2026-01-01, end: 2026-03-31}
as_of: 2026-02-15
teams: [{name: Acme}, {name: Payments, parent: Acme}, {name: Sales, parent: Acme}]
objectives:
  - ref: acme
    title: Make digital payments more convenient
    team: Acme
    key_results:
      - {ref: time, title: Cut the time to complete a payment from 120 s to 24 s, start: 120, target: 24, owner: a@acme.example}
      - {ref: autopay, title: Double auto-pay enrollments, start: 1000, target: 2000, owner: b@acme.example}
  - ref: fast
    title: Make paying feel instant
    team: Payments
    aligned_to: [acme]
    key_results:
      - {title: Cut p95 payment latency from 1200 ms to 400 ms, start: 1200, target: 400, owner: c@acme.example}
      - {title: Reduce failed payments from 4.5 % to 1.5 %, start: 4.5, target: 1.5, owner: c@acme.example}
  - ref: loose
    title: Win the trust of small shops
    team: Sales
    key_results:
      - {title: Raise small-shop NPS from 31 to 50, start: 31, target: 50, owner: d@acme.example}
      - {title: Cut small-shop churn from 3.2 % to 2.0 %, start: 3.2, target: 2.0, owner: d@acme.example}
"""


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_lint_exits_1_when_an_item_is_limiting_and_justifies_each_rating() -> None:
    result = run("lint", str(EXAMPLE), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert set(report) == {"items", "portfolio"}
    by_ref = {item["ref"]: item for item in report["items"]}
    paypal = by_ref["offer-paypal-at-checkout"]
    assert paypal["kind"] == "key_result" and paypal["rating"] == "limiting"
    assert {"kr-output", "kr-binary"} <= {
        f["rule"] for f in paypal["findings"] if f["level"] == "limiting"
    }
    output = next(f for f in paypal["findings"] if f["rule"] == "kr-output")
    assert "initiative" in output["message"] + output["suggestion"]
    for item in report["items"]:
        assert any(f["level"] == item["rating"] for f in item["findings"]), item
    assert {p["rule"] for p in report["portfolio"]} >= {"too-few-key-results", "missing-owner"}


def test_lint_exits_0_when_nothing_is_limiting(tmp_path: Path) -> None:
    path = tmp_path / "okrs.yaml"
    path.write_text(CLEAN)
    result = run("lint", str(path))
    assert result.exit_code == 0, result.stdout
    assert "limiting" not in result.stdout.split("\n")[0].lower()


def test_align_reports_the_documented_figures(tmp_path: Path) -> None:
    path = tmp_path / "okrs.yaml"
    path.write_text(CLEAN)
    result = run("align", str(path), "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["objectives"] == 3 and report["company_objectives"] == 1
    assert report["aligned_pct"] == 50.0  # fast is aligned, loose is an orphan
    assert report["cascaded_pct"] == 0.0
    assert report["cross_functional_pct"] == 0.0
    assert report["max_depth"] == 2
    assert report["orphans"] == ["loose"]
    assert "orphans-present" in {w["rule"] for w in report["warnings"]}


@pytest.mark.parametrize("command", ["lint", "align"])
def test_invalid_files_exit_2(tmp_path: Path, command: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("version: 1\ncycle: {name: Q}\nteams: []\n")
    result = run(command, str(path))
    assert result.exit_code == 2
    assert "cycle.start: required but missing" in result.stderr
