"""Optimistic locking over HTTP: GET answers an ETag, PATCH must say which version it read.

The version comes from the body (``version``) or an ``If-Match`` header (``"3"``,
``W/"3"`` or ``3``); a change without either is refused with 428, so two people
editing at once can never silently overwrite each other. A stale one gets 409.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from bearing.api.errors import BadInput, VersionRequired

MAX_VERSION = 2**31 - 1


def etag(response: HttpResponse, version: int) -> None:
    response["ETag"] = f'"{version}"'


def _from_header(value: str) -> int:
    raw = value.strip().removeprefix("W/").strip('"')
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_VERSION:
        raise BadInput('If-Match must be the version you read, e.g. "3"', ["header", "If-Match"])
    return int(raw)


def version_of(request: HttpRequest, given: int | None, *, required: bool) -> int | None:
    if given is not None:
        return given
    header = request.headers.get("If-Match")
    if header:
        return _from_header(header)
    if required:
        raise VersionRequired(
            "say which version you read: 'version' in the body or an If-Match header",
            ["body", "version"],
        )
    return None
