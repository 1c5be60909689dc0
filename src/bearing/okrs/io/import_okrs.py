"""Import steps for the cycle's OKRs: objectives and key results by ref, then their values.

What the file names ends up as the file says (title, team, owner, numbers, …);
what it does not name is left alone, never deleted: check-ins and history hang
off those rows. Measurements are matched by date and value, so importing the
same history twice adds nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from functools import partial
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.db.models import Model

from bearing.domain.limits import MAX_UNIT as MAX_UNIT_CHARS
from bearing.domain.model import KeyResult as FileKeyResult
from bearing.domain.model import Objective as FileObjective
from bearing.okrs.io.context import ImportContext
from bearing.okrs.models import KeyResult, MeasurementSource, Objective, ObjectiveState, Visibility
from bearing.okrs.scoring import as_of_for
from bearing.okrs.services.key_results import (
    key_result_check,
    key_result_update,
    key_results_add_all,
    key_results_reorder,
)
from bearing.okrs.services.measurements import NewValue, measurements_add_all
from bearing.okrs.services.objectives import objective_check, objective_update, objectives_add
from bearing.orgs.models import Team

MAX_UNIT = MAX_UNIT_CHARS


def sync_objectives(ctx: ImportContext) -> None:
    """Objectives, then key results, then values — each kind of new row written in one
    batch for the whole file, so a large import holds the write lock briefly (issue 10.4)."""
    cycle = ctx.the_cycle
    objectives = Objective.objects.filter(cycle=cycle).select_related("team", "owner")
    ctx.objectives = {o.ref: o for o in objectives.prefetch_related("contributors")}
    key_results = KeyResult.objects.filter(cycle=cycle).select_related("owner", "objective")
    ctx.key_results = {k.ref: k for k in key_results.prefetch_related("measurements")}
    for objective in ctx.objectives.values():
        objective.cycle = cycle  # the one cycle, not a query per row
    for key_result in ctx.key_results.values():
        key_result.cycle = cycle
    existing_krs = dict(ctx.key_results)
    placed = _sync_objective_rows(ctx)
    values: list[tuple[str, tuple[KeyResult, NewValue], dict[str, str]]] = []
    new_krs: list[tuple[str, tuple[KeyResult, str | None]]] = []
    # (objective's path, its row, [(path, what the file says, the row, the row before)])
    krs_of: list[
        tuple[str, Objective, list[tuple[str, FileKeyResult, KeyResult, KeyResult | None]]]
    ] = []
    for path, item, row, _ in placed:
        kr_rows: list[tuple[str, FileKeyResult, KeyResult, KeyResult | None]] = []
        for j, kr in enumerate(item.key_results):
            kr_path = f"{path}.key_results[{j}]"
            before = existing_krs.get(kr.ref)
            if before is None:
                checked = _checked_key_result(ctx, kr, kr_path, row)
                if checked is not None:
                    new_krs.append((kr_path, (checked, kr.ref)))
                    kr_rows.append((kr_path, kr, checked, None))
            elif (updated := _key_result(ctx, kr, kr_path, row, before)) is not None:
                kr_rows.append((kr_path, kr, updated, before))
        krs_of.append((path, row, kr_rows))
    failed = _in_batch(
        ctx, new_krs, partial(key_results_add_all, actor=ctx.actor, cycle=cycle),
        reset=[kr for _, (kr, _) in new_krs],
    )  # fmt: skip
    _tally(ctx, "key results created", len(new_krs) - len(failed))
    existed_refs = {item.ref for _, item, _, existed in placed if existed}
    for path, row, kr_rows in krs_of:
        saved = []
        for kr_path, kr, kr_row, before in kr_rows:
            if kr_row.pk is None:
                continue  # its problem is reported
            ctx.key_results[kr.ref] = kr_row
            saved.append(kr_row)
            values.extend(_new_values(ctx, kr, kr_path, kr_row, before))
        # A new objective's key results were added in the file's order already.
        if saved and row.ref in existed_refs:
            ctx.problems.attempt(
                path, partial(key_results_reorder, actor=ctx.actor, objective=row, ordered=saved)
            )
    added = _in_batch(
        ctx, [(p, v) for p, v, _ in values],
        partial(measurements_add_all, actor=ctx.actor, source=MeasurementSource.IMPORT),
        fields=[f for _, _, f in values], batch_name="values",
    )  # fmt: skip
    _tally(ctx, "measurements added", len(values) - len(added))


def _sync_objective_rows(ctx: ImportContext) -> list[tuple[str, FileObjective, Objective, bool]]:
    """Existing objectives made as the file says, row by row; new ones checked, then added
    in one batch. (path, what the file says, the row, whether it existed) for each saved."""
    placed: list[tuple[str, FileObjective, Objective, bool]] = []
    new: list[tuple[str, tuple[Objective, list[Team], str | None]]] = []
    for i, item in enumerate(ctx.okrs.objectives):
        path = f"objectives[{i}]"
        before = ctx.objectives.get(item.ref)
        if before is None:
            checked = _checked_objective(ctx, item, path)
            if checked is not None:
                new.append((path, (checked[0], checked[1], item.ref)))
                placed.append((path, item, checked[0], False))
        elif (row := _objective(ctx, item, path, before)) is not None:
            placed.append((path, item, row, True))
    failed = _in_batch(
        ctx, new, partial(objectives_add, actor=ctx.actor, cycle=ctx.the_cycle),
        reset=[o for _, (o, _, _) in new],
    )  # fmt: skip
    _tally(ctx, "objectives created", len(new) - len(failed))
    saved = [entry for entry in placed if entry[2].pk is not None]
    for path, item, row, _ in saved:
        ctx.objectives[item.ref] = row
        ctx.imported.append((path, item, row))
    return saved


T = TypeVar("T")


def _tally(ctx: ImportContext, what: str, count: int) -> None:
    if count:  # the summary lists only what happened
        ctx.counts[what] += count


def _in_batch(
    ctx: ImportContext,
    items: list[tuple[str, T]],
    add_all: Callable[..., object],
    *,
    reset: list[Model] | None = None,
    fields: list[dict[str, str]] | None = None,
    batch_name: str = "checked",
) -> set[int]:
    """Write the items in one call (``add_all(<batch_name>=[…])``); when that fails, one by
    one, each problem at its own path. The indexes of those that failed."""
    if not items:
        return set()
    try:
        with transaction.atomic():
            add_all(**{batch_name: [item for _, item in items]})
    except (ValidationError, IntegrityError, DataError):
        for row in reset or []:
            row.pk = None  # the batch was rolled back; these rows are new again
            row._state.adding = True
    else:
        return set()
    failed = set()
    for i, (path, item) in enumerate(items):
        added = ctx.problems.attempt(
            path, partial(add_all, **{batch_name: [item]}), fields=fields[i] if fields else None
        )
        if added is None:
            failed.add(i)
    return failed


def _checked_objective(
    ctx: ImportContext, item: FileObjective, path: str
) -> tuple[Objective, list[Team]] | None:
    """A new objective, checked but not saved (None when it has a problem or must wait)."""
    if ctx.is_invited(item.owner) and item.team is None:
        ctx.notes.append(
            f"the individual objective {item.ref!r} waits for its owner {item.owner} to join "
            "(they are invited); import the file again then"
        )
        return None
    return ctx.problems.check(
        path,
        partial(objective_check, cycle=ctx.the_cycle, title=item.title, description=item.description,
                team=ctx.teams[item.team] if item.team else None, owner=ctx.person(item.owner),
                contributors=[ctx.teams[name] for name in item.contributors],
                state=item.state or ObjectiveState.ACTIVE,
                visibility=item.visibility or Visibility.PUBLIC),
    )  # fmt: skip


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
    ctx: ImportContext, item: FileObjective, path: str, row: Objective
) -> Objective | None:
    """An existing objective, made as the file says."""
    wanted: dict[str, Any] = {
        "title": item.title,
        "description": item.description,
        "team": ctx.teams[item.team] if item.team else None,
        "owner": ctx.person(item.owner),
    }
    if ctx.is_invited(item.owner):
        del wanted["owner"]  # kept as it is until the invited owner joins
    if ctx.from_csv:
        del wanted["description"]
    # Left out of the file, state and visibility stay as they are.
    if item.state:
        wanted["state"] = item.state
    if item.visibility:
        wanted["visibility"] = item.visibility
    contributors = [ctx.teams[name] for name in item.contributors]
    changed = {k: v for k, v in wanted.items() if getattr(row, k) != v}
    if not ctx.from_csv and {t.pk for t in row.contributors.all()} != {t.pk for t in contributors}:
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


HISTORY_FIELDS = {"value": "value", "measured_at": "date", "note": "note"}
CURRENT_FIELDS = {"value": "", "measured_at": ""}


def _new_values(
    ctx: ImportContext, item: FileKeyResult, path: str, row: KeyResult, before: KeyResult | None
) -> list[tuple[str, tuple[KeyResult, NewValue], dict[str, str]]]:
    """The history the database lacks (matched by date and value), then the current value:
    (path, the value, how the service's fields are named in the file)."""
    existing = before.measurements.all() if before is not None else []
    have = Counter((m.measured_at.date(), m.value) for m in existing)
    out = []
    for k, entry in enumerate(item.history):
        key = (entry.on, entry.value)
        if have[key] > 0:
            have[key] -= 1
        else:
            new = NewValue(entry.value, _midnight(entry.on), entry.note)
            out.append((f"{path}.history[{k}]", (row, new), HISTORY_FIELDS))
    if item.current is None:
        return out
    if before is not None:
        latest = row.measurements.order_by("-measured_at", "-id").values_list("value", flat=True)
        if latest.first() == item.current:
            return out  # importing the same file again adds nothing
    # The explicit current value is the value "today" (the file's as_of), after its history.
    on = as_of_for(ctx.the_cycle, ctx.okrs.as_of or ctx.today)
    if item.history:
        on = max(on, item.history[-1].on)
    out.append((f"{path}.current", (row, NewValue(item.current, _midnight(on))), CURRENT_FIELDS))
    return out
