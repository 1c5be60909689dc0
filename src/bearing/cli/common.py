"""What the commands share: Django start-up, errors users can cause, JSON output."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from enum import Enum
from functools import wraps
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import click

P = ParamSpec("P")
R = TypeVar("R")


class UserError(click.ClickException):
    """A mistake the user can fix: printed as one message, exit status 2, never a traceback."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"error: {self.format_message()}", err=True)


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bearing.settings")
    import django

    django.setup()


def with_django(func: Callable[P, R]) -> Callable[P, R]:
    """Set Django up before the command runs, and turn validation errors into messages."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        setup_django()
        from django.core.exceptions import ValidationError
        from django.db import DatabaseError

        from bearing.busy import BUSY_MESSAGE, is_busy

        try:
            return func(*args, **kwargs)
        except ValidationError as exc:
            raise UserError(validation_message(exc)) from None
        except DatabaseError as exc:
            if is_busy(exc):
                raise UserError(f"{BUSY_MESSAGE} (nothing was changed)") from None
            raise UserError(f"the database refused: {exc}".strip()) from None

    return wrapper


def validation_message(exc: Any) -> str:
    if hasattr(exc, "message_dict"):
        return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items())
    return " ".join(exc.messages)


def read_text(path: Path, limit: int | None = None) -> str:
    """The file's text; a file over ``limit`` bytes is refused before it is read."""
    try:
        if limit is not None and (size := path.stat().st_size) > limit:
            raise UserError(f"{path} has {size:,} bytes; at most {limit:,} are read (split it)")
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise UserError(f"{path}: not a UTF-8 text file") from None
    except OSError as exc:
        raise UserError(f"{path}: {exc.strerror}") from None


def _json_default(value: object) -> object:
    if isinstance(value, Decimal):
        # Values are quantized to at most four places, so a float prints the same digits.
        return float(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def to_json(data: Any) -> str:
    return json.dumps(data, default=_json_default, indent=2, ensure_ascii=False)


def fmt_number(value: Decimal | None, places: int = 1) -> str:
    return "–" if value is None else f"{value:.{places}f}"
