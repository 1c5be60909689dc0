"""The end of the loop in Chromium against a real `bearing serve`: an admin moves the demo's
current cycle to grading after a confirmation, grades an objective with an adjusted score, a
reason and a learning (htmx saves the row; a missing reason shows next to its field), and
finds all of it on the objective page.

It runs on a server of its own: moving the current cycle to grading would change what the
other browser tests see."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import sign_in
from tests.browser.live import LiveServer, live_server

pytestmark = pytest.mark.browser

TITLE = "Make digital payments effortless"
REASON = "Instant refunds shipped the day after the last check-in."
LEARNING = "Check in right after a launch, not the Friday before it."


@pytest.fixture(scope="module")
def own_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with live_server(tmp_path_factory.mktemp("grading")) as running:
        yield running


@pytest.fixture
def page(browser: Browser, own_server: LiveServer) -> Iterator[Page]:
    context = browser.new_context(base_url=own_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    opened = context.new_page()
    yield opened
    context.close()


def test_grade_an_objective_at_the_end_of_the_cycle(page: Page) -> None:
    sign_in(page, "ana@demo.bearing.example")
    page.get_by_role("link", name="Cycles", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Cycles")).to_be_visible()

    page.get_by_role("link", name=re.compile(r"^Move to grading")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("to grading?")
    expect(page.get_by_text("Weekly check-ins stop being asked for.")).to_be_visible()
    page.get_by_role("button", name=re.compile(r"^Move .+ to grading$")).click()
    expect(page.get_by_text(re.compile(r"moved from Active to Grading\."))).to_be_visible()

    page.get_by_role("link", name=re.compile(r"^Grade of ")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Grade ")
    row = page.locator("article.grade-row", has=page.get_by_role("heading", name=TITLE))
    computed = Decimal(row.locator(".grade-scores .score").first.inner_text().split()[0])
    adjusted = computed + Decimal("0.1") if computed < 1 else computed - Decimal("0.1")
    page.evaluate("window.notReloaded = true")

    row.get_by_label("Final score").fill(str(adjusted))
    row.get_by_role("button", name=re.compile(r"^Save grade")).click()
    expect(row.locator(".error")).to_contain_text("Say why the score differs")
    expect(row.get_by_label("Final score")).to_have_value(str(adjusted))  # kept
    reason = row.get_by_label("Why this score?")
    expect(reason).to_have_attribute("aria-invalid", "true")
    expect(reason).to_have_attribute("aria-describedby", re.compile(r"-reason_error\b"))

    reason.fill(REASON)
    row.get_by_label("What did we learn?").fill(LEARNING)
    row.get_by_role("button", name=re.compile(r"^Save grade")).click()
    expect(row.get_by_text("Saved.")).to_be_visible()
    expect(row.get_by_role("button", name=re.compile(r"^Save grade"))).to_be_focused()
    expect(page.locator("#grade-status")).to_contain_text(f"Saved the grade of {TITLE}.")
    expect(row.locator(".grade-scores .score").nth(1)).to_contain_text(str(adjusted))
    assert page.evaluate("window.notReloaded") is True  # htmx swapped the row

    row.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
    final = page.locator(".headline-score .big-score", has_text="Final")
    expect(final.locator(".score")).to_contain_text(str(adjusted))
    expect(page.get_by_text(f"the computed score was {computed}")).to_be_visible()
    expect(page.get_by_text(REASON)).to_be_visible()
    learnings = page.get_by_role("region", name="Learnings")
    expect(learnings.get_by_text(LEARNING)).to_be_visible()
    expect(learnings.get_by_text("Ana Lima")).to_be_visible()
