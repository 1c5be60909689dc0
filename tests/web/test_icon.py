"""Browsers find Bearing's icon: linked from every page, and at /favicon.ico for those that
ask there first (a 404 there filled the console)."""

from __future__ import annotations

from django.test import Client

from tests.web.conftest import OKRs, page


def test_favicon_ico_is_served(client: Client) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # type: ignore[attr-defined]


def test_pages_link_the_icon(okrs: OKRs, as_bob: Client, client: Client) -> None:
    for html in (page(as_bob, "/o/acme/"), client.get("/api/v1/docs").content.decode()):
        assert '<link rel="icon" href="/static/bearing/icon.svg" type="image/svg+xml">' in html
    assert client.get("/static/bearing/icon.svg").status_code == 200
