"""The forms of the data sources: a connection (Settings → Connections) and a key result's
source (with its "Test" button)."""

from __future__ import annotations

from typing import Any

from django import forms

from bearing.integrations.models import Connection, ConnectionKind, Schedule, SourceKind
from bearing.web.forms.base import BearingForm


class ConnectionForm(BearingForm):
    name = forms.CharField(max_length=100, help_text="How sources and OKR files name it.")
    kind = forms.ChoiceField(choices=ConnectionKind.choices)
    host = forms.CharField(max_length=255, required=False, help_text="Database server.")
    port = forms.IntegerField(min_value=1, max_value=65535, required=False)
    database = forms.CharField(
        max_length=500, required=False, help_text="The database's name, or a SQLite file's path."
    )
    username = forms.CharField(
        max_length=200, required=False, help_text="Prefer a user that may only read."
    )
    base_url = forms.CharField(
        max_length=500, required=False, label="Base address",
        help_text="HTTP: sources give a path under it.",
    )  # fmt: skip
    header_name = forms.CharField(
        max_length=100, required=False, label="Auth header", help_text="e.g. Authorization"
    )
    secret = forms.CharField(
        max_length=2000, required=False, label="Password or header value",
        widget=forms.PasswordInput(render_value=False),
        help_text="Stored encrypted; never shown again.",
    )  # fmt: skip


class SourceForm(BearingForm):
    kind = forms.ChoiceField(choices=SourceKind.choices, label="Source")
    connection = forms.ChoiceField(
        required=False, help_text="A database for SQL; an HTTP connection for header auth."
    )
    query = forms.CharField(
        required=False, max_length=10_000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="SQL: one number, e.g. SELECT count(*) FROM signups",
    )  # fmt: skip
    url = forms.CharField(
        required=False, max_length=500, label="Address",
        help_text="JSON or CSV: the address, or a path under the connection's.",
    )  # fmt: skip
    selector = forms.CharField(
        required=False, max_length=500,
        help_text='JSON: JMESPath (data.total). CSV: a cell ("B3") or column@row ("Revenue@last").',
    )  # fmt: skip
    schedule = forms.ChoiceField(choices=Schedule.choices, initial=Schedule.DAILY)

    def __init__(self, *args: Any, connections: list[Connection], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["connection"].choices = [("", "None")] + [  # type: ignore[attr-defined]
            (str(c.pk), f"{c.name} ({c.get_kind_display()})") for c in connections
        ]
