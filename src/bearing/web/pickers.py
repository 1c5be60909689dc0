"""Pickers: form fields that choose teams, a person, or what an objective serves, in an
organization of any size.

Up to ``select_limit()`` options a picker is the usual select (or checkboxes). Past it,
sending every option with every form would cost megabytes (New objective at 10,000 people:
1.2 MB), so the picker becomes a text field whose suggestions come from a search endpoint as
it is typed (htmx fills a ``<datalist>``; ``web.views.search``). What was typed is read back
on submit: a team's name, a person's e-mail, an objective's or key result's reference. Without
JavaScript the field still works; a text that names nothing is an error beside the field.

The options are read once, at most ``select_limit() + 1`` of them, whatever the size of the
organization; a searched field reads only the one it names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Generic, TypeVar

from django import forms
from django.conf import settings
from django.db.models import Model, QuerySet
from django.urls import reverse

from bearing.okrs.models import KeyResult, Objective
from bearing.orgs.models import Organization, Person, Team

M = TypeVar("M", bound=Model)


def select_limit() -> int:
    """How many options a select may carry (``BEARING_SELECT_LIMIT``, 200 by default)."""
    return int(getattr(settings, "BEARING_SELECT_LIMIT", 200))


def few(options: QuerySet[M]) -> list[M] | None:
    """The options, if there are few enough for a select; else None (one query)."""
    limit = select_limit()
    first = list(options[: limit + 1])
    return first if len(first) <= limit else None


def searched(
    organization: Organization, what: str, options_id: str, query: str = ""
) -> dict[str, str]:
    """Widget attributes for a text field suggested by ``web:search_<what>`` as it is typed:
    htmx fills the ``<datalist>`` ``options_id`` (which ``SearchInput`` renders)."""
    url = reverse(f"web:search_{what}", kwargs={"org": organization.slug}) + query
    return {
        "list": options_id, "autocomplete": "off", "type": "search",
        "hx-get": url, "hx-trigger": "input changed delay:250ms",
        "hx-target": f"#{options_id}", "hx-swap": "innerHTML", "hx-sync": "this:replace",
    }  # fmt: skip


class SearchInput(forms.TextInput):
    """A text input followed by the ``<datalist>`` its suggestions go into."""

    template_name = "bearing/widgets/search_input.html"


class FewChoice(forms.ChoiceField, Generic[M]):
    """One of a few objects read beforehand: a select, cleaned to the object (no query)."""

    def __init__(
        self, objects: Sequence[M], label_of: Callable[[M], str], empty_label: str | None,
        **kwargs: Any,
    ) -> None:  # fmt: skip
        self.objects = {str(o.pk): o for o in objects}
        empty = [("", empty_label)] if empty_label is not None else []
        super().__init__(
            choices=[*empty, *((k, label_of(o)) for k, o in self.objects.items())], **kwargs
        )

    def prepare_value(self, value: Any) -> Any:
        return str(value.pk) if isinstance(value, Model) else value

    def clean(self, value: Any) -> M | None:
        chosen = super().clean(value)
        return self.objects.get(str(chosen)) if chosen else None


class FewChoices(forms.MultipleChoiceField, Generic[M]):
    """Some of a few objects read beforehand: checkboxes, cleaned to the objects."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, objects: Sequence[M], label_of: Callable[[M], str], **kwargs: Any) -> None:
        self.objects = {str(o.pk): o for o in objects}
        super().__init__(choices=[(k, label_of(o)) for k, o in self.objects.items()], **kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Iterable) and not isinstance(value, str):
            return [str(v.pk) if isinstance(v, Model) else str(v) for v in value]
        return value

    def clean(self, value: Any) -> list[M]:
        return [self.objects[k] for k in super().clean(value) or []]


class Named(forms.CharField, Generic[M]):
    """One object named in a text field (``find``); shown as ``text_of`` it."""

    def __init__(
        self, find: Callable[[str], M | None], text_of: Callable[[M], str], load: Callable[[Any], M | None],
        missing: str, **kwargs: Any,
    ) -> None:  # fmt: skip
        kwargs.setdefault("max_length", 300)
        super().__init__(**kwargs)
        self.find, self.text_of, self.load, self.missing = find, text_of, load, missing

    def prepare_value(self, value: Any) -> Any:
        """The initial value may be the object or its id: shown as its text."""
        if isinstance(value, str) or value is None:
            return value
        found = value if isinstance(value, Model) else self.load(value)
        return self.text_of(found) if found is not None else ""  # type: ignore[arg-type]

    def clean(self, value: Any) -> M | None:
        text = super().clean(value).strip()
        if not text:
            return None
        found = self.find(text)
        if found is None:
            raise forms.ValidationError(self.missing.format(text=text))
        return found


class NamedMany(forms.CharField, Generic[M]):
    """Several objects named in one text field, separated by commas."""

    def __init__(
        self, find: Callable[[str], M | None], text_of: Callable[[M], str], load: Callable[[Any], list[M]],
        missing: str, **kwargs: Any,
    ) -> None:  # fmt: skip
        kwargs.setdefault("max_length", 2000)
        super().__init__(**kwargs)
        self.find, self.text_of, self.load, self.missing = find, text_of, load, missing

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, str) or value is None:
            return value
        return ", ".join(self.text_of(o) for o in self.load(list(value)))

    def clean(self, value: Any) -> list[M]:
        names = [n.strip() for n in super().clean(value).split(",") if n.strip()]
        found: list[M] = []
        unknown = []
        for name in dict.fromkeys(names):
            match = self.find(name)
            if match is None:
                unknown.append(name)
            elif match not in found:
                found.append(match)
        if unknown:
            raise forms.ValidationError(self.missing.format(text="”, “".join(unknown)))
        return found


# Teams -------------------------------------------------------------------------------------


def team_named(teams: QuerySet[Team], text: str) -> Team | None:
    """The team of ``teams`` a text names: exactly, else ignoring case (one or two queries)."""
    text = text.strip()[:200]
    return teams.filter(name=text).first() or teams.filter(name__iexact=text).first()


def team_picker(
    teams: QuerySet[Team], organization: Organization, *, field_id: str, empty_label: str | None,
    **kwargs: Any,
) -> forms.Field:  # fmt: skip
    """One of ``teams``."""
    shown = few(teams)
    if shown is not None:
        return FewChoice(shown, str, empty_label, **kwargs)
    kwargs["help_text"] = _typed(kwargs.get("help_text", ""), "Type a team's name.")
    return Named(
        lambda text: team_named(teams, text), lambda t: t.name,
        lambda pk: teams.filter(pk=pk).first(), "No team called “{text}”.",
        widget=SearchInput(attrs=searched(organization, "teams", f"{field_id}-options")),
        **kwargs,
    )  # fmt: skip


def teams_picker(
    teams: QuerySet[Team], organization: Organization, *, field_id: str, **kwargs: Any
) -> forms.Field:
    """Some of ``teams``: checkboxes, or names separated by commas."""
    shown = few(teams)
    if shown is not None:
        return FewChoices(shown, str, **kwargs)
    kwargs["help_text"] = _typed(
        kwargs.get("help_text", ""), "Type team names, separated by commas."
    )
    return NamedMany(
        lambda text: team_named(teams, text), lambda t: t.name,
        lambda pks: list(teams.filter(pk__in=pks)), "No team called “{text}”.",
        widget=SearchInput(attrs=searched(organization, "teams", f"{field_id}-options", "?many=1")),
        **kwargs,
    )  # fmt: skip


# People ------------------------------------------------------------------------------------


def person_label(person: Person) -> str:
    return person.display_name


def person_named(people: QuerySet[Person], text: str) -> Person | None:
    """The person a text names: by e-mail (what the suggestions fill in), else by a name no
    one else has."""
    text = text.strip()[:254]
    by_email = people.filter(email__iexact=text).first()
    if by_email is not None:
        return by_email
    named = list(people.filter(name__iexact=text)[:2])
    return named[0] if len(named) == 1 else None


def person_picker(
    people: QuerySet[Person], organization: Organization, *, field_id: str, empty_label: str | None,
    **kwargs: Any,
) -> forms.Field:  # fmt: skip
    """One of ``people``."""
    shown = few(people)
    if shown is not None:
        return FewChoice(shown, person_label, empty_label, **kwargs)
    kwargs["help_text"] = _typed(kwargs.get("help_text", ""), "Type a name or an e-mail address.")
    return Named(
        lambda text: person_named(people, text), lambda p: p.email,
        lambda pk: people.filter(pk=pk).first(), "No one called “{text}” here; pick one of the suggestions.",
        widget=SearchInput(attrs=searched(organization, "people", f"{field_id}-options")),
        **kwargs,
    )  # fmt: skip


# Alignment targets -------------------------------------------------------------------------

Target = Objective | KeyResult
REFERENCE = re.compile(r"^\s*(O|KR)-(\d{1,18})\b", re.IGNORECASE)


def target_text(target: Target) -> str:
    """How a searched field shows an objective or key result: its reference, then its title."""
    prefix = "KR" if isinstance(target, KeyResult) else "O"
    return f"{prefix}-{target.pk} · {target.title}"


def target_named(objectives: QuerySet[Objective], text: str) -> Target | None:
    """The objective (of ``objectives``) or key result (of one of them) a text names: by the
    reference the suggestions fill in (``O-12``, ``KR-34``), else by a title no other has."""
    if match := REFERENCE.match(text):
        kind, pk = match.group(1).upper(), int(match.group(2))
        if kind == "O":
            return objectives.filter(pk=pk).first()
        return KeyResult.objects.filter(pk=pk, objective__in=objectives).first()
    title = text.strip()[:200]
    matches: list[Target] = [*objectives.filter(title__iexact=title)[:2]]
    matches += KeyResult.objects.filter(objective__in=objectives, title__iexact=title)[:2]
    return matches[0] if len(matches) == 1 else None


def _typed(help_text: str, how: str) -> str:
    return f"{help_text} {how}".strip()
