"""Forms for the People pages and team administration. They parse; the services decide.

Teams are offered as checkboxes (or a select) in an organization of up to
``pickers.select_limit()`` teams; a larger one gets a text field for a team's name, suggested by the team search as it is
typed (``web.views.search``), so no page carries thousands of options.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from bearing.orgs.models import Membership, Organization, Person, Role, Team
from bearing.orgs.selectors import active_teams_of
from bearing.web.forms.base import BearingForm
from bearing.web.pickers import few, searched
from bearing.web.pickers import team_named as named_team

ROLE_HELP = (
    "Admins manage people, teams, cycles and settings; members write and check in on their "
    "teams' OKRs; viewers read."
)


def few_teams(organization: Organization) -> list[Team] | None:
    """The active teams if there are few enough for checkboxes or a select, else None."""
    return few(active_teams_of(organization))


def team_named(organization: Organization, text: str) -> Team | None:
    """The active team a text field names (exactly, else ignoring case)."""
    return named_team(active_teams_of(organization), text)


class InviteForm(BearingForm):
    emails = forms.CharField(
        label="E-mail addresses", max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 5, "placeholder": "ana@example.com, Bo Chen <bo@example.com>"}),
        help_text="One or many: paste them one per line or separated by commas, as "
        "“name@example.com” or “Name <name@example.com>”. Up to 200 at once.",
    )  # fmt: skip
    role = forms.ChoiceField(
        label="Role", choices=Role.choices, initial=Role.MEMBER, help_text=ROLE_HELP
    )
    lead = forms.BooleanField(label="Make them leads of these teams", required=False)

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.team_choices = few_teams(organization)
        if self.team_choices is not None:
            self.fields["teams"] = forms.ModelMultipleChoiceField(
                label="Teams", required=False, widget=forms.CheckboxSelectMultiple,
                queryset=active_teams_of(organization),
                help_text="They join these teams when they accept.",
            )  # fmt: skip
        else:
            self.fields["team"] = forms.CharField(
                label="Team", required=False, max_length=200,
                help_text="Type a team's name; they join it when they accept. Add more teams later on the team pages.",
                widget=forms.TextInput(attrs=searched(organization, "teams", "invite-team-options")),
            )  # fmt: skip
        self.order_fields(["emails", "role", "teams", "team", "lead"])

    def clean_team(self) -> Team | None:
        text = self.cleaned_data.get("team", "")
        if not text:
            return None
        team = team_named(self.organization, text)
        if team is None:
            raise forms.ValidationError(f"No team called “{text}”.")
        return team

    def chosen_teams(self) -> dict[Team, bool]:
        lead = bool(self.cleaned_data.get("lead"))
        if "teams" in self.fields:
            return dict.fromkeys(self.cleaned_data.get("teams") or [], lead)
        team = self.cleaned_data.get("team")
        return {team: lead} if team else {}


class RoleForm(BearingForm):
    role = forms.ChoiceField(label="Role", choices=Role.choices)


class PersonEmailField(forms.CharField):
    """A member named by e-mail; the form adds suggestions from the people search."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 254)
        super().__init__(
            widget=forms.TextInput(attrs={"autocomplete": "off", "type": "search"}), **kwargs
        )


def active_member(organization: Organization, email: str) -> Person | None:
    membership = (
        Membership.objects.select_related("person")
        .filter(organization=organization, person__email=email.strip().lower(), deactivated_at=None)
        .first()
    )
    return membership.person if membership else None


class DeactivateForm(BearingForm):
    hand_to = PersonEmailField(
        label="Hand their objectives and key results to", required=False,
        help_text="Someone who takes over what they own in cycles not closed yet. Leave empty "
        "to keep them as owner (closed cycles always keep their owners).",
    )  # fmt: skip

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.fields["hand_to"].widget.attrs.update(
            searched(organization, "people", "hand-to-options")
        )

    def clean_hand_to(self) -> Person | None:
        email = self.cleaned_data.get("hand_to", "").strip()
        if not email:
            return None
        person = active_member(self.organization, email)
        if person is None:
            raise forms.ValidationError(f"{email} is not an active member of this organization.")
        return person


class TeamForm(BearingForm):
    """A team's name and where it stands in the tree."""

    name = forms.CharField(label="Name", max_length=200)

    def __init__(
        self, *args: Any, organization: Organization, parents: QuerySet[Team] | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.team_choices = few_teams(organization)
        if parents is None:
            return  # the company team: it stays the root
        if self.team_choices is not None:
            self.fields["parent"] = forms.ModelChoiceField(
                label="Part of", queryset=parents, empty_label=None,
                help_text="The team it belongs to in the tree.",
            )  # fmt: skip
        else:
            self.fields["parent"] = forms.CharField(
                label="Part of", max_length=200,
                help_text="The name of the team it belongs to in the tree.",
                widget=forms.TextInput(attrs=searched(organization, "teams", "parent-options")),
            )  # fmt: skip

    def clean_parent(self) -> Team:
        value = self.cleaned_data.get("parent")
        if isinstance(value, Team):
            return value
        team = team_named(self.organization, str(value or ""))
        if team is None:
            raise forms.ValidationError(f"No team called “{value}”.")
        return team


class MemberAddForm(BearingForm):
    email = PersonEmailField(
        label="Add a member", help_text="Their e-mail; they must be a member of the organization.",
    )  # fmt: skip
    lead = forms.BooleanField(label="as a lead", required=False)

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.fields["email"].widget.attrs.update(searched(organization, "people", "member-options"))

    def clean_email(self) -> Person:
        email = self.cleaned_data["email"]
        person = active_member(self.organization, email)
        if person is None:
            raise forms.ValidationError(
                f"{email} is not an active member of this organization; invite them first."
            )
        return person
