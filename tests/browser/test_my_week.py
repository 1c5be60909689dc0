"""PRODUCT.md principle 4 in Chromium against a real `bearing serve`: a weekly update takes
under a minute. Ana owns three objectives with six key results in the demo's running
cycle; she updates five values on My week and saves — one page load, one field per changed
value, one click — and every objective has its check-in, every changed value its
measurement.

It runs on a server of its own: checking in on all of Ana's objectives changes what the
other browser tests see."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import sign_in
from tests.browser.live import LiveServer, live_server

pytestmark = pytest.mark.browser

# key result title → the value typed over last week's
NEW_VALUES = {
    "Cut the median time to complete a payment from 95 s to 30 s": "41",
    "Double auto-pay enrollments": "23 500",
    "Raise small-business NPS from 31 to 50": "47",
    "Reduce monthly small-business churn from 3.2 % to 2.0 %": "2,2",
    "Hold 1:1 OKR coaching with all 10 team leads": "9",
}
OBJECTIVES = (
    "Make digital payments effortless",
    "Win the trust of small businesses",
    "Grow as a coach for our OKR owners",
)


@pytest.fixture(scope="module")
def own_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with live_server(tmp_path_factory.mktemp("my-week")) as running:
        yield running


@pytest.fixture
def page(browser: Browser, own_server: LiveServer) -> Iterator[Page]:
    context = browser.new_context(base_url=own_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    opened = context.new_page()
    yield opened
    context.close()


def test_a_week_in_one_screen(page: Page) -> None:
    sign_in(page, "ana@demo.bearing.example")
    actions = {"page loads": 0, "fields": 0, "clicks": 0}
    documents: list[str] = []
    page.on(
        "request", lambda r: documents.append(r.method) if r.resource_type == "document" else None
    )

    page.goto("/o/demo/my-week/")
    actions["page loads"] += 1
    expect(page.get_by_role("heading", level=1, name="My week")).to_be_visible()
    for title in OBJECTIVES:
        expect(page.get_by_role("heading", level=2, name=title)).to_be_visible()
    # Prefilled: last week's values, and a status preselected on every objective.
    availability = page.get_by_role("group", name="Keep checkout availability at least 99.9 %")
    expect(availability.get_by_label("Value")).to_have_value(re.compile(r"^99\.\d+$"))
    expect(page.locator('input[name$="-progress_status"]:checked')).to_have_count(3)
    expect(page.locator('input[name$="-capacity_status"]:checked')).to_have_count(3)

    for title, value in NEW_VALUES.items():
        page.get_by_role("group", name=title).get_by_label("Value").fill(value)
        actions["fields"] += 1
    page.get_by_role("button", name="Save my week").click()
    actions["clicks"] += 1

    expect(page.get_by_text("Checked in on 3 objectives. Thank you!")).to_be_visible()
    assert actions == {"page loads": 1, "fields": len(NEW_VALUES), "clicks": 1}
    assert documents == ["GET", "POST", "GET"]  # the page, the save, back to the page

    # The values are this week's now, and each objective shows today's check-in.
    for title, value in NEW_VALUES.items():
        typed = value.replace(" ", "").replace(",", ".")
        expect(page.get_by_role("group", name=title).get_by_label("Value")).to_have_value(typed)
    today = datetime.now(UTC)
    checked = page.locator(
        ".week-objective .meta", has_text=f"last check-in {today.day} {today:%b}"
    )
    expect(checked).to_have_count(len(OBJECTIVES))


def test_a_wrong_value_saves_nothing_and_says_where(page: Page) -> None:
    sign_in(page, "ana@demo.bearing.example")
    page.goto("/o/demo/my-week/")
    page.get_by_role("group", name="Raise small-business NPS from 31 to 50").get_by_label(
        "Value"
    ).fill("fifty")
    page.get_by_role("group", name="Double auto-pay enrollments").get_by_label("Value").fill(
        "24000"
    )
    page.get_by_role("button", name="Save my week").click()
    expect(page.get_by_text("Nothing was saved.")).to_be_visible()
    nps = page.get_by_role("group", name="Raise small-business NPS from 31 to 50")
    expect(nps.locator(".error")).to_be_visible()
    expect(nps.get_by_label("Value")).to_have_attribute("aria-invalid", "true")
    expect(
        page.get_by_role("group", name="Double auto-pay enrollments").get_by_label("Value")
    ).to_have_value("24000")
