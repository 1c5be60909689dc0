"""Forms for key results and the initiatives under them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from bearing.domain.krfields import KIND_LABELS
from bearing.domain.model import KRKind
from bearing.okrs.models import InitiativeStatus, KeyResult
from bearing.orgs.models import Organization, Person
from bearing.web.forms.base import BearingForm
from bearing.web.forms.numbers import TypedNumberField
from bearing.web.pickers import person_picker

MEANINGS = {
    KRKind.INCREASE: "from start up to target",
    KRKind.DECREASE: "from start down to target",
    KRKind.AT_LEAST: "keep at or above target",
    KRKind.AT_MOST: "keep at or below target",
    KRKind.MILESTONE: "done or not done",
}
# Left empty, the service reads the kind from start and target (or keeps a draft).
KINDS = [
    ("", "From start and target — increase or decrease (a draft without them)"),
    *((kind.value, f"{KIND_LABELS[kind]} — {MEANINGS[kind]}") for kind in KRKind),
]


def _number(label: str, help_text: str = "", required: bool = False) -> TypedNumberField:
    return TypedNumberField(label=label, required=required, help_text=help_text)


class KeyResultForm(BearingForm):
    title = forms.CharField(
        label="Title", max_length=200, help_text="An outcome you can measure, not a task."
    )
    kind = forms.ChoiceField(label="Kind", choices=KINDS, required=False)
    start = _number("Start", "The baseline: where it stands today.")
    target = _number("Target", "Where it should be at the end of the cycle (or the threshold).")
    unit = forms.CharField(label="Unit", max_length=30, required=False, help_text="e.g. %, s, €")
    weight = _number("Weight", "How much it counts in the objective's score.", required=True)

    def __init__(
        self, *args: Any, organization: Organization, people: QuerySet[Person], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"] = _owner(people, organization)
        self.order_fields(["title", "kind", "start", "target", "unit", "weight", "owner"])
        self.fields["weight"].initial = "1"
        # "120 s" in Start when the Unit says s: the number is read without its unit.
        unit = str(self.data.get("unit", "")) if self.is_bound else ""
        for name in ("start", "target"):
            self.fields[name].unit = unit  # type: ignore[attr-defined]


class KeyResultEditForm(KeyResultForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    done = forms.BooleanField(label="Done", required=False, help_text="Milestones only.")


class InitiativeForm(BearingForm):
    title = forms.CharField(label="Title", max_length=200)
    status = forms.ChoiceField(label="Status", choices=InitiativeStatus.choices)
    target_date = forms.DateField(
        label="Target date", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    url = forms.CharField(
        label="Link",
        required=False,
        help_text="The item in your issue tracker (https://…).",
        widget=forms.URLInput,
    )

    def __init__(
        self, *args: Any, organization: Organization, people: QuerySet[Person], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"] = _owner(people, organization)
        self.order_fields(["title", "status", "owner", "target_date", "url"])


class InitiativeEditForm(InitiativeForm):
    """The initiative with the key results it serves: those of the objective it was added
    under (at most the key-result cap) and any it serves elsewhere."""

    description = forms.CharField(
        label="Description", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, key_results: QuerySet[KeyResult], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["key_results"] = forms.ModelMultipleChoiceField(
            queryset=key_results, label="Serves", widget=forms.CheckboxSelectMultiple,
            help_text="The key results this work moves.",
        )  # fmt: skip
        self.order_fields(["title", "status", "owner", "target_date", "url", "key_results",
                           "description"])  # fmt: skip


def _owner(people: QuerySet[Person], organization: Organization) -> forms.Field:
    return person_picker(
        people, organization, field_id="id_owner", label="Owner", required=False,
        empty_label="No owner",
    )  # fmt: skip
