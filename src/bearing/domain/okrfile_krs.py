"""Reading one key result of an OKR file: its kind (given or inferred), numbers and history.

Part of the OKR file parser (okrfile.py), apart because key results carry most
of the file's rules: which fields fit which kind, and measurements in date order.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from yaml.nodes import MappingNode, Node

from bearing.domain.krfields import KINDS, infer_kind, kind_problems
from bearing.domain.limits import MAX_FILE_MEASUREMENTS
from bearing.domain.model import FileSource, KeyResult, KRKind, Measurement
from bearing.domain.yamlnodes import NodeReader

KR_FIELDS = (
    "ref", "title", "kind", "start", "target", "current", "done",
    "unit", "weight", "owner", "history", "source",
)  # fmt: skip
MEASUREMENT_FIELDS = ("date", "value", "note")
SOURCE_FIELDS = ("kind", "connection", "query", "url", "selector", "schedule")
SOURCE_KINDS = ("sql", "json", "csv")
SCHEDULES = ("hourly", "daily", "weekly")
# What a file must never carry: credentials go in a connection, named by ``connection``.
CREDENTIAL_FIELDS = ("password", "secret", "token", "headers", "header", "username", "user",
                     "host", "api_key")  # fmt: skip

OwnRef = Callable[[Node | None, str, str | None], str | None]


class KeyResultReader:
    def __init__(self, reader: NodeReader, own_ref: OwnRef) -> None:
        self.r = reader
        self.own_ref = own_ref  # the parser's: refs are unique across the whole file
        self.measurements = 0  # history entries read so far, in the whole file

    def read(self, node: Node, path: str) -> tuple[KeyResult | None, str | None]:
        """The key result (None when it has problems) and its ref (even then, when known)."""
        m = self.r.mapping(node, path, KR_FIELDS, required=("title",))
        if m is None:
            return None, None
        title = self.r.label(m["title"], f"{path}.title") if "title" in m else None
        ref = self.own_ref(m.get("ref"), f"{path}.ref", title)
        num = {
            k: self.r.decimal(m[k], f"{path}.{k}")
            for k in ("start", "target", "current", "weight")
            if k in m
        }
        done = self.r.boolean(m["done"], f"{path}.done") if "done" in m else None
        kind, kind_ok = self._kind(m, path, num)
        history = self._history(m.get("history"), f"{path}.history")
        weight = num.get("weight", Decimal(1))
        if weight is not None and weight <= 0:
            self.r.fail(m["weight"], f"{path}.weight", "must be a number above 0")
        unit = (
            (self.r.text(m["unit"], f"{path}.unit", allow_empty=True) or "") if "unit" in m else ""
        )
        owner = self.r.email(m["owner"], f"{path}.owner") if "owner" in m else None
        source, source_ok = self._source(m.get("source"), f"{path}.source", kind)
        if title is None or ref is None or weight is None or not kind_ok or not source_ok:
            return None, ref
        kr = KeyResult(
            ref=ref, title=title, kind=kind, start=num.get("start"), target=num.get("target"),
            current=num.get("current"), done=bool(done), weight=weight, unit=unit, owner=owner,
            history=history, source=source,
        )  # fmt: skip
        return kr, ref

    def _source(
        self, node: Node | None, path: str, kind: KRKind | None
    ) -> tuple[FileSource | None, bool]:
        """``source:``: a connection by name and what to read; credentials never."""
        if node is None:
            return None, True
        if isinstance(node, MappingNode):
            for key_node, _ in node.value:
                if getattr(key_node, "value", None) in CREDENTIAL_FIELDS:
                    self.r.fail(key_node, f"{path}.{key_node.value}", "credentials never go in "
                                "a file: name a connection (Settings → Connections) instead")  # fmt: skip
                    return None, False
        m = self.r.mapping(node, path, SOURCE_FIELDS)
        if m is None:
            return None, False
        text = {
            k: self.r.text(m[k], f"{path}.{k}", allow_empty=True) or ""
            for k in SOURCE_FIELDS
            if k in m
        }
        if kind is KRKind.MILESTONE:
            self.r.fail(node, path, "a milestone is done or not; it takes no number from a source")
            return None, False
        given = text.get("kind", "")
        if given and given not in SOURCE_KINDS:
            self.r.fail(m["kind"], f"{path}.kind", f"{given!r} is not a kind; use one of "
                        f"{', '.join(SOURCE_KINDS)}")  # fmt: skip
            return None, False
        url = text.get("url", "")
        inferred = "sql" if text.get("query") else ("csv" if _csv_path(url) else "json")
        source_kind = given or inferred
        if source_kind == "sql" and not text.get("query"):
            self.r.fail(node, f"{path}.query", "required: the query returning one number")
            return None, False
        if source_kind != "sql" and not url:
            self.r.fail(node, f"{path}.url", "required: the address to fetch (or give a query)")
            return None, False
        schedule = text.get("schedule") or "daily"
        if schedule not in SCHEDULES:
            self.r.fail(m["schedule"], f"{path}.schedule", f"{schedule!r} is not a schedule; "
                        f"use one of {', '.join(SCHEDULES)}")  # fmt: skip
            return None, False
        return FileSource(
            kind=source_kind, connection=text.get("connection") or None,
            query=text.get("query", ""), url=url, selector=text.get("selector", ""),
            schedule=schedule,
        ), True  # fmt: skip

    def _kind(
        self, m: dict[str, Node], path: str, num: dict[str, Decimal | None]
    ) -> tuple[KRKind | None, bool]:
        """The kind, given or inferred (None for a draft), and whether the fields fit it."""
        start, target = num.get("start"), num.get("target")
        measured = "current" in m or "history" in m
        if "kind" in m:
            raw = self.r.text(m["kind"], f"{path}.kind")
            if raw not in {k.value for k in KRKind}:
                if raw is not None:
                    self.r.fail(
                        m["kind"], f"{path}.kind", f"{raw!r} is not a kind; use one of {KINDS}"
                    )
                return None, False
            kind = KRKind(raw)
        elif "start" in m and "target" in m:
            if start is None or target is None:
                return None, False
            inferred = infer_kind(start, target)
            if inferred is None:
                self.r.fail(
                    m["target"],
                    f"{path}.target",
                    kind_problems(KRKind.INCREASE, start, target)[0][1],
                )
                return None, False
            kind = inferred
        elif "done" in m:
            kind = KRKind.MILESTONE
        elif "start" in m or "target" in m or measured:
            missing = "target" if "target" not in m else "start"
            self.r.fail(m.get("target") or m.get("start") or m.get("current") or m.get("history"), f"{path}.{missing}",
                        f"required: give start and target, or a kind ({KINDS})")  # fmt: skip
            return None, False
        else:
            return None, True  # a draft: only a title so far
        return kind, self._kind_fits(kind, m, path, start, target)

    def _kind_fits(
        self,
        kind: KRKind,
        m: dict[str, Node],
        path: str,
        start: Decimal | None,
        target: Decimal | None,
    ) -> bool:
        ok = True
        if kind is KRKind.MILESTONE:
            for k in ("start", "target", "current", "history"):
                if k in m:
                    self.r.fail(
                        m[k], f"{path}.{k}", "a milestone has no numbers; use done: true or false"
                    )
                    ok = False
            return ok
        if "done" in m:
            self.r.fail(
                m["done"], f"{path}.done", f"only milestones are done or not; this is {kind.value}"
            )
            ok = False
        if ("start" in m and start is None) or ("target" in m and target is None):
            return False  # the number itself was reported already
        for name, message in kind_problems(kind, start, target):
            self.r.fail(m.get(name) or m.get("kind"), f"{path}.{name}", message)
            ok = False
        return ok

    def _history(self, node: Node | None, path: str) -> tuple[Measurement, ...]:
        if node is None:
            return ()
        out: list[Measurement] = []
        last: date | None = None
        items = self.r.sequence(node, path, limit=MAX_FILE_MEASUREMENTS)
        self.measurements += len(items)
        if self.measurements > MAX_FILE_MEASUREMENTS:
            self.r.fail(
                node, path, f"more than {MAX_FILE_MEASUREMENTS:,} values in one file; split it"
            )
            return ()
        for i, item in enumerate(items):
            where = f"{path}[{i}]"
            m = self.r.mapping(item, where, MEASUREMENT_FIELDS, required=("date", "value"))
            if m is None or "date" not in m or "value" not in m:
                continue
            on = self.r.day(m["date"], f"{where}.date")
            value = self.r.decimal(m["value"], f"{where}.value")
            note = (
                (self.r.text(m["note"], f"{where}.note", allow_empty=True) or "")
                if "note" in m
                else ""
            )
            if on is None or value is None:
                continue
            if last is not None and on < last:
                self.r.fail(
                    m["date"],
                    f"{where}.date",
                    f"history must be in date order; {on} comes before {last}",
                )
            last = on
            out.append(Measurement(on=on, value=value, note=note))
        return tuple(out)


def _csv_path(url: str) -> bool:
    return url.split("?", 1)[0].split("#", 1)[0].lower().endswith(".csv")
