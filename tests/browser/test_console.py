"""A clean console: no script errors and no failed requests while a person signs in, opens the
pages and types into the forms whose coach hint updates as they type (htmx)."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import ConsoleMessage, Page, Response, Route, expect

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


class Problems:
    def __init__(self, page: Page) -> None:
        self.items: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.items.append(f"page error: {error}"))
        page.on("response", self._response)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            self.items.append(f"console {message.type}: {message.text}")

    def _response(self, response: Response) -> None:
        if response.status >= 400:
            self.items.append(f"{response.status} {response.url}")


def _slowly(route: Route) -> None:
    time.sleep(0.6)  # a slow network: hints are still on their way while the title changes
    route.continue_()


def test_typing_a_title_leaves_the_console_clean(page: Page) -> None:
    problems = Problems(page)
    page.route("**/coach/hint/**", _slowly)
    sign_in(page, "ana@demo.bearing.example")
    page.get_by_role("link", name="New objective").click()
    title = page.get_by_label("Title")
    title.press_sequentially("Grow revenue", delay=250)
    expect(page.locator("#coach-hint")).to_contain_text(re.compile("Limiting|Helpful|Awesome"))
    title.press_sequentially(" from small businesses in Spain", delay=30)
    page.get_by_label("Team").select_option(index=1)
    page.wait_for_timeout(1500)  # let the last hint request finish
    page.get_by_role("link", name="Cancel").click()
    page.get_by_role("link", name="Make digital payments effortless").first.click()
    page.get_by_role("link", name="Add key result").click()
    page.get_by_label("Title").press_sequentially("Cut payment time from 120 s to 24 s", delay=20)
    page.get_by_label("Start").fill("120")
    page.get_by_label("Target").fill("24")
    page.wait_for_timeout(1500)
    assert problems.items == []


def test_the_browser_finds_an_icon(page: Page) -> None:
    problems = Problems(page)
    page.goto("/sign-in/")
    assert page.request.get("/favicon.ico").status == 200
    icon = page.locator('link[rel="icon"]')
    assert page.request.get(icon.get_attribute("href") or "").status == 200
    page.goto("/api/v1/docs")
    page.wait_for_load_state("networkidle")
    assert problems.items == []
