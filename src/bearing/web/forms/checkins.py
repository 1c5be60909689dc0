"""The weekly check-in form (one field per key result) and comments on check-ins."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from bearing.domain.model import KRKind
from bearing.okrs.models import CheckIn, KeyResult
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
            self.fields[f"kr-{kr.pk}"] = value_field(kr)

    def rows(self) -> list[tuple[KeyResult, forms.BoundField]]:
        return [(kr, self[f"kr-{kr.pk}"]) for kr in self.key_results]

    def values(self) -> dict[KeyResult, Decimal | str | bool | None]:
        return {kr: self.cleaned_data.get(f"kr-{kr.pk}") for kr in self.key_results}

    def status_to_record(self) -> str | None:
        """None (let the forecast of the values entered decide) when the suggested status was
        left as it was, or nothing was suggested and nothing chosen."""
        chosen: str = self.cleaned_data.get("progress_status") or ""
        return None if chosen == (self.cleaned_data.get("suggested") or "") else chosen


def checkin_initial(suggestion: str, last: CheckIn | None) -> dict[str, Any]:
    """What a check-in form starts with: the forecast's status (none without a forecast),
    and the capacity and confidence of the last check-in."""
    return {
        "progress_status": suggestion or None, "suggested": suggestion,
        "capacity_status": last.capacity_status if last else Status.ON_TRACK,
        "confidence": last.confidence if last else None,
    }  # fmt: skip


def value_field(kr: KeyResult, prefilled: bool = False) -> forms.Field:
    """The field for a key result's value this week: done or not for a milestone, else a
    number — empty (``prefilled``: the latest value) meaning unchanged."""
    if kr.kind == KRKind.MILESTONE:
        done = forms.BooleanField(label="Done", required=False)
        done.initial = kr.done
        return done
    help_text = (
        "Type over it if it moved. 3,5 or 1 200 are fine too."
        if prefilled
        else "Leave empty if it has not changed. 3,5 or 1 200 are fine too."
    )
    number = TypedNumberField(label="Value", required=False, unit=kr.unit, help_text=help_text)
    if prefilled and kr.current is not None:
        number.initial = _typed(kr.current)
    return number


def _typed(amount: Decimal) -> str:
    """A stored value as the field shows it: 72, not 72.000000."""
    return format(amount.normalize(), "f")


def changed_values(
    key_results: list[KeyResult], cleaned: dict[str, Any]
) -> dict[KeyResult, Decimal | str | bool | None]:
    """The values of a prefilled form that differ from the latest ones: left as shown, a
    value is not measured again (nor a milestone marked again)."""
    out: dict[KeyResult, Decimal | str | bool | None] = {}
    for kr in key_results:
        value = cleaned.get(f"kr-{kr.pk}")
        if kr.kind == KRKind.MILESTONE:
            if bool(value) != kr.done:
                out[kr] = bool(value)
        elif value is not None and value != kr.current:
            out[kr] = value
    return out


class WeekCheckInForm(CheckInForm):
    """One objective's part of My week: the check-in form, its values prefilled with the
    latest ones (only those changed are recorded)."""

    def __init__(self, *args: Any, key_results: list[KeyResult], **kwargs: Any) -> None:
        super().__init__(*args, key_results=key_results, **kwargs)
        for kr in self.key_results:
            self.fields[f"kr-{kr.pk}"] = value_field(kr, prefilled=True)

    def values(self) -> dict[KeyResult, Decimal | str | bool | None]:
        return changed_values(self.key_results, self.cleaned_data)


class WeekValuesForm(BearingForm):
    """My week's key results in objectives the person does not own: their values only."""

    def __init__(self, *args: Any, key_results: list[KeyResult], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.key_results = [kr for kr in key_results if kr.kind]
        for kr in self.key_results:
            self.fields[f"kr-{kr.pk}"] = value_field(kr, prefilled=True)

    def rows(self) -> list[tuple[KeyResult, forms.BoundField]]:
        return [(kr, self[f"kr-{kr.pk}"]) for kr in self.key_results]

    def values(self) -> dict[KeyResult, Decimal | str | bool | None]:
        return changed_values(self.key_results, self.cleaned_data)


class CommentForm(BearingForm):
    text = forms.CharField(
        label="Comment", max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
