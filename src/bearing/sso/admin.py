"""Operators' view of single sign-on in /admin/: turn an organization's provider off (or its
password sign-in back on) when the provider fails and no admin can sign in. The sealed secret
is neither shown nor editable here."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from bearing.sso.models import Identity, Provider


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin[Provider]):
    list_display = ("organization", "name", "issuer", "enabled", "password_sign_in_off")
    fields = ("organization", "name", "issuer", "client_id", "enabled", "allow_new_members",
              "password_sign_in_off")  # fmt: skip
    readonly_fields = ("organization", "issuer", "client_id")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # set up by the organization's admins, on its settings page


@admin.register(Identity)
class IdentityAdmin(admin.ModelAdmin[Identity]):
    list_display = ("person", "organization", "issuer", "subject", "last_signed_in_at")
    readonly_fields = ("person", "organization", "issuer", "subject", "created_at",
                       "last_signed_in_at")  # fmt: skip
