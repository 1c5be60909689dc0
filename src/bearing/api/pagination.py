"""Lists come in pages: ``items``, the total ``count``, and links to the next and previous page."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest

from bearing.api.schemas.common import PageQuery

M = TypeVar("M", bound=Model)


def _link(request: HttpRequest, offset: int, limit: int) -> str:
    query = request.GET.copy()
    query["offset"] = str(offset)
    query["limit"] = str(limit)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def page(
    request: HttpRequest,
    rows: QuerySet[M],
    params: PageQuery,
    present: Callable[[Sequence[M]], Sequence[Any]],
) -> dict[str, Any]:
    """One page of ``rows`` (ordered), each presented by ``present`` (which sees the whole page,
    so it can score or look up in bulk)."""
    count = rows.count()
    chunk = list(rows[params.offset : params.offset + params.limit])
    end = params.offset + len(chunk)
    previous = max(params.offset - params.limit, 0)
    return {
        "items": list(present(chunk)),
        "count": count,
        "next": _link(request, end, params.limit) if end < count else None,
        "previous": _link(request, previous, params.limit) if params.offset > 0 else None,
    }
