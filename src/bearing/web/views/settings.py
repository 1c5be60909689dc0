"""The organization's settings, for its admins: colour bands, check-in day, the coach's soft
limits and the alignment warnings. Every change lands in the change history."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from bearing.okrs.models import ChangeRecord
from bearing.orgs.models import Organization
from bearing.orgs.services import SETTING_LABELS, SETTINGS_FIELDS, organization_update_settings
from bearing.web.access import OrgRequest, admin_required, org_context
from bearing.web.forms.settings import WEEKDAYS, SettingsForm
from bearing.web.views.cadence_settings import cadence_context

RECENT_CHANGES = 10


@admin_required
def edit_settings(request: OrgRequest) -> HttpResponse:
    organization = request.membership.organization
    initial = {name: getattr(organization, name) for name in SETTINGS_FIELDS}
    form = SettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            organization_update_settings(
                actor=request.user, organization=organization, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, "Settings saved.")
            return redirect("web:settings", org=organization.slug)
    context = org_context(
        request, nav="settings", **{**settings_context(organization), "form": form},
        **cadence_context(organization),
    )  # fmt: skip
    return render(request, "bearing/settings.html", context)


def settings_context(organization: Organization) -> dict[str, object]:
    """The page's own parts, for the cadence forms that render it again with their errors."""
    initial = {name: getattr(organization, name) for name in SETTINGS_FIELDS}
    return {"form": SettingsForm(initial=initial), "changes": _changes(organization)}


@dataclass(frozen=True)
class SettingsChange:
    record: ChangeRecord
    items: list[tuple[str, str, str]]  # (setting, before, after) as people read them


def _changes(organization: Organization) -> list[SettingsChange]:
    records = (
        ChangeRecord.objects.filter(organization=organization, entity="organization")
        .select_related("actor")
        .order_by("-at", "-id")[:RECENT_CHANGES]
    )
    return [
        SettingsChange(
            r,
            [
                (
                    SETTING_LABELS.get(name, name),
                    _shown(name, (r.before or {}).get(name)),
                    _shown(name, value),
                )
                for name, value in (r.after or {}).items()
            ],
        )
        for r in records
    ]


def _shown(name: str, value: object) -> str:
    if value is None:
        return "–"
    if name == "checkin_weekday" and isinstance(value, int) and 0 <= value < len(WEEKDAYS):
        return WEEKDAYS[value][1]
    return str(value)
