"""The operators' admin for OKR data. Day-to-day work happens in the web UI and the API."""

from __future__ import annotations

from django.contrib import admin

from bearing.okrs import models as m


@admin.register(m.Cycle)
class CycleAdmin(admin.ModelAdmin[m.Cycle]):
    list_display = ("name", "organization", "start", "end", "state")
    list_filter = ("organization", "state")


class KeyResultInline(admin.TabularInline[m.KeyResult, m.Objective]):
    model = m.KeyResult
    extra = 0
    fields = ("ref", "title", "kind", "start", "target", "unit", "weight", "done", "owner")
    raw_id_fields = ("owner",)


@admin.register(m.Objective)
class ObjectiveAdmin(admin.ModelAdmin[m.Objective]):
    list_display = ("title", "organization", "cycle", "team", "owner", "state", "visibility")
    list_filter = ("organization", "state", "visibility")
    search_fields = ("title", "ref")
    raw_id_fields = ("owner", "cycle", "team", "promoted_from")
    inlines = (KeyResultInline,)


@admin.register(m.Measurement)
class MeasurementAdmin(admin.ModelAdmin[m.Measurement]):
    list_display = ("key_result", "value", "measured_at", "source")
    list_filter = ("source",)
    raw_id_fields = ("key_result", "checkin", "created_by")


@admin.register(m.CheckIn)
class CheckInAdmin(admin.ModelAdmin[m.CheckIn]):
    list_display = (
        "objective",
        "author",
        "created_at",
        "progress_status",
        "capacity_status",
        "confidence",
    )
    raw_id_fields = ("objective", "author")


@admin.register(m.ChangeRecord)
class ChangeRecordAdmin(admin.ModelAdmin[m.ChangeRecord]):
    list_display = ("at", "organization", "actor", "action", "entity", "summary")
    list_filter = ("organization", "action", "entity")

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False  # history is append-only


for model in (
    m.AlignmentLink,
    m.Initiative,
    m.KPI,
    m.KPIMeasurement,
    m.Learning,
    m.Retrospective,
    m.Comment,
    m.Reaction,
):
    admin.site.register(model)
