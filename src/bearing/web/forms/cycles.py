"""A new cycle: name, dates and the cycle that may contain it. The service decides what is
valid (a unique name, the end after the start, a containing cycle that spans it)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from bearing.okrs.models import Cycle
from bearing.web.forms.base import BearingForm


def _date(label: str, help_text: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=help_text,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        error_messages={"invalid": "Enter a date such as 2026-04-01."},
    )


class CycleChoice(forms.ModelChoiceField[Cycle]):
    def label_from_instance(self, obj: Cycle) -> str:
        return f"{obj.name} ({obj.start:%d %b %Y} – {obj.end:%d %b %Y})"


class CycleForm(BearingForm):
    name = forms.CharField(
        label="Name", max_length=100, help_text="Short and unique, e.g. 2026-Q3 or 2026."
    )
    start = _date("Start", "The cycle's first day.")
    end = _date("End", "The cycle's last day.")
    parent = CycleChoice(
        label="Containing cycle",
        queryset=Cycle.objects.none(),
        required=False,
        empty_label="None",
        help_text="A year may contain its quarters: this cycle must lie within it.",
    )

    def __init__(self, *args: Any, cycles: QuerySet[Cycle], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parent = self.fields["parent"]
        assert isinstance(parent, CycleChoice)
        parent.queryset = cycles
