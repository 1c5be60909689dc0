"""Unknown (or repeated) query parameters are a 422, as unknown body fields are (Input):
`?ownr=ana@…` must not silently list everyone's objectives, and the OpenAPI document then
says exactly what each route takes (issue 10.7)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponseBase
from ninja import NinjaAPI


def forbid_unknown_query_parameters(api: NinjaAPI) -> None:
    """Wrap every operation so a query parameter it does not declare answers 422.

    django-ninja serves copies of the routers' operations bound to the API (``BoundRouter``,
    made once and cached when the URLs are first asked for): those are the ones wrapped,
    so this runs after every router is added and before the URLs exist."""
    for bound in api._get_bound_routers():
        for path_view in bound.path_operations.values():
            for operation in path_view.operations:
                known = frozenset(
                    name
                    for model in operation.models
                    if getattr(model, "__ninja_param_source__", None) == "query"
                    for name in (getattr(model, "__ninja_flatten_map__", None) or {})
                )
                operation.run = _checked(api, operation.run, known)  # type: ignore[method-assign]


def _checked(api: NinjaAPI, run: Callable[..., HttpResponseBase], known: frozenset[str]) -> Any:
    def checked_run(request: HttpRequest, **kwargs: Any) -> HttpResponseBase:
        unknown = sorted(set(request.GET) - known)
        repeated = sorted(n for n in set(request.GET) & known if len(request.GET.getlist(n)) > 1)
        if unknown or repeated:
            expected = ", ".join(sorted(known)) or "none"
            items = [
                {"loc": ["query", name], "type": "extra_forbidden",
                 "msg": f"unknown query parameter; this route takes: {expected}"}
                for name in unknown[:20]
            ] + [
                {"loc": ["query", name], "type": "value_error",
                 "msg": "given more than once; give it once"}
                for name in repeated
            ]  # fmt: skip
            return api.create_response(request, {"detail": items}, status=422)
        return run(request, **kwargs)

    return checked_run
