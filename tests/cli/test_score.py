"""`bearing score FILE`: the offline score report, its JSON contract and its errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from bearing.cli import main

EXAMPLE = Path(__file__).parents[1] / "domain" / "files" / "acme.yaml"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_json_follows_the_documented_contract() -> None:
    code, out, _ = run("score", str(EXAMPLE), "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert report["cycle"] == {
        "name": "2026-Q1", "start": "2026-01-01", "end": "2026-03-31", "as_of": "2026-02-15", "elapsed": 0.5056,
    }  # fmt: skip
    acme = report["objectives"][0]
    assert set(acme) == {
        "ref",
        "title",
        "team",
        "score",
        "color",
        "forecast",
        "status",
        "key_results",
    }
    time_kr = acme["key_results"][0]
    assert time_kr == {
        "ref": "acme-time", "title": "Cut the time to complete a payment from 120 s to 24 s", "kind": "decrease",
        "progress": 0.625, "score": 0.6, "color": "yellow", "expected": 0.5056, "forecast": 1.0, "status": "green",
    }  # fmt: skip
    # (0.6·1 + 0.4·2 + 0.0·1 + 1.0·1) / 5 = 0.48 → 0.5. Forecast: every scored key result
    # counts, the PayPal milestone not done at its score 0.0 (docs/scoring.md):
    # (1.0·1 + 0.9·2 + 0.0·1 + 1.0·1) / 5 = 0.76 → 0.8
    assert (acme["score"], acme["color"], acme["forecast"], acme["status"]) == (
        0.5,
        "yellow",
        0.8,
        "green",
    )
    paypal = acme["key_results"][2]
    assert (paypal["kind"], paypal["score"], paypal["forecast"], paypal["status"]) == (
        "milestone",
        0.0,
        None,
        None,
    )
    assert report["objectives"][1]["score"] is None  # no key results yet
    assert report["teams"] == [
        {"name": "Acme", "score": 0.5, "color": "yellow"},
        {"name": "Payments", "score": None, "color": None},
        {"name": "Support", "score": None, "color": None},
    ]


def test_text_is_a_readable_table_and_prints_derived_refs() -> None:
    code, out, _ = run("score", str(EXAMPLE))
    assert code == 0
    assert "2026-Q1  2026-01-01 → 2026-03-31  as of 2026-02-15 (51% of the cycle elapsed)" in out
    assert "Make digital payments more convenient  [acme]  team Acme" in out
    assert "62.5%" in out
    assert "double-auto-pay-enrollments: Double auto-pay enrollments" in out


def test_an_invalid_file_exits_2_naming_line_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(EXAMPLE.read_text().replace("target: 24 ", "target: soon "))
    code, out, err = run("score", str(bad), "--format", "json")
    assert code == 2
    assert out == ""
    assert f"{bad}:29: objectives[0].key_results[0].target: expected a number" in err
    assert "Traceback" not in err


def test_a_missing_or_binary_file_is_a_clear_error(tmp_path: Path) -> None:
    code, _, err = run("score", str(tmp_path / "nope.yaml"))
    assert code == 2 and "No such file" in err
    binary = tmp_path / "x.yaml"
    binary.write_bytes(b"\xff\xfe\x00")
    code, _, err = run("score", str(binary))
    assert code == 2 and "not a UTF-8 text file" in err


def test_unknown_format_is_a_usage_error() -> None:
    code, _, err = run("score", str(EXAMPLE), "--format", "xml")
    assert code == 2 and "'xml' is not one of 'text', 'json'" in err


def test_a_decrease_at_its_start_scores_zero_not_minus_zero(tmp_path: Path) -> None:
    at_start = tmp_path / "start.yaml"
    at_start.write_text(EXAMPLE.read_text().replace("current: 60", "current: 120"))
    code, out, _ = run("score", str(at_start), "--format", "json")
    time_kr = json.loads(out)["objectives"][0]["key_results"][0]
    assert code == 0 and (time_kr["progress"], time_kr["score"]) == (0.0, 0.0)
    assert not re.search(r"(?<![\d-])-0\.0", out), out
    code, out, _ = run("score", str(at_start))
    assert code == 0 and not re.search(r"(?<![\d-])-0\.0", out), out
