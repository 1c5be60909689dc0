"""Connectivity of a cycle's objectives: the figures, the thresholds and the warnings.

PRODUCT.md "Alignment analytics" and the `bearing align` section of
okr-file-format.md define the figures; docs/alignment.md explains them. This
module holds the plain data both the OKR file and the database translate into
(``ObjectiveNode``), the organization's thresholds, the warning rules and the
weekly series. ``alignment.connectivity`` computes a ``Connectivity`` from
nodes (it needs the graph walks, so it lives beside them) and re-exports
everything here.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any, Generic, TypeVar

from bearing.domain.similarity import DEFAULT_THRESHOLD, SimilarPair

N = TypeVar("N", bound=Hashable)

PCT_STEP = Decimal("0.1")
HUNDRED = Decimal(100)
LISTED = 5  # how many orphans or look-alikes a warning names before "and N more"


@dataclass(frozen=True)
class ObjectiveNode(Generic[N]):
    """One objective as connectivity sees it.

    ``parents`` are objective ids: a link to a key result is already resolved
    to the key result's objective. ``cascaded`` is true when at least one link
    is a cascaded one (made from a parent's key result).
    """

    id: N
    team: str | None
    is_company: bool
    title: str = ""
    key_result_titles: tuple[str, ...] = ()
    contributors: tuple[str, ...] = ()
    parents: tuple[N, ...] = ()
    cascaded: bool = False

    @property
    def is_aligned(self) -> bool:
        # A cascaded objective always has a parent; ``or cascaded`` keeps a node
        # whose parent was lost (say, deleted) counted the way its owner set it.
        return bool(self.parents) or self.cascaded

    @property
    def is_cross_functional(self) -> bool:
        return any(c != self.team for c in self.contributors)


@dataclass(frozen=True)
class ConnectivityThresholds:
    """An organization's limits; the defaults follow seed 000 ("no more than 40% cascaded")."""

    # Warn when more than this share of non-company objectives is cascaded.
    cascaded_warn_pct: Decimal = Decimal(40)
    # Versus the previous snapshot: warn when the aligned share falls by more
    # points than this, or the cascaded share rises by more (seed 000: "an
    # increasing percentage as a warning sign", so any rise by default).
    aligned_warn_drop_pct: Decimal = Decimal(5)
    cascaded_warn_rise_pct: Decimal = Decimal(0)
    min_aligned_pct: Decimal | None = None  # warn below this share aligned; None: no minimum
    similarity_threshold: Decimal | None = DEFAULT_THRESHOLD  # None: no look-alike detection

    def __post_init__(self) -> None:
        for name in ("cascaded_warn_pct", "aligned_warn_drop_pct", "cascaded_warn_rise_pct"):
            if not 0 <= getattr(self, name) <= HUNDRED:
                raise ValueError(f"{name} must be between 0 and 100")
        if self.min_aligned_pct is not None and not 0 <= self.min_aligned_pct <= HUNDRED:
            raise ValueError("min_aligned_pct must be between 0 and 100")
        if self.similarity_threshold is not None and not 0 < self.similarity_threshold <= 1:
            raise ValueError("similarity_threshold must be above 0 and at most 1")


DEFAULT_THRESHOLDS = ConnectivityThresholds()


@dataclass(frozen=True)
class ConnectivityWarning:
    rule: str  # a stable id, e.g. "cascaded-above-threshold"
    message: str


@dataclass(frozen=True)
class Connectivity(Generic[N]):
    """The connectivity figures of one snapshot of a cycle.

    Percentages have one decimal (half to even) and are None when nothing is
    counted: ``aligned_pct``/``cascaded_pct`` with no non-company objectives,
    ``cross_functional_pct`` with no objectives at all. 0% would claim that
    something measurable was missing.
    """

    objectives: int
    company_objectives: int
    aligned: int  # non-company objectives with a parent
    cascaded: int  # non-company objectives with a cascaded link
    cross_functional: int  # objectives with a contributor team other than the owner
    aligned_pct: Decimal | None
    cascaded_pct: Decimal | None
    cross_functional_pct: Decimal | None
    max_depth: int
    orphans: tuple[N, ...]
    similar: tuple[SimilarPair[N], ...]
    warnings: tuple[ConnectivityWarning, ...] = ()
    # Where ``orphans`` and ``similar`` list only the first ones (a database read a page at
    # a time), how many there are in all; None: the tuples are complete.
    orphan_count: int | None = None
    similar_count: int | None = None

    @property
    def non_company_objectives(self) -> int:
        return self.objectives - self.company_objectives

    @property
    def orphans_total(self) -> int:
        return len(self.orphans) if self.orphan_count is None else self.orphan_count

    @property
    def similar_total(self) -> int:
        return len(self.similar) if self.similar_count is None else self.similar_count


def percentage(part: int, whole: int) -> Decimal | None:
    """100 × part / whole with one decimal, half to even; None when whole is 0."""
    if whole == 0:
        return None
    return (HUNDRED * part / whole).quantize(PCT_STEP, rounding=ROUND_HALF_EVEN)


def connectivity_warnings(
    current: Connectivity[N],
    titles: Mapping[N, str],
    thresholds: ConnectivityThresholds = DEFAULT_THRESHOLDS,
    previous: Connectivity[Any] | None = None,
) -> tuple[ConnectivityWarning, ...]:
    """The warnings a snapshot raises, in a fixed order; ``titles`` name objectives by id."""
    found = [
        _cascaded_above(current, thresholds),
        _aligned_below(current, thresholds),
        _aligned_dropped(current, thresholds, previous),
        _cascaded_rising(current, thresholds, previous),
        _orphans(current, titles),
        _look_alikes(current, titles),
    ]
    return tuple(w for w in found if w is not None)


def _cascaded_above(c: Connectivity[Any], t: ConnectivityThresholds) -> ConnectivityWarning | None:
    if c.cascaded_pct is None or c.cascaded_pct <= t.cascaded_warn_pct:
        return None
    return ConnectivityWarning(
        "cascaded-above-threshold",
        f"{c.cascaded_pct}% of non-company objectives are cascaded ({c.cascaded} of "
        f"{c.non_company_objectives}), above the limit of {t.cascaded_warn_pct}%.",
    )


def _aligned_below(c: Connectivity[Any], t: ConnectivityThresholds) -> ConnectivityWarning | None:
    if t.min_aligned_pct is None or c.aligned_pct is None or c.aligned_pct >= t.min_aligned_pct:
        return None
    return ConnectivityWarning(
        "aligned-below-minimum",
        f"Only {c.aligned_pct}% of non-company objectives are aligned ({c.aligned} of "
        f"{c.non_company_objectives}), below the minimum of {t.min_aligned_pct}%.",
    )


def _aligned_dropped(
    c: Connectivity[Any], t: ConnectivityThresholds, previous: Connectivity[Any] | None
) -> ConnectivityWarning | None:
    if previous is None or previous.aligned_pct is None or c.aligned_pct is None:
        return None
    drop = previous.aligned_pct - c.aligned_pct
    if drop <= t.aligned_warn_drop_pct:
        return None
    return ConnectivityWarning(
        "aligned-share-dropped",
        f"The aligned share fell from {previous.aligned_pct}% to {c.aligned_pct}% "
        f"({drop} points, more than {t.aligned_warn_drop_pct}) since the previous snapshot.",
    )


def _cascaded_rising(
    c: Connectivity[Any], t: ConnectivityThresholds, previous: Connectivity[Any] | None
) -> ConnectivityWarning | None:
    if previous is None or previous.cascaded_pct is None or c.cascaded_pct is None:
        return None
    rise = c.cascaded_pct - previous.cascaded_pct
    if rise <= t.cascaded_warn_rise_pct:
        return None
    return ConnectivityWarning(
        "cascaded-share-rising",
        f"The cascaded share rose from {previous.cascaded_pct}% to {c.cascaded_pct}% "
        f"({rise} points) since the previous snapshot; a rising share is a warning sign "
        "that OKRs are drifting out of alignment.",
    )


def _orphans(c: Connectivity[N], titles: Mapping[N, str]) -> ConnectivityWarning | None:
    count = c.orphans_total
    if not count:
        return None
    names = _listed([_name(o, titles) for o in c.orphans], count)
    noun = "objective aligns" if count == 1 else "objectives align"
    return ConnectivityWarning(
        "orphans-present", f"{count} non-company {noun} to nothing: {names}."
    )


def _look_alikes(c: Connectivity[N], titles: Mapping[N, str]) -> ConnectivityWarning | None:
    count = c.similar_total
    if not count:
        return None
    pairs = _listed(
        [
            f"{_name(p.a, titles)} ({p.team_a}) and {_name(p.b, titles)} ({p.team_b}), "
            f"{p.similarity}"
            for p in c.similar
        ],
        count,
    )
    noun = "pair of objectives" if count == 1 else "pairs of objectives"
    return ConnectivityWarning(
        "look-alike-objectives",
        f"{count} {noun} from different teams look alike: {pairs}. "
        "Check whether the teams should work together or one duplicates the other.",
    )


def _name(node_id: Hashable, titles: Mapping[Any, str]) -> str:
    title = titles.get(node_id)
    return f"{title!r}" if title else str(node_id)


def _listed(names: Sequence[str], total: int) -> str:
    """The first ``LISTED`` names, and how many more of ``total`` there are."""
    listed = names[:LISTED]
    shown = "; ".join(listed)
    more = total - len(listed)
    if not listed:
        return f"{more} not named here"
    return f"{shown}; and {more} more" if more > 0 else shown


@dataclass(frozen=True)
class TrendPoint:
    """One week of the connectivity series (for a line chart)."""

    week: date  # the Monday of the ISO week
    as_of: date  # the snapshot the week shows: the last one taken in that week
    objectives: int
    aligned_pct: Decimal | None
    cascaded_pct: Decimal | None
    cross_functional_pct: Decimal | None
    max_depth: int
    orphans: int
    similar: int
    warnings: int


def weekly_trend(snapshots: Sequence[tuple[date, Connectivity[Any]]]) -> tuple[TrendPoint, ...]:
    """One point per ISO week that has a snapshot, oldest first.

    Several snapshots in a week: the latest wins (a week's figure is where it
    ended). Weeks without a snapshot are left out rather than invented; a chart
    that plots by ``week`` shows them as a gap.
    """
    latest: dict[date, tuple[date, Connectivity[Any]]] = {}
    for on, snapshot in sorted(snapshots, key=lambda s: s[0]):
        latest[on - timedelta(days=on.weekday())] = (on, snapshot)
    return tuple(
        TrendPoint(
            week=week,
            as_of=on,
            objectives=c.objectives,
            aligned_pct=c.aligned_pct,
            cascaded_pct=c.cascaded_pct,
            cross_functional_pct=c.cross_functional_pct,
            max_depth=c.max_depth,
            orphans=c.orphans_total,
            similar=c.similar_total,
            warnings=len(c.warnings),
        )
        for week, (on, c) in sorted(latest.items())
    )
