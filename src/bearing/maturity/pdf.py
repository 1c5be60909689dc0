"""The quarterly report as a PDF: the same HTML as the page's document, laid out by
WeasyPrint (which needs Pango on the machine: .ci/run installs it). The charts are the
pages' own SVGs, drawn inline, so the PDF shows what the page shows."""

from __future__ import annotations

from pathlib import Path

STATIC = Path(__file__).resolve().parent.parent / "web" / "static" / "bearing"


def report_css() -> str:
    """The page's stylesheet and the report's print rules, inlined into the document (a file
    downloaded or a PDF has no server to fetch them from)."""
    return (STATIC / "bearing.css").read_text() + "\n" + (STATIC / "report.css").read_text()


def html_to_pdf(html: str) -> bytes:
    """Lay out the report's HTML document. Nothing is fetched: no URL is resolved."""
    # Imported here: Pango is loaded only when a PDF is made. WeasyPrint ships no types.
    from weasyprint import HTML  # type: ignore[import-untyped]

    pdf: bytes = HTML(string=html, url_fetcher=_refuse).write_pdf()
    return pdf


def _refuse(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    raise ValueError(f"the report fetches nothing ({url[:40]})")
