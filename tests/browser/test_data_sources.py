"""A key result fed from a data source, in Chromium against a real `bearing serve` of the demo:
an admin adds an HTTP connection with a secret header, sets up a JSON source on a key result,
tests it (htmx answers in place, nothing saved), saves it and refreshes it now; the value
arrives as an integration measurement. The JSON is served by a real HTTP server on 127.0.0.1
(the server runs with BEARING_OUTBOUND_ALLOW_PRIVATE=1)."""

from __future__ import annotations

import json
import re
import threading
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import sign_in
from tests.browser.live import LiveServer, live_server

pytestmark = pytest.mark.browser
KEY = "demo-secret-123"


@pytest.fixture(scope="module")
def own_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    extra = {"BEARING_OUTBOUND_ALLOW_PRIVATE": "1"}
    with live_server(tmp_path_factory.mktemp("sources"), extra_env=extra) as running:
        # The first answer loads the whole application: not inside the browser's timeouts.
        urllib.request.urlopen(f"{running.url}/sign-in/", timeout=300).close()
        yield running


@pytest.fixture(scope="module")
def metrics() -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.headers.get("X-Api-Key") != KEY:
                self.send_response(401)
                self.end_headers()
                return
            body = json.dumps({"data": {"total": 31, "name": "thirty-one"}}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def page(browser: Browser, own_server: LiveServer) -> Iterator[Page]:
    context = browser.new_context(base_url=own_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    opened = context.new_page()
    yield opened
    context.close()


def test_set_up_test_save_and_refresh_a_source(page: Page, metrics: str) -> None:
    sign_in(page, "ana@demo.bearing.example")
    org = re.search(r"/o/([^/]+)/", page.url)
    assert org is not None
    page.goto(f"/o/{org.group(1)}/settings/connections/")
    page.locator("#id_name").fill("metrics")
    page.locator("#id_kind").select_option("http")
    page.locator("#id_base_url").fill(metrics)
    page.locator("#id_header_name").fill("X-Api-Key")
    page.locator("#id_secret").fill(KEY)
    page.get_by_role("button", name="Add connection").click()
    expect(page.get_by_text("Connection metrics added.")).to_be_visible()
    expect(page.locator("table")).not_to_contain_text(KEY)

    page.goto(f"/o/{org.group(1)}/")
    hrefs = page.eval_on_selector_all("a[href*='/objectives/']", "els => els.map(e => e.href)")
    page.goto(next(h for h in hrefs if re.search(r"/objectives/\d+/$", h)))
    page.get_by_role("link", name=re.compile("^Data source")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Data source")
    page.locator("#id_kind").select_option("json")
    page.locator("#id_connection").select_option(label="metrics (HTTP (header auth))")
    page.locator("#id_url").fill("stats.json")
    page.locator("#id_selector").fill("data.name")
    page.get_by_role("button", name="Test").click()
    expect(page.get_by_role("status")).to_contain_text("Expected a number, got 'thirty-one'")
    page.locator("#id_selector").fill("data.total")
    page.get_by_role("button", name="Test").click()
    expect(page.get_by_role("status")).to_contain_text("The selector found 31.")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("Source saved")).to_be_visible()
    expect(page.locator("#source-heading")).to_be_visible()
    page.get_by_role("button", name="Refresh now").click()
    expect(page.get_by_text("The source returned 31 (recorded).")).to_be_visible()
    expect(page.locator(".values-table tbody tr").first).to_contain_text("Integration")
    page.get_by_role("button", name="Refresh now").click()
    expect(
        page.get_by_text("The source returned 31 (unchanged, nothing recorded).")
    ).to_be_visible()
