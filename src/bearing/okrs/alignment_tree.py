"""The cycle's alignment as a tree, read a level at a time: the one builder behind the
Alignment page and `GET /api/v1/cycles/{id}/alignment`.

The rules, in one place:

- **Roots**: the company objectives of the cycle that serve no other objective of it
  (``company_roots``); or one objective and what serves it (``?root=``); or a team's
  objectives (``?team=``).
- **Children** of an objective: the objectives of the same cycle that serve it or one of
  its key results, grouped by key result (in the key results' order), then those serving
  it directly; each group by title. Only objectives the reader may see.
- **Repeats**: alignment is many-to-many, so an objective may serve two parents; in one
  answer it is spelled out the first time and marked ``repeated`` after, so an answer is
  never larger than the cycle.
- **Bounds**: each level is four queries, whatever the cycle's size; a group shows at most
  ``GROUP_LIMIT`` children (``more`` says how many others), and a read stops expanding when
  it has ``budget`` objectives, leaving the rest to load on demand (``children`` is None
  and ``children_count`` says how many there are).

Orphans (objectives below the company that serve nothing) are listed apart, a page at a time
(``alignment_health.visible_orphans``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone

from bearing.domain import model as domain
from bearing.domain.scoring import (
    ColorBands,
    KRFigures,
    KRScore,
    ObjectiveFigures,
    ObjectiveScore,
    shown_key_result,
    shown_objective,
)
from bearing.okrs.alignment_past import PastCycle
from bearing.okrs.models import (
    AlignmentLink,
    Cycle,
    KeyResult,
    Objective,
    ObjectiveState,
)
from bearing.okrs.selectors import visible_objectives
from bearing.orgs.models import Membership

GROUP_LIMIT = 50  # children shown per key result (or direct) before "and N more"
DEFAULT_BUDGET = 300  # objectives a page shows before it leaves the rest to load on demand
MAX_DEPTH = 50  # deeper than any real company; bounds pathological data


@dataclass(frozen=True)
class Brief:
    """What the tree shows of an objective: read as plain values, not model instances (a
    whole cycle's tree builds thousands of them)."""

    pk: int
    ref: str
    title: str
    team_id: int | None
    team_name: str | None
    state: str
    score: Decimal | None
    forecast: Decimal | None

    @property
    def state_label(self) -> str:
        return str(ObjectiveState(self.state).label)


BRIEF_FIELDS = ("id", "ref", "title", "team_id", "team__name", "state", "score", "forecast")


@dataclass(frozen=True)
class KRBrief:
    pk: int
    objective_id: int
    ref: str
    title: str
    kind: str
    progress: Decimal | None
    score: Decimal | None
    forecast: Decimal | None


KR_BRIEF_FIELDS = ("id", "objective_id", "ref", "title", "kind", "progress", "score", "forecast")


def briefs(rows: QuerySet[Objective]) -> list[Brief]:
    return [Brief(*row) for row in rows.order_by("title", "id").values_list(*BRIEF_FIELDS)]


def kr_briefs(rows: QuerySet[KeyResult]) -> list[KRBrief]:
    ordered = rows.order_by("objective_id", "position", "id")
    return [KRBrief(*row) for row in ordered.values_list(*KR_BRIEF_FIELDS)]


@dataclass
class Node:
    objective: Brief
    score: ObjectiveScore
    kind: str | None = None  # how it serves its parent: aligned | cascaded
    repeated: bool = False
    children_count: int = 0  # the objectives serving it that the reader may see
    children: list[Group] | None = None  # None: not loaded (load on demand)

    @property
    def pk(self) -> int:
        return int(self.objective.pk)


@dataclass
class Group:
    """The children serving one key result of the parent, or (``key_result`` None) the
    parent itself."""

    key_result: KRBrief | None
    score: KRScore | None
    nodes: list[Node] = field(default_factory=list)
    more: int = 0


@dataclass
class Tree:
    roots: list[Node]
    truncated: bool  # some children were left to load on demand


@dataclass(frozen=True)
class Link:
    child: int
    parent: int  # the parent objective, or the objective of the parent key result
    key_result: int | None
    kind: str


class Source:
    """Where a reader finds links, objectives and key results: the database a level at a
    time (``LevelSource``), or the whole cycle read at once (``CycleSource``)."""

    def links_below(self, ids: list[int]) -> list[Link]:
        """The first ``GROUP_LIMIT`` visible children of each (parent, key result) group, by
        title."""
        raise NotImplementedError

    def objectives(self, ids: Iterable[int]) -> dict[int, Brief]:
        raise NotImplementedError

    def key_results(self, ids: list[int]) -> list[KRBrief]:
        """The key results of these objectives, in their order."""
        raise NotImplementedError

    def group_sizes(self, ids: list[int]) -> dict[tuple[int, int | None], int]:
        """How many visible children each (parent, key result or None) group has."""
        raise NotImplementedError

    def child_counts(self, ids: Iterable[int]) -> dict[int, int]:
        """How many visible objectives serve each of these (directly or through a key result)."""
        raise NotImplementedError


class LevelSource(Source):
    """Four queries a level, whatever the cycle's size: for pages, which show a few levels."""

    def __init__(self, visible: QuerySet[Objective], before: datetime | None = None):
        self.visible = visible.exclude(state=ObjectiveState.ABANDONED)
        self.before = before  # time travel: only links and key results made before this

    def _links(self, ids: list[int]) -> QuerySet[AlignmentLink]:
        links = AlignmentLink.objects.filter(
            Q(parent_objective_id__in=ids) | Q(parent_key_result__objective_id__in=ids),
            child__in=self.visible,
        )
        if self.before is not None:
            links = links.filter(created_at__lt=self.before)
        return links.annotate(
            parent=Coalesce("parent_objective_id", "parent_key_result__objective_id")
        )

    def links_below(self, ids: list[int]) -> list[Link]:
        rank = Window(
            RowNumber(),
            partition_by=[F("parent"), F("parent_key_result_id")],
            order_by=[F("child__title").asc(), F("child_id").asc()],
        )
        rows = (
            self._links(ids)
            .annotate(rank=rank)
            .filter(rank__lte=GROUP_LIMIT)
            .order_by("child__title", "child_id")
            .values_list("child_id", "parent", "parent_key_result_id", "kind")
        )
        return [Link(*row) for row in rows]

    def objectives(self, ids: Iterable[int]) -> dict[int, Brief]:
        return {o.pk: o for o in briefs(self.visible.filter(pk__in=list(ids)))}

    def key_results(self, ids: list[int]) -> list[KRBrief]:
        rows = KeyResult.objects.filter(objective_id__in=ids)
        if self.before is not None:
            rows = rows.filter(created_at__lt=self.before)
        return kr_briefs(rows)

    def group_sizes(self, ids: list[int]) -> dict[tuple[int, int | None], int]:
        rows = (
            self._links(ids)
            .values("parent", "parent_key_result_id")  # type: ignore[misc]  # an annotation
            .annotate(n=Count("id"))
            .values_list("parent", "parent_key_result_id", "n")
        )
        return {(p, kr): n for p, kr, n in rows}

    def child_counts(self, ids: Iterable[int]) -> dict[int, int]:
        wanted = list(ids)
        if not wanted:
            return {}
        rows = (
            self._links(wanted)
            .values("parent")  # type: ignore[misc]  # an annotation
            .annotate(n=Count("child_id", distinct=True))
            .values_list("parent", "n")
        )
        return dict(rows)


class CycleSource(Source):
    """The whole cycle in three queries (objectives, key results, links), then from memory:
    for the API's tree, which may reach any depth."""

    def __init__(self, visible: QuerySet[Objective], cycle: Cycle, before: datetime | None = None):
        """``before``: only the links and key results made before it (not used by time
        travel any more, which rewinds the change records: ``PastSource``)."""
        rows = briefs(visible.exclude(state=ObjectiveState.ABANDONED))
        self._objectives = {o.pk: o for o in rows}
        self._below: dict[int, list[Link]] = {}
        made = Q() if before is None else Q(created_at__lt=before)
        links = (
            AlignmentLink.objects.filter(made, child__cycle=cycle)
            .annotate(parent=Coalesce("parent_objective_id", "parent_key_result__objective_id"))
            .values_list("child_id", "parent", "parent_key_result_id", "kind")
        )
        for row in links:
            link = Link(*row)
            if link.child in self._objectives and link.parent in self._objectives:
                self._below.setdefault(link.parent, []).append(link)
        title = {pk: (o.title, pk) for pk, o in self._objectives.items()}
        for below in self._below.values():
            below.sort(key=lambda link: title[link.child])
        # Only key results that objectives serve head a group of children.
        served = AlignmentLink.objects.filter(made, child__cycle=cycle).values(
            "parent_key_result_id"
        )
        self._krs: dict[int, list[KRBrief]] = {}
        for kr in kr_briefs(KeyResult.objects.filter(made, cycle=cycle, pk__in=served)):
            self._krs.setdefault(kr.objective_id, []).append(kr)

    def links_below(self, ids: list[int]) -> list[Link]:
        out = []
        for parent in ids:
            taken: dict[int | None, int] = {}
            for link in self._below.get(parent, []):
                if taken.get(link.key_result, 0) < GROUP_LIMIT:
                    taken[link.key_result] = taken.get(link.key_result, 0) + 1
                    out.append(link)
        return out

    def objectives(self, ids: Iterable[int]) -> dict[int, Brief]:
        return {pk: self._objectives[pk] for pk in ids if pk in self._objectives}

    def key_results(self, ids: list[int]) -> list[KRBrief]:
        return [kr for pk in ids for kr in self._krs.get(pk, [])]

    def group_sizes(self, ids: list[int]) -> dict[tuple[int, int | None], int]:
        sizes: dict[tuple[int, int | None], int] = {}
        for parent in ids:
            for link in self._below.get(parent, []):
                key = (parent, link.key_result)
                sizes[key] = sizes.get(key, 0) + 1
        return sizes

    def child_counts(self, ids: Iterable[int]) -> dict[int, int]:
        return {pk: len({link.child for link in self._below.get(pk, [])}) for pk in ids}

    def get(self, pk: int) -> Brief | None:
        return self._objectives.get(pk)


class PastSource(CycleSource):
    """The cycle as it was on a past day (``alignment_past``), arranged like ``CycleSource``:
    abandoned objectives left out, children by title, key results in their order."""

    def __init__(self, past: PastCycle):  # nothing of CycleSource's reading
        def team_name(team_id: int | None) -> str | None:
            team = past.teams.get(team_id) if team_id is not None else None
            return team.name if team else None

        self._objectives = {
            pk: Brief(pk, o.ref, o.title, o.team_id, team_name(o.team_id), o.state, None, None)
            for pk, o in past.objectives.items()
            if o.state != ObjectiveState.ABANDONED
        }
        self._below = {}
        for link in past.links:
            kr = past.key_results.get(link.parent_key_result or 0)
            parent = kr.objective_id if kr is not None else link.parent_objective
            if link.child in self._objectives and parent in self._objectives:
                below = Link(link.child, parent, link.parent_key_result, link.kind)
                self._below.setdefault(parent, []).append(below)
        title = {pk: (o.title, pk) for pk, o in self._objectives.items()}
        for below_list in self._below.values():
            below_list.sort(key=lambda link: title[link.child])
        self._krs = {}
        for kr in sorted(past.key_results.values(), key=lambda k: (k.position, k.pk)):
            self._krs.setdefault(kr.objective_id, []).append(
                KRBrief(kr.pk, kr.objective_id, kr.ref, kr.title, kr.kind, None, None, None)
            )

    def briefs(self, ids: Iterable[int]) -> list[Brief]:
        """These objectives as they were, by title (those not there then left out)."""
        found = [self._objectives[pk] for pk in ids if pk in self._objectives]
        return sorted(found, key=lambda o: (o.title, o.pk))


class TreeReader:
    """Builds levels of one cycle's tree for one member (see the module's rules)."""

    def __init__(
        self,
        membership: Membership,
        cycle: Cycle,
        as_of: date,
        bands: ColorBands,
        *,
        whole_cycle: bool = False,
        history: bool = False,
    ):
        """``history``: the tree as it was on ``as_of`` (time travel) — the objectives, links
        and key results made by the end of that day, scored from the values measured by
        then; else the tree of now, scored from the stored figures."""
        self.cycle = cycle
        self.as_of = as_of
        self.bands = bands
        self.visible = visible_objectives(membership).filter(cycle=cycle)
        self.before = end_of_day(as_of) if history else None
        self.seen: set[int] = set()
        self.domain_cycle = cycle.as_domain()
        # Time travel: the figures recomputed as of the day.
        self.past: dict[int, ObjectiveFigures] = {}
        self.past_krs: dict[int, KRFigures] = {}
        self.past_cycle: PastCycle | None = None
        if self.before is not None:
            self.visible = self.visible.filter(created_at__lt=self.before)
            # The whole cycle rewound through the change records (a fixed number of queries).
            self.past_cycle = PastCycle(
                self.visible, membership.is_admin, cycle, as_of, self.before
            )
            self.past, self.past_krs = self.past_cycle.figures, self.past_cycle.kr_figures
            self.source: Source = PastSource(self.past_cycle)
        elif whole_cycle:
            self.source = CycleSource(self.visible, cycle)
        else:
            self.source = LevelSource(self.visible)

    def company_roots(self) -> list[Node]:
        """The company objectives that serve no other objective of the cycle."""
        if self.past_cycle is not None:
            return self._past_company_roots(self.past_cycle)
        made = Q() if self.before is None else Q(created_at__lt=self.before)
        serving_in_cycle = AlignmentLink.objects.filter(
            made, Q(parent_objective__cycle=self.cycle) | Q(parent_key_result__cycle=self.cycle)
        ).values("child_id")
        rows = (
            self.visible.filter(team__isnull=False, team__parent__isnull=True)
            .exclude(pk__in=serving_in_cycle)
            .exclude(state=ObjectiveState.ABANDONED)
        )
        return self.nodes(rows)

    def _past_company_roots(self, past: PastCycle) -> list[Node]:
        serving = past.serving_in_cycle()
        company = {pk for pk, team in past.teams.items() if team.parent_id is None}
        ids = [
            pk for pk, o in past.objectives.items() if o.team_id in company and pk not in serving
        ]
        return self._nodes(self._past_source().briefs(ids))

    def _past_source(self) -> PastSource:
        assert isinstance(self.source, PastSource)  # only when time travelling
        return self.source

    def nodes(self, rows: QuerySet[Objective]) -> list[Node]:
        """Objectives as root nodes, with how many children each has (two queries)."""
        if self.past_cycle is not None:  # as they were: the same rows, rewound
            ids = rows.values_list("id", flat=True)
            return self._nodes(self._past_source().briefs(ids))
        return self._nodes(briefs(rows))

    def _nodes(self, objectives: list[Brief]) -> list[Node]:
        counts = self.source.child_counts(o.pk for o in objectives)
        return [self._node(o, None, counts) for o in objectives]

    def expand(self, roots: list[Node], depth: int, budget: int) -> Tree:
        """Load ``depth`` levels below the roots, breadth first, while at most ``budget``
        objectives are shown; what lies beyond stays to load on demand."""
        shown = len(roots)
        truncated = False
        level = list(roots)
        for _ in range(min(depth, MAX_DEPTH)):
            parents = [n for n in level if n.children_count and not n.repeated]
            if not parents:
                break
            coming = sum(min(n.children_count, GROUP_LIMIT) for n in parents)
            if shown + coming > budget:
                truncated = True
                break
            self.load_children(parents)
            level = [c for n in parents for g in n.children or [] for c in g.nodes]
            shown += len(level)
        return Tree(roots, truncated or _unexpanded(level))

    def load_children(self, parents: Sequence[Node]) -> None:
        """Fill ``children`` of these nodes (four queries from the database a level at a time)."""
        ids = [p.pk for p in parents]
        links = self.source.links_below(ids)
        objectives = self.source.objectives({link.child for link in links})
        counts = self.source.child_counts(objectives)
        sizes = self.source.group_sizes(ids)
        key_results = self.source.key_results(ids)
        domain_cycle = self.cycle.as_domain()
        for parent in parents:
            groups = [
                Group(kr, self._kr_score(kr, domain_cycle))
                for kr in key_results
                if kr.objective_id == parent.pk
            ]
            by_kr = {g.key_result.pk: g for g in groups if g.key_result is not None}
            direct = Group(None, None)
            for link in links:
                if link.parent == parent.pk and link.child in objectives:
                    group = by_kr.get(link.key_result) if link.key_result else direct
                    (group or direct).nodes.append(
                        self._node(objectives[link.child], link.kind, counts)
                    )
            groups.append(direct)
            for group in groups:
                key = group.key_result.pk if group.key_result is not None else None
                group.more = max(sizes.get((parent.pk, key), 0) - len(group.nodes), 0)
            parent.children = [g for g in groups if g.nodes or g.more]

    def _node(self, o: Brief, kind: str | None, counts: dict[int, int]) -> Node:
        repeated = o.pk in self.seen
        self.seen.add(o.pk)
        return Node(o, self.score(o), kind, repeated, counts.get(o.pk, 0))

    def score(self, o: Brief) -> ObjectiveScore:
        figures = ObjectiveFigures(score=o.score, projected=o.forecast)
        if self.before is not None:
            figures = self.past.get(o.pk, ObjectiveFigures(score=None, projected=None))
        return shown_objective(figures, (), self.domain_cycle, self.as_of, self.bands)

    def _kr_score(self, kr: KRBrief, cycle: domain.Cycle) -> KRScore:
        figures = KRFigures(progress=kr.progress, score=kr.score, projected=kr.forecast)
        if self.before is not None:
            figures = self.past_krs.get(kr.pk, KRFigures(None, None, None))
        kind = domain.KRKind(kr.kind) if kr.kind else None
        return shown_key_result(figures, kind, cycle, self.as_of, self.bands)


def end_of_day(day: date) -> datetime:
    """The first moment after ``day`` in the server's time zone."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def _unexpanded(level: list[Node]) -> bool:
    return any(n.children_count and n.children is None and not n.repeated for n in level)


def detached_objectives(membership: Membership, cycle: Cycle) -> QuerySet[Objective]:
    """Objectives that serve something, but nothing the reader can see in this cycle: their
    parents are in another cycle (a year holding the quarter) or private to others."""
    visible = visible_objectives(membership).filter(cycle=cycle)
    served_here = AlignmentLink.objects.filter(
        Q(parent_objective__in=visible) | Q(parent_key_result__objective__in=visible)
    ).values("child_id")
    return (
        visible.filter(parent_links__isnull=False)
        .exclude(pk__in=served_here)
        .exclude(state=ObjectiveState.ABANDONED)
        .distinct()
        .select_related("team")
        .order_by("title", "id")
    )
