"""The weekly check-in form (one field per key result) and comments on check-ins."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from bearing.domain.model import KRKind
from bearing.okrs.models import KeyResult
from bearing.okrs.models.checkins import Status
from bearing.web.forms.base import BearingForm
from bearing.web.forms.numbers import TypedNumberField


class CheckInWriting(BearingForm):
    """What a check-in says beside its values; its author may correct these later."""

    progress_status = forms.ChoiceField(
        label="Progress", choices=Status.choices, widget=forms.RadioSelect
    )
    status_reason = forms.CharField(
        label="Why a different status?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Only when you choose another status than the forecast suggests.",
    )
    capacity_status = forms.ChoiceField(
        label="Capacity", choices=Status.choices, widget=forms.RadioSelect,
        help_text="Does the team have the time and people this needs?",
    )  # fmt: skip
    confidence = forms.IntegerField(
        label="Confidence", required=False, min_value=0, max_value=100,
        help_text="How sure you are, in %, of reaching the targets.",
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )  # fmt: skip
    narrative = forms.CharField(
        label="Narrative", required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What moved, what is in the way, what comes next.",
    )  # fmt: skip


class CheckInForm(CheckInWriting):
    # What the page pre-selected: left as it was, the status follows the forecast of the
    # values entered now rather than last week's (see ``status_to_record``).
    suggested = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, key_results: list[KeyResult], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # With no forecast to suggest a status, none is pre-selected: the owner chooses one,
        # or leaves it to the forecast of the values entered now.
        self.fields["progress_status"].required = bool(self.initial.get("suggested"))
        self.key_results = [kr for kr in key_results if kr.kind]
        for kr in self.key_results:
            if kr.kind == KRKind.MILESTONE:
                field: forms.Field = forms.BooleanField(label="Done", required=False)
                field.initial = kr.done
            else:
                field = TypedNumberField(
                    label="Value", required=False, unit=kr.unit,
                    help_text="Leave empty if it has not changed. 3,5 or 1 200 are fine too.",
                )  # fmt: skip
            self.fields[f"kr-{kr.pk}"] = field

    def rows(self) -> list[tuple[KeyResult, forms.BoundField]]:
        return [(kr, self[f"kr-{kr.pk}"]) for kr in self.key_results]

    def values(self) -> dict[KeyResult, Decimal | str | bool | None]:
        return {kr: self.cleaned_data.get(f"kr-{kr.pk}") for kr in self.key_results}

    def status_to_record(self) -> str | None:
        """None (let the forecast of the values entered decide) when the suggested status was
        left as it was, or nothing was suggested and nothing chosen."""
        chosen: str = self.cleaned_data.get("progress_status") or ""
        return None if chosen == (self.cleaned_data.get("suggested") or "") else chosen


class CommentForm(BearingForm):
    text = forms.CharField(
        label="Comment", max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
