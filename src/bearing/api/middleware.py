"""JSON for the API's own 404 and 405 answers.

Unknown paths under /api/v1/ fall through to Django's HTML 404, and a method a
route does not have gets django-ninja's plain-text 405; clients of a JSON API
should get the API's one error shape for those too.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

API_PREFIX = "/api/v1/"
MESSAGES = {
    404: ("no such endpoint; see /api/v1/docs", "not_found"),
    405: ("method not allowed here", "method_not_allowed"),
}


class ApiJsonErrorsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.path.startswith(API_PREFIX)
            and response.status_code in MESSAGES
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            msg, kind = MESSAGES[response.status_code]
            loc = ["path"] if response.status_code == 404 else ["method"]
            replacement = JsonResponse(
                {"detail": [{"loc": loc, "msg": msg, "type": kind}]}, status=response.status_code
            )
            if response.has_header("Allow"):
                replacement["Allow"] = response["Allow"]
            return replacement
        return response
