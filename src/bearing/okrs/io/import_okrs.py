"""Import steps for the cycle's OKRs: objectives and key results by ref, then their values.

What the file names ends up as the file says (title, team, owner, numbers, …);
what it does not name is left alone, never deleted: check-ins and history hang
off those rows. Measurements are matched by date and value, so importing the
same history twice adds nothing.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time
from decimal import Decimal
from functools import partial
from typing import Any

from bearing.domain.limits import MAX_UNIT as MAX_UNIT_CHARS
from bearing.domain.model import KeyResult as FileKeyResult
from bearing.domain.model import Objective as FileObjective
from bearing.okrs.io.context import ImportContext
from bearing.okrs.models import KeyResult, Measurement, MeasurementSource, Objective
from bearing.okrs.scoring import as_of_for
from bearing.okrs.services.key_results import (
    key_result_create,
    key_result_update,
    key_results_reorder,
)
from bearing.okrs.services.measurements import measurement_add
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
        row = _objective(ctx, item, path, ctx.objectives.get(item.ref))
        if row is None:
            continue
        ctx.objectives[item.ref] = row
        ctx.imported.append((path, item, row))
        saved = []
        for j, kr in enumerate(item.key_results):
            kr_path = f"{path}.key_results[{j}]"
            before = existing_krs.get(kr.ref)
            kr_row = _key_result(ctx, kr, kr_path, row, before)
            if kr_row is not None:
                ctx.key_results[kr.ref] = kr_row
                saved.append(kr_row)
                _measurements(ctx, kr, kr_path, kr_row, before)
        if saved:
            ctx.problems.attempt(
                path, partial(key_results_reorder, actor=ctx.actor, objective=row, ordered=saved)
            )


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
    ctx: ImportContext, item: FileKeyResult, path: str, objective: Objective, row: KeyResult | None
) -> KeyResult | None:
    if len(item.unit) > MAX_UNIT:
        ctx.problems.add(f"{path}.unit", f"keep the unit under {MAX_UNIT} characters")
        return None
    wanted: dict[str, Any] = {
        "title": item.title, "kind": item.kind.value if item.kind else "", "start": item.start,
        "target": item.target, "unit": item.unit, "weight": item.weight,
        "owner": ctx.person(item.owner), "done": item.done,
    }  # fmt: skip
    if row is not None and ctx.is_invited(item.owner):
        del wanted["owner"]  # kept as it is until the invited owner joins
    if row is None:
        created = ctx.problems.attempt(
            path,
            partial(
                key_result_create, actor=ctx.actor, objective=objective, ref=item.ref, **wanted
            ),
        )
        ctx.counts["key results created"] += 1
        return created
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
    for k, entry in enumerate(item.history):
        key = (entry.on, entry.value)
        if have[key] > 0:
            have[key] -= 1
        else:
            _add(ctx, row, f"{path}.history[{k}]", entry.value, entry.on, entry.note)
    if item.current is None:
        return
    latest = row.measurements.order_by("-measured_at", "-id").values_list("value", flat=True)
    if latest.first() == item.current:
        return  # importing the same file again adds nothing
    # The explicit current value is the value "today" (the file's as_of), after its history.
    on = as_of_for(ctx.the_cycle, ctx.okrs.as_of or ctx.today)
    if item.history:
        on = max(on, item.history[-1].on)
    _add(ctx, row, f"{path}.current", item.current, on, "", fields={"value": "", "measured_at": ""})


def _add(
    ctx: ImportContext,
    row: KeyResult,
    path: str,
    value: Decimal,
    on: date,
    note: str,
    fields: dict[str, str] | None = None,
) -> Measurement | None:
    added = ctx.problems.attempt(
        path,
        partial(measurement_add, actor=ctx.actor, key_result=row, value=value,
                measured_at=_midnight(on), source=MeasurementSource.IMPORT, note=note),
        fields=fields or {"value": "value", "measured_at": "date", "note": "note"},
    )  # fmt: skip
    if added is not None:
        ctx.counts["measurements added"] += 1
    return added
