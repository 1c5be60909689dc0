"""Creating, changing and removing key results."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, Count, F, Max, Value, When

from bearing.domain.krfields import kind_of, kind_problems, label_name
from bearing.domain.limits import MAX_TITLE, MAX_UNIT, label_problem, text_problem
from bearing.domain.model import KRKind
from bearing.okrs import analysis, derived
from bearing.okrs.models import Cycle, KeyResult, Objective
from bearing.okrs.services import changes
from bearing.okrs.services.locking import locked, reject_unknown
from bearing.okrs.services.refs import checked_ref, checked_refs, lock_refs
from bearing.okrs.services.values import checked_decimal, optional_decimal
from bearing.orgs.models import Membership, Organization, Person

TRACKED = ("ref", "title", "kind", "unit", "start", "target", "done", "weight", "owner", "position")
EDITABLE = ("ref", "title", "kind", "unit", "start", "target", "done", "weight", "owner")


def _clean(kr: KeyResult) -> None:
    errors: dict[str, list[str]] = {}
    kr.title = kr.title.strip()
    if not kr.title:
        errors["title"] = ["a key result needs a title"]
    elif len(kr.title) > MAX_TITLE:
        errors["title"] = ["keep the title under 200 characters"]
    elif problem := label_problem(kr.title):
        errors["title"] = [problem]
    if problem := text_problem(kr.unit):
        errors["unit"] = [problem]
    elif len(kr.unit) > MAX_UNIT:
        errors["unit"] = [f"keep the unit under {MAX_UNIT} characters"]
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


def key_result_check(
    *,
    objective: Objective,
    title: str,
    kind: str = "",
    start: Decimal | str | None = None,
    target: Decimal | str | None = None,
    unit: str = "",
    weight: Decimal | str = Decimal(1),
    owner: Person | None = None,
    done: bool = False,
) -> KeyResult:
    """A new key result of the objective, checked (ValidationError by field) but not saved:
    ``key_results_add`` saves it. Checking apart lets an import check a whole file first."""
    kr = KeyResult(
        organization_id=objective.organization_id, objective=objective, cycle=objective.cycle,
        title=title, kind=kind or "", start=start, target=target, unit=unit.strip(), weight=weight,
        owner=owner, done=done,
    )  # fmt: skip
    _clean(kr)
    return kr


@transaction.atomic
def key_results_add(
    *, actor: Person | None, objective: Objective, checked: Sequence[tuple[KeyResult, str | None]]
) -> list[KeyResult]:
    """Save checked key results of one objective (each with the ref asked for, or None to
    derive one) after its others."""
    if any(kr.objective_id != objective.pk for kr, _ in checked):
        raise ValidationError({"objective": ["only new key results of this objective"]})
    return key_results_add_all(actor=actor, cycle=objective.cycle, checked=checked)


@transaction.atomic
def key_results_add_all(
    *, actor: Person | None, cycle: Cycle, checked: Sequence[tuple[KeyResult, str | None]]
) -> list[KeyResult]:
    """Save checked key results of any objectives of the cycle, each after its objective's
    others, in a few queries whatever their number: an import of thousands holds the
    database's write lock briefly (issue 10.4)."""
    rows = [kr for kr, _ in checked]
    if not rows:
        return rows
    if any(kr.cycle_id != cycle.pk or kr.pk is not None for kr in rows):
        raise ValidationError({"objective": ["only new key results of this cycle"]})
    refs = checked_refs(cycle, [(ref, kr.title) for kr, ref in checked])
    objective_ids = sorted({kr.objective_id for kr in rows})
    last = dict(
        KeyResult.objects.filter(objective_id__in=objective_ids)
        .values_list("objective_id")
        .annotate(last=Max("position"))
        .values_list("objective_id", "last")
    )
    added: Counter[int] = Counter()
    for kr, ref in zip(rows, refs, strict=True):
        start = last.get(kr.objective_id)
        kr.ref = ref
        kr.position = (0 if start is None else start + 1) + added[kr.objective_id]
        added[kr.objective_id] += 1
    _within_cap(cycle.organization_id, added)
    KeyResult.objects.bulk_create(rows)
    # In the database, not from (possibly stale) instances: a version must never go back.
    Objective.objects.filter(pk__in=objective_ids).update(
        version=F("version")
        + Case(*(When(pk=pk, then=Value(n)) for pk, n in added.items()), default=Value(0))
    )
    changes.record_all([
        changes.entry(
            organization=kr.organization_id, actor=actor, action="create", entity="key_result",
            entity_id=kr.pk, summary=f"added {_label(kr)}", after=changes.snapshot(kr, TRACKED),
            objective_id=kr.objective_id, cycle_id=cycle.pk,
        )
        for kr in rows
    ])  # fmt: skip
    derived.refresh_key_results(kr.pk for kr in rows)
    analysis.note_change(cycle.pk, cycle.organization_id)
    return rows


def _within_cap(organization_id: int, added: Counter[int]) -> None:
    """An objective holds at most the organization's cap of key results (issue 10.9)."""
    cap = Organization.objects.values_list("key_result_cap", flat=True).get(pk=organization_id)
    have = Counter(
        dict(
            KeyResult.objects.filter(objective_id__in=list(added))
            .values_list("objective_id")
            .annotate(n=Count("id"))
            .values_list("objective_id", "n")
        )
    )
    if any(have[o] + n > cap for o, n in added.items()):
        raise ValidationError(
            {"title": [f"an objective has at most {cap} key results here; focus on the ones "
                       "that matter most (an admin can change the limit in Settings)"]}
        )  # fmt: skip


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
    kr = key_result_check(
        objective=objective, title=title, kind=kind, start=start, target=target, unit=unit,
        weight=weight, owner=owner, done=done,
    )  # fmt: skip
    return key_results_add(actor=actor, objective=objective, checked=[(kr, ref)])[0]


def _lock(key_result: KeyResult, version: int | None) -> KeyResult:
    return locked(KeyResult.objects.select_related("objective", "cycle"), key_result.pk, version)


@transaction.atomic
def key_result_update(
    *, actor: Person | None, key_result: KeyResult, version: int | None = None, **fields: Any
) -> KeyResult:
    reject_unknown(fields, EDITABLE)
    if fields.get("ref"):
        lock_refs(key_result.cycle)  # before the key result: see refs.py on lock order
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
        derived.refresh_key_results([fresh.pk])
        analysis.note_change(fresh.cycle_id, fresh.organization_id)
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
    derived.refresh_objectives([fresh.objective_id])
    analysis.note_change(fresh.cycle_id, fresh.organization_id)


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
