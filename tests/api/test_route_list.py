"""The route list in ``routes.py`` is complete: a new route cannot skip the contract tests."""

from __future__ import annotations

from typing import Any

from bearing.api.app import api
from tests.api.routes import ROUTES


def _operations() -> dict[tuple[str, str], dict[str, Any]]:
    schema = api.get_openapi_schema(path_prefix="")
    return {
        (method.upper(), path): operation
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
    }


def _registered() -> set[tuple[str, str]]:
    """Every operation mounted on the API, including any left out of the OpenAPI document."""
    api.urls  # noqa: B018 -- building the URLs binds the routers
    return {
        (method, prefix + path)
        for prefix, router in api._routers
        for path, view in router.path_operations.items()
        for operation in view.operations
        for method in operation.methods
    }


def test_every_api_route_is_listed_once() -> None:
    listed = [(r.method, r.path) for r in ROUTES]
    assert len(listed) == len(set(listed)), "a route is listed twice"
    assert set(_operations()) == set(listed)
    assert _registered() == set(listed)


def test_only_routes_without_input_skip_the_bad_input_case() -> None:
    operations = _operations()
    for route in ROUTES:
        if route.bad is None:
            operation = operations[(route.method, route.path)]
            assert not operation.get("parameters") and "requestBody" not in operation, route.id


def test_every_route_needs_a_token() -> None:
    for key, operation in _operations().items():
        assert operation.get("security") == [{"TokenAuth": []}], key
