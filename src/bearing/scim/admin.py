"""SCIM tokens in the operators' admin: seen and revoked there too, never their secrets."""

from __future__ import annotations

from django.contrib import admin

from bearing.scim.models import ScimToken


@admin.register(ScimToken)
class ScimTokenAdmin(admin.ModelAdmin[ScimToken]):
    list_display = ("prefix", "organization", "name", "created_at", "last_used_at", "revoked_at")
    list_filter = ("organization",)
    readonly_fields = ("prefix", "digest", "created_at", "last_used_at", "created_by")
