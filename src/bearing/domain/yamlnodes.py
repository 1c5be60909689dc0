"""Typed reading of YAML nodes that remembers where each value came from.

PyYAML's composer gives us nodes with line numbers; reading them ourselves
(instead of ``yaml.safe_load``) lets every error name its line and field, and
lets numbers stay exact decimals instead of becoming floats. The file is
composed once: the same nodes give the parser its values and the importer the
line of every field (``SourceLines``), for the problems only the database finds.

Composing is bounded (limits.py): nesting deeper than ``MAX_FILE_DEPTH`` and
aliases that repeat a list or mapping are refused with their line, so a few
kilobytes can neither blow the stack nor expand into millions of nodes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bearing.domain.limits import (
    MAX_FILE_DEPTH,
    day_problem,
    label_problem,
    number_problem,
    text_problem,
)

_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
REF = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
TRUE_WORDS = {"true", "yes", "on"}
FALSE_WORDS = {"false", "no", "off"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, pointing at the line and field."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


class _Refused(yaml.MarkedYAMLError):
    """A file the composer will not build: too deep, or an alias that would expand."""


class _BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, composing at most ``MAX_FILE_DEPTH`` levels and no alias of a
    list or mapping (the "billion laughs": a 2 KB file that expands to millions of items)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        if self.check_event(AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            node = self.anchors.get(event.anchor)
            if node is not None and not isinstance(node, ScalarNode):
                raise _Refused(
                    problem=f"the alias *{event.anchor} repeats a list or mapping; "
                    "write it out (aliases may only repeat a single value)",
                    problem_mark=event.start_mark,
                )
        self.depth += 1
        try:
            if self.depth > MAX_FILE_DEPTH:
                raise _Refused(
                    problem=f"nested deeper than {MAX_FILE_DEPTH} levels; "
                    "an OKR file needs at most 8",
                    problem_mark=self.peek_event().start_mark,  # type: ignore[no-untyped-call]
                )
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _compose_fast(text: str) -> Node | None:
    """The file composed by libyaml (about five times faster than PyYAML's own composer: a
    12,000-key-result file in 0.7 s instead of 3.5 s), with the bounds of ``_BoundedLoader``
    checked on the nodes; None when libyaml is missing or rejects the file, which is then
    read again by the pure-Python loader, whose messages the errors quote."""
    if _FAST_LOADER is yaml.SafeLoader:
        return None
    try:
        root: Node | None = yaml.compose(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        return None
    _check_bounds(root)
    return root


def _check_bounds(root: Node | None) -> None:
    """No list or mapping reached twice (an alias that would expand: libyaml composes an
    alias as the node it names, so the "billion laughs" file is small here and is caught
    before anything expands it), and no deeper than ``MAX_FILE_DEPTH``."""
    seen: set[int] = set()
    stack: list[tuple[Node, int]] = [(root, 1)] if root is not None else []
    while stack:
        node, depth = stack.pop()
        if isinstance(node, ScalarNode):
            continue
        if id(node) in seen:
            raise _Refused(
                problem="an alias repeats a list or mapping; write it out (aliases may only "
                "repeat a single value)",
                problem_mark=node.start_mark,
            )
        seen.add(id(node))
        if depth > MAX_FILE_DEPTH:
            raise _Refused(
                problem=f"nested deeper than {MAX_FILE_DEPTH} levels; an OKR file needs at most 8",
                problem_mark=node.start_mark,
            )
        children = (
            [n for pair in node.value for n in pair]
            if isinstance(node, MappingNode)
            else node.value
        )
        stack.extend((child, depth + 1) for child in children)


_LAST_STEP = re.compile(r"(\.[^.\[\]]+|\[\d+\])$")


class SourceLines:
    """The line of every field of a composed file, by its path (``objectives[0].title``)."""

    def __init__(self, root: Node | None = None) -> None:
        self._lines: dict[str, int] = {}
        stack: list[tuple[Node, str]] = [(root, "")] if root is not None else []
        while stack:  # a loop, not recursion: the depth is bounded, but no stack is spent
            node, path = stack.pop()
            self._lines.setdefault(path, node.start_mark.line + 1)
            if isinstance(node, MappingNode):
                for key, value in node.value:
                    if isinstance(key, ScalarNode):
                        stack.append((value, f"{path}.{key.value}" if path else str(key.value)))
            elif isinstance(node, SequenceNode):
                stack.extend((item, f"{path}[{i}]") for i, item in enumerate(node.value))

    def line(self, path: str) -> int:
        """The line of the field, else of the nearest enclosing item that the file spells out."""
        while path:
            if path in self._lines:
                return self._lines[path]
            path = _LAST_STEP.sub("", path)
        return 1


class NodeReader:
    """Reads typed values out of nodes, collecting problems instead of stopping at the first."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.problems: list[Problem] = []
        self.lines = SourceLines()

    def fail(self, node: Node | None, field: str, message: str, line: int | None = None) -> None:
        where = line if line is not None else (node.start_mark.line + 1 if node else 1)
        self.problems.append(Problem(self.filename, where, field, message))

    def compose(self, text: str) -> Node | None:
        try:
            root = _compose_fast(text)
            if root is None:
                loader = _BoundedLoader(text)
                try:
                    root = loader.get_single_node()
                finally:
                    loader.dispose()
            self.lines = SourceLines(root)
            return root
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else 1
            what = exc.problem or "invalid YAML"
            self.fail(None, "(syntax)", f"not valid YAML: {what}", line=line)
        except yaml.YAMLError as exc:
            self.fail(None, "(syntax)", f"not valid YAML: {exc}")
        return None

    def mapping(
        self, node: Node, field: str, allowed: tuple[str, ...], required: tuple[str, ...] = ()
    ) -> dict[str, Node] | None:
        if not isinstance(node, MappingNode):
            self.fail(node, field, f"expected a mapping with keys {_keys(allowed)}")
            return None
        result: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            where = f"{field}.{key}" if field else str(key)
            if key not in allowed:
                self.fail(key_node, where, f"unknown field; valid fields are {_keys(allowed)}")
            elif key in result:
                self.fail(key_node, where, "given twice; give each field once")
            else:
                result[key] = value_node
        for key in required:
            if key not in result:
                self.fail(node, f"{field}.{key}" if field else key, "required but missing")
        return result

    def sequence(self, node: Node, field: str, *, limit: int | None = None) -> list[Node]:
        """The items of a list; more than ``limit`` of them is a problem (and none are read)."""
        if isinstance(node, SequenceNode):
            if limit is not None and len(node.value) > limit:
                self.fail(node, field, f"more than {limit:,} items; split the file (by team, say)")
                return []
            return list(node.value)
        if _is_null(node):
            return []
        self.fail(node, field, "expected a list (lines starting with '- ')")
        return []

    def text(self, node: Node, field: str, *, allow_empty: bool = False) -> str | None:
        if not isinstance(node, ScalarNode) or _is_null(node):
            self.fail(node, field, "expected text")
            return None
        value = str(node.value).strip()
        if not value and not allow_empty:
            self.fail(node, field, "must not be empty")
            return None
        if problem := text_problem(value):
            self.fail(node, field, problem)
            return None
        return value

    def label(self, node: Node, field: str) -> str | None:
        """A name or title: text that shows something, without direction overrides."""
        value = self.text(node, field)
        if value is not None and (problem := label_problem(value)):
            self.fail(node, field, problem)
            return None
        return value

    def texts(self, node: Node, field: str) -> list[tuple[str, Node]]:
        """A list of texts; a single text is accepted as a list of one."""
        if isinstance(node, ScalarNode) and not _is_null(node):
            value = self.text(node, field)
            return [] if value is None else [(value, node)]
        out = []
        for i, item in enumerate(self.sequence(node, field)):
            value = self.text(item, f"{field}[{i}]")
            if value is not None:
                out.append((value, item))
        return out

    def email(self, node: Node, field: str) -> str | None:
        value = self.text(node, field)
        if value is not None and not EMAIL.match(value):
            self.fail(node, field, f"{value!r} is not an e-mail address (name@example.com)")
            return None
        return value

    def ref(self, node: Node, field: str) -> str | None:
        value = self.text(node, field)
        if value is not None and not REF.match(value):
            self.fail(
                node, field, f"{value!r} is not a valid ref: use letters, digits, '-', '_', '.'"
            )
            return None
        return value

    def decimal(self, node: Node, field: str) -> Decimal | None:
        raw = node.value if isinstance(node, ScalarNode) else None
        if raw is None or _is_null(node) or str(raw).strip().lower() in TRUE_WORDS | FALSE_WORDS:
            self.fail(node, field, "expected a number such as 42 or 99.5")
            return None
        text = str(raw).strip().replace("_", "")
        try:
            value = Decimal(text)
        except InvalidOperation:
            hint = " (leave the % sign out and put it in unit)" if text.endswith("%") else ""
            self.fail(node, field, f"expected a number such as 42 or 99.5, got {raw!r}{hint}")
            return None
        if problem := number_problem(value):
            self.fail(node, field, problem if value.is_finite() else f"{problem}, got {raw!r}")
            return None
        return value

    def day(self, node: Node, field: str) -> date | None:
        raw = node.value if isinstance(node, ScalarNode) else None
        try:
            day = date.fromisoformat(str(raw).strip()) if raw is not None else None
        except ValueError:
            day = None
        if day is None:
            self.fail(node, field, f"expected a date as YYYY-MM-DD, got {raw!r}")
        elif problem := day_problem(day):
            self.fail(node, field, problem)
            return None
        return day

    def boolean(self, node: Node, field: str) -> bool | None:
        raw = str(node.value).strip().lower() if isinstance(node, ScalarNode) else ""
        if raw in TRUE_WORDS:
            return True
        if raw in FALSE_WORDS:
            return False
        self.fail(node, field, "expected true or false")
        return None


def _is_null(node: Node) -> bool:
    return (
        isinstance(node, ScalarNode)
        and node.tag == "tag:yaml.org,2002:null"
        and node.value in ("", "~", "null", "Null", "NULL")
    )


def _keys(allowed: tuple[str, ...]) -> str:
    return ", ".join(allowed)
