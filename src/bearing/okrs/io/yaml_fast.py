"""A fast writer for the OKR file's YAML: the shape ``okrs.io.document`` builds, nothing else.

PyYAML's representer walks every value in Python: a 10,000-person cycle's export (2,000
objectives, 72,000 values) took 25 seconds. This writes the same layout PyYAML does
(block style, two-space indent, lists at their key's column, history entries and short
lists on one line) by plain string building, and quotes conservatively: a text is written
bare only when it cannot be read back as anything but that text. tests/io/test_yaml_fast.py
holds it to PyYAML's reading of every kind of text (hypothesis).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

import yaml

from bearing.okrs.io.document import FlowList, FlowMap, plain

# Bare text: starts with a letter or a digit (never a YAML indicator), then letters, digits,
# spaces and punctuation that mean nothing to YAML in block or flow context; and YAML's own
# resolver reads it as text (not a number, a date, a boolean or null).
_BARE = re.compile(r"\w[\w .@/()+&%$€£?!=~*^-]*", re.UNICODE)
_RESOLVER = yaml.resolver.Resolver()
_STR = "tag:yaml.org,2002:str"
_BARE_LAST = re.compile(r"[\w.)?!%$€£]", re.UNICODE)
# Words YAML 1.1 reads as booleans or null.
_SPECIAL = frozenset(("y", "n", "yes", "no", "true", "false", "on", "off", "null"))


def dump_document(document: dict[str, Any]) -> str:
    return "".join(_mapping(document, 0))


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, Decimal):
        return format(plain(value), "f")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return _text(str(value))


@lru_cache(maxsize=65536)
def _text(value: str) -> str:
    """A text as YAML (cached: keys, team names and e-mails repeat thousands of times)."""
    if (
        _BARE.fullmatch(value)
        and _BARE_LAST.fullmatch(value[-1])
        and value.lower() not in _SPECIAL
        and "  " not in value
        and _RESOLVER.resolve(yaml.nodes.ScalarNode, value, (True, False)) == _STR  # type: ignore[no-untyped-call]
    ):
        return value
    if value.isprintable():
        return "'" + value.replace("'", "''") + "'"
    return _double_quoted(value)


def _double_quoted(value: str) -> str:
    """Any text, with everything YAML might not take as it is escaped."""
    out = ['"']
    for char in value:
        if char in ('"', "\\"):
            out.append("\\" + char)
        elif char.isprintable():
            out.append(char)
        elif ord(char) < 0x100:
            out.append(f"\\x{ord(char):02x}")
        elif ord(char) < 0x10000:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    out.append('"')
    return "".join(out)


def _block_text(value: str, indent: int) -> str | None:
    """A multi-line text as a literal block (``|``), when it can be written as one exactly."""
    if "\r" in value or value != value.rstrip("\n") + ("\n" if value.endswith("\n") else ""):
        return None
    body = value.removesuffix("\n")
    lines = body.split("\n")
    if not body.strip() or lines[0].startswith((" ", "\t")):
        return None
    if any(not line.isprintable() for line in lines):
        return None
    if any(line != line.rstrip(" ") for line in lines):
        return None
    head = "|" if value.endswith("\n") else "|-"
    pad = " " * (indent + 2)
    return head + "\n" + "".join(f"{pad}{line}\n" if line else "\n" for line in lines)


def _in_flow(written: str) -> str:
    """A scalar inside ``[...]`` or ``{...}``: PyYAML ends a bare one at "?" there, so such a
    text is quoted (found by hypothesis: a team called "Who?" broke the contributors list)."""
    if "?" in written and written[0] not in "'\"":
        return (
            "'" + written.replace("'", "''") + "'"
            if written.isprintable()
            else _double_quoted(written)
        )
    return written


def _flow(value: Any) -> str:
    if isinstance(value, FlowMap):
        return (
            "{"
            + ", ".join(f"{_in_flow(_text(k))}: {_in_flow(_scalar(v))}" for k, v in value.items())
            + "}"
        )
    return "[" + ", ".join(_in_flow(_scalar(v)) for v in value) + "]"


def _value_after_key(value: Any, indent: int) -> Iterator[str]:
    """What follows ``key:`` — on the same line for scalars and flow collections, on the
    next lines for block ones."""
    if isinstance(value, FlowMap | FlowList):
        yield f" {_flow(value)}\n"
    elif isinstance(value, dict):
        if not value:
            yield " {}\n"
        else:
            yield "\n"
            yield from _mapping(value, indent + 2)
    elif isinstance(value, list):
        if not value:
            yield " []\n"
        else:
            yield "\n"
            yield from _sequence(value, indent)
    elif isinstance(value, str) and "\n" in value:
        block = _block_text(value, indent)
        yield f" {block}" if block is not None else f" {_double_quoted(value)}\n"
    else:
        yield f" {_scalar(value)}\n"


def _mapping(
    mapping: dict[str, Any], indent: int, first_prefix: str | None = None
) -> Iterator[str]:
    pad = " " * indent
    for i, (key, value) in enumerate(mapping.items()):
        prefix = first_prefix if (i == 0 and first_prefix is not None) else pad
        yield f"{prefix}{_text(key)}:"
        yield from _value_after_key(value, indent)


def _sequence(items: list[Any], indent: int) -> Iterator[str]:
    pad = " " * indent
    for item in items:
        if isinstance(item, FlowMap | FlowList):
            yield f"{pad}- {_flow(item)}\n"
        elif isinstance(item, dict) and item:
            yield from _mapping(item, indent + 2, first_prefix=f"{pad}- ")
        elif isinstance(item, list) and item:
            yield f"{pad}-\n"
            yield from _sequence(item, indent + 2)
        elif isinstance(item, dict | list):
            yield f"{pad}- {'{}' if isinstance(item, dict) else '[]'}\n"
        else:
            yield f"{pad}- {_scalar(item)}\n"
