"""What every form of the UI shares: errors tied to their fields for screen readers too."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError


class BearingForm(forms.Form):
    """A form that takes errors from the services. Django marks invalid fields aria-invalid and
    points them at ``<id>_error``, the id ``includes/field.html`` gives the message."""

    def add_error(self, field: str | None, error: Any) -> None:
        if field is not None and field not in self.fields:
            field = None  # an error about something the form does not show: show it on top
        super().add_error(field, error)

    def add_service_errors(
        self, error: ValidationError, rename: Mapping[str, str] | None = None
    ) -> None:
        """Show a service's ValidationError next to the fields it names (``rename``: the
        service's name of a field → the form's)."""
        if hasattr(error, "error_dict"):
            for name, messages in error.message_dict.items():
                field = (rename or {}).get(name, name)
                self.add_error(field, [sentence(m) for m in messages])
        else:
            self.add_error(None, [sentence(m) for m in error.messages])


def sentence(message: str) -> str:
    """Services speak in lower-case fragments; on a page they start with a capital letter."""
    return message[:1].upper() + message[1:] if message else message
