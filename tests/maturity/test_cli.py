"""`bearing report --org SLUG --cycle NAME [--team NAME] [-o FILE.pdf|.html]`."""

from __future__ import annotations

from pathlib import Path

import pypdf
from click.testing import CliRunner, Result

from bearing.cli import main
from tests.conftest import World
from tests.maturity.quarter import closed_quarter


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_the_report_as_a_pdf_and_as_html(world: World, tmp_path: Path) -> None:
    closed_quarter(world)
    pdf = tmp_path / "q1.pdf"
    done = run(
        "report", "--org", "acme", "--cycle", "2025-Q1", "--team", "Payments", "-o", str(pdf)
    )
    assert done.exit_code == 0, done.output
    assert f"Wrote the report of Payments for 2025-Q1 to {pdf}." in done.output
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages)
    assert "Payments — 2025-Q1 report" in text and "Check-ins in 12 of 13 weeks" in text
    html = tmp_path / "q1.html"
    assert run("report", "--org", "acme", "--cycle", "2025-Q1", "-o", str(html)).exit_code == 0
    assert "Acme — 2025-Q1 report" in html.read_text()


def test_mistakes_are_one_line_and_exit_2(world: World, tmp_path: Path) -> None:
    closed_quarter(world)
    for args, message in [
        (("--org", "nope", "--cycle", "2025-Q1"), "no organization with slug 'nope'"),
        (("--org", "acme", "--cycle", "1999"), "acme has no cycle named '1999'"),
        (("--org", "acme", "--cycle", "2025-Q1", "--team", "Nobody"), "no team named 'Nobody'"),
        (("--org", "acme", "--cycle", "2025-Q1", "-o", str(tmp_path / "r.doc")), ".pdf or .html"),
    ]:
        result = run("report", *args)
        assert result.exit_code == 2, result.output
        assert message in result.output
        assert "Traceback" not in result.output
