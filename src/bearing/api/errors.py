"""Every 4xx of the API has one JSON shape, saying what was wrong and where:

    {"detail": [{"loc": ["body", "target"], "msg": "equals the start; …", "type": "value_error"}]}

``loc`` starts with where the problem is (body, query, path, header) and continues
with the field path. A 409 adds ``current_version``. Nothing here ever answers 500
for something a client sent: database refusals become 409 or 422 too.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from bearing.busy import busy_response, is_busy
from bearing.domain.yamlnodes import Problem
from bearing.okrs.errors import ConflictError

Loc = Sequence[str | int]
BODY_PARAM = "payload"  # every route names its body parameter so; it is left out of ``loc``


class ApiError(Exception):
    status = 400
    kind = "bad_request"

    def __init__(self, msg: str, loc: Loc = ()) -> None:
        self.msg = msg
        self.loc = list(loc)
        super().__init__(msg)


class NotFound(ApiError):
    """Missing, of another organization, or private and hidden: all look the same."""

    status = 404
    kind = "not_found"


class Forbidden(ApiError):
    status = 403
    kind = "forbidden"


class BadInput(ApiError):
    status = 422
    kind = "value_error"


class VersionRequired(ApiError):
    status = 428
    kind = "version_required"


class InvalidFile(Exception):
    """An OKR file was rejected: each problem's ``loc`` is the field path in the file, plus its line."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems))


def item(loc: Loc, msg: str, kind: str) -> dict[str, Any]:
    return {"loc": list(loc), "msg": msg, "type": kind}


def body(*items: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"detail": list(items), **extra}


def install(api: NinjaAPI) -> None:
    """Register the handlers; the most specific exception class wins."""
    handlers: list[tuple[type[Exception], Any]] = [
        (ApiError, _api_error),
        (InvalidFile, _invalid_file),
        (NinjaValidationError, _invalid_request),
        (AuthenticationError, _unauthenticated),
        (HttpError, _http_error),
        (Http404, _not_found),
        (ObjectDoesNotExist, _not_found),
        (DjangoValidationError, _invalid_data),
        (ConflictError, _conflict),
        (IntegrityError, _integrity),
        (DataError, _data_error),
        (RequestDataTooBig, _too_big),
        (OperationalError, _busy),
    ]
    for exc_class, handler in handlers:
        api.add_exception_handler(exc_class, _bind(api, handler))


def _bind(api: NinjaAPI, handler: Any) -> Any:
    def handle(request: HttpRequest, exc: Exception) -> HttpResponse:
        if handler is _busy:
            if not is_busy(exc):
                raise exc  # a real failure: Django's 500, logged
            return busy_response(request)
        status, content = handler(exc)
        response = api.create_response(request, content, status=status)
        if status == 401:
            response["WWW-Authenticate"] = 'Bearer realm="bearing"'
        return response

    return handle


def _api_error(exc: ApiError) -> tuple[int, dict[str, Any]]:
    return exc.status, body(item(exc.loc, exc.msg, exc.kind))


def _invalid_file(exc: InvalidFile) -> tuple[int, dict[str, Any]]:
    items = [
        {**item(["body", "text", p.field], p.message, "okr_file"), "line": p.line}
        for p in exc.problems
    ]
    return 422, body(*items)


def _invalid_request(exc: NinjaValidationError) -> tuple[int, dict[str, Any]]:
    """pydantic's errors, with the body parameter's own name taken out of each ``loc``."""
    items = []
    for error in exc.errors:
        loc = list(error.get("loc", ()))
        if loc[:2] == ["body", BODY_PARAM]:
            loc = ["body", *loc[2:]]
        items.append(item(loc, str(error.get("msg", "invalid")), str(error.get("type", "invalid"))))
    return 422, body(*items)


def _unauthenticated(exc: AuthenticationError) -> tuple[int, dict[str, Any]]:
    msg = "a valid API token is needed: send the header 'Authorization: Bearer <token>'"
    return 401, body(item(["header", "Authorization"], msg, "unauthorized"))


def _http_error(exc: HttpError) -> tuple[int, dict[str, Any]]:
    # django-ninja raises these for a body that is not JSON at all.
    if exc.status_code == 400:
        msg = f"{exc}: send a JSON object with Content-Type: application/json"
        return 400, body(item(["body"], msg, "json_invalid"))
    return exc.status_code, body(item([], str(exc), "http_error"))


def _not_found(exc: Exception) -> tuple[int, dict[str, Any]]:
    return 404, body(item(["path"], "not found", "not_found"))


def _invalid_data(exc: DjangoValidationError) -> tuple[int, dict[str, Any]]:
    """A service's ValidationError, keyed by field; fields are named as in the request body."""
    if not hasattr(exc, "error_dict"):
        return 422, body(*(item(["body"], m, "value_error") for m in exc.messages))
    items = [
        item(["body", *_path(field)], msg, "value_error")
        for field, messages in exc.message_dict.items()
        for msg in messages
    ]
    return 422, body(*items)


def _path(field: str) -> list[str | int]:
    if field == "__all__":
        return []
    return [int(step) if step.isdigit() else step for step in field.split(".")]


def _conflict(exc: ConflictError) -> tuple[int, dict[str, Any]]:
    return 409, body(
        item(["body", "version"], str(exc), "conflict"), current_version=exc.current_version
    )


def _integrity(exc: IntegrityError) -> tuple[int, dict[str, Any]]:
    msg = "this conflicts with a change made at the same moment; read again and retry"
    return 409, body(item(["body"], msg, "conflict"))


def _too_big(exc: RequestDataTooBig) -> tuple[int, dict[str, Any]]:
    msg = (
        f"the body is larger than {settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,} bytes; send less at once"
    )
    return 413, body(item(["body"], msg, "too_large"))


def _busy(exc: OperationalError) -> tuple[int, dict[str, Any]]:
    raise AssertionError("answered by busy_response")  # see _bind


def _data_error(exc: DataError) -> tuple[int, dict[str, Any]]:
    msg = "a value does not fit where it is stored (too long or too large)"
    return 422, body(item(["body"], msg, "value_error"))
