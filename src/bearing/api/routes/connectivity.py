"""A cycle's connectivity: the figures and trend, and its orphans and look-alike pairs a page
at a time."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from bearing.api.auth import Caller, caller
from bearing.api.lookups import cycle_or_404
from bearing.api.pagination import page
from bearing.api.present import cycle_out
from bearing.api.schemas.common import READ_ERRORS, Id, Page, PageQuery
from bearing.api.schemas.connectivity import (
    ConnectivityOut,
    ListQuery,
    NamedObjective,
    SimilarOut,
)
from bearing.domain.connectivity import TrendPoint
from bearing.okrs.alignment_health import (
    Health,
    LookAlike,
    Named,
    cycle_health,
    look_alike,
    named,
    visible_orphans,
    visible_pairs,
)
from bearing.orgs.models import Team

router = Router(tags=["alignment"])


@router.get("/cycles/{id}/connectivity", response={200: ConnectivityOut, **READ_ERRORS})
def cycle_connectivity(request: HttpRequest, id: Id) -> dict[str, Any]:
    """The figures of `bearing align` (docs/alignment.md) over the cycle's objectives, the
    warnings from the organization's thresholds, and the stored weekly trend.

    The figures count every objective, private ones too; the lists name only those the
    caller may see (`hidden_orphans` and `hidden_similar` count the rest). The lists hold
    the first page; `orphans_next` and `similar_next` lead to the rest
    (`/cycles/{id}/orphans`, `/cycles/{id}/look-alikes`). `max_depth` and the look-alikes
    come from the cycle's background analysis, computed at `analysed_at`. Reading this
    writes nothing."""
    c = caller(request)
    cycle = cycle_or_404(c, id)
    return health_out(request, cycle_health(c.membership, cycle))


@router.get("/cycles/{id}/orphans", response={200: Page[NamedObjective], **READ_ERRORS})
def cycle_orphans(
    request: HttpRequest, id: Id, filters: Query[ListQuery], params: Query[PageQuery]
) -> dict[str, Any]:
    """The cycle's objectives below the company that align to nothing, that the caller may
    see, by team and title; `team` narrows them to one team."""
    c = caller(request)
    rows = visible_orphans(c.membership, cycle_or_404(c, id), _team_id(c, filters.team))
    return page(request, rows, params, lambda items: [_named(named(o)) for o in items])


@router.get("/cycles/{id}/look-alikes", response={200: Page[SimilarOut], **READ_ERRORS})
def cycle_look_alikes(
    request: HttpRequest, id: Id, filters: Query[ListQuery], params: Query[PageQuery]
) -> dict[str, Any]:
    """Pairs of objectives of different teams that look alike, most similar first, whose
    both sides the caller may see; `team` keeps the pairs with one side in that team."""
    c = caller(request)
    rows = visible_pairs(c.membership, cycle_or_404(c, id), _team_id(c, filters.team))
    return page(request, rows, params, lambda items: [_pair(look_alike(p)) for p in items])


def _team_id(c: Caller, team: int | None) -> int | None:
    if team is None:
        return None
    found = Team.objects.filter(organization_id=c.access.organization_id, pk=team).first()
    from bearing.api.errors import BadInput

    if found is None:
        raise BadInput("no such team", ["query", "team"])
    return int(found.pk)


def _named(n: Named) -> dict[str, Any]:
    return {"id": n.id, "title": n.title, "team": n.team}


def _pair(p: LookAlike) -> dict[str, Any]:
    return {
        "ids": [p.a.id, p.b.id],
        "titles": [p.a.title, p.b.title],
        "teams": [p.a.team, p.b.team],
        "similarity": p.similarity,
    }


def health_out(request: HttpRequest, h: Health) -> dict[str, Any]:
    f = h.figures

    def following(name: str, shown: int, total: int) -> str | None:
        """The list route's next page (this route's address ends in /connectivity)."""
        if shown >= total:
            return None
        path = request.path.removesuffix("connectivity") + name
        return request.build_absolute_uri(f"{path}?offset={shown}&limit={shown}")

    orphans = list(h.orphans.object_list)
    pairs = list(h.similar.object_list)
    return {
        "cycle": cycle_out(h.cycle),
        "objectives": f.objectives,
        "company_objectives": f.company_objectives,
        "aligned_pct": f.aligned_pct,
        "cascaded_pct": f.cascaded_pct,
        "cross_functional_pct": f.cross_functional_pct,
        "max_depth": f.max_depth,
        "orphans": [_named(o) for o in orphans],
        "orphans_count": h.orphans.paginator.count,
        "orphans_next": following("orphans", len(orphans), h.orphans.paginator.count),
        "hidden_orphans": h.hidden_orphans,
        "similar": [_pair(p) for p in pairs],
        "similar_count": h.similar.paginator.count,
        "similar_next": following("look-alikes", len(pairs), h.similar.paginator.count),
        "hidden_similar": h.hidden_similar,
        "warnings": [{"rule": w.rule, "message": w.message} for w in h.warnings],
        "thresholds": {
            "cascaded_warn_pct": h.thresholds.cascaded_warn_pct,
            "aligned_drop_warn_pct": h.thresholds.aligned_warn_drop_pct,
        },
        "analysed_at": h.analysis.computed_at if h.analysis else None,
        "analysis_current": bool(h.analysis and h.analysis.is_current),
        "trend": [_point(p) for p in h.trend],
    }


def _point(p: TrendPoint) -> dict[str, Any]:
    return {
        "week": p.week, "as_of": p.as_of, "objectives": p.objectives,
        "aligned_pct": p.aligned_pct, "cascaded_pct": p.cascaded_pct,
        "cross_functional_pct": p.cross_functional_pct, "max_depth": p.max_depth,
        "orphans": p.orphans, "similar": p.similar, "warnings": p.warnings,
    }  # fmt: skip
