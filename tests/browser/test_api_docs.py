"""The interactive API docs: Swagger UI parses Bearing's OpenAPI document and lists the routes."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_the_api_docs_render_every_route_without_a_parser_error(page: Page) -> None:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto("/api/v1/docs")
    expect(page.get_by_text("/api/v1/cycles/{id}/okr-file", exact=True)).to_be_visible()
    expect(page.get_by_text("Parser error")).to_have_count(0)
    expect(page.locator(".errors-wrapper")).to_have_count(0)
    assert errors == []
