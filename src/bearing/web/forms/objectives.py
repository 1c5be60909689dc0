"""Forms for objectives and their alignment."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Prefetch, QuerySet

from bearing.domain.model import LinkKind
from bearing.okrs.models import KeyResult, Objective, Visibility
from bearing.orgs.models import Organization, Person, Team
from bearing.web.forms.base import BearingForm
from bearing.web.pickers import (
    Named,
    SearchInput,
    person_picker,
    searched,
    select_limit,
    target_named,
    target_text,
    team_picker,
    teams_picker,
)

NOT_ALIGNED = ""
LINK_KINDS = [
    (LinkKind.ALIGNED.value, "Aligned — we chose to serve it"),
    (LinkKind.CASCADED.value, "Cascaded — made from that key result"),
]


class ObjectiveForm(BearingForm):
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="Qualitative and memorable; start with a verb.",
    )
    description = forms.CharField(
        label="Description", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    visibility = forms.ChoiceField(label="Visibility", choices=Visibility.choices)

    def __init__(
        self,
        *args: Any,
        organization: Organization,
        own_teams: QuerySet[Team],
        all_teams: QuerySet[Team],
        people: QuerySet[Person],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        # The pickers are selects in a small organization, searched fields in a large one.
        self.fields["team"] = team_picker(
            own_teams, organization, field_id="id_team", label="Team", required=False,
            empty_label="No team — an individual objective",
        )  # fmt: skip
        self.fields["owner"] = person_picker(
            people, organization, field_id="id_owner", label="Owner", required=False,
            empty_label="No owner",
        )  # fmt: skip
        self.fields["contributors"] = teams_picker(
            all_teams, organization, field_id="id_contributors", label="Contributing teams",
            required=False, help_text="Other teams working on it with you (cross-functional).",
        )  # fmt: skip
        self.order_fields(["title", "description", "team", "owner", "contributors", "visibility"])


def add_target_field(
    form: forms.Form, targets: QuerySet[Objective], organization: Organization, search_query: str
) -> None:
    """What an objective may serve (``aligned_to``): a select of the candidate objectives and
    their key results grouped by team, or a searched field when they are too many."""
    help_text = "The objective or key result this objective serves."
    shown = _few_targets(targets)
    if shown is None:
        field: forms.Field = Named[Objective | KeyResult](
            lambda text: target_named(targets, text), target_text, lambda pk: None,
            "Nothing to align to called “{text}”; pick one of the suggestions.",
            label="Aligned to", required=False,
            help_text=f"{help_text} Type a few words of its title.",
            widget=SearchInput(
                attrs=searched(organization, "objectives", "id_aligned_to-options", search_query)
            ),
        )  # fmt: skip
    else:
        field = _TargetChoice(shown, label="Aligned to", required=False, help_text=help_text)
    form.fields["aligned_to"] = field


def chosen_parent(form: forms.Form) -> tuple[Objective | None, KeyResult | None]:
    """The objective or the key result ``aligned_to`` names, for the services."""
    target = form.cleaned_data.get("aligned_to")
    if isinstance(target, KeyResult):
        return None, target
    return target, None


def _link_kind() -> forms.ChoiceField:
    return forms.ChoiceField(label="Link kind", choices=LINK_KINDS, initial=LinkKind.ALIGNED.value)


def _few_targets(targets: QuerySet[Objective]) -> list[Objective] | None:
    """The candidates with their key results, when they make few enough options for a
    select (two queries, at most ``select_limit() + 1`` objectives read)."""
    limit = select_limit()
    first = list(
        targets.select_related("team", "cycle").prefetch_related(
            Prefetch("key_results", queryset=KeyResult.objects.order_by("position", "id"))
        )[: limit + 1]
    )
    options = len(first) + sum(len(o.key_results.all()) for o in first)
    return first if options <= limit else None


class _TargetChoice(forms.ChoiceField):
    """The select of objectives and key results, grouped by team (and cycle when the
    candidates span two), cleaned to the chosen one."""

    def __init__(self, objectives: list[Objective], **kwargs: Any) -> None:
        self.targets: dict[str, Objective | KeyResult] = {}
        groups: dict[str, list[tuple[str, str]]] = {}
        several_cycles = len({o.cycle_id for o in objectives}) > 1
        for objective in objectives:
            group = groups.setdefault(_group_label(objective, several_cycles), [])
            self.targets[f"o{objective.pk}"] = objective
            group.append((f"o{objective.pk}", objective.title))
            for kr in objective.key_results.all():
                self.targets[f"k{kr.pk}"] = kr
                group.append((f"k{kr.pk}", f"Key result: {kr.title}"))
        super().__init__(choices=[(NOT_ALIGNED, "Not aligned yet"), *groups.items()], **kwargs)

    def clean(self, value: Any) -> Objective | KeyResult | None:
        return self.targets.get(super().clean(value) or "")


def _group_label(objective: Objective, with_cycle: bool) -> str:
    team = objective.team.name if objective.team else "Individual objectives"
    return f"{team} ({objective.cycle.name})" if with_cycle else team


class ObjectiveCreateForm(ObjectiveForm):
    def __init__(
        self, *args: Any, targets: QuerySet[Objective], search_query: str, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        add_target_field(self, targets, kwargs["organization"], search_query)
        self.fields["link_kind"] = _link_kind()
        order = ["title", "description", "team", "owner", "contributors", "aligned_to", "link_kind"]
        self.order_fields(order)

    def parent(self) -> tuple[Objective | None, KeyResult | None]:
        return chosen_parent(self)


class ObjectiveEditForm(ObjectiveForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class AlignForm(BearingForm):
    def __init__(
        self, *args: Any, targets: QuerySet[Objective], organization: Organization,
        search_query: str, **kwargs: Any,
    ) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        add_target_field(self, targets, organization, search_query)
        self.fields["link_kind"] = _link_kind()
        self.fields["aligned_to"].required = True
        self.fields["aligned_to"].error_messages["required"] = "Choose what it serves."

    def parent(self) -> tuple[Objective | None, KeyResult | None]:
        return chosen_parent(self)
