"""Forms for KPIs: the KPI itself, a reading, and the objective drafted from one in trouble."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from bearing.okrs.models import KPI, Cycle
from bearing.orgs.models import Organization, Person, Team
from bearing.web.forms.base import BearingForm
from bearing.web.forms.numbers import TypedNumberField
from bearing.web.pickers import person_picker, team_picker


class KPIForm(BearingForm):
    name = forms.CharField(label="Name", max_length=200, help_text="What you keep an eye on.")
    unit = forms.CharField(label="Unit", max_length=30, required=False, help_text="e.g. %, ms, €")
    healthy_min = TypedNumberField(
        label="Healthy at least", required=False, help_text="Leave empty for no bottom."
    )
    healthy_max = TypedNumberField(
        label="Healthy at most", required=False, help_text="Leave empty for no top."
    )
    description = forms.CharField(
        label="Description", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self,
        *args: Any,
        organization: Organization,
        teams: QuerySet[Team],
        people: QuerySet[Person],
        north_star: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"] = team_picker(
            teams, organization, field_id="id_team", label="Team", required=False,
            empty_label="No team",
        )  # fmt: skip
        self.fields["owner"] = person_picker(
            people, organization, field_id="id_owner", label="Owner", required=False,
            empty_label="No owner",
        )  # fmt: skip
        names = ["name", "unit", "healthy_min", "healthy_max", "owner", "team", "description"]
        if north_star:  # admins only choose the North Star
            self.fields["is_north_star"] = forms.BooleanField(
                label="North Star Metric", required=False,
                help_text="The one KPI shown above the company's objectives (one per organization).",
            )  # fmt: skip
            names.append("is_north_star")
        unit = str(self.data.get("unit", "")) if self.is_bound else ""
        for name in ("healthy_min", "healthy_max"):
            self.fields[name].unit = unit  # type: ignore[attr-defined]
        self.order_fields(names)


class ReadingForm(BearingForm):
    value = TypedNumberField(label="Value", required=True)
    measured_on = forms.DateField(
        label="On", required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Today when left empty.",
    )  # fmt: skip


class PromoteForm(BearingForm):
    """The drafted objective, editable before it is saved."""

    title = forms.CharField(label="Objective", max_length=200)
    key_result_title = forms.CharField(label="Key result", max_length=200)
    start = TypedNumberField(label="Start", required=True)
    target = TypedNumberField(label="Target", required=True)

    def __init__(
        self,
        *args: Any,
        organization: Organization,
        cycles: QuerySet[Cycle],
        teams: QuerySet[Team],
        people: QuerySet[Person],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cycle"] = forms.ModelChoiceField(
            queryset=cycles, label="Cycle", empty_label=None
        )
        self.fields["team"] = team_picker(
            teams, organization, field_id="id_team", label="Team", required=False,
            empty_label="No team — an individual objective",
        )  # fmt: skip
        self.fields["owner"] = person_picker(
            people, organization, field_id="id_owner", label="Owner", required=False,
            empty_label="No owner",
        )  # fmt: skip
        self.order_fields(
            ["title", "cycle", "team", "owner", "key_result_title", "start", "target"]
        )


def add_kpi_field(form: forms.Form, organization: Organization, current: int | None) -> None:
    """ "Moves KPI" on the objective form: which KPI (often the North Star) the objective
    moves. An organization keeps a handful of KPIs, so a select of those in use (and the
    current one) is enough."""
    from django.db.models import Q

    kpis = KPI.objects.filter(organization=organization).filter(
        Q(archived_at__isnull=True) | Q(pk=current)
    )
    form.fields["moves_kpi"] = forms.ModelChoiceField(
        queryset=kpis, required=False, label="Moves KPI", empty_label="None",
        help_text="The KPI this objective should move, if any (the North Star, say).",
    )  # fmt: skip
    form.initial.setdefault("moves_kpi", current)
