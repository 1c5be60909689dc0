"""A cycle as the plain data of an OKR file (okr-file-format.md), ready to be written as YAML.

Only what differs from the file's defaults is written (weight 1, public,
active, empty fields), so exports read like hand-written files. Everything
the importer reads is written, so import → export → import changes nothing.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from bearing.domain.model import KRKind, LinkKind
from bearing.okrs.io.snapshot import Snapshot
from bearing.okrs.models import (
    AlignmentLink,
    KeyResult,
    Objective,
    ObjectiveState,
    Visibility,
)
from bearing.orgs.models import Team


class FlowMap(dict[str, Any]):
    """Written on one line ({date: …, value: …}), as the format's examples show history."""


class FlowList(list[Any]):
    """Written on one line ([A, B]): team names and refs."""


def plain(number: Decimal) -> Decimal:
    """The number without the column's trailing zeros (95.000000 → 95), never in exponent form."""
    normal = number.normalize()
    return normal.quantize(Decimal(1)) if normal == normal.to_integral_value() else normal


def cycle_document(snapshot: Snapshot, as_of: date) -> dict[str, Any]:
    cycle = snapshot.cycle
    doc: dict[str, Any] = {
        "version": 1,
        "organization": snapshot.organization.name,
        "cycle": {"name": cycle.name, "start": cycle.start, "end": cycle.end},
        # Pinning "today" makes `bearing score` on the file agree with the database.
        "as_of": as_of,
        "teams": _teams(snapshot),
    }
    people = _people(snapshot)
    if people:
        doc["people"] = people
    doc["objectives"] = [_objective(o, snapshot) for o in snapshot.objectives]
    kpis = _kpis(snapshot)
    if kpis:
        doc["kpis"] = kpis
    return doc


def _kpis(snapshot: Snapshot) -> list[dict[str, Any]]:
    """The organization's KPIs (not archived) with their readings of the cycle's days — one a
    day, the day's last — so importing the file again adds nothing (okr-file-format.md)."""
    from bearing.okrs.models import KPI, KPIMeasurement

    cycle = snapshot.cycle
    kpis = list(
        KPI.objects.filter(organization_id=cycle.organization_id, archived_at=None)
        .select_related("team", "owner")
        .order_by("name", "id")
    )
    readings: dict[int, dict[date, Decimal]] = {}
    for kpi_id, at, value in (
        KPIMeasurement.objects.filter(
            kpi__in=kpis, measured_at__date__gte=cycle.start, measured_at__date__lte=cycle.end
        )
        .order_by("kpi_id", "measured_at", "id")
        .values_list("kpi_id", "measured_at", "value")
    ):
        readings.setdefault(kpi_id, {})[at.date()] = value  # the day's last reading wins
    team_ids = {t.pk for t in snapshot.teams}
    out = []
    for kpi in kpis:
        item: dict[str, Any] = {"name": kpi.name}
        if kpi.unit:
            item["unit"] = kpi.unit
        if kpi.healthy_min is not None:
            item["healthy_min"] = plain(kpi.healthy_min)
        if kpi.healthy_max is not None:
            item["healthy_max"] = plain(kpi.healthy_max)
        if kpi.owner is not None:
            item["owner"] = kpi.owner.email
        if kpi.team is not None and kpi.team_id in team_ids:  # the file's teams
            item["team"] = kpi.team.name
        if kpi.is_north_star:
            item["north_star"] = True
        if kpi.description:
            item["description"] = kpi.description
        days = readings.get(kpi.pk, {})
        if days:
            item["history"] = [FlowMap(date=d, value=plain(v)) for d, v in sorted(days.items())]
        out.append(item)
    return out


def _team_order(teams: list[Team]) -> list[Team]:
    """The company first, then each team followed by its sub-teams, by name."""
    children: dict[int | None, list[Team]] = {}
    for team in teams:
        children.setdefault(team.parent_id, []).append(team)
    ordered: list[Team] = []
    stack = sorted(children.get(None, []), key=lambda t: t.name, reverse=True)
    while stack:
        team = stack.pop()
        ordered.append(team)
        stack.extend(sorted(children.get(team.pk, []), key=lambda t: t.name, reverse=True))
    return ordered


def _teams(snapshot: Snapshot) -> list[dict[str, Any]]:
    names = {t.pk: t.name for t in snapshot.teams}
    leads: dict[int, str] = {}
    for member in snapshot.team_members:
        if member.is_lead:
            # The format has one lead per team: the longest-standing one.
            leads.setdefault(member.team_id, member.email)
    out = []
    for team in _team_order(snapshot.teams):
        item: dict[str, Any] = {"name": team.name}
        if team.parent_id is not None:
            item["parent"] = names[team.parent_id]
        if team.pk in leads:
            item["lead"] = leads[team.pk]
        out.append(item)
    return out


def _people(snapshot: Snapshot) -> list[dict[str, Any]]:
    """Team members and owners, by e-mail, so an import can recreate them with their names."""
    names: dict[str, str] = {}
    teams: dict[str, set[str]] = {}
    for member in snapshot.team_members:
        names[member.email] = member.name
        teams.setdefault(member.email, set()).add(member.team_name)
    for objective in snapshot.objectives:
        owners = [objective.owner, *(kr.owner for kr in objective.key_results.all())]
        for person in owners:
            if person is not None:
                names[person.email] = person.name
    out = []
    for email in sorted(names):
        item: dict[str, Any] = {"email": email}
        if names[email]:
            item["name"] = names[email]
        if teams.get(email):
            item["teams"] = FlowList(sorted(teams[email]))
        out.append(item)
    return out


def _objective(objective: Objective, snapshot: Snapshot) -> dict[str, Any]:
    item: dict[str, Any] = {"ref": objective.ref, "title": objective.title}
    if objective.team is not None:
        item["team"] = objective.team.name
    if objective.owner is not None:
        item["owner"] = objective.owner.email
    if objective.description:
        item["description"] = objective.description
    contributors = sorted(t.name for t in objective.contributors.all())
    if contributors:
        item["contributors"] = FlowList(contributors)
    if objective.state != ObjectiveState.ACTIVE:
        item["state"] = objective.state
    if objective.visibility != Visibility.PUBLIC:
        item["visibility"] = objective.visibility
    item.update(_links(objective, snapshot))
    key_results = [_key_result(kr, snapshot) for kr in objective.key_results.all()]
    if key_results:
        item["key_results"] = key_results
    return item


def _links(objective: Objective, snapshot: Snapshot) -> dict[str, Any]:
    """aligned_to and cascaded_from, naming parents in this file only.

    Links to another cycle's objectives (a quarter aligned to its year) and to
    objectives the exporting member may not see cannot be named in the file.
    """
    aligned: list[str] = []
    cascaded: list[str] = []
    exported = snapshot.objective_ids
    for link in objective.parent_links.all():
        ref = _parent_ref(link, snapshot.cycle.pk, exported)
        if ref is None:
            continue
        (cascaded if link.kind == LinkKind.CASCADED else aligned).append(ref)
    out: dict[str, Any] = {}
    if aligned:
        out["aligned_to"] = FlowList(aligned)
    if cascaded:
        out["cascaded_from"] = cascaded[0] if len(cascaded) == 1 else FlowList(cascaded)
    return out


def _parent_ref(link: AlignmentLink, cycle_id: int, exported: set[int]) -> str | None:
    if link.parent_objective is not None:
        parent = link.parent_objective
        ok = parent.cycle_id == cycle_id and parent.pk in exported
        return parent.ref if ok else None
    kr = link.parent_key_result
    if kr is None or kr.cycle_id != cycle_id or kr.objective_id not in exported:
        return None
    return kr.ref


def _key_result(kr: KeyResult, snapshot: Snapshot) -> dict[str, Any]:
    item: dict[str, Any] = {"ref": kr.ref, "title": kr.title}
    if kr.kind:
        item["kind"] = kr.kind
    if kr.kind == KRKind.MILESTONE:
        item["done"] = kr.done
    else:
        if kr.start is not None:
            item["start"] = plain(kr.start)
        if kr.target is not None:
            item["target"] = plain(kr.target)
    if kr.unit:
        item["unit"] = kr.unit
    if kr.weight != 1:
        item["weight"] = plain(kr.weight)
    if kr.owner is not None:
        item["owner"] = kr.owner.email
    # Drafts and milestones carry no numbers in the file; values they were given
    # before their kind changed would make the file invalid, so they stay behind.
    if kr.kind and kr.kind != KRKind.MILESTONE:
        history = [_measurement(*m) for m in snapshot.histories.get(kr.pk, ())]
        if history:
            item["history"] = history
    if snapshot.with_sources and (source := _source(kr)) is not None:
        item["source"] = source
    return item


def _source(kr: KeyResult) -> dict[str, Any] | None:
    from bearing.integrations.okrfile import exported_source  # the integrations app imports io

    return exported_source(kr)


def _measurement(on: date, value: Decimal, note: str) -> FlowMap:
    entry = FlowMap(date=on, value=plain(value))
    if note:
        entry["note"] = note
    return entry
