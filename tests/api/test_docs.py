"""The OpenAPI document and the interactive docs, which work with no network at all."""

from __future__ import annotations

import json
import re

from django.test import Client
from openapi_spec_validator import validate

from tests.api.conftest import Seed


def test_the_openapi_document_is_public_and_names_the_bearer_scheme(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "Bearing API"
    assert schema["components"]["securitySchemes"]["TokenAuth"] == {
        "type": "http",
        "scheme": "bearer",
    }
    assert "ErrorOut" in schema["components"]["schemas"]


def _no_repeated_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    keys = [key for key, _ in pairs]
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    assert not repeated, f"keys given twice in one mapping: {repeated}"
    return dict(pairs)


def test_the_openapi_document_is_valid_with_no_key_given_twice(client: Client) -> None:
    # Swagger UI parses the text and refuses a mapping with a key given twice (a "200" of
    # ours beside django-ninja's 200 once did that); json.loads would silently keep the last.
    text = client.get("/api/v1/openapi.json").content.decode()
    document = json.loads(text, object_pairs_hook=_no_repeated_keys)
    validate(document)


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
