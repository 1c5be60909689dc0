"""Sign-in throttling with django-axes: who is signing in, from where, and the answer when
they must wait (settings.py: AXES_*)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def username_of(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The e-mail tried, as accounts store it (lower case), so case does not dodge a count."""
    raw = (credentials or {}).get("username") or request.POST.get("username", "")
    return str(raw).strip().lower()


def client_address(request: HttpRequest) -> str:
    """The address signing in. Behind the TLS proxy of BEARING_HTTPS=1, the address the
    proxy saw (the last X-Forwarded-For entry, which the proxy wrote): without it every
    sign-in would come from the proxy and one attacker would lock everyone out."""
    if settings.HTTPS:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.split(",")[-1].strip()
        if last:
            return str(last)
    return str(request.META.get("REMOTE_ADDR", ""))


def locked_out(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """The answer to a sign-in while locked out: 429 and what to do, on the page it came from."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = (
        f"Too many failed sign-ins for this account or from this address. Wait {minutes} "
        "minutes and try again, or ask an admin to unlock it."
    )
    if request.path.startswith("/admin/"):
        return HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
    from bearing.web.views.auth import SignInForm

    form = SignInForm(request)
    context = {"form": form, "locked_out": message, "next": ""}
    return render(request, "bearing/sign_in.html", context, status=429)
