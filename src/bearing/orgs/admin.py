"""The operators' admin for tenants and people. Tokens are listed, never shown."""

from __future__ import annotations

from typing import ClassVar

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from bearing.orgs.models import (
    ApiToken,
    Invitation,
    Membership,
    Organization,
    Person,
    Team,
    TeamMember,
)


class MembershipInline(admin.TabularInline[Membership, Organization]):
    model = Membership
    extra = 0
    autocomplete_fields = ("person",)


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin[Organization]):
    list_display = ("name", "slug", "created_at")
    search_fields = ("name", "slug")
    inlines: ClassVar = [MembershipInline]


@admin.register(Person)
class PersonAdmin(UserAdmin):  # type: ignore[type-arg]
    ordering = ("email",)
    list_display = ("email", "name", "is_active", "is_staff")
    search_fields = ("email", "name")
    fieldsets = (
        (None, {"fields": ("email", "name", "password")}),
        ("Access", {"fields": ("is_active", "is_staff", "is_superuser")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "name", "password1", "password2")}),
    )
    filter_horizontal = ()
    list_filter = ("is_active", "is_staff")


class TeamMemberInline(admin.TabularInline[TeamMember, Team]):
    model = TeamMember
    extra = 0
    autocomplete_fields = ("person",)


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin[Team]):
    list_display = ("name", "organization", "parent")
    list_filter = ("organization",)
    search_fields = ("name",)
    inlines: ClassVar = [TeamMemberInline]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    list_display = (
        "prefix",
        "person",
        "organization",
        "name",
        "created_at",
        "last_used_at",
        "revoked_at",
    )
    list_filter = ("organization",)
    readonly_fields = ("prefix", "digest", "created_at", "last_used_at")


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin[Invitation]):
    list_display = ("email", "organization", "role", "created_at", "accepted_at", "revoked_at")
    search_fields = ("email", "organization__slug")
    list_filter = ("role",)
