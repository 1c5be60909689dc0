"""SCIM's error answer (RFC 7644 §3.12): a JSON body with the status as a string, a
``scimType`` for 400 and 409, and a ``detail`` a person can read."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import JsonResponse

ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error"
CONTENT_TYPE = "application/scim+json"


class ScimError(Exception):
    def __init__(self, status: int, detail: str, scim_type: str | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.scim_type = scim_type

    def response(self) -> JsonResponse:
        body: dict[str, object] = {
            "schemas": [ERROR_SCHEMA],
            "status": str(self.status),
            "detail": self.detail,
        }
        if self.scim_type:
            body["scimType"] = self.scim_type
        answer = JsonResponse(body, status=self.status, content_type=CONTENT_TYPE)
        if self.status == 401:
            answer["WWW-Authenticate"] = 'Bearer realm="scim"'
        return answer


def invalid_value(detail: str) -> ScimError:
    return ScimError(400, detail, "invalidValue")


def not_found(what: str) -> ScimError:
    return ScimError(404, f"no such {what}")


def from_validation(exc: ValidationError) -> ScimError:
    """A service's refusal: 409 uniqueness when a name or address is taken, else 400."""
    messages = [
        f"{field}: {message}" if field != "__all__" else message
        for field, problems in exc.message_dict.items()
        for message in problems
    ]
    detail = "; ".join(messages)
    if any("exists already" in m or "is a member already" in m for m in messages):
        return ScimError(409, detail, "uniqueness")
    return invalid_value(detail)
