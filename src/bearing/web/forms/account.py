"""Joining through an invitation: a name and a password (typed twice). The service checks the
password against every validator."""

from __future__ import annotations

from typing import Any

from django import forms

from bearing.web.forms.base import BearingForm


class JoinForm(BearingForm):
    name = forms.CharField(
        label="Your name", max_length=200, help_text="How colleagues will see you in Bearing.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )  # fmt: skip
    password = forms.CharField(
        label="Password", strip=False,
        help_text="At least 10 characters; not a common password, not only digits, not like your name or e-mail.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )  # fmt: skip
    password_again = forms.CharField(
        label="Password again", strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") and data.get("password_again") != data["password"]:
            self.add_error("password_again", "The two passwords differ; type the same one twice.")
        return data
