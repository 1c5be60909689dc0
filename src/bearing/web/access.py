"""Who may see and change what, for the pages. Every page goes through ``member_required``."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate, ParamSpec, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse

from bearing.orgs.models import Membership
from bearing.orgs.selectors import membership_for

P = ParamSpec("P")
R = TypeVar("R", bound=HttpResponse)


class OrgRequest(HttpRequest):
    """A request inside an organization: ``membership`` says who is asking and with what role."""

    membership: Membership


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
        request.membership = membership  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)  # type: ignore[arg-type]

    return wrapper  # type: ignore[return-value]


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
