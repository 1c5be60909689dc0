"""Issue 14 in Chromium against a real `bearing serve` with the demo: the closed quarter's
report opened from the Cycles page and its PDF downloaded from the button; the admins'
maturity grid reached from the navigation (and the link absent for a member); a team lead
filling the self-assessment, a missing level refused next to its field."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from bearing.demo import quarter_of
from bearing.domain.maturity import Dimension
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def closed_quarter_name() -> str:
    """The demo lives the quarter before today's and closes it."""
    start, _, _ = quarter_of(timezone.localdate())
    return quarter_of(start - timedelta(days=1))[2]


def test_the_report_opens_and_its_pdf_downloads_from_the_cycles_page(
    page: Page, tmp_path: Path
) -> None:
    closed = closed_quarter_name()
    sign_in(page, "ana@demo.bearing.example")
    page.get_by_role("link", name="Cycles", exact=True).click()
    page.get_by_role("link", name=f"Report of {closed}", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(closed)
    for section in ("Scores", "Maturity", "Confidence calibration", "Learnings"):
        expect(page.get_by_role("heading", level=2, name=re.compile(section))).to_be_visible()
    expect(page.locator("article.report svg").first).to_be_visible()  # the pages' own charts

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Cycles").click()
    # Laying out the PDF takes WeasyPrint a while on a busy machine: wait for it generously.
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("link", name=f"PDF of the report of {closed}").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.suffix == ".pdf"
    assert saved.read_bytes().startswith(b"%PDF")


def test_the_maturity_grid_is_in_the_navigation_for_admins(page: Page) -> None:
    sign_in(page, "ana@demo.bearing.example")
    page.locator(".nav-more summary").click()
    page.get_by_role("link", name="Maturity of the teams").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Maturity of the teams")
    expect(page.get_by_role("link", name="Payments Platform").first).to_be_visible()


def test_a_member_has_no_maturity_grid_link(page: Page) -> None:
    sign_in(page, "dara@demo.bearing.example")
    page.locator(".nav-more summary").click()
    expect(page.get_by_role("link", name="Changes")).to_be_visible()  # the menu is open
    expect(page.get_by_role("link", name="Maturity of the teams")).to_have_count(0)


def test_a_lead_fills_the_self_assessment(page: Page) -> None:
    sign_in(page, "hana@demo.bearing.example")
    page.get_by_role("link", name="Teams", exact=True).click()
    page.get_by_role("link", name="Go-to-Market", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Go-to-Market")
    page.get_by_role(
        "link", name=re.compile(r"^(Assess Go-to-Market|Change the self-assessment)$")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("How mature are")

    ambition = page.get_by_role("group", name="Ambition")
    ambition.get_by_role("radio", name=re.compile(r"^Run — ")).check()
    page.get_by_role("button", name="Save self-assessment").click()
    expect(page.get_by_text("Choose the level that fits best.").first).to_be_visible()
    expect(
        page.get_by_role("group", name="Ambition").get_by_role("radio", name=re.compile(r"^Run — "))
    ).to_be_checked()

    for dimension in Dimension:
        group = page.get_by_role("group", name=dimension.label)
        group.get_by_role("radio", name=re.compile(r"^Walk — ")).check()
    page.get_by_role("button", name="Save self-assessment").click()
    expect(page.get_by_text("Self-assessment of Go-to-Market saved.")).to_be_visible()
    assert page.url.endswith("#maturity")
    maturity = page.locator("#maturity")
    expect(maturity.get_by_role("cell", name="Walk").first).to_be_visible()
