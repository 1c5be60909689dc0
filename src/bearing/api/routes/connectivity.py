"""GET /cycles/{id}/connectivity: how connected a cycle's objectives are, and the trend."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from bearing.api.auth import caller
from bearing.api.lookups import cycle_or_404
from bearing.api.present import cycle_out
from bearing.api.schemas.common import READ_ERRORS, Id
from bearing.api.schemas.connectivity import ConnectivityOut
from bearing.domain.connectivity import TrendPoint
from bearing.okrs.alignment_health import Health, Named, cycle_health

router = Router(tags=["alignment"])


@router.get("/cycles/{id}/connectivity", response={200: ConnectivityOut, **READ_ERRORS})
def cycle_connectivity(request: HttpRequest, id: Id) -> dict[str, Any]:
    """The figures of `bearing align` (docs/alignment.md) over the cycle's objectives, the
    warnings from the organization's thresholds, and the stored weekly trend.

    The figures count every objective, private ones too; the lists name only those the
    caller may see (`hidden_orphans` and `hidden_similar` count the rest). Reading this
    writes nothing: snapshots come from `bearing snapshot` and the Alignment health page."""
    c = caller(request)
    return health_out(cycle_health(c.membership, cycle_or_404(c, id)))


def _named(n: Named) -> dict[str, Any]:
    return {"id": n.id, "title": n.title, "team": n.team}


def health_out(h: Health) -> dict[str, Any]:
    f = h.figures
    return {
        "cycle": cycle_out(h.cycle),
        "objectives": f.objectives,
        "company_objectives": f.company_objectives,
        "aligned_pct": f.aligned_pct,
        "cascaded_pct": f.cascaded_pct,
        "cross_functional_pct": f.cross_functional_pct,
        "max_depth": f.max_depth,
        "orphans": [_named(o) for o in h.orphans],
        "hidden_orphans": h.hidden_orphans,
        "similar": [
            {
                "ids": [p.a.id, p.b.id],
                "titles": [p.a.title, p.b.title],
                "teams": [p.a.team, p.b.team],
                "similarity": p.similarity,
            }
            for p in h.similar
        ],
        "hidden_similar": h.hidden_similar,
        "warnings": [{"rule": w.rule, "message": w.message} for w in h.warnings],
        "thresholds": {
            "cascaded_warn_pct": h.thresholds.cascaded_warn_pct,
            "aligned_drop_warn_pct": h.thresholds.aligned_warn_drop_pct,
        },
        "trend": [_point(p) for p in h.trend],
    }


def _point(p: TrendPoint) -> dict[str, Any]:
    return {
        "week": p.week, "as_of": p.as_of, "objectives": p.objectives,
        "aligned_pct": p.aligned_pct, "cascaded_pct": p.cascaded_pct,
        "cross_functional_pct": p.cross_functional_pct, "max_depth": p.max_depth,
        "orphans": p.orphans, "similar": p.similar, "warnings": p.warnings,
    }  # fmt: skip
