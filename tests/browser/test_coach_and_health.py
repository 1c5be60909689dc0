"""The coach and Alignment health as a person sees them: a hint appears while a weak title is
typed, and the health page shows the weekly trend and the look-alike pair."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def test_the_coach_hints_while_typing_and_alignment_health_shows_the_trend(page: Page) -> None:
    sign_in(page, "ana@demo.bearing.example")
    page.get_by_role("link", name="New objective").click()
    hint = page.locator("#coach-hint")
    expect(hint).to_have_attribute("aria-live", "polite")
    page.evaluate("window.notReloaded = true")
    page.get_by_label("Title").press_sequentially("Implement PayPal and grow revenue 20%", delay=15)
    expect(hint).to_contain_text("Limiting")
    expect(hint).to_contain_text("names a deliverable")
    expect(hint).to_contain_text("Try:")
    page.get_by_label("Title").fill("Make digital payments more convenient")
    expect(hint).to_contain_text("Awesome")
    assert page.evaluate("window.notReloaded") is True  # htmx swapped a fragment; nothing saved

    page.get_by_role("link", name="Alignment health", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Alignment health")
    chart = page.get_by_role("img", name=re.compile("^Weekly connectivity of"))
    expect(chart).to_be_visible()
    expect(page.locator(".trend-chart polyline.trend-line")).to_have_count(3)
    pairs = page.get_by_role("region", name="Look-alike objectives")
    expect(
        pairs.get_by_role("link", name="Open the small-business market in Spain")
    ).to_be_visible()
    expect(
        pairs.get_by_role("link", name="Win more small-business customers in Spain")
    ).to_be_visible()
    pairs.get_by_role("link", name="Win more small-business customers in Spain").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Win more small-business customers"
    )


def test_the_coach_page_lists_ratings_and_fits_a_phone(page: Page) -> None:
    page.set_viewport_size({"width": 375, "height": 740})
    sign_in(page, "ana@demo.bearing.example")
    for path in ("/o/demo/coach/?team=all", "/o/demo/alignment/health/", "/o/demo/settings/"):
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{path} is {width}px wide on a 375px screen"
    page.goto("/o/demo/coach/?team=all")
    expect(page.locator(".coach-objective .rating-limiting").first).to_be_visible()
    page.get_by_label("Team", exact=True).select_option(label="Sales")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sales")
