"""The OpenAPI document and the interactive docs, which work with no network at all."""

from __future__ import annotations

import re

from django.test import Client

from tests.api.conftest import Seed


def test_the_openapi_document_is_public_and_names_the_bearer_scheme(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "Bearing API"
    assert schema["components"]["securitySchemes"]["TokenAuth"] == {
        "type": "http",
        "scheme": "bearer",
    }
    assert "ErrorOut" in schema["components"]["schemas"]


def test_the_docs_load_swagger_from_bearing_itself(client: Client) -> None:
    html = client.get("/api/v1/docs").content.decode()
    scripts = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert "/static/ninja/swagger-ui-bundle.js" in scripts
    assert not [url for url in scripts if url.startswith(("http:", "https:", "//"))], "no CDN"
    assert "<noscript>" in html and 'href="/api/v1/openapi.json"' in html
    bundle = client.get("/static/ninja/swagger-ui-bundle.js")
    assert bundle.status_code == 200


def test_docs_need_no_token_but_the_api_does(seed: Seed, client: Client) -> None:
    assert client.get("/api/v1/docs").status_code == 200
    assert client.get("/api/v1/objectives").status_code == 401
