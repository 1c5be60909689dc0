"""Refs: the handles that name objectives and key results in a cycle (OKR files, API).

A ref is unique across the cycle's objectives *and* key results, which no single
database constraint can say; ``checked_ref`` checks, and holds the cycle's row
lock so that two requests naming (or deriving, from one title) the same ref at
the same moment take turns instead of one failing with a spurious conflict. Lock
order, to never deadlock: the cycle, then objectives, then key results.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db.models import Q

from bearing.domain.limits import MAX_REF
from bearing.domain.okrfile import slugify
from bearing.domain.yamlnodes import REF
from bearing.okrs.models import Cycle, KeyResult, Objective


def lock_refs(cycle: Cycle) -> None:
    """Hold the cycle's refs until the transaction ends (a no-op on SQLite, whose writers
    take turns anyway). ``no_key``: rows that point at the cycle can still be written."""
    list(Cycle.objects.select_for_update(no_key=True).filter(pk=cycle.pk).values_list("pk"))


def checked_ref(
    cycle: Cycle,
    ref: str | None,
    title: str,
    *,
    objective_id: int | None = None,
    key_result_id: int | None = None,
) -> str:
    """The given ref if valid and free, else one derived from the title and made unique."""
    return checked_refs(
        cycle, [(ref, title)], objective_id=objective_id, key_result_id=key_result_id
    )[0]


def checked_refs(
    cycle: Cycle,
    wanted: Sequence[tuple[str | None, str]],
    *,
    objective_id: int | None = None,
    key_result_id: int | None = None,
) -> list[str]:
    """``checked_ref`` for many new items at once (ref asked for, or None; title), in two
    queries: the refs they could clash with, in each table. Refs given earlier in ``wanted``
    count as taken for the later ones."""
    lock_refs(cycle)
    for ref, _ in wanted:
        if ref and (not REF.match(ref) or len(ref) > MAX_REF):
            raise ValidationError({"ref": ["use up to 64 letters, digits, '-', '_' or '.'"]})
    taken = _taken(cycle, wanted, objective_id, key_result_id)
    out: list[str] = []
    for ref, title in wanted:
        if ref:
            if ref in taken:
                raise ValidationError({"ref": [f"ref {ref!r} is used in this cycle already"]})
            chosen = ref
        else:
            base = slugify(title)
            chosen, n = base, 2
            while chosen in taken:
                chosen, n = f"{base}-{n}", n + 1
        taken.add(chosen)
        out.append(chosen)
    return out


def _taken(
    cycle: Cycle,
    wanted: Sequence[tuple[str | None, str]],
    objective_id: int | None,
    key_result_id: int | None,
) -> set[str]:
    """The cycle's refs that ``wanted`` could run into: the refs asked for, and each derived
    slug with its numbered forms (``slug``, ``slug-2``, …)."""
    query = Q(ref__in=[ref for ref, _ in wanted if ref])
    for base in {slugify(title) for ref, title in wanted if not ref}:
        query |= Q(ref=base) | Q(ref__startswith=f"{base}-")
    objectives = Objective.objects.filter(query, cycle=cycle)
    key_results = KeyResult.objects.filter(query, cycle=cycle)
    if objective_id is not None:
        objectives = objectives.exclude(pk=objective_id)
    if key_result_id is not None:
        key_results = key_results.exclude(pk=key_result_id)
    return set(objectives.values_list("ref", flat=True)) | set(
        key_results.values_list("ref", flat=True)
    )
