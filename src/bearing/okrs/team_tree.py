"""The team tree as the Teams page shows it: each team with its leads, its number of people,
its number of objectives in a cycle and their score (the plain mean of its objectives' stored
scores, ``domain.scoring.mean_score``, as `bearing score` reports a team).

Bounded whatever the organization's size: a level of the tree is one query whatever its
width, at most ``shown`` children of each team are read (the rest are counted, and listed a
page at a time on the team's own branch), and the figures of the teams read are three more
queries. Archived teams are left out of the tree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Window
from django.db.models.functions import Coalesce, RowNumber

from bearing.domain.model import Color
from bearing.domain.scoring import mean_score
from bearing.okrs.models import Cycle
from bearing.okrs.selectors import visible_objectives
from bearing.orgs.models import Membership, Team, TeamMember

LEADS_SHOWN = 3


@dataclass
class TeamNode:
    team: Team
    children_count: int  # active teams directly within it
    children: list[TeamNode] | None = None  # None: not read (opened on demand)
    more: int = 0  # children read but not shown: see the team's own branch
    leads: list[str] = field(default_factory=list)
    more_leads: int = 0
    people: int = 0
    objectives: int = 0
    score: Decimal | None = None
    color: Color | None = None


def _with_counts(teams: QuerySet[Team]) -> QuerySet[Team]:
    inside = (
        Team.objects.filter(parent=OuterRef("pk"), archived_at=None)
        .values("parent")
        .annotate(n=Count("id"))
        .values("n")
    )
    return teams.annotate(children_count=Coalesce(Subquery(inside), 0))


class TeamTreeReader:
    """Reads the tree for one member (objectives they may not see are not counted) and cycle."""

    def __init__(self, membership: Membership, cycle: Cycle | None) -> None:
        self.membership = membership
        self.cycle = cycle
        self.organization = membership.organization
        self.teams = Team.objects.filter(organization=self.organization)

    def counted(self, teams: QuerySet[Team]) -> QuerySet[Team]:
        """``teams`` with ``children_count``, for lists made into nodes a page at a time."""
        return _with_counts(teams)

    def nodes(self, teams: QuerySet[Team]) -> list[TeamNode]:
        return [TeamNode(t, t.children_count) for t in _with_counts(teams)]  # type: ignore[attr-defined]

    def roots(self) -> list[TeamNode]:
        return self.nodes(self.teams.filter(parent=None))

    def load_children(self, parents: Sequence[TeamNode], shown: int) -> list[TeamNode]:
        """Read the first ``shown`` active children (by name) of each parent, in one query;
        returns them."""
        ids = [p.team.pk for p in parents if p.children_count]
        if not ids:
            for p in parents:
                p.children = []
            return []
        rank = Window(RowNumber(), partition_by=[F("parent_id")], order_by=[F("name").asc()])
        rows = (
            _with_counts(self.teams.filter(parent_id__in=ids, archived_at=None))
            .annotate(rank=rank)
            .filter(rank__lte=shown)
            .order_by("parent_id", "name")
        )
        by_parent: dict[int, list[TeamNode]] = {}
        for team in rows:
            by_parent.setdefault(team.parent_id, []).append(TeamNode(team, team.children_count))  # type: ignore[arg-type,attr-defined]
        loaded = []
        for p in parents:
            p.children = by_parent.get(p.team.pk, [])
            p.more = p.children_count - len(p.children)
            loaded += p.children
        return loaded

    def expand(self, roots: list[TeamNode], shown_per_level: Sequence[int]) -> list[TeamNode]:
        """Load one level below ``roots`` per entry of ``shown_per_level`` (how many children of
        each team it shows), then every node's figures; returns every node read."""
        everyone = list(roots)
        level = roots
        for shown in shown_per_level:
            level = self.load_children(level, shown)
            everyone += level
        self.add_figures(everyone)
        return everyone

    def add_figures(self, nodes: Iterable[TeamNode]) -> None:
        """Leads, people and the cycle's objectives and score of each node (three queries)."""
        by_id = {n.team.pk: n for n in nodes}
        if not by_id:
            return
        active = TeamMember.objects.filter(
            team_id__in=list(by_id),
            person__memberships__organization_id=self.organization.pk,
            person__memberships__deactivated_at=None,
        )
        for team_id, people, leads in (
            active.values("team_id")
            .annotate(n=Count("id"), leads=Count("id", filter=Q(is_lead=True)))
            .values_list("team_id", "n", "leads")
        ):
            by_id[team_id].people = people
            by_id[team_id].more_leads = max(leads - LEADS_SHOWN, 0)
        rank = Window(
            RowNumber(),
            partition_by=[F("team_id")],
            order_by=[F("person__name").asc(), F("id").asc()],
        )
        for team_id, name, email in (
            active.filter(is_lead=True).annotate(rank=rank).filter(rank__lte=LEADS_SHOWN)
            .order_by("team_id", "rank").values_list("team_id", "person__name", "person__email")
        ):  # fmt: skip
            by_id[team_id].leads.append(name or email)
        if self.cycle is None:
            return
        scores: dict[int, list[tuple[Decimal | None, int]]] = {}
        for team_id, score, n in (
            visible_objectives(self.membership).filter(cycle=self.cycle, team_id__in=list(by_id))
            .values("team_id", "score").annotate(n=Count("id"))
            .values_list("team_id", "score", "n")
        ):  # fmt: skip
            by_id[team_id].objectives += n
            scores.setdefault(team_id, []).append((score, n))
        bands = self.organization.bands
        for team_id, counted in scores.items():
            # Read as (score, how many objectives have it): a few rows a team, however many
            # objectives it has.
            node = by_id[team_id]
            node.score = mean_score(score for score, n in counted for _ in range(n))
            node.color = bands.color(node.score)
