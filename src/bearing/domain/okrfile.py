"""The OKR file (okr-file-format.md, version 1): parse and validate into an ``OKRSet``.

Every problem names the file, line and field and what would be valid; a file
with any problem is rejected whole, so callers either get a complete set or
an ``OKRFileError`` listing everything that is wrong.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from yaml.nodes import Node

from bearing.domain.alignment import objective_graph
from bearing.domain.limits import (
    MAX_FILE_KEY_RESULTS_PER_OBJECTIVE,
    SERVER_FILE_LIMITS,
    FileLimits,
)
from bearing.domain.model import (
    Cycle,
    FileKPI,
    KeyResult,
    Link,
    LinkKind,
    Objective,
    OKRSet,
    Person,
    Team,
)
from bearing.domain.okrfile_krs import KR_FIELDS, KeyResultReader
from bearing.domain.yamlnodes import NodeReader, Problem, SourceLines

TOP_FIELDS = (
    "version", "organization", "cycle", "as_of", "teams", "people", "objectives", "kpis",
)  # fmt: skip
KPI_FIELDS = (
    "name", "description", "unit", "healthy_min", "healthy_max", "owner", "team", "north_star",
    "history",
)  # fmt: skip
MAX_FILE_KPIS = 200
CYCLE_FIELDS = ("name", "start", "end")
TEAM_FIELDS = ("name", "parent", "lead")
PERSON_FIELDS = ("email", "name", "teams")
OBJECTIVE_FIELDS = (
    "ref", "title", "description", "team", "owner", "contributors",
    "aligned_to", "cascaded_from", "key_results", "state", "visibility",
)  # fmt: skip
# Optional objective fields that keep an export faithful; omitted means "not said".
OBJECTIVE_STATES = ("draft", "active", "closed", "abandoned")
VISIBILITIES = ("public", "private")


class OKRFileError(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def parse_okr_file(
    text: str, filename: str = "<okr file>", limits: FileLimits = SERVER_FILE_LIMITS
) -> OKRSet:
    """Parse the text of an OKR file; raise ``OKRFileError`` naming every problem."""
    return read_okr_file(text, filename, limits)[0]


def read_okr_file(
    text: str, filename: str = "<okr file>", limits: FileLimits = SERVER_FILE_LIMITS
) -> tuple[OKRSet, SourceLines]:
    """The OKR set and the line of each of its fields (for problems found later, in the
    database); raise ``OKRFileError`` naming every problem."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limits.bytes:
        too_big = (
            f"the file has {size:,} bytes; split it (at most {limits.bytes:,}, by cycle or team)"
        )
        raise OKRFileError([Problem(filename, 1, "(file)", too_big)])
    parser = _Parser(NodeReader(filename), limits)
    okrs = parser.parse(text)
    if parser.r.problems or okrs is None:
        problems = sorted(parser.r.problems, key=lambda p: p.line)
        raise OKRFileError(problems or [Problem(filename, 1, "(file)", "could not be read")])
    return okrs, parser.r.lines


@dataclass
class _PendingObjective:
    """An objective read from the file whose links are checked once every ref is known."""

    node: Node
    path: str
    objective: Objective
    link_nodes: list[tuple[str, Node, LinkKind]] = field(default_factory=list)


class _Parser:
    def __init__(self, reader: NodeReader, limits: FileLimits = SERVER_FILE_LIMITS) -> None:
        self.r = reader
        self.limits = limits
        self.claimed: set[str] = set()  # refs the file spells out, reserved before deriving any
        self.used: set[str] = set()  # refs given to an objective or key result so far
        self.kr_owner: dict[str, str] = {}  # key-result ref -> its objective's ref
        self.derived: dict[str, str] = {}
        self.next_suffix: dict[str, int] = {}  # slug -> the next number to try after it
        self.key_result_count = 0
        self.key_results = KeyResultReader(reader, self._own_ref)

    def parse(self, text: str) -> OKRSet | None:
        root = self.r.compose(text)
        if self.r.problems:
            return None
        if root is None:
            self.r.fail(
                None, "(file)", "the file is empty; expected version, cycle, teams and objectives"
            )
            return None
        top = self.r.mapping(root, "", TOP_FIELDS, required=("version", "cycle", "teams"))
        if top is None:
            return None
        self._version(top.get("version"))
        cycle = self._cycle(top["cycle"]) if "cycle" in top else None
        as_of = self.r.day(top["as_of"], "as_of") if "as_of" in top else None
        organization = (
            self.r.label(top["organization"], "organization") if "organization" in top else None
        )
        teams = self._teams(top["teams"]) if "teams" in top else ()
        team_names = {t.name for t in teams}
        people = self._people(top.get("people"), team_names)
        pending = self._objectives(top.get("objectives"), team_names)
        objectives = self._resolve_links(pending)
        kpis = self._kpis(top.get("kpis"), team_names)
        if cycle is None:
            return None
        return OKRSet(
            cycle=cycle,
            teams=teams,
            objectives=objectives,
            people=people,
            organization=organization,
            as_of=as_of,
            derived_refs=self.derived,
            kpis=kpis,
        )

    def _version(self, node: Node | None) -> None:
        if node is None:
            return
        if self.r.decimal(node, "version") != 1:
            self.r.fail(node, "version", "this tool reads version 1 files; write 'version: 1'")

    def _cycle(self, node: Node) -> Cycle | None:
        m = self.r.mapping(node, "cycle", CYCLE_FIELDS, required=CYCLE_FIELDS)
        if m is None or any(k not in m for k in CYCLE_FIELDS):
            return None
        name = self.r.label(m["name"], "cycle.name")
        start = self.r.day(m["start"], "cycle.start")
        end = self.r.day(m["end"], "cycle.end")
        if name is None or start is None or end is None:
            return None
        if end <= start:
            self.r.fail(m["end"], "cycle.end", f"must be after the start ({start.isoformat()})")
            return None
        return Cycle(name=name, start=start, end=end)

    def _teams(self, node: Node) -> tuple[Team, ...]:
        teams: list[Team] = []
        nodes: dict[str, Node] = {}
        for i, item in enumerate(self.r.sequence(node, "teams", limit=self.limits.teams)):
            path = f"teams[{i}]"
            m = self.r.mapping(item, path, TEAM_FIELDS, required=("name",))
            if m is None or "name" not in m:
                continue
            name = self.r.label(m["name"], f"{path}.name")
            parent = self.r.text(m["parent"], f"{path}.parent") if "parent" in m else None
            lead = self.r.email(m["lead"], f"{path}.lead") if "lead" in m else None
            if name is None:
                continue
            if name in nodes:
                self.r.fail(m["name"], f"{path}.name", f"team {name!r} is listed twice")
                continue
            nodes[name] = item
            teams.append(Team(name=name, parent=parent, lead=lead))
        self._check_team_tree(teams, nodes, node)
        return tuple(teams)

    def _check_team_tree(self, teams: list[Team], nodes: dict[str, Node], node: Node) -> None:
        names = {t.name for t in teams}
        roots = [t for t in teams if t.parent is None]
        for i, t in enumerate(teams):
            if t.parent is not None and t.parent not in names:
                self.r.fail(nodes[t.name], f"teams[{i}].parent", _unknown("team", t.parent, names))
        if teams and not roots:
            # Usually one: the company. A file of some of an organization's teams starts from
            # those teams instead, without repeating their chain (an import finds them).
            self.r.fail(node, "teams", "one team must have no parent: the company")
        parent_of = {t.name: t.parent for t in teams}
        for t in teams:
            seen = {t.name}
            up = t.parent
            while up is not None and up in parent_of:
                if up in seen:
                    self.r.fail(nodes[t.name], "teams", f"team {t.name!r} is its own ancestor")
                    break
                seen.add(up)
                up = parent_of[up]

    def _people(self, node: Node | None, team_names: set[str]) -> tuple[Person, ...]:
        if node is None:
            return ()
        people: list[Person] = []
        seen: set[str] = set()
        for i, item in enumerate(self.r.sequence(node, "people", limit=self.limits.people)):
            path = f"people[{i}]"
            m = self.r.mapping(item, path, PERSON_FIELDS, required=("email",))
            if m is None or "email" not in m:
                continue
            email = self.r.email(m["email"], f"{path}.email")
            name = self.r.label(m["name"], f"{path}.name") if "name" in m else ""
            teams = self._team_refs(m.get("teams"), f"{path}.teams", team_names)
            if email is None:
                continue
            if email.lower() in seen:
                self.r.fail(m["email"], f"{path}.email", f"{email!r} is listed twice")
                continue
            seen.add(email.lower())
            people.append(Person(email=email, name=name or "", teams=teams))
        return tuple(people)

    def _kpis(self, node: Node | None, team_names: set[str]) -> tuple[FileKPI, ...]:
        """The ``kpis:`` section (optional): health metrics with a healthy range and readings."""
        if node is None:
            return ()
        kpis: list[FileKPI] = []
        seen: set[str] = set()
        north_stars = 0
        for i, item in enumerate(self.r.sequence(node, "kpis", limit=MAX_FILE_KPIS)):
            path = f"kpis[{i}]"
            m = self.r.mapping(item, path, KPI_FIELDS, required=("name",))
            if m is None or "name" not in m:
                continue
            name = self.r.label(m["name"], f"{path}.name")
            low = (
                self.r.decimal(m["healthy_min"], f"{path}.healthy_min")
                if "healthy_min" in m
                else None
            )
            high = (
                self.r.decimal(m["healthy_max"], f"{path}.healthy_max")
                if "healthy_max" in m
                else None
            )
            if low is not None and high is not None and low > high:
                self.r.fail(m["healthy_max"], f"{path}.healthy_max",
                            f"the healthy range's top ({high}) is below its bottom ({low})")  # fmt: skip
            team = self.r.label(m["team"], f"{path}.team") if "team" in m else None
            if team is not None and team not in team_names:
                self.r.fail(m["team"], f"{path}.team", _unknown("team", team, team_names))
            owner = self.r.email(m["owner"], f"{path}.owner") if "owner" in m else None
            star = (
                bool(self.r.boolean(m["north_star"], f"{path}.north_star"))
                if "north_star" in m
                else False
            )
            north_stars += star
            if star and north_stars > 1:
                self.r.fail(m["north_star"], f"{path}.north_star",
                            "only one KPI may be the North Star")  # fmt: skip
            history = self.key_results._history(m.get("history"), f"{path}.history")
            if name is None:
                continue
            if name in seen:
                self.r.fail(m["name"], f"{path}.name", f"KPI {name!r} is listed twice")
                continue
            seen.add(name)
            kpis.append(FileKPI(name=name, unit=self._free(m, path, "unit"),
                                description=self._free(m, path, "description"),
                                healthy_min=low, healthy_max=high, owner=owner, team=team,
                                north_star=star, history=history))  # fmt: skip
        return tuple(kpis)

    def _free(self, m: dict[str, Node], path: str, key: str) -> str:
        """An optional free-text field: "" when left out."""
        if key not in m:
            return ""
        return self.r.text(m[key], f"{path}.{key}", allow_empty=True) or ""

    def _team_refs(self, node: Node | None, path: str, team_names: set[str]) -> tuple[str, ...]:
        if node is None:
            return ()
        out = []
        for name, item in self.r.texts(node, path):
            if name not in team_names:
                self.r.fail(item, path, _unknown("team", name, team_names))
            else:
                out.append(name)
        return tuple(out)

    def _objectives(self, node: Node | None, team_names: set[str]) -> list[_PendingObjective]:
        if node is None:
            return []
        items = self.r.sequence(node, "objectives", limit=self.limits.objectives)
        # Explicit refs first, so derived ones never take a name the file uses later.
        self._claim_explicit_refs(items)
        pending = []
        for i, item in enumerate(items):
            obj = self._objective(item, f"objectives[{i}]", team_names)
            if obj is not None:
                pending.append(obj)
        return pending

    def _claim_explicit_refs(self, items: list[Node]) -> None:
        reported = len(self.r.problems)
        for i, item in enumerate(items):
            m = self.r.mapping(item, f"objectives[{i}]", OBJECTIVE_FIELDS)
            if m is None:
                continue
            self._claim(m.get("ref"), f"objectives[{i}].ref")
            krs = (
                self.r.sequence(m["key_results"], "", limit=MAX_FILE_KEY_RESULTS_PER_OBJECTIVE)
                if "key_results" in m
                else []
            )
            for j, kr_item in enumerate(krs):
                km = self.r.mapping(kr_item, f"objectives[{i}].key_results[{j}]", KR_FIELDS)
                if km is not None:
                    self._claim(km.get("ref"), f"objectives[{i}].key_results[{j}].ref")
        # This pass only reserves refs; the full pass below reports each problem once.
        del self.r.problems[reported:]

    def _claim(self, node: Node | None, path: str) -> None:
        ref = None if node is None else self.r.ref(node, path)
        if ref is not None:
            self.claimed.add(ref)

    def _objective(self, node: Node, path: str, team_names: set[str]) -> _PendingObjective | None:
        m = self.r.mapping(node, path, OBJECTIVE_FIELDS, required=("title",))
        if m is None:
            return None
        if "team" not in m and "owner" not in m:
            # An objective without a team is an individual one: it needs its owner.
            self.r.fail(
                node,
                f"{path}.team",
                "required but missing (or give an owner for an individual objective)",
            )
        title = self.r.label(m["title"], f"{path}.title") if "title" in m else None
        team = self.r.text(m["team"], f"{path}.team") if "team" in m else None
        if team is not None and team not in team_names:
            self.r.fail(m["team"], f"{path}.team", _unknown("team", team, team_names))
        ref = self._own_ref(m.get("ref"), f"{path}.ref", title)
        owner = self.r.email(m["owner"], f"{path}.owner") if "owner" in m else None
        description = (
            self.r.text(m["description"], f"{path}.description", allow_empty=True) or ""
            if "description" in m
            else ""
        )
        contributors = self._team_refs(m.get("contributors"), f"{path}.contributors", team_names)
        if team is not None and team in contributors:
            self.r.fail(
                m["contributors"],
                f"{path}.contributors",
                f"{team!r} owns the objective; list only other teams",
            )
        key_results = []
        kr_nodes = (
            self.r.sequence(
                m["key_results"], f"{path}.key_results", limit=MAX_FILE_KEY_RESULTS_PER_OBJECTIVE
            )
            if "key_results" in m
            else []
        )
        self.key_result_count += len(kr_nodes)
        if self.key_result_count > self.limits.key_results:
            too_many = _too_many("key results", self.limits.key_results)
            self.r.fail(node, f"{path}.key_results", too_many)
            kr_nodes = []
        for j, kr_node in enumerate(kr_nodes):
            kr = self._key_result(kr_node, f"{path}.key_results[{j}]", ref)
            if kr is not None and ref is not None:
                key_results.append(kr)
        state = self._choice(m, "state", path, OBJECTIVE_STATES)
        visibility = self._choice(m, "visibility", path, VISIBILITIES)
        if title is None or (team is None and owner is None) or ref is None:
            return None
        pending = _PendingObjective(
            node=node,
            path=path,
            objective=Objective(
                ref=ref, title=title, team=team, owner=owner, description=description,
                contributors=contributors, key_results=tuple(key_results),
                state=state, visibility=visibility,
            ),
        )  # fmt: skip
        if "aligned_to" in m:
            for parent, item in self.r.texts(m["aligned_to"], f"{path}.aligned_to"):
                pending.link_nodes.append((parent, item, LinkKind.ALIGNED))
        if "cascaded_from" in m:
            # Usually one key result; a list when the objective was made from several.
            for source, item in self.r.texts(m["cascaded_from"], f"{path}.cascaded_from"):
                pending.link_nodes.append((source, item, LinkKind.CASCADED))
        return pending

    def _choice(
        self, m: dict[str, Node], name: str, path: str, options: tuple[str, ...]
    ) -> str | None:
        """An optional field with a fixed set of values; None when the file leaves it out."""
        if name not in m:
            return None
        value = self.r.text(m[name], f"{path}.{name}")
        if value is not None and value not in options:
            self.r.fail(
                m[name],
                f"{path}.{name}",
                f"{value!r} is not valid; use one of {', '.join(options)}",
            )
            return None
        return value

    def _own_ref(self, node: Node | None, path: str, title: str | None) -> str | None:
        """The item's ref: the one the file gives, else one derived from the title."""
        if node is not None:
            ref = self.r.ref(node, path)
            if ref is not None and ref in self.used:
                self.r.fail(
                    node, path, f"ref {ref!r} is used twice; refs must be unique in the file"
                )
                return None
        elif title is not None:
            ref = self._derive_ref(title)
            self.derived[ref] = title
        else:
            return None
        if ref is not None:
            self.used.add(ref)
        return ref

    def _derive_ref(self, title: str) -> str:
        """The title's slug, numbered past the refs taken (``slug``, ``slug-2``, …). Each slug
        remembers how far its numbers went: refs are only ever added, so the numbers below
        stay taken, and 200 key results of one title take linear, not quadratic, time."""
        base = slugify(title)
        if base not in self.claimed and base not in self.used:
            return base
        n = self.next_suffix.get(base, 2)
        while (ref := f"{base}-{n}") in self.claimed or ref in self.used:
            n += 1
        self.next_suffix[base] = n + 1
        return ref

    def _key_result(self, node: Node, path: str, objective_ref: str | None) -> KeyResult | None:
        kr, ref = self.key_results.read(node, path)
        if ref is not None and objective_ref is not None:
            # Known even if this key result has problems, so links to it are not reported twice.
            self.kr_owner[ref] = objective_ref
        return kr

    def _resolve_links(self, pending: list[_PendingObjective]) -> tuple[Objective, ...]:
        objective_refs = {p.objective.ref for p in pending}
        kr_refs = set(self.kr_owner)
        valid = objective_refs | kr_refs
        resolved: list[Objective] = []
        for p in pending:
            links: dict[str, Link] = {}
            own_krs = {kr.ref for kr in p.objective.key_results}
            for parent, node, kind in p.link_nodes:
                field_name = (
                    f"{p.path}.{'cascaded_from' if kind is LinkKind.CASCADED else 'aligned_to'}"
                )
                if parent not in valid:
                    self.r.fail(
                        node, field_name, _unknown("objective or key result ref", parent, valid)
                    )
                elif parent == p.objective.ref or parent in own_krs:
                    self.r.fail(
                        node,
                        field_name,
                        "an objective cannot align to itself or its own key results",
                    )
                elif kind is LinkKind.CASCADED and parent not in kr_refs:
                    self.r.fail(
                        node,
                        field_name,
                        f"{parent!r} is an objective; cascaded_from names the key result it was made from",
                    )
                elif kind is LinkKind.CASCADED or parent not in links:
                    links[parent] = Link(parent_ref=parent, kind=kind)
            resolved.append(replace(p.objective, links=tuple(links.values())))
        cycle = objective_graph(resolved).find_cycle()
        if cycle:
            first = next(p for p in pending if p.objective.ref == cycle[0])
            self.r.fail(
                first.node,
                f"{first.path}.aligned_to",
                "alignment goes round in a circle: " + " → ".join(cycle),
            )
        return tuple(resolved)


def _too_many(what: str, limit: int) -> str:
    return f"more than {limit:,} {what} in one file; split it (by team, say)"


def _unknown(what: str, value: str, known: set[str]) -> str:
    options = ", ".join(sorted(known)[:12]) or "none defined"
    more = " …" if len(known) > 12 else ""
    return f"no {what} named {value!r}; known: {options}{more}"


def slugify(title: str, limit: int = 48) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug or "item"


__all__ = ["OKRFileError", "Problem", "parse_okr_file", "slugify"]
