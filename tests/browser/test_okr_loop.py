"""The whole loop as a new user does it, in Chromium against a real `bearing serve`:
sign in, write an objective aligned to a company objective, add a key result, check in,
see the new score and colour, and find the objective in the alignment tree."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

TITLE = "Make refunds instant"
KR = "Cut refund time from 10 days to 2 days"


def test_the_okr_loop(page: Page) -> None:
    sign_in(page, "chen@demo.bearing.example")
    expect(page.get_by_role("heading", name="Your objectives and key results")).to_be_visible()

    page.get_by_role("link", name="New objective").click()
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Description").fill("Nobody should wait for their own money.")
    page.get_by_label("Team").select_option(label="Payments Platform")
    expect(page.get_by_label("Owner")).to_have_value(re.compile(r"\d+"))
    page.get_by_label("Aligned to").select_option(label="Make digital payments effortless")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
    page.get_by_role("link", name="Add key result").click()
    page.get_by_label("Title").fill(KR)
    page.get_by_label("Kind").select_option("decrease")
    page.get_by_label("Start").fill("10")
    page.get_by_label("Target").fill("2")
    page.get_by_label("Unit").fill("days")
    page.get_by_label("Weight").fill("1")
    page.get_by_label("Owner").select_option(label="Dara Byrne")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=3, name=KR)).to_be_visible()

    page.get_by_role("link", name="Check in", exact=True).click()
    page.get_by_role("group", name=KR).get_by_label("Value").fill("6")
    # Nothing measured yet: no forecast, so no status is suggested; left empty, it follows
    # the forecast of the value entered now.
    expect(page.locator('input[name="progress_status"]:checked')).to_have_count(0)
    expect(page.get_by_text("No forecast yet")).to_be_visible()
    page.get_by_role("group", name="Capacity").get_by_label("Needs attention").check()
    page.get_by_label("Confidence").fill("70")
    page.get_by_label("Narrative").fill("Refund queue <b>halved</b> this week.")
    page.get_by_role("button", name="Check in").click()

    # (10 − 6) / (10 − 2) = 0.5: yellow, on the objective and its key result
    expect(page.get_by_text("Checked in. Thank you!")).to_be_visible()
    headline = page.locator(".headline-score .big-score").first
    expect(headline.locator(".score")).to_have_class(re.compile(r"\byellow\b"))
    expect(headline.locator(".score")).to_contain_text("0.5")
    expect(
        page.get_by_text("Refund queue <b>halved</b> this week.")
    ).to_be_visible()  # text, not HTML
    expect(page.locator(".checkin .status.yellow")).to_contain_text("Needs attention")

    page.get_by_role("link", name="Alignment", exact=True).click()
    company = page.locator(
        "li.node", has=page.get_by_role("link", name="Make digital payments effortless")
    ).first
    node = company.locator("li.node", has=page.get_by_role("link", name=TITLE))
    expect(node).to_be_visible()
    expect(node.locator(".score")).to_have_class(re.compile(r"\byellow\b"))
    # Branches fold away.
    company.locator("summary").first.click()
    expect(node).to_be_hidden()
