"""The single sign-on settings form (admins) and the organization picker on the sign-in page."""

from __future__ import annotations

from django import forms

from bearing.web.forms.base import BearingForm


class ProviderForm(BearingForm):
    name = forms.CharField(
        label="Provider name", max_length=100,
        help_text="People see “Sign in with …” and this name: Okta, Google, Keycloak…",
    )  # fmt: skip
    issuer = forms.CharField(
        label="Issuer URL", max_length=500,
        help_text="The provider's issuer; Bearing reads <issuer>/.well-known/openid-configuration.",
    )  # fmt: skip
    client_id = forms.CharField(label="Client id", max_length=255)
    client_secret = forms.CharField(
        label="Client secret", required=False, max_length=2000,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text="Stored encrypted and never shown again. Leave empty to keep the stored one.",
    )  # fmt: skip
    enabled = forms.BooleanField(label="Single sign-on is on", required=False)
    allow_new_members = forms.BooleanField(
        label="Allow new members on first sign-in", required=False,
        help_text="A verified e-mail that is not a member yet joins as a member. Off: only "
        "existing members (and invited people) may sign in.",
    )  # fmt: skip
    password_sign_in_off = forms.BooleanField(
        label="Password sign-in off", required=False,
        help_text="Members and viewers sign in only through the provider. Admins keep their "
        "password, in case the provider fails (docs/sso.md).",
    )  # fmt: skip


class OrganizationForm(forms.Form):
    organization = forms.SlugField(
        label="Organization", max_length=50,
        help_text="The short name in your organization's Bearing addresses (/o/<name>/).",
    )  # fmt: skip
