"""The weekly check-in: values for each key result, statuses, confidence, narrative — one form."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from bearing.domain.limits import MAX_COMMENT, MAX_LONG_TEXT
from bearing.domain.model import KRKind
from bearing.domain.scoring import ColorBands
from bearing.okrs import derived
from bearing.okrs.models import (
    CheckIn,
    Comment,
    Cycle,
    CycleState,
    KeyResult,
    Objective,
    ObjectiveState,
    Reaction,
)
from bearing.okrs.models.checkins import COLOR_STATUS, ReactionKind, Status
from bearing.okrs.scoring import as_of_for, objective_score
from bearing.okrs.services import changes
from bearing.okrs.services.key_results import key_result_update
from bearing.okrs.services.locking import reject_unknown
from bearing.okrs.services.measurements import measurement_add, measurement_delete
from bearing.okrs.services.values import checked_text
from bearing.orgs.models import Person


def suggested_status(objective: Objective, today: datetime | None = None) -> str:
    """The status the forecast suggests (002: "with current progress, we anticipate…"), or ''
    without a forecast. Reads the objective's stored figures afresh (values just recorded
    have refreshed them)."""
    derived.flush()
    obj = Objective.objects.select_related("cycle", "organization").get(pk=objective.pk)
    return forecast_status(obj, obj.cycle, obj.organization.bands, (today or timezone.now()).date())


def forecast_status(objective: Objective, cycle: Cycle, bands: ColorBands, today: date) -> str:
    """The status the objective's stored figures suggest on ``today``, or '' without a
    forecast: ``suggested_status`` for an objective already loaded (lists read no more)."""
    scored = objective_score(objective, cycle, as_of_for(cycle, today), bands)
    return COLOR_STATUS[scored.status] if scored.status else ""


def checkin_closed_reason(objective: Objective) -> str | None:
    """Why the objective takes no more check-ins, or None while it does."""
    if objective.cycle.state == CycleState.CLOSED:
        return f"{objective.cycle.name} is closed; its check-ins are history now"
    if objective.state != ObjectiveState.ACTIVE:
        return f"this objective is {objective.get_state_display().lower()}; reopen it to check in"
    return None


@transaction.atomic
def checkin_create(
    *,
    actor: Person | None,
    objective: Objective,
    values: Mapping[KeyResult, Decimal | str | bool | None],
    progress_status: str | None,
    capacity_status: str,
    confidence: int | None = None,
    narrative: str = "",
    status_reason: str = "",
    at: datetime | None = None,
) -> CheckIn:
    """Record a check-in and the values entered with it, in one transaction.

    ``values`` maps key results to a number (a measurement), a bool (a milestone done or
    not) or None (unchanged). With no ``progress_status`` the forecast's suggestion is taken;
    a status other than the suggestion needs a reason.
    """
    when = at or timezone.now()
    if reason := checkin_closed_reason(objective):
        raise ValidationError({"objective": [reason]})
    _check_statuses(
        progress_status, capacity_status, confidence,
        {"narrative": narrative, "status_reason": status_reason},
    )  # fmt: skip
    checkin = CheckIn.objects.create(
        organization_id=objective.organization_id, objective=objective, author=actor, created_at=when,
        progress_status=progress_status or Status.ON_TRACK, capacity_status=capacity_status,
        confidence=confidence, narrative=narrative.strip(), status_reason=status_reason.strip(),
    )  # fmt: skip
    value_errors: dict[str, list[str]] = {}
    # The stored figures of the key results and their objective are refreshed once for all
    # the values, when the block ends (not once per value).
    with derived.deferred():
        for kr, value in values.items():
            if kr.objective_id != objective.pk:
                raise ValidationError({f"kr-{kr.pk}": ["not a key result of this objective"]})
            try:
                record_value(actor, kr, value, checkin, when)
            except ValidationError as exc:
                value_errors[f"kr-{kr.pk}"] = [
                    m for msgs in exc.message_dict.values() for m in msgs
                ]
    if value_errors:
        raise ValidationError(value_errors)
    suggestion = suggested_status(objective, when)
    if not progress_status and not suggestion:
        raise ValidationError(
            {"progress_status": ["there is no forecast yet to suggest a status: choose one"]}
        )
    checkin.suggested_status = suggestion
    checkin.progress_status = progress_status or suggestion
    _check_reason(checkin)
    checkin.save(update_fields=["suggested_status", "progress_status"])
    changes.record(
        organization=objective.organization, actor=actor, action="create", entity="checkin",
        entity_id=checkin.pk, summary=f"checked in on “{objective.title}”: {checkin.get_progress_status_display()}",
        after=changes.snapshot(checkin, ["progress_status", "capacity_status", "confidence", "narrative"]),
        objective_id=objective.pk, cycle_id=objective.cycle_id,
    )  # fmt: skip
    return checkin


def _check_statuses(
    progress_status: str | None,
    capacity_status: str,
    confidence: int | None,
    texts: dict[str, str] | None = None,
) -> None:
    """The statuses, the confidence and the written parts (``texts``: field → text)."""
    errors: dict[str, list[str]] = {}
    if capacity_status not in Status.values:
        errors["capacity_status"] = ["choose green, yellow or red"]
    if progress_status and progress_status not in Status.values:
        errors["progress_status"] = ["choose green, yellow or red"]
    if confidence is not None and not 0 <= confidence <= 100:
        errors["confidence"] = ["a percentage from 0 to 100"]
    for name, text in (texts or {}).items():
        try:
            checked_text(text, name, limit=MAX_LONG_TEXT)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)


def _check_reason(checkin: CheckIn) -> None:
    """A status other than the forecast's suggestion needs a reason (002)."""
    suggestion = checkin.suggested_status
    if suggestion and checkin.progress_status != suggestion and not checkin.status_reason:
        raise ValidationError(
            {
                "status_reason": [
                    f"the forecast suggests {Status(suggestion).label.lower()}; say why you chose otherwise"
                ]
            }
        )


# What the author of a check-in may correct afterwards: what they wrote, not the values (to
# change a value, delete the check-in and check in again).
CHECKIN_EDITABLE = (
    "progress_status",
    "status_reason",
    "capacity_status",
    "confidence",
    "narrative",
)
AUTHOR_ONLY = "only its author can change or delete it"


def _authored(actor: Person | None, author_id: int | None) -> None:
    if actor is None or author_id is None or actor.pk != author_id:
        raise ValidationError(AUTHOR_ONLY)


def corrections_closed_reason(cycle: Cycle) -> str | None:
    """Why the cycle's check-ins can no longer be corrected, or None while they can."""
    if cycle.state == CycleState.CLOSED:
        return f"{cycle.name} is closed; its check-ins are history now"
    return None


def _open_for_corrections(checkin: CheckIn) -> None:
    if reason := corrections_closed_reason(checkin.objective.cycle):
        raise ValidationError(reason)


@transaction.atomic
def checkin_update(*, actor: Person | None, checkin: CheckIn, **fields: Any) -> CheckIn:
    """The author corrects their check-in (any of CHECKIN_EDITABLE); recorded before → after."""
    reject_unknown(fields, CHECKIN_EDITABLE)
    fresh = (
        CheckIn.objects.select_for_update().select_related("objective__cycle").get(pk=checkin.pk)
    )
    _authored(actor, fresh.author_id)
    _open_for_corrections(fresh)
    before = changes.snapshot(fresh, CHECKIN_EDITABLE)
    for name, value in fields.items():
        setattr(
            fresh,
            name,
            value.strip() if isinstance(value, str) and name != "progress_status" else value,
        )
    _check_statuses(
        fresh.progress_status, fresh.capacity_status, fresh.confidence,
        {"narrative": fresh.narrative, "status_reason": fresh.status_reason},
    )  # fmt: skip
    _check_reason(fresh)
    old, new = changes.diff(before, changes.snapshot(fresh, CHECKIN_EDITABLE))
    if not (old or new):
        return fresh
    fresh.edited_at = timezone.now()
    fresh.save()
    objective = fresh.objective
    changes.record(
        organization=objective.organization, actor=actor, action="update", entity="checkin",
        entity_id=fresh.pk, summary=f"corrected a check-in on “{objective.title}”: {', '.join(new)}",
        before=old, after=new, objective_id=objective.pk, cycle_id=objective.cycle_id,
    )  # fmt: skip
    return fresh


@transaction.atomic
def checkin_delete(*, actor: Person | None, checkin: CheckIn) -> None:
    """The author takes their check-in back, with the values entered in it (a milestone
    marked done stays done: that is the key result's state, changed apart)."""
    fresh = (
        CheckIn.objects.select_for_update().select_related("objective__cycle").get(pk=checkin.pk)
    )
    _authored(actor, fresh.author_id)
    _open_for_corrections(fresh)
    objective = fresh.objective
    for measurement in fresh.measurements.select_related("key_result__organization"):
        measurement_delete(actor=actor, measurement=measurement)
    changes.record(
        organization=objective.organization, actor=actor, action="delete", entity="checkin",
        entity_id=fresh.pk, summary=f"deleted a check-in on “{objective.title}”",
        before=changes.snapshot(fresh, ["created_at", *CHECKIN_EDITABLE]),
        objective_id=objective.pk, cycle_id=objective.cycle_id,
    )  # fmt: skip
    fresh.delete()


def record_value(
    actor: Person | None,
    kr: KeyResult,
    value: Decimal | str | bool | None,
    checkin: CheckIn | None,
    when: datetime,
) -> None:
    """One value entered for a key result: a measurement, or a milestone marked done or not
    (None or '': unchanged). ``checkin``: the check-in it came with, if any."""
    if value is None or value == "":
        return
    if kr.kind == KRKind.MILESTONE:
        done = (
            value
            if isinstance(value, bool)
            else str(value).lower() in {"1", "true", "on", "yes", "done"}
        )
        if done != kr.done:
            key_result_update(actor=actor, key_result=kr, done=done)
        return
    if isinstance(value, bool):
        raise ValidationError({"value": ["expected a number"]})
    measurement_add(actor=actor, key_result=kr, value=value, measured_at=when, checkin=checkin)


def _comment_text(text: str) -> str:
    text = checked_text(text.strip(), "text", limit=MAX_COMMENT)
    if not text:
        raise ValidationError({"text": ["write something first"]})
    return text


@transaction.atomic
def comment_add(*, actor: Person, checkin: CheckIn, text: str) -> Comment:
    text = _comment_text(text)
    comment = Comment.objects.create(
        organization_id=checkin.organization_id, checkin=checkin, author=actor, text=text
    )
    changes.record(
        organization=checkin.objective.organization, actor=actor, action="create", entity="comment",
        entity_id=comment.pk, summary="commented on a check-in", after={"text": text[:200]},
        objective_id=checkin.objective_id, cycle_id=checkin.objective.cycle_id,
    )  # fmt: skip
    return comment


@transaction.atomic
def comment_update(*, actor: Person | None, comment: Comment, text: str) -> Comment:
    """The author rewrites their comment; recorded before → after."""
    fresh = (
        Comment.objects.select_for_update().select_related("checkin__objective").get(pk=comment.pk)
    )
    _authored(actor, fresh.author_id)
    text = _comment_text(text)
    if text == fresh.text:
        return fresh
    before = fresh.text
    fresh.text, fresh.edited_at = text, timezone.now()
    fresh.save(update_fields=["text", "edited_at"])
    objective = fresh.checkin.objective
    changes.record(
        organization=objective.organization, actor=actor, action="update", entity="comment",
        entity_id=fresh.pk, summary="edited a comment on a check-in",
        before={"text": before[:200]}, after={"text": text[:200]},
        objective_id=objective.pk, cycle_id=objective.cycle_id,
    )  # fmt: skip
    return fresh


@transaction.atomic
def comment_delete(*, actor: Person | None, comment: Comment) -> None:
    fresh = (
        Comment.objects.select_for_update().select_related("checkin__objective").get(pk=comment.pk)
    )
    _authored(actor, fresh.author_id)
    objective = fresh.checkin.objective
    changes.record(
        organization=objective.organization, actor=actor, action="delete", entity="comment",
        entity_id=fresh.pk, summary="deleted a comment on a check-in",
        before={"text": fresh.text[:200]}, objective_id=objective.pk, cycle_id=objective.cycle_id,
    )  # fmt: skip
    fresh.delete()


@transaction.atomic
def reaction_toggle(*, actor: Person, checkin: CheckIn, kind: str) -> bool:
    """Add the reaction, or take it back if it was there; returns whether it is there now."""
    if kind not in ReactionKind.values:
        raise ValidationError({"kind": [f"use one of {', '.join(ReactionKind.values)}"]})
    existing = Reaction.objects.filter(checkin=checkin, person=actor, kind=kind)
    if existing.exists():
        existing.delete()
        return False
    # A double click sends two toggles at once: both may find none and add one. The second
    # insert is then a no-op (ON CONFLICT DO NOTHING), not an IntegrityError: one reaction.
    Reaction.objects.bulk_create(
        [
            Reaction(
                organization_id=checkin.organization_id, checkin=checkin, person=actor, kind=kind
            )
        ],
        ignore_conflicts=True,
    )
    changes.announce(
        organization=checkin.organization_id, actor=actor, action="create", entity="reaction",
        entity_id=checkin.pk, summary=f"reacted to a check-in: {kind}", after={"kind": kind},
        objective_id=checkin.objective_id,
    )  # fmt: skip
    return True
