"""Rows as the API shows them. Objectives and key results carry the domain core's scores.

``objectives_for_output`` loads everything a page of objectives needs in a fixed
number of queries; the functions below only read what was loaded.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet

from bearing.api.auth import Caller
from bearing.domain.scoring import KRScore, round_share
from bearing.okrs.models import (
    AlignmentLink,
    CheckIn,
    Cycle,
    KeyResult,
    Measurement,
    Objective,
)
from bearing.okrs.permissions import Access, can_view_objective
from bearing.okrs.scoring import ScoredObjective, as_of_for, score_objectives
from bearing.orgs.models import Person, Team


def num(value: Decimal | None) -> float | None:
    # JSON numbers: values of up to 15 significant digits come out digit for digit.
    return None if value is None else float(value)


def email(person: Person | None) -> str | None:
    return None if person is None else person.email


def objectives_for_output(rows: QuerySet[Objective]) -> QuerySet[Objective]:
    key_results = KeyResult.objects.select_related("owner").order_by("position", "id")
    links = AlignmentLink.objects.select_related(
        "parent_objective", "parent_key_result__objective"
    ).order_by("id")
    return rows.select_related("cycle", "team", "owner").prefetch_related(
        "contributors",
        Prefetch("key_results", queryset=key_results),
        Prefetch("parent_links", queryset=links),
    )


def score(caller: Caller, objectives: Sequence[Objective]) -> list[ScoredObjective]:
    """Score objectives (of any cycles) as of today within each one's cycle."""
    by_cycle: dict[int, list[Objective]] = {}
    cycles: dict[int, Cycle] = {}
    for objective in objectives:
        by_cycle.setdefault(objective.cycle_id, []).append(objective)
        cycles[objective.cycle_id] = objective.cycle
    bands = caller.organization.bands
    scored: dict[int, ScoredObjective] = {}
    for cycle_id, group in by_cycle.items():
        cycle = cycles[cycle_id]
        for item in score_objectives(group, cycle, as_of_for(cycle), bands):
            scored[item.objective.pk] = item
    return [scored[o.pk] for o in objectives]


def objectives_out(caller: Caller, objectives: Sequence[Objective]) -> list[dict[str, Any]]:
    return [objective_out(item, caller.access) for item in score(caller, objectives)]


def scores(
    score: Decimal | None, color: str | None, forecast: Decimal | None, status: str | None
) -> dict[str, Any]:
    return {"score": num(score), "color": color, "forecast": num(forecast), "status": status}


def objective_out(item: ScoredObjective, access: Access) -> dict[str, Any]:
    o, s = item.objective, item.scored
    return {
        "id": o.pk, "ref": o.ref, "cycle": o.cycle_id, "title": o.title,
        "description": o.description, "team": o.team_id, "owner": email(o.owner),
        "contributors": sorted(t.pk for t in o.contributors.all()),
        "state": o.state, "visibility": o.visibility, "version": o.version,
        "moves_kpi": o.moves_kpi_id,
        **scores(s.score, s.color, s.forecast, s.status),
        "key_results": [key_result_out(kr, ks) for kr, ks in item.key_results],
        "parents": [_parent(link) for link in o.parent_links.all() if _shows(link, access)],
        "created_at": o.created_at, "updated_at": o.updated_at,
    }  # fmt: skip


def _shows(link: AlignmentLink, access: Access) -> bool:
    kr = link.parent_key_result
    parent = link.parent_objective or (kr.objective if kr is not None else None)
    return parent is not None and can_view_objective(access, parent)


def _parent(link: AlignmentLink) -> dict[str, Any]:
    return {
        "link": link.pk,
        "objective": link.parent_objective_id,
        "key_result": link.parent_key_result_id,
        "kind": link.kind,
    }


def key_result_out(kr: KeyResult, s: KRScore) -> dict[str, Any]:
    return {
        "id": kr.pk, "objective": kr.objective_id, "ref": kr.ref, "title": kr.title,
        "kind": kr.kind or None, "unit": kr.unit, "start": num(kr.start),
        "target": num(kr.target), "current": num(kr.current),
        "done": kr.done, "weight": float(kr.weight), "owner": email(kr.owner),
        "position": kr.position, "version": kr.version,
        "progress": num(s.progress),
        "expected": None if s.expected is None else float(round_share(s.expected)),
        **scores(s.score, s.color, s.forecast, s.status),
    }  # fmt: skip


def cycle_out(cycle: Cycle) -> dict[str, Any]:
    return {
        "id": cycle.pk, "name": cycle.name, "start": cycle.start, "end": cycle.end,
        "state": cycle.state, "parent": cycle.parent_id,
    }  # fmt: skip


def team_out(team: Team) -> dict[str, Any]:
    return {
        "id": team.pk,
        "name": team.name,
        "parent": team.parent_id,
        "is_company": team.is_company,
        "archived": team.is_archived,
    }


def measurement_out(m: Measurement) -> dict[str, Any]:
    return {
        "id": m.pk, "key_result": m.key_result_id, "value": float(m.value),
        "measured_at": m.measured_at, "source": m.source, "note": m.note,
        "checkin": m.checkin_id, "created_by": email(m.created_by),
    }  # fmt: skip


def checkin_out(c: CheckIn) -> dict[str, Any]:
    return {
        "id": c.pk, "objective": c.objective_id, "author": email(c.author),
        "created_at": c.created_at, "progress_status": c.progress_status,
        "suggested_status": c.suggested_status or None, "status_reason": c.status_reason,
        "capacity_status": c.capacity_status, "confidence": c.confidence,
        "narrative": c.narrative, "edited_at": c.edited_at,
        "measurements": [measurement_out(m) for m in c.measurements.all()],
    }  # fmt: skip


def link_out(link: AlignmentLink) -> dict[str, Any]:
    return {
        "id": link.pk, "child": link.child_id, "parent_objective": link.parent_objective_id,
        "parent_key_result": link.parent_key_result_id, "kind": link.kind,
        "created_at": link.created_at,
    }  # fmt: skip
