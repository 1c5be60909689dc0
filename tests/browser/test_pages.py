"""What a person sees and does beyond the loop: htmx reactions and comments, roles in the
pages, a phone's screen, the keyboard, signing out."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def open_objective(page: Page, title: str) -> None:
    page.get_by_role("link", name=title).first.click()
    expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()


def test_react_and_comment_without_reloading(page: Page) -> None:
    sign_in(page, "ben@demo.bearing.example")
    open_objective(page, "Make digital payments effortless")
    page.evaluate("window.notReloaded = true")
    checkin = page.locator("li.checkin").first
    thanks = checkin.get_by_role("button", name=re.compile("Thanks"))
    thanks.click()
    expect(checkin.get_by_role("button", name=re.compile("Thanks"))).to_have_attribute(
        "aria-pressed", "true"
    )
    checkin.get_by_label("Comment", exact=True).fill("Lovely <em>work</em>!")
    checkin.get_by_role("button", name="Post comment").click()
    expect(checkin.locator(".comment").last).to_contain_text("Lovely <em>work</em>!")
    assert page.evaluate("window.notReloaded") is True  # htmx swapped a fragment
    # Each reaction shows a drawn icon (no emoji font needed) beside its word.
    icon = checkin.get_by_role("button", name=re.compile("Thanks")).locator("svg.icon")
    box = icon.bounding_box()
    assert box is not None and box["width"] >= 12 and box["height"] >= 12


def test_viewers_see_no_edit_controls(page: Page) -> None:
    sign_in(page, "vic@demo.bearing.example")
    expect(page.get_by_role("link", name="New objective")).to_have_count(0)
    open_objective(page, "Make digital payments effortless")
    for name in ("Check in", "Edit", "Add key result"):
        expect(page.get_by_role("link", name=name, exact=True)).to_have_count(0)
    expect(page.get_by_role("button", name="Post comment")).to_have_count(0)


def test_pages_fit_a_phone(page: Page) -> None:
    page.set_viewport_size({"width": 375, "height": 740})
    sign_in(page, "ana@demo.bearing.example")
    for link in ("Make digital payments effortless", "Alignment", "Teams"):
        page.get_by_role("link", name=link, exact=True).first.click()
        page.wait_for_load_state()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{page.url} is {width}px wide on a 375px screen"


def test_keyboard_reaches_the_content_first_and_shows_focus(page: Page) -> None:
    sign_in(page, "ana@demo.bearing.example")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('main') !== null")
    assert focused


def test_sign_out(page: Page) -> None:
    sign_in(page, "ana@demo.bearing.example")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
