"""Creating, changing and removing key results."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max

from bearing.domain.krfields import kind_of, kind_problems, label_name
from bearing.domain.model import KRKind
from bearing.okrs.models import KeyResult, Objective
from bearing.okrs.services import changes
from bearing.okrs.services.locking import locked, reject_unknown
from bearing.okrs.services.refs import checked_ref
from bearing.okrs.services.values import checked_decimal, optional_decimal
from bearing.orgs.models import Membership, Person

TRACKED = ("ref", "title", "kind", "unit", "start", "target", "done", "weight", "owner", "position")
EDITABLE = ("ref", "title", "kind", "unit", "start", "target", "done", "weight", "owner")


def _clean(kr: KeyResult) -> None:
    errors: dict[str, list[str]] = {}
    kr.title = kr.title.strip()
    if not kr.title:
        errors["title"] = ["a key result needs a title"]
    elif len(kr.title) > 200:
        errors["title"] = ["keep the title under 200 characters"]
    if kr.kind and kr.kind not in KRKind._value2member_map_:
        errors["kind"] = [
            f"use one of {', '.join(k.value for k in KRKind)}, or leave empty for a draft"
        ]
    # Each number on its own: one bad value must not leave the others unconverted.
    for name in ("start", "target", "weight"):
        convert = checked_decimal if name == "weight" else optional_decimal
        try:
            setattr(kr, name, convert(getattr(kr, name), name))
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if "weight" not in errors and kr.weight <= 0:
        errors["weight"] = ["the weight must be above 0"]
    if (
        kr.owner is not None
        and not Membership.objects.filter(
            organization_id=kr.organization_id, person=kr.owner
        ).exists()
    ):
        errors["owner"] = ["the owner must be a member of the organization"]
    if not errors.keys() & {"kind", "start", "target"}:
        # Left empty, the kind follows from start and target, as in an OKR file.
        kind = kind_of(KRKind(kr.kind) if kr.kind else None, kr.start, kr.target)
        kr.kind = kind.value if kind else ""
        numbers = kr.start is not None or kr.target is not None
        problems = kind_problems(kind, kr.start, kr.target, numbers_given=numbers, names=label_name)
        for name, message in problems:
            errors.setdefault(name, []).append(message)
    if kr.kind != KRKind.MILESTONE:
        kr.done = False
    if errors:
        raise ValidationError(errors)


def _label(kr: KeyResult) -> str:
    return f"key result “{kr.title}”"


@transaction.atomic
def key_result_create(
    *,
    actor: Person | None,
    objective: Objective,
    title: str,
    kind: str = "",
    start: Decimal | str | None = None,
    target: Decimal | str | None = None,
    unit: str = "",
    weight: Decimal | str = Decimal(1),
    owner: Person | None = None,
    done: bool = False,
    ref: str | None = None,
) -> KeyResult:
    kr = KeyResult(
        organization_id=objective.organization_id, objective=objective, cycle_id=objective.cycle_id,
        title=title, kind=kind or "", start=start, target=target, unit=unit.strip(), weight=weight,
        owner=owner, done=done,
    )  # fmt: skip
    _clean(kr)
    kr.ref = checked_ref(objective.cycle, ref, kr.title)
    last = objective.key_results.aggregate(last=Max("position"))["last"]
    kr.position = 0 if last is None else last + 1
    kr.save()
    # In the database, not from this (possibly stale) instance: a version must never go back.
    Objective.objects.filter(pk=objective.pk).update(version=F("version") + 1)
    changes.record(
        organization=objective.organization, actor=actor, action="create", entity="key_result",
        entity_id=kr.pk, summary=f"added {_label(kr)}", after=changes.snapshot(kr, TRACKED),
        objective_id=objective.pk, cycle_id=objective.cycle_id,
    )  # fmt: skip
    return kr


def _lock(key_result: KeyResult, version: int | None) -> KeyResult:
    return locked(KeyResult.objects.select_related("objective", "cycle"), key_result.pk, version)


@transaction.atomic
def key_result_update(
    *, actor: Person | None, key_result: KeyResult, version: int | None = None, **fields: Any
) -> KeyResult:
    reject_unknown(fields, EDITABLE)
    fresh = _lock(key_result, version)
    before = changes.snapshot(fresh, TRACKED)
    ref = fields.pop("ref", None)
    for name, value in fields.items():
        setattr(fresh, name, "" if name == "kind" and value is None else value)
    _clean(fresh)
    if ref is not None and ref != fresh.ref:
        fresh.ref = checked_ref(fresh.cycle, ref, fresh.title, key_result_id=fresh.pk)
    fresh.version += 1
    fresh.save()
    old, new = changes.diff(before, changes.snapshot(fresh, TRACKED))
    if old or new:
        changes.record(
            organization=fresh.objective.organization, actor=actor, action="update",
            entity="key_result", entity_id=fresh.pk,
            summary=f"changed {', '.join(new)} of {_label(fresh)}", before=old, after=new,
            objective_id=fresh.objective_id, cycle_id=fresh.cycle_id,
        )  # fmt: skip
    return fresh


@transaction.atomic
def key_result_delete(
    *, actor: Person | None, key_result: KeyResult, version: int | None = None
) -> None:
    fresh = _lock(key_result, version)
    changes.record(
        organization=fresh.objective.organization, actor=actor, action="delete", entity="key_result",
        entity_id=fresh.pk, summary=f"removed {_label(fresh)}", before=changes.snapshot(fresh, TRACKED),
        objective_id=fresh.objective_id, cycle_id=fresh.cycle_id,
    )  # fmt: skip
    fresh.delete()


@transaction.atomic
def key_results_reorder(
    *, actor: Person | None, objective: Objective, ordered: Sequence[KeyResult]
) -> None:
    """Put ``ordered`` first, in that order; the objective's other key results follow as they were."""
    if any(kr.objective_id != objective.pk for kr in ordered):
        raise ValidationError(
            {"key_results": ["only key results of this objective can be ordered"]}
        )
    current = list(objective.key_results.order_by("position", "id"))
    by_id = {kr.pk: kr for kr in current}
    first = [by_id[kr.pk] for kr in dict.fromkeys(ordered)]
    final = first + [kr for kr in current if kr not in first]
    moved = [kr for position, kr in enumerate(final) if kr.position != position]
    if not moved:
        return
    before = [kr.pk for kr in current]
    for position, kr in enumerate(final):
        kr.position = position
    KeyResult.objects.bulk_update(moved, ["position"])
    changes.record(
        organization=objective.organization, actor=actor, action="update", entity="objective",
        entity_id=objective.pk, summary=f"reordered the key results of “{objective.title}”",
        before={"key_results": before}, after={"key_results": [kr.pk for kr in final]},
        objective_id=objective.pk, cycle_id=objective.cycle_id,
    )  # fmt: skip
