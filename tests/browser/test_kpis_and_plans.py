"""KPIs and plans in Chromium against a real `bearing serve` of the demo: an admin makes the
unhealthy churn KPI an objective from the drafted form (changing its title first) and finds
the objective linked to the KPI; a key-result owner publishes their two-week plan and shows
up as "In" on the cycle's plans page.

It runs on a server of its own: a new objective and a published plan would change what the
other browser tests see."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import sign_in
from tests.browser.live import LiveServer, live_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def own_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with live_server(tmp_path_factory.mktemp("kpis")) as running:
        yield running


@pytest.fixture
def page(browser: Browser, own_server: LiveServer) -> Iterator[Page]:
    context = browser.new_context(base_url=own_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    opened = context.new_page()
    yield opened
    context.close()


def test_promote_an_unhealthy_kpi_to_an_objective(page: Page) -> None:
    sign_in(page, "ana@demo.bearing.example")
    expect(page.locator("#north-star-heading")).to_contain_text("Weekly active paying customers")
    page.get_by_role("link", name="KPIs", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="KPIs")).to_be_visible()
    page.get_by_role("link", name="Monthly churn").click()
    expect(page.locator("#kpi-health")).to_contain_text("Unhealthy")
    expect(page.locator("svg rect.healthy-band")).to_have_count(1)

    page.get_by_role("link", name="Make it an objective").first.click()
    expect(page.get_by_label("Key result")).to_have_value(re.compile(r"^Cut Monthly churn from "))
    page.get_by_label("Objective").fill("Keep more of our customers")
    page.get_by_role("button", name="Create the objective").click()

    expect(page.get_by_role("heading", level=1, name="Keep more of our customers")).to_be_visible()
    moves = page.get_by_role("link", name="Monthly churn", exact=True)
    expect(moves).to_be_visible()
    moves.click()
    expect(page.get_by_role("link", name="Keep more of our customers")).to_be_visible()


def test_publish_a_two_week_plan(page: Page) -> None:
    sign_in(page, "gus@demo.bearing.example")
    page.get_by_role("link", name="Cycles", exact=True).click()
    page.get_by_role("link", name=re.compile(r"^Plans")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Plans")
    gus = page.get_by_role("row", name=re.compile("Gus"))
    expect(gus).not_to_contain_text("In")

    page.get_by_role("link", name="Your plan").click()
    expect(page.get_by_text("Stream events into the warehouse")).to_be_visible()
    page.get_by_role("button", name="Publish the plan").click()

    expect(page.get_by_text("Plan published.")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Gus"))).to_contain_text("In")
