"""The organization's settings form. The service decides what is valid; the form parses."""

from __future__ import annotations

from django import forms

from bearing.web.forms.base import BearingForm
from bearing.web.forms.numbers import TypedNumberField

WEEKDAYS = [
    (0, "Monday"), (1, "Tuesday"), (2, "Wednesday"), (3, "Thursday"), (4, "Friday"),
    (5, "Saturday"), (6, "Sunday"),
]  # fmt: skip


def _decimal(label: str, help_text: str) -> TypedNumberField:
    return TypedNumberField(label=label, help_text=help_text)


def _whole(label: str, help_text: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class SettingsForm(BearingForm):
    yellow_from = _decimal(
        "Yellow from", "Scores from this value up are yellow; below it, red (0–1, default 0.4)."
    )
    green_from = _decimal("Green from", "Scores from this value up are green (default 0.7).")
    checkin_weekday = forms.TypedChoiceField(
        label="Check-in day",
        choices=WEEKDAYS,
        coerce=int,
        help_text="The day each check-in week starts: who still needs to check in counts from it.",
    )
    max_objectives_per_team = _whole(
        "Objectives per team",
        "The coach flags a team with more objectives than this in a cycle (seed advice: one).",
    )
    max_key_results_per_objective = _whole(
        "Key results per objective",
        "The coach flags an objective with more key results than this (default 5).",
    )
    key_result_cap = _whole(
        "Most key results an objective may have",
        "A hard limit: adding one more is refused (default 10, at most 50). The coach's "
        "limit above only advises.",
    )
    cascaded_warn_pct = _decimal(
        "Cascaded-share warning (%)",
        "Alignment health warns when more than this share of the objectives below the company "
        "were cascaded from a key result above (default 40).",
    )
    aligned_drop_warn_pct = _decimal(
        "Aligned-share drop warning (points)",
        "Alignment health warns when the share of aligned objectives falls by more than this "
        "many points since last week's snapshot (default 5).",
    )

    plan_window_days = forms.IntegerField(
        label="Plan window (days)",
        required=False,  # left empty: kept as it is
        help_text="How many days from a cycle's start each key-result owner has to publish "
        "their plan of initiatives (default 14: the two-week plan).",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    GROUPS = (
        ("Score colours", ("yellow_from", "green_from")),
        ("Check-ins", ("checkin_weekday",)),
        ("Coach", ("max_objectives_per_team", "max_key_results_per_objective")),
        ("Limits", ("key_result_cap",)),
        ("Alignment health", ("cascaded_warn_pct", "aligned_drop_warn_pct")),
        ("Plans", ("plan_window_days",)),
    )

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if cleaned.get("plan_window_days") is None:
            cleaned.pop("plan_window_days", None)
        return cleaned

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(legend, [self[name] for name in names]) for legend, names in self.GROUPS]
