"""The forms of the token and OKR-file pages."""

from __future__ import annotations

from typing import Any

from django import forms

from bearing.domain.limits import MAX_FILE_BYTES, MAX_NAME


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=100,
        required=False,
        help_text="What the token is for, e.g. “data pipeline”, so you can tell tokens apart.",
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label="OKR file",
        required=False,
        help_text="A YAML file in Bearing's OKR file format, or the CSV its export writes.",
    )
    text = forms.CharField(
        label="Or paste the file",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
    )
    company_team = forms.CharField(
        label="The file's company team is",
        max_length=MAX_NAME,
        required=False,
        help_text="The name the file gives the team without a parent, when it differs from "
        "this organization's company team (by default that team is taken as the company, "
        "with a note).",
    )
    dry_run = forms.BooleanField(
        label="Only check it (change nothing)",
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("file")
        if upload is not None:
            if upload.size > MAX_FILE_BYTES:
                self.add_error("file", "That file is larger than 5 MB; split it by cycle or team.")
                return data
            try:
                data["text"] = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                self.add_error("file", "That is not a UTF-8 text file; export it as YAML text.")
                return data
            data["filename"] = upload.name
        elif not (data.get("text") or "").strip():
            self.add_error("file", "Choose a file, or paste one below.")
        else:
            data["filename"] = "pasted text"
        return data
