"""Maturity (Crawl/Walk/Run/Fly) of a team in a cycle, its self-assessment, confidence
calibration, and the quarterly report as a file. The same services as the pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from bearing.api.auth import Caller, caller
from bearing.api.errors import BadInput, Forbidden, NotFound
from bearing.api.lookups import PATH_ID, cycle_or_404
from bearing.api.present import cycle_out
from bearing.api.schemas.common import READ_ERRORS, WRITE_ERRORS, Id
from bearing.api.schemas.maturity import (
    CalibrationOut,
    CalibrationQuery,
    MaturityOut,
    MaturityQuery,
    ReportQuery,
    SelfAssessmentIn,
)
from bearing.domain.calibration import Calibration
from bearing.domain.maturity import Dimension, Level
from bearing.maturity.calibration import calibration_of
from bearing.maturity.evidence import TeamMaturity, team_trend
from bearing.maturity.report import build_report
from bearing.maturity.services import self_assessment_save
from bearing.okrs.permissions import can_write_retrospective
from bearing.orgs.models import Team
from bearing.web.views.report import download

router = Router(tags=["maturity and reports"])

REPORT_RESPONSE = {
    "responses": {
        200: {
            "description": "The quarterly report as an attachment: a PDF, or one HTML document.",
            "content": {
                "application/pdf": {"schema": {"type": "string", "format": "binary"}},
                "text/html": {"schema": {"type": "string"}},
            },
        }
    }
}


def _team(c: Caller, team_id: int, loc: list[str]) -> Team:
    found = Team.objects.filter(pk=team_id, organization_id=c.access.organization_id).first()
    if found is None:
        raise NotFound("no such team", loc) if loc[0] == "path" else BadInput("no such team", loc)
    return found


def _level(level: Level | None) -> str | None:
    return level.name.lower() if level else None


def maturity_out(team: Team, trend: list[TeamMaturity]) -> dict[str, Any]:
    now = trend[-1]
    return {
        "team": team.pk,
        "cycle": cycle_out(now.cycle),
        "dimensions": [
            {
                "dimension": e.dimension.value,
                "level": _level(e.level),
                "because": e.because,
                "self_assessed": _level(g.said),
                "gap": g.difference,
                "gap_reading": g.reading,
            }
            for e, g in now.rows
        ],
        "figures": dict(vars(now.figures)),
        "self_assessed_at": now.assessment.updated_at.isoformat() if now.assessment else None,
        "trend": [
            {
                "cycle": cycle_out(t.cycle),
                "levels": {e.dimension.value: _level(e.level) for e in t.evidence},
            }
            for t in trend
        ],
    }


@router.get("/teams/{id}/maturity", response={200: MaturityOut, **READ_ERRORS})
def team_maturity(request: HttpRequest, id: Id, params: Query[MaturityQuery]) -> dict[str, Any]:
    """The team's maturity in the cycle: each dimension's level from evidence with the figures
    behind it, its self-assessment and the gap, and the trend over the cycles before
    (docs/maturity.md). Teams are compared with their own past; nothing ranks them."""
    c = caller(request)
    team = _team(c, id, list(PATH_ID))
    cycle = _cycle_named(c, params.cycle)
    cycle.organization = c.membership.organization
    return maturity_out(team, team_trend(cycle, team.pk))


def _cycle_named(c: Caller, cycle_id: int) -> Any:
    from bearing.okrs.selectors import cycles_of

    found = cycles_of(c.membership.organization).filter(pk=cycle_id).first()
    if found is None:
        raise BadInput("no such cycle", ["query", "cycle"])
    return found


@router.put("/teams/{id}/cycles/{cycle_id}/self-assessment",
            response={200: MaturityOut, **WRITE_ERRORS})  # fmt: skip
def put_self_assessment(
    request: HttpRequest, id: Id, cycle_id: Id, payload: SelfAssessmentIn
) -> dict[str, Any]:
    """The team's self-assessment of the cycle: one level per dimension (seed 001's table).
    Its leads and admins set it; it replaces the one before."""
    c = caller(request)
    team = _team(c, id, list(PATH_ID))
    cycle = cycle_or_404(c, cycle_id)
    if not can_write_retrospective(c.access, team.pk) or team.is_archived:
        raise Forbidden("only the team's leads and admins assess its maturity", list(PATH_ID))
    levels = {d: Level[getattr(payload, d.value).upper()] for d in Dimension}
    try:
        self_assessment_save(actor=c.person, team=team, cycle=cycle, levels=levels)
    except ValidationError as error:  # pragma: no cover - the schema checks the levels first
        raise BadInput(error.messages[0], ["body"]) from error
    cycle.organization = c.membership.organization
    return maturity_out(team, team_trend(cycle, team.pk))


def calibration_out(team_id: int | None, cal: Calibration) -> dict[str, Any]:
    return {
        "team": team_id,
        "predictions": cal.predictions,
        "brier": cal.brier,
        "mean_said": cal.mean_said,
        "mean_landed": cal.mean_landed,
        "bands": [
            {
                "band": b.label,
                "count": b.count,
                "said": b.said,
                "landed": b.landed,
                "reading": b.reading,
            }
            for b in cal.bands
        ],
        "reading": cal.reading,
        "telling": cal.telling.reading if cal.telling else None,
    }


@router.get("/calibration", response={200: CalibrationOut, **READ_ERRORS})
def calibration(request: HttpRequest, params: Query[CalibrationQuery]) -> dict[str, Any]:
    """Confidence calibration over the organization's closed cycles (or one team's): every
    check-in's confidence against the share of its objective's key results that reached
    0.7, in ten bands, with the Brier score and a plain reading."""
    c = caller(request)
    team_id = _team(c, params.team, ["query", "team"]).pk if params.team else None
    return calibration_out(team_id, calibration_of(c.membership.organization, team_id))


@router.get("/cycles/{id}/report", response={200: None, **READ_ERRORS},
            openapi_extra=REPORT_RESPONSE)  # fmt: skip
def cycle_report(request: HttpRequest, id: Id, params: Query[ReportQuery]) -> HttpResponse:
    """The quarterly report of the cycle (of the organization, or of `team`) as the page
    shows it to the caller: scores, alignment, the coach's summary, maturity, calibration,
    wins, learnings and retrospectives. `format=pdf` (default) or `html`."""
    c = caller(request)
    cycle = cycle_or_404(c, id)
    team = _team(c, params.team, ["query", "team"]) if params.team else None
    cycle.organization = c.membership.organization
    return download(build_report(c.membership, cycle, team), params.format)
