"""The cycle as it was at the end of a past day (time travel), for ``alignment_tree``.

The rows of now are rewound through the change records made since
(``bearing.domain.replay.rewind``): objectives, key results and alignment links made since
are absent; titles, teams, states, starts, targets, kinds and weights take their earlier
values; links and key results deleted since come back (an objective deleted since comes back
for admins and when it was public, never for others: who may see it is decided on today's
rows). The key results are scored from the values measured by the day — including values
entered later for an earlier date and values taken back since when their record names the
key result — with the same domain rules as the stored figures.

Bounded: seven queries whatever the cycle's size (objectives, the reader's visible ones, key
results, links, the change records since, the values, the teams), then memory.

What the records do not carry, and so stays as today: team names, and the key results of an
objective deleted since (deleted with it, unrecorded).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from bearing.domain import model as domain
from bearing.domain.replay import Change, Row, replay, rewind
from bearing.domain.scoring import (
    KRFigures,
    key_result_figures,
    objective_figures,
)
from bearing.okrs.models import (
    AlignmentLink,
    ChangeRecord,
    Cycle,
    KeyResult,
    Measurement,
    Objective,
    ObjectiveState,
    Visibility,
)
from bearing.orgs.models import Team

ENTITIES = ("objective", "key_result", "alignment_link", "measurement")


@dataclass(frozen=True)
class PastObjective:
    pk: int
    ref: str
    title: str
    team_id: int | None
    state: str


@dataclass(frozen=True)
class PastKeyResult:
    pk: int
    objective_id: int
    ref: str
    title: str
    kind: str
    position: int


@dataclass(frozen=True)
class PastLink:
    child: int
    parent_objective: int | None
    parent_key_result: int | None
    kind: str


@dataclass(frozen=True)
class PastTeam:
    name: str
    parent_id: int | None


class PastCycle:
    """One cycle as one reader would have seen it at ``before`` (the end of ``day``)."""

    def __init__(
        self,
        visible: QuerySet[Objective],
        is_admin: bool,
        cycle: Cycle,
        day: date,
        before: datetime,
    ):
        """``visible``: the objectives of the cycle the reader may see now."""
        org = cycle.organization_id
        since: dict[str, list[Change]] = {name: [] for name in ENTITIES}
        for action, entity, pk, before_fields, objective_id in (
            ChangeRecord.objects.filter(
                organization_id=org, cycle_id=cycle.pk, at__gte=before, entity__in=ENTITIES
            )
            .order_by("-at", "-id")
            .values_list("action", "entity", "entity_id", "before", "objective_id")
        ):
            since[entity].append(Change(action, pk, before_fields or {}, objective_id))
        now = _objectives_now(cycle, before)
        objectives = rewind(now, since["objective"])
        seen_now = set(visible.values_list("id", flat=True))
        self.objectives = {
            pk: _objective(pk, row)
            for pk, row in objectives.items()
            if pk in seen_now or (pk not in now and _may_see_deleted(is_admin, row))
        }
        self.all_objectives = set(objectives)
        krs_now = _key_results_now(cycle, before)
        krs = rewind(krs_now, since["key_result"])
        links = rewind(_links_now(cycle, before), since["alignment_link"])
        values = _values(cycle, before, since["measurement"])
        back = set(objectives) - set(now)
        if back or set(krs) - set(krs_now):
            _deleted_with(back, set(krs) - set(krs_now), cycle, before, krs, links, values)
        self.key_results = {
            pk: _key_result(pk, row)
            for pk, row in krs.items()
            if row.get("objective") in objectives
        }
        self.links = [_link(row) for row in links.values()]
        self.kr_figures: dict[int, KRFigures] = {}
        weighted: dict[int, list[tuple[KRFigures, Decimal]]] = {pk: [] for pk in objectives}
        domain_cycle = cycle.as_domain()
        for pk, row in krs.items():
            if pk not in self.key_results or not row.get("kind"):
                continue
            item = _domain_key_result(row, tuple(values.get(pk, ())))
            figures = key_result_figures(item, domain_cycle, day)
            self.kr_figures[pk] = figures
            weighted[row["objective"]].append((figures, _decimal(row.get("weight")) or Decimal(1)))
        self.figures = {pk: objective_figures(items) for pk, items in weighted.items()}
        team_ids = {o.team_id for o in self.objectives.values() if o.team_id is not None}
        self.teams = {
            pk: PastTeam(name, parent)
            for pk, name, parent in Team.objects.filter(
                organization_id=org, pk__in=team_ids
            ).values_list("id", "name", "parent_id")
        }

    def serving_in_cycle(self) -> set[int]:
        """Objectives that served an objective or key result of the cycle on the day."""
        return {
            link.child
            for link in self.links
            if link.parent_objective in self.all_objectives
            or link.parent_key_result in self.key_results
        }


def _deleted_with(
    back: set[int],
    krs_back: set[int],
    cycle: Cycle,
    before: datetime,
    krs: dict[int, Row],
    links: dict[int, Row],
    values: dict[int, list[domain.Measurement]],
) -> None:
    """Add the key results, links and values of the objectives deleted since (``back``), and
    the values of the key results deleted since (``krs_back``): they went with them,
    unrecorded, so they are replayed from their own records up to the day (one query)."""
    made: dict[str, list[Change]] = {"key_result": [], "alignment_link": [], "measurement": []}
    for action, entity, pk, after, objective_id in (
        ChangeRecord.objects.filter(
            organization_id=cycle.organization_id, cycle_id=cycle.pk, at__lt=before,
            entity__in=list(made),
        )
        .order_by("at", "id")
        .values_list("action", "entity", "entity_id", "after", "objective_id")
    ):  # fmt: skip
        made[entity].append(Change(action, pk, objective_id=objective_id, after=after or {}))
    for pk, row in replay(made["key_result"]).items():
        if row.get("objective") in back and pk not in krs:
            krs[pk] = row
            krs_back.add(pk)
    for pk, row in replay(made["alignment_link"]).items():
        ends = (row.get("child"), row.get("parent_objective"))
        if any(end in back for end in ends) or row.get("parent_key_result") in krs:
            links.setdefault(pk, row)
    found: list[tuple[int, datetime, Decimal]] = []
    for row in replay(made["measurement"]).values():
        kr_id = row.get("key_result")
        if kr_id in krs_back and kr_id not in values:
            measured_at = datetime.fromisoformat(str(row["measured_at"]))
            if measured_at < before:
                found.append((int(kr_id), measured_at, Decimal(str(row["value"]))))
    for kr_id, measured_at, value in sorted(found, key=lambda f: (f[0], f[1])):
        values.setdefault(kr_id, []).append(domain.Measurement(on=measured_at.date(), value=value))


def _objectives_now(cycle: Cycle, before: datetime) -> dict[int, Row]:
    rows = Objective.objects.filter(cycle=cycle, created_at__lt=before).values_list(
        "id", "ref", "title", "team_id", "owner_id", "state", "visibility"
    )
    return {
        pk: {"ref": ref, "title": title, "team": team, "owner": owner, "state": state,
             "visibility": visibility}
        for pk, ref, title, team, owner, state, visibility in rows
    }  # fmt: skip


def _may_see_deleted(is_admin: bool, row: Row) -> bool:
    """An objective deleted since has no row to ask the visibility rule about: admins see
    it, others only when it was public (stricter than the rule, never looser)."""
    return is_admin or row["visibility"] == Visibility.PUBLIC


def _objective(pk: int, row: Row) -> PastObjective:
    return PastObjective(
        pk, str(row.get("ref", "")), str(row.get("title", "")), row.get("team"),
        str(row.get("state") or ObjectiveState.ACTIVE),
    )  # fmt: skip


def _key_results_now(cycle: Cycle, before: datetime) -> dict[int, Row]:
    names = ("ref", "title", "kind", "unit", "start", "target", "done", "weight", "position")
    rows = KeyResult.objects.filter(cycle=cycle, created_at__lt=before).values_list(
        "id", "objective_id", *names
    )
    return {pk: {"objective": objective, **dict(zip(names, rest, strict=True))}
            for pk, objective, *rest in rows}  # fmt: skip


def _key_result(pk: int, row: Row) -> PastKeyResult:
    return PastKeyResult(
        pk, int(row["objective"]), str(row.get("ref", "")), str(row.get("title", "")),
        str(row.get("kind") or ""), int(row.get("position") or 0),
    )  # fmt: skip


def _links_now(cycle: Cycle, before: datetime) -> dict[int, Row]:
    rows = AlignmentLink.objects.filter(child__cycle=cycle, created_at__lt=before).values_list(
        "id", "child_id", "parent_objective_id", "parent_key_result_id", "kind"
    )
    return {
        pk: {"child": child, "parent_objective": po, "parent_key_result": pkr, "kind": kind}
        for pk, child, po, pkr, kind in rows
    }


def _link(row: Row) -> PastLink:
    return PastLink(
        int(row["child"]), row.get("parent_objective"), row.get("parent_key_result"),
        str(row.get("kind", "")),
    )  # fmt: skip


def _values(
    cycle: Cycle, before: datetime, since: list[Change]
) -> dict[int, list[domain.Measurement]]:
    """The values measured by the day, by key result: those kept now and those taken back
    since (when their record names the key result), in the order they were measured."""
    found: list[tuple[int, datetime, Decimal]] = list(
        Measurement.objects.filter(key_result__cycle=cycle, measured_at__lt=before)
        .values_list("key_result_id", "measured_at", "value")
    )  # fmt: skip
    for change in since:
        taken_back = change.before
        if change.action != "delete" or not taken_back.get("key_result"):
            continue
        measured_at = datetime.fromisoformat(str(taken_back["measured_at"]))
        if measured_at < before:
            found.append(
                (int(taken_back["key_result"]), measured_at, Decimal(str(taken_back["value"])))
            )
    values: dict[int, list[domain.Measurement]] = {}
    for kr_id, measured_at, value in sorted(found, key=lambda f: (f[0], f[1])):
        values.setdefault(kr_id, []).append(domain.Measurement(on=measured_at.date(), value=value))
    return values


def _decimal(value: object) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value))


def _domain_key_result(
    row: Mapping[str, Any], history: tuple[domain.Measurement, ...]
) -> domain.KeyResult:
    return domain.KeyResult(
        ref=str(row.get("ref", "")), title=str(row.get("title", "")),
        kind=domain.KRKind(row["kind"]), start=_decimal(row.get("start")),
        target=_decimal(row.get("target")), done=bool(row.get("done")),
        weight=_decimal(row.get("weight")) or Decimal(1), unit=str(row.get("unit") or ""),
        history=history,
    )  # fmt: skip
