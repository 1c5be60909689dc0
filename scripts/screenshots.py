"""Take the docs' screenshots of the demo organization: docs/screenshots/*.png.

    .venv/bin/python scripts/screenshots.py

Runs a real `bearing serve` on a fresh demo database (see tests/browser/live.py)
and Debian's Chromium through Playwright.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.live import CHROMIUM, CHROMIUM_ARGS, live_server  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
# The top of a long page: what a README reader should see first.
CLIP = {"x": 0, "y": 0, "width": 1280, "height": 1400}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory() as folder,
        live_server(Path(folder)) as server,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_page(base_url=server.url, viewport={"width": 1280, "height": 900})
        page.goto("/sign-in/")
        page.get_by_label("Email").fill("ana@demo.bearing.example")
        page.get_by_label("Password").fill("bearing-demo")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/o/demo/")
        page.screenshot(path=str(OUT / "home.png"))
        page.get_by_role("link", name="Make digital payments effortless").first.click()
        page.wait_for_load_state()
        page.screenshot(path=str(OUT / "objective.png"), full_page=True, clip=CLIP)
        page.get_by_role("link", name="Alignment", exact=True).click()
        page.wait_for_load_state()
        page.screenshot(path=str(OUT / "alignment.png"), full_page=True, clip=CLIP)
        # The whole health page: figures, warnings, the weekly trend, orphans and look-alikes.
        page.get_by_role("link", name="Alignment health", exact=True).click()
        page.wait_for_load_state()
        page.screenshot(path=str(OUT / "alignment-health.png"), full_page=True)
        # The coach on a team with work to do: limiting items first, with suggestions.
        page.get_by_role("link", name="Coach", exact=True).click()
        page.get_by_label("Team", exact=True).select_option(label="Marketing")
        page.get_by_role("button", name="Show").click()
        page.wait_for_load_state()
        page.screenshot(path=str(OUT / "coach.png"), full_page=True, clip=CLIP)
        browser.close()
    print(f"Screenshots written to {OUT.relative_to(ROOT)}/")


if __name__ == "__main__":
    main()
