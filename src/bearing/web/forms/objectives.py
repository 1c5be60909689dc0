"""Forms for objectives and their alignment."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.db.models import QuerySet

from bearing.domain.model import LinkKind
from bearing.okrs.models import KeyResult, Objective, Visibility
from bearing.orgs.models import Person, Team
from bearing.web.forms.base import BearingForm

NOT_ALIGNED = ""
LINK_KINDS = [
    (LinkKind.ALIGNED.value, "Aligned — we chose to serve it"),
    (LinkKind.CASCADED.value, "Cascaded — made from that key result"),
]


class PersonChoiceField(forms.ModelChoiceField[Person]):
    def label_from_instance(self, obj: Person) -> str:
        return obj.display_name


class ObjectiveForm(BearingForm):
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="Qualitative and memorable; start with a verb.",
    )
    description = forms.CharField(
        label="Description", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    team = forms.ModelChoiceField(
        label="Team",
        queryset=Team.objects.none(),
        required=False,
        empty_label="No team — an individual objective",
    )
    owner = PersonChoiceField(
        label="Owner", queryset=Person.objects.none(), required=False, empty_label="No owner"
    )
    contributors = forms.ModelMultipleChoiceField(
        label="Contributing teams",
        queryset=Team.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Other teams working on it with you (cross-functional).",
    )
    visibility = forms.ChoiceField(label="Visibility", choices=Visibility.choices)

    def __init__(
        self,
        *args: Any,
        own_teams: QuerySet[Team],
        all_teams: QuerySet[Team],
        people: QuerySet[Person],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = own_teams  # type: ignore[attr-defined]
        self.fields["owner"].queryset = people  # type: ignore[attr-defined]
        self.fields["contributors"].queryset = all_teams  # type: ignore[attr-defined]


class AlignmentFields(BearingForm):
    """A select of the objectives and key results an objective may serve, grouped by team."""

    aligned_to = forms.ChoiceField(label="Aligned to", required=False)
    link_kind = forms.ChoiceField(
        label="Link kind", choices=LINK_KINDS, initial=LinkKind.ALIGNED.value
    )

    def __init__(self, *args: Any, targets: Sequence[Objective], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.targets: dict[str, Objective | KeyResult] = {}
        groups: dict[str, list[tuple[str, str]]] = {}
        several_cycles = len({o.cycle_id for o in targets}) > 1
        for objective in targets:
            group = groups.setdefault(_group_label(objective, several_cycles), [])
            self.targets[f"o{objective.pk}"] = objective
            group.append((f"o{objective.pk}", objective.title))
            for kr in objective.key_results.all():
                self.targets[f"k{kr.pk}"] = kr
                group.append((f"k{kr.pk}", f"Key result: {kr.title}"))
        field = self.fields["aligned_to"]
        field.choices = [(NOT_ALIGNED, "Not aligned yet"), *groups.items()]  # type: ignore[attr-defined]
        field.help_text = "The objective or key result this objective serves."

    def parent(self) -> tuple[Objective | None, KeyResult | None]:
        target = self.targets.get(self.cleaned_data.get("aligned_to") or "")
        if isinstance(target, KeyResult):
            return None, target
        return target, None


def _group_label(objective: Objective, with_cycle: bool) -> str:
    team = objective.team.name if objective.team else "Individual objectives"
    return f"{team} ({objective.cycle.name})" if with_cycle else team


class ObjectiveCreateForm(ObjectiveForm, AlignmentFields):
    field_order = ("title", "description", "team", "owner", "contributors", "aligned_to")


class ObjectiveEditForm(ObjectiveForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class AlignForm(AlignmentFields):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["aligned_to"].required = True
