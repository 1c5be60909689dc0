"""Refs: the handles that name objectives and key results in a cycle (OKR files, API)."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from bearing.domain.okrfile import slugify
from bearing.domain.yamlnodes import REF
from bearing.okrs.models import Cycle, KeyResult, Objective


def ref_taken(
    cycle: Cycle, ref: str, *, objective_id: int | None = None, key_result_id: int | None = None
) -> bool:
    """Whether an objective or key result of the cycle other than the given one holds ``ref``."""
    objectives = Objective.objects.filter(cycle=cycle, ref=ref)
    key_results = KeyResult.objects.filter(cycle=cycle, ref=ref)
    if objective_id is not None:
        objectives = objectives.exclude(pk=objective_id)
    if key_result_id is not None:
        key_results = key_results.exclude(pk=key_result_id)
    return objectives.exists() or key_results.exists()


def checked_ref(
    cycle: Cycle,
    ref: str | None,
    title: str,
    *,
    objective_id: int | None = None,
    key_result_id: int | None = None,
) -> str:
    """The given ref if valid and free, else one derived from the title and made unique."""
    if ref:
        if not REF.match(ref) or len(ref) > 64:
            raise ValidationError({"ref": ["use up to 64 letters, digits, '-', '_' or '.'"]})
        if ref_taken(cycle, ref, objective_id=objective_id, key_result_id=key_result_id):
            raise ValidationError({"ref": [f"ref {ref!r} is used in this cycle already"]})
        return ref
    base = slugify(title)
    candidate, n = base, 2
    while ref_taken(cycle, candidate, objective_id=objective_id, key_result_id=key_result_id):
        candidate, n = f"{base}-{n}", n + 1
    return candidate
