"""The /scim/v2 endpoints. Hand-written rather than django-scim2: that library keeps SCIM ids
and externalIds on the (global) user model and authenticates through ``request.user``, while
in Bearing a person may belong to several organizations and each organization's identity
provider sees only its own members, through its own token.

Every request is scoped to the token's organization: another organization's ids are 404,
exactly as ids that do not exist.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from bearing.orgs.models import Membership, Organization, Team
from bearing.scim import groups, users
from bearing.scim.discovery import (
    MAX_RESULTS,
    list_response,
    resource_types,
    schemas,
    service_provider_config,
)
from bearing.scim.errors import CONTENT_TYPE, ScimError, from_validation, not_found
from bearing.scim.patch import operations
from bearing.scim.queries import GROUP_FIELDS, USER_FIELDS, filter_q
from bearing.scim.tokens import scim_token_authenticate

View = Callable[..., HttpResponse]
PREFIX = "/scim/v2"


def answer(body: dict[str, Any], status: int = 200) -> JsonResponse:
    return JsonResponse(body, status=status, content_type=CONTENT_TYPE)


def _organization(request: HttpRequest) -> Organization:
    header = request.headers.get("Authorization", "")
    scheme, _, raw = header.partition(" ")
    token = scim_token_authenticate(raw.strip()) if scheme.lower() == "bearer" else None
    if token is None:
        raise ScimError(401, "send the organization's SCIM token as Authorization: Bearer …")
    return token.organization


def scim_endpoint(methods: tuple[str, ...]) -> Callable[[View], View]:
    """Authenticates the token, allows ``methods``, and turns every refusal into SCIM's error
    answer. Writes run in one transaction: a refused PATCH leaves nothing half-applied."""

    def decorate(view: View) -> View:
        @csrf_exempt
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            try:
                organization = _organization(request)
                if request.method not in methods:
                    error = ScimError(405, f"{request.method} is not allowed here")
                    response = error.response()
                    response["Allow"] = ", ".join(methods)
                    return response
                with transaction.atomic():
                    return view(request, organization, *args, **kwargs)
            except ScimError as exc:
                return exc.response()
            except ValidationError as exc:
                return from_validation(exc).response()

        return wrapper

    return decorate


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri(PREFIX)


def _body(request: HttpRequest) -> dict[str, Any]:
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise ScimError(400, "the body is not JSON", "invalidSyntax") from None
    if not isinstance(body, dict):
        raise ScimError(400, "the body must be a JSON object", "invalidSyntax")
    return body


def _int_param(request: HttpRequest, name: str, default: int) -> int:
    raw = request.GET.get(name, "")
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ScimError(400, f"{name} must be a whole number", "invalidValue") from None


Row = TypeVar("Row", Membership, Team)


def _page(request: HttpRequest, rows: QuerySet[Row]) -> tuple[list[Row], int, int]:
    """One page of rows (startIndex from 1, count at most MAX_RESULTS) and the total."""
    start = max(1, _int_param(request, "startIndex", 1))
    count = min(max(0, _int_param(request, "count", MAX_RESULTS)), MAX_RESULTS)
    total = rows.count()
    return list(rows[start - 1 : start - 1 + count]), total, start


def _id(raw: str) -> int:
    return int(raw) if raw.isdigit() and len(raw) < 18 else -1


# -- Users ---------------------------------------------------------------------------------


def _user(organization: Organization, user_id: str) -> Membership:
    found = users.visible_users(organization).filter(pk=_id(user_id)).first()
    if found is None:
        raise not_found("user")
    return found


@scim_endpoint(("GET", "POST"))
def user_list(request: HttpRequest, organization: Organization) -> HttpResponse:
    base = _base(request)
    if request.method == "POST":
        created = users.user_create(
            organization=organization, state=users.state_from_body(_body(request))
        )
        response = answer(users.user_resource(created, base), status=201)
        response["Location"] = f"{base}/Users/{created.pk}"
        return response
    rows = users.visible_users(organization)
    if text := request.GET.get("filter", "").strip():
        rows = rows.filter(filter_q(text, USER_FIELDS, organization.pk)).distinct()
    page, total, start = _page(request, rows)
    resources = [users.user_resource(m, base) for m in page]
    return answer(list_response(resources, total, start))


@scim_endpoint(("GET", "PUT", "PATCH", "DELETE"))
def user_detail(request: HttpRequest, organization: Organization, user_id: str) -> HttpResponse:
    membership = _user(organization, user_id)
    if request.method == "DELETE":
        users.user_delete(membership=membership)
        return HttpResponse(status=204)
    if request.method == "PUT":
        membership = users.user_replace(
            membership=membership, state=users.state_from_body(_body(request))
        )
    elif request.method == "PATCH":
        state = users.state_patched(users.state_of(membership), operations(_body(request)))
        membership = users.user_replace(membership=membership, state=state)
    return answer(users.user_resource(membership, _base(request)))


# -- Groups --------------------------------------------------------------------------------


def _group(organization: Organization, group_id: str) -> Team:
    found = groups.visible_groups(organization).filter(pk=_id(group_id)).first()
    if found is None:
        raise not_found("group")
    return found


def _wants_members(request: HttpRequest) -> bool:
    """Entra asks for groups with ``excludedAttributes=members``: the lists can be long."""
    excluded = request.GET.get("excludedAttributes", "").lower().split(",")
    wanted = request.GET.get("attributes", "")
    return "members" not in {e.strip() for e in excluded} and (
        not wanted or "members" in wanted.lower()
    )


def _group_answer(request: HttpRequest, team: Team, status: int = 200) -> JsonResponse:
    members = (
        groups.members_of(team.organization, [team])[team.pk] if _wants_members(request) else None
    )
    return answer(groups.group_resource(team, _base(request), members), status=status)


@scim_endpoint(("GET", "POST"))
def group_list(request: HttpRequest, organization: Organization) -> HttpResponse:
    base = _base(request)
    if request.method == "POST":
        state = groups.state_from_body(organization, _body(request))
        team = groups.group_create(organization=organization, state=state)
        response = _group_answer(request, team, status=201)
        response["Location"] = f"{base}/Groups/{team.pk}"
        return response
    rows = groups.visible_groups(organization)
    if text := request.GET.get("filter", "").strip():
        rows = rows.filter(filter_q(text, GROUP_FIELDS, organization.pk)).distinct()
    page, total, start = _page(request, rows)
    members = groups.members_of(organization, page) if _wants_members(request) else {}
    resources = [groups.group_resource(t, base, members.get(t.pk)) for t in page]
    return answer(list_response(resources, total, start))


@scim_endpoint(("GET", "PUT", "PATCH", "DELETE"))
def group_detail(request: HttpRequest, organization: Organization, group_id: str) -> HttpResponse:
    team = _group(organization, group_id)
    if request.method == "DELETE":
        groups.group_delete(team=team)
        return HttpResponse(status=204)
    if request.method == "PUT":
        state = groups.state_from_body(organization, _body(request))
        team = groups.group_replace(team=team, state=state)
    elif request.method == "PATCH":
        ops = operations(_body(request))
        state = groups.state_patched(organization, groups.state_of(team), ops)
        team = groups.group_replace(team=team, state=state)
    return _group_answer(request, team)


# -- Discovery -----------------------------------------------------------------------------


@scim_endpoint(("GET",))
def service_provider(request: HttpRequest, organization: Organization) -> HttpResponse:
    return answer(service_provider_config(_base(request)))


@scim_endpoint(("GET",))
def resource_type_list(request: HttpRequest, organization: Organization) -> HttpResponse:
    found = resource_types(_base(request))
    return answer(list_response(found, len(found), 1))


@scim_endpoint(("GET",))
def resource_type_detail(
    request: HttpRequest, organization: Organization, name: str
) -> HttpResponse:
    for resource in resource_types(_base(request)):
        if resource["id"] == name:
            return answer(resource)
    raise not_found("resource type")


@scim_endpoint(("GET",))
def schema_list(request: HttpRequest, organization: Organization) -> HttpResponse:
    found = schemas(_base(request))
    return answer(list_response(found, len(found), 1))


@scim_endpoint(("GET",))
def schema_detail(request: HttpRequest, organization: Organization, urn: str) -> HttpResponse:
    for schema in schemas(_base(request)):
        if schema["id"] == urn:
            return answer(schema)
    raise not_found("schema")


@scim_endpoint(("GET", "POST", "PUT", "PATCH", "DELETE"))
def unknown(request: HttpRequest, organization: Organization, rest: str) -> HttpResponse:
    """Any other path under /scim/v2 (``/Bulk``, ``/Me``…): SCIM's 404, not an HTML page."""
    raise not_found("endpoint; Bearing serves /Users, /Groups and the discovery endpoints")
