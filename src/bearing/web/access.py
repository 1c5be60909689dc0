"""Who may see and change what, for the pages. Every page goes through ``member_required``.

The rules themselves live in ``bearing.okrs.permissions`` (shared with the API);
this module turns them into HTTP answers: strangers and hidden objectives get
404 (as if they did not exist), people who may look but not touch get 403.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import update_wrapper, wraps
from typing import Any, Concatenate, ParamSpec, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from bearing.okrs.permissions import ADMINS_ONLY, VIEWERS_READ, Access, access_for
from bearing.orgs.models import Membership, Person
from bearing.orgs.selectors import membership_for
from bearing.sso.services import SESSION_ORG, may_enter

P = ParamSpec("P")
R = TypeVar("R", bound=HttpResponse)
T = TypeVar("T")


class OrgRequest(HttpRequest):
    """A request inside an organization: ``membership`` says who is asking and with what role."""

    membership: Membership
    user: Person  # member_required lets only signed-in people through


def member_required(
    view: Callable[Concatenate[OrgRequest, P], R],
) -> Callable[Concatenate[HttpRequest, str, P], HttpResponse]:
    """Resolve the ``org`` slug to the caller's membership; strangers get 404, as if it did not exist."""

    @wraps(view)
    def wrapper(request: HttpRequest, org: str, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        membership = membership_for(request.user, org)
        if membership is None:
            raise Http404("no such organization")
        if not may_enter(request.session, membership.organization_id):
            return _sign_in_again(request, membership)
        request.membership = membership  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)  # type: ignore[arg-type]

    return wrapper  # type: ignore[return-value]


def _sign_in_again(request: HttpRequest, membership: Membership) -> HttpResponse:
    """A session that may not enter this organization (bearing.sso): opened by another
    organization's provider, or by a password where the organization's is off."""
    from django.shortcuts import render

    context = {
        "organization": membership.organization,
        "signed_in_by_provider": request.session.get(SESSION_ORG) is not None,
    }
    return render(request, "sso/enter_refused.html", context, status=403)


def writer_required(
    view: Callable[Concatenate[OrgRequest, P], R],
) -> Callable[Concatenate[HttpRequest, str, P], HttpResponse]:
    """``member_required`` for pages that change data: viewers get 403 before anything is read."""

    def inner(request: OrgRequest, /, *args: P.args, **kwargs: P.kwargs) -> R:
        if not request.membership.can_write:
            raise PermissionDenied(VIEWERS_READ)
        return view(request, *args, **kwargs)

    update_wrapper(inner, view)
    return member_required(inner)


def admin_required(
    view: Callable[Concatenate[OrgRequest, P], R],
) -> Callable[Concatenate[HttpRequest, str, P], HttpResponse]:
    """``member_required`` for the organization's own settings: everyone but admins gets 403."""

    def inner(request: OrgRequest, /, *args: P.args, **kwargs: P.kwargs) -> R:
        if not request.membership.is_admin:
            raise PermissionDenied(ADMINS_ONLY)
        return view(request, *args, **kwargs)

    update_wrapper(inner, view)
    return member_required(inner)


def access_of(request: OrgRequest) -> Access:
    """The caller's teams and led teams, loaded once per request."""
    cached: Access | None = getattr(request, "_bearing_access", None)
    if cached is None:
        cached = access_for(request.membership)
        request._bearing_access = cached  # type: ignore[attr-defined]
    return cached


def found(item: T | None) -> T:
    """The item, or 404: hidden and foreign rows look exactly like missing ones."""
    if item is None:
        raise Http404("not found")
    return item


def allowed(permitted: bool, why: str) -> None:
    """403 unless ``permitted``; ``why`` says who may (the page shows it)."""
    if not permitted:
        raise PermissionDenied(why)


def org_context(request: OrgRequest, **extra: Any) -> dict[str, Any]:
    """What every page inside an organization needs in its template."""
    membership = request.membership
    return {
        "membership": membership,
        "org": membership.organization,
        "can_write": membership.can_write,
        "is_admin": membership.is_admin,
        **extra,
    }
