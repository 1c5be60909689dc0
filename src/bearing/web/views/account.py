"""One's own account: resetting a forgotten password by e-mail and changing it (Django's own
views and tokens, in Bearing's pages), and joining an organization through an invitation.

Changing the password ends the person's sessions on every other device (Django keeps only the
session it was changed in); a reset ends them all and signs the person in afresh.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.cache import never_cache
from django_ratelimit.core import is_ratelimited  # type: ignore[import-untyped]

from bearing import mail
from bearing.orgs.invitations import (
    LinkState,
    expires_at,
    has_account,
    invitation_from_link,
    invitation_join,
)
from bearing.orgs.models import Invitation
from bearing.orgs.services import invitation_accept
from bearing.web.forms.account import JoinForm
from bearing.web.throttling import client_address

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


class ResetForm(PasswordResetForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Email"

    def get_users(self, email: str) -> Iterator[Any]:
        """No reset link for people whose organizations all sign in with single sign-on
        (bearing.sso); the page answers the same, so it reveals nothing."""
        from bearing.sso.services import password_refused

        for person in super().get_users(email):
            if password_refused(person) is None:
                yield person


class NewPasswordForm(SetPasswordForm):  # type: ignore[type-arg]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "New password"
        self.fields["new_password2"].label = "New password again"


class ChangePasswordForm(PasswordChangeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Current password"
        self.fields["new_password1"].label = "New password"
        self.fields["new_password2"].label = "New password again"


class PasswordReset(auth_views.PasswordResetView):
    """Asks for the e-mail; says the same whether or not it belongs to anyone."""

    template_name = "bearing/account/password_reset.html"
    form_class = ResetForm
    email_template_name = "bearing/email/password_reset.txt"
    subject_template_name = "bearing/email/password_reset_subject.txt"
    success_url = reverse_lazy("web:password_reset_sent")

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        if _too_many_resets(self.request, form.cleaned_data["email"]):
            form.add_error(
                None,
                "Too many reset links were asked for this address or from here. "
                "Wait an hour and try again, or ask an admin.",
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        self.extra_email_context = {"base_url": mail.base_url(self.request)}
        return super().form_valid(form)


# Reset links asked for, per e-mail typed and per address (django-ratelimit, in the cache): a
# mailbox is not flooded and the form is no mail cannon. The same answer whether or not the
# e-mail has an account, so the limit reveals nothing.
RESETS_PER_EMAIL = "5/h"
RESETS_PER_ADDRESS = "20/h"


def _too_many_resets(request: HttpRequest, email: str) -> bool:
    typed = email.strip().lower()
    by_email = is_ratelimited(
        request, group="password-reset-email", key=lambda _group, _request: typed,
        rate=RESETS_PER_EMAIL, increment=True,
    )  # fmt: skip
    by_address = is_ratelimited(
        request, group="password-reset-address",
        key=lambda _group, r: client_address(r), rate=RESETS_PER_ADDRESS, increment=True,
    )  # fmt: skip
    return bool(by_email or by_address)


class PasswordResetSent(auth_views.PasswordResetDoneView):
    template_name = "bearing/account/password_reset_sent.html"


class PasswordResetConfirm(auth_views.PasswordResetConfirmView):
    """The link from the e-mail: a new password, then signed in (other sessions have ended)."""

    template_name = "bearing/account/password_reset_confirm.html"
    form_class = NewPasswordForm
    post_reset_login = True
    post_reset_login_backend = MODEL_BACKEND
    success_url = reverse_lazy("web:start")

    def form_valid(self, form: SetPasswordForm) -> HttpResponse:  # type: ignore[type-arg]
        from axes.utils import reset

        response = super().form_valid(form)
        reset(username=form.user.email)  # a new password lifts a sign-in lockout
        messages.success(self.request, "Your password is changed, and you are signed in.")
        return response


class PasswordChange(auth_views.PasswordChangeView):
    template_name = "bearing/account/password_change.html"
    form_class = ChangePasswordForm
    success_url = reverse_lazy("web:start")

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(
            self.request, "Your password is changed. You were signed out on your other devices."
        )
        return response


password_reset = PasswordReset.as_view()
password_reset_sent = PasswordResetSent.as_view()
password_reset_confirm = PasswordResetConfirm.as_view()
password_change = PasswordChange.as_view()


@never_cache
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """An invitation link: join with a name and password (or, with an account already, by
    signing in). A link that is not ours, replaced, expired, used or withdrawn gets a page
    that says so and what to do."""
    checked = invitation_from_link(token)
    invited = checked.invitation
    if checked.state is not LinkState.OK or invited is None:
        unusable = {"state": checked.state.value, "invitation": invited}
        return render(
            request,
            "bearing/account/invitation_unusable.html",
            unusable,
            status=410 if invited else 404,
        )
    context: dict[str, Any] = {
        "invitation": invited,
        "teams": [t.team.name for t in invited.teams.select_related("team")],
        "expires": expires_at(invited),
    }
    user = request.user
    if user.is_authenticated:
        if user.email != invited.email:
            return render(request, "bearing/account/invitation_other_person.html", context)
        if request.method == "POST":
            try:
                invitation_accept(invitation=invited, person=user)
            except ValidationError:  # used a moment ago, in another tab
                return render(request, "bearing/account/invitation_unusable.html",
                              {"state": "used", "invitation": invited}, status=410)  # fmt: skip
            return _welcome(request, invited)
        return render(request, "bearing/account/invitation_join.html", context)
    if has_account(invited):
        sign_in = reverse("web:sign_in") + "?next=" + request.path
        return render(
            request, "bearing/account/invitation_sign_in.html", context | {"sign_in": sign_in}
        )
    form = JoinForm(request.POST or None, initial={"name": invited.name})
    if request.method == "POST" and form.is_valid():
        try:
            membership = invitation_join(
                invitation=invited, name=form.cleaned_data["name"],
                password=form.cleaned_data["password"],
            )  # fmt: skip
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            login(request, membership.person, backend=MODEL_BACKEND)
            return _welcome(request, invited)
    return render(request, "bearing/account/invitation_new.html", context | {"form": form})


def _welcome(request: HttpRequest, invited: Invitation) -> HttpResponse:
    organization = invited.organization
    messages.success(request, f"Welcome to {organization.name}!")
    return redirect("web:home", org=organization.slug)
