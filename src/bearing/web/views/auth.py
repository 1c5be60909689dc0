"""Signing in and out, and the root address."""

from __future__ import annotations

from django.contrib.auth import login, logout
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from bearing.orgs.selectors import memberships_of
from bearing.sso.services import SESSION_BLOCKED, SESSION_ORG, password_refused


class SignInForm(AuthenticationForm):
    """Email and password; the labels are what people (and screen readers) see."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["username"].label = "Email"
        self.fields["username"].widget.attrs.update({"type": "email", "autocomplete": "email"})
        self.fields["password"].label = "Password"
        self.error_messages["invalid_login"] = (
            "That email and password do not match. Check both and try again."
        )


def start(request: HttpRequest) -> HttpResponse:
    """The root: the home page of the person's first organization, or the sign-in page."""
    if not request.user.is_authenticated:
        return redirect("web:sign_in")
    mine = memberships_of(request.user).order_by("organization__name")
    # Only organizations this session may enter (bearing.sso): its provider's, or those
    # whose password sign-in is on.
    if (signed_in_by := request.session.get(SESSION_ORG)) is not None:
        mine = mine.filter(organization_id=signed_in_by)
    first = mine.exclude(organization_id__in=request.session.get(SESSION_BLOCKED, [])).first()
    if first is None:
        return render(request, "bearing/no_organization.html")
    return redirect("web:home", org=first.organization.slug)


def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and request.method == "GET" and not request.GET.get("next"):
        return redirect("web:start")
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = ""
    form = SignInForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = form.get_user()
        # Single sign-on (bearing.sso): told only once the password was right, so the
        # answer reveals nothing to someone guessing e-mails.
        if (provider := password_refused(person)) is not None:
            form.add_error(
                None,
                f"{provider.organization.name} signs in with {provider.name}, not with a "
                "password: use the button below.",
            )
            context = {"form": form, "next": next_url, "sso_provider": provider}
            return render(request, "bearing/sign_in.html", context)
        # The organizations whose password sign-in is off stay closed to this session
        # (bearing.sso remembers them in the session as it is opened).
        login(request, person)
        return redirect(next_url or reverse("web:start"))
    return render(request, "bearing/sign_in.html", {"form": form, "next": next_url})


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("web:sign_in")
