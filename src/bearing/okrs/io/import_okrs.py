"""Import steps for the cycle's OKRs: objectives and key results by ref, then their values.

What the file names ends up as the file says (title, team, owner, numbers, …);
what it does not name is left alone, never deleted: check-ins and history hang
off those rows. Measurements are matched by date and value, so importing the
same history twice adds nothing.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction

from bearing.domain.limits import MAX_UNIT as MAX_UNIT_CHARS
from bearing.domain.model import KeyResult as FileKeyResult
from bearing.domain.model import Objective as FileObjective
from bearing.okrs.io.context import ImportContext
from bearing.okrs.models import KeyResult, MeasurementSource, Objective
from bearing.okrs.scoring import as_of_for
from bearing.okrs.services.key_results import (
    key_result_check,
    key_result_update,
    key_results_add,
    key_results_reorder,
)
from bearing.okrs.services.measurements import NewValue, measurements_add
from bearing.okrs.services.objectives import objective_create, objective_update

MAX_UNIT = MAX_UNIT_CHARS


def sync_objectives(ctx: ImportContext) -> None:
    cycle = ctx.the_cycle
    objectives = Objective.objects.filter(cycle=cycle).select_related("team", "owner")
    ctx.objectives = {o.ref: o for o in objectives.prefetch_related("contributors")}
    key_results = KeyResult.objects.filter(cycle=cycle).select_related("owner", "objective")
    ctx.key_results = {k.ref: k for k in key_results.prefetch_related("measurements")}
    existing_krs = dict(ctx.key_results)
    for i, item in enumerate(ctx.okrs.objectives):
        path = f"objectives[{i}]"
        existed = item.ref in ctx.objectives
        row = _objective(ctx, item, path, ctx.objectives.get(item.ref))
        if row is None:
            continue
        ctx.objectives[item.ref] = row
        ctx.imported.append((path, item, row))
        # (path, what the file says, the row as saved, the row before) in the file's order.
        placed: list[tuple[str, FileKeyResult, KeyResult | None, KeyResult | None]] = []
        new: list[tuple[str, FileKeyResult, KeyResult]] = []
        for j, kr in enumerate(item.key_results):
            kr_path = f"{path}.key_results[{j}]"
            before = existing_krs.get(kr.ref)
            if before is None:
                checked = _checked_key_result(ctx, kr, kr_path, row)
                if checked is not None:
                    new.append((kr_path, kr, checked))
                    placed.append((kr_path, kr, checked, None))
            else:
                placed.append((kr_path, kr, _key_result(ctx, kr, kr_path, row, before), before))
        failed = _add_key_results(ctx, row, new)
        saved = []
        for kr_path, kr, kr_row, before in placed:
            if kr_row is None or kr_row.pk is None or kr_row in failed:
                continue
            ctx.key_results[kr.ref] = kr_row
            saved.append(kr_row)
            _measurements(ctx, kr, kr_path, kr_row, before)
        # A new objective's key results were added in the file's order already.
        if saved and existed:
            ctx.problems.attempt(
                path, partial(key_results_reorder, actor=ctx.actor, objective=row, ordered=saved)
            )


def _add_key_results(
    ctx: ImportContext, objective: Objective, new: list[tuple[str, FileKeyResult, KeyResult]]
) -> list[KeyResult]:
    """Save the objective's new key results in one go; the ones that failed. When the batch
    fails (a ref Bearing gives something else, say), they are added one by one, each
    problem at its own line."""
    if not new:
        return []
    try:
        with transaction.atomic():
            key_results_add(
                actor=ctx.actor, objective=objective,
                checked=[(checked, item.ref) for _, item, checked in new],
            )  # fmt: skip
    except (ValidationError, IntegrityError, DataError):
        for _, _, checked in new:
            checked.pk = None  # the batch was rolled back
    else:
        ctx.counts["key results created"] += len(new)
        return []
    failed = []
    for path, item, checked in new:
        added = ctx.problems.attempt(
            path,
            partial(key_results_add, actor=ctx.actor, objective=objective,
                    checked=[(checked, item.ref)]),
        )  # fmt: skip
        if added is None:
            failed.append(checked)
        else:
            ctx.counts["key results created"] += 1
    return failed


def _checked_key_result(
    ctx: ImportContext, item: FileKeyResult, path: str, objective: Objective
) -> KeyResult | None:
    """A new key result, checked but not saved yet (None when it has a problem)."""
    if len(item.unit) > MAX_UNIT:
        ctx.problems.add(f"{path}.unit", f"keep the unit under {MAX_UNIT} characters")
        return None
    return ctx.problems.check(
        path,
        partial(key_result_check, objective=objective, **_key_result_fields(ctx, item)),
    )


def _key_result_fields(ctx: ImportContext, item: FileKeyResult) -> dict[str, Any]:
    return {
        "title": item.title, "kind": item.kind.value if item.kind else "", "start": item.start,
        "target": item.target, "unit": item.unit, "weight": item.weight,
        "owner": ctx.person(item.owner), "done": item.done,
    }  # fmt: skip


def _objective(
    ctx: ImportContext, item: FileObjective, path: str, row: Objective | None
) -> Objective | None:
    wanted: dict[str, Any] = {
        "title": item.title,
        "description": item.description,
        "team": ctx.teams[item.team] if item.team else None,
        "owner": ctx.person(item.owner),
    }
    if ctx.is_invited(item.owner):
        if row is None and item.team is None:
            ctx.notes.append(
                f"the individual objective {item.ref!r} waits for its owner {item.owner} to join "
                "(they are invited); import the file again then"
            )
            return None
        if row is not None:
            del wanted["owner"]  # kept as it is until the invited owner joins
    # Left out of the file, state and visibility stay as they are (new rows: active, public).
    if item.state:
        wanted["state"] = item.state
    if item.visibility:
        wanted["visibility"] = item.visibility
    contributors = [ctx.teams[name] for name in item.contributors]
    if row is None:
        created = ctx.problems.attempt(
            path,
            partial(objective_create, actor=ctx.actor, cycle=ctx.the_cycle, ref=item.ref,
                    contributors=contributors, **wanted),
        )  # fmt: skip
        ctx.counts["objectives created"] += 1
        return created
    changed = {k: v for k, v in wanted.items() if getattr(row, k) != v}
    if {t.pk for t in row.contributors.all()} != {t.pk for t in contributors}:
        changed["contributors"] = contributors
    if not changed:
        ctx.counts["objectives unchanged"] += 1
        return row
    updated = ctx.problems.attempt(
        path, partial(objective_update, actor=ctx.actor, objective=row, **changed)
    )
    ctx.counts["objectives updated"] += 1
    return updated


def _key_result(
    ctx: ImportContext, item: FileKeyResult, path: str, objective: Objective, row: KeyResult
) -> KeyResult | None:
    """An existing key result, made as the file says."""
    if len(item.unit) > MAX_UNIT:
        ctx.problems.add(f"{path}.unit", f"keep the unit under {MAX_UNIT} characters")
        return None
    wanted = _key_result_fields(ctx, item)
    if ctx.is_invited(item.owner):
        del wanted["owner"]  # kept as it is until the invited owner joins
    if row.objective_id != objective.pk:
        ctx.problems.add(
            f"{path}.ref",
            f"key result {item.ref!r} belongs to objective {row.objective.ref!r} in Bearing; "
            "an import does not move key results between objectives",
        )
        return None
    if all(getattr(row, k) == v for k, v in wanted.items()):
        ctx.counts["key results unchanged"] += 1
        return row
    ctx.counts["key results updated"] += 1
    return ctx.problems.attempt(
        path, partial(key_result_update, actor=ctx.actor, key_result=row, **wanted)
    )


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=UTC)


def _measurements(
    ctx: ImportContext, item: FileKeyResult, path: str, row: KeyResult, before: KeyResult | None
) -> None:
    """Add the history the database lacks (matched by date and value), then the current value."""
    existing = before.measurements.all() if before is not None else []
    have = Counter((m.measured_at.date(), m.value) for m in existing)
    missing: list[tuple[str, NewValue]] = []
    for k, entry in enumerate(item.history):
        key = (entry.on, entry.value)
        if have[key] > 0:
            have[key] -= 1
        else:
            missing.append(
                (f"{path}.history[{k}]", NewValue(entry.value, _midnight(entry.on), entry.note))
            )
    _add_values(ctx, row, missing)
    if item.current is None:
        return
    if before is not None:
        latest = row.measurements.order_by("-measured_at", "-id").values_list("value", flat=True)
        if latest.first() == item.current:
            return  # importing the same file again adds nothing
    # The explicit current value is the value "today" (the file's as_of), after its history.
    on = as_of_for(ctx.the_cycle, ctx.okrs.as_of or ctx.today)
    if item.history:
        on = max(on, item.history[-1].on)
    _add_values(
        ctx, row, [(f"{path}.current", NewValue(item.current, _midnight(on)))],
        fields={"value": "", "measured_at": ""},
    )  # fmt: skip


def _add_values(
    ctx: ImportContext,
    row: KeyResult,
    values: list[tuple[str, NewValue]],
    fields: dict[str, str] | None = None,
) -> None:
    """Record the values in one go; when that fails, one by one, each problem at its line."""
    if not values:
        return
    add = partial(
        measurements_add, actor=ctx.actor, key_result=row, source=MeasurementSource.IMPORT
    )
    try:
        with transaction.atomic():
            add(values=[value for _, value in values])
    except (ValidationError, IntegrityError, DataError):
        pass
    else:
        ctx.counts["measurements added"] += len(values)
        return
    for path, value in values:
        added = ctx.problems.attempt(
            path, partial(add, values=[value]),
            fields=fields or {"value": "value", "measured_at": "date", "note": "note"},
        )  # fmt: skip
        if added is not None:
            ctx.counts["measurements added"] += 1
