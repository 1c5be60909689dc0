"""Initiatives: the backlog items ("what") under key results ("why").

Pages, the API and the demo create, change, reorder and delete them here. An initiative may
serve several key results (of one cycle); its target date lies within that cycle. Once its
owner has published their two-week plan for the cycle (``services.plans``), every change to
the plan's initiatives is recorded as a change after publishing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import F, Max

from bearing.domain.limits import MAX_LONG_TEXT, MAX_TITLE, label_problem, text_problem
from bearing.okrs.models import Initiative, InitiativeStatus, KeyResult, Plan
from bearing.okrs.services import changes
from bearing.orgs.models import Membership, Organization, Person

TRACKED = ("title", "description", "owner", "status", "target_date", "url", "key_results")
EDITABLE = ("title", "description", "owner", "status", "target_date", "url", "key_results")


def _errors(
    organization: Organization,
    *,
    title: str,
    description: str,
    krs: list[KeyResult],
    status: str,
    url: str,
    owner: Person | None,
    target_date: date | None,
) -> dict[str, list[str]]:
    """What is wrong with an initiative's fields, by field (empty when nothing)."""
    errors: dict[str, list[str]] = {}
    if not title:
        errors["title"] = ["an initiative needs a title"]
    elif problem := (
        label_problem(title) or ("keep it under 200 characters" if len(title) > MAX_TITLE else None)
    ):
        errors["title"] = [problem]
    if problem := text_problem(description):
        errors["description"] = [problem]
    elif len(description) > MAX_LONG_TEXT:
        errors["description"] = [f"keep the description under {MAX_LONG_TEXT:,} characters"]
    if not krs:
        errors["key_results"] = ["an initiative serves at least one key result"]
    elif any(kr.organization_id != organization.pk for kr in krs):
        errors["key_results"] = ["no such key result"]
    elif len({kr.cycle_id for kr in krs}) > 1:
        errors["key_results"] = ["the key results an initiative serves belong to one cycle"]
    if status not in InitiativeStatus.values:
        errors["status"] = [f"use one of {', '.join(InitiativeStatus.values)}"]
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            errors["url"] = ["give a full http(s) address of the item in your tracker"]
    if (
        owner is not None
        and not Membership.objects.filter(organization=organization, person=owner).exists()
    ):
        errors["owner"] = ["the owner must be a member of the organization"]
    if target_date is not None and krs and "key_results" not in errors:
        cycle = krs[0].cycle
        if not cycle.start <= target_date <= cycle.end:
            errors["target_date"] = [
                f"choose a day within {cycle.name} ({cycle.start:%d %b %Y} – {cycle.end:%d %b %Y})"
            ]
    return errors


def _context(krs: list[KeyResult]) -> dict[str, Any]:
    first = krs[0] if krs else None
    return {
        "objective_id": first.objective_id if first else None,
        "cycle_id": first.cycle_id if first else None,
    }


@transaction.atomic
def initiative_create(
    *,
    actor: Person | None,
    organization: Organization,
    title: str,
    key_results: Iterable[KeyResult],
    owner: Person | None = None,
    status: str = InitiativeStatus.PLANNED,
    target_date: date | None = None,
    url: str = "",
    description: str = "",
) -> Initiative:
    krs = list(dict.fromkeys(key_results))
    title = title.strip()
    errors = _errors(
        organization, title=title, description=description, krs=krs, status=status, url=url,
        owner=owner, target_date=target_date,
    )  # fmt: skip
    if errors:
        raise ValidationError(errors)
    last = Initiative.objects.filter(key_results__in=krs).aggregate(last=Max("position"))["last"]
    initiative = Initiative.objects.create(
        organization=organization, title=title, owner=owner, status=status, target_date=target_date,
        url=url, description=description.strip(), position=(last or 0) + 1,
    )  # fmt: skip
    initiative.key_results.set(krs)
    summary = f"added initiative “{title}”"
    changes.record(
        organization=organization, actor=actor, action="create", entity="initiative",
        entity_id=initiative.pk, summary=_after_publishing(initiative, krs, summary),
        after=changes.snapshot(initiative, TRACKED), **_context(krs),
    )  # fmt: skip
    return initiative


@transaction.atomic
def initiative_update(*, actor: Person | None, initiative: Initiative, **fields: Any) -> Initiative:
    """Change any of EDITABLE (``key_results``: the key results it serves, all of them)."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValidationError({name: ["not a field of an initiative"] for name in sorted(unknown)})
    fresh = (
        Initiative.objects.select_for_update().select_related("organization").get(pk=initiative.pk)
    )
    before = changes.snapshot(fresh, TRACKED)
    if "key_results" in fields:  # all the key results it serves; an empty list is refused
        krs = list(dict.fromkeys(fields.pop("key_results") or []))
    else:
        krs = _served(fresh)
    for name, value in fields.items():
        if name in ("title", "description", "url") and isinstance(value, str):
            value = value.strip()
        setattr(fresh, name, value)
    errors = _errors(
        fresh.organization, title=fresh.title, description=fresh.description, krs=krs,
        status=fresh.status, url=fresh.url, owner=fresh.owner, target_date=fresh.target_date,
    )  # fmt: skip
    if errors:
        raise ValidationError(errors)
    fresh.save()
    fresh.key_results.set(krs)
    old, new = changes.diff(before, changes.snapshot(fresh, TRACKED))
    if new:
        summary = f"changed {', '.join(new)} of initiative “{fresh.title}”"
        changes.record(
            organization=fresh.organization, actor=actor, action="update", entity="initiative",
            entity_id=fresh.pk, summary=_after_publishing(fresh, krs, summary), before=old,
            after=new, **_context(krs),
        )  # fmt: skip
    return fresh


def _served(initiative: Initiative) -> list[KeyResult]:
    return list(initiative.key_results.select_related("cycle").order_by("id"))


def initiative_set_status(
    *, actor: Person | None, initiative: Initiative, status: str
) -> Initiative:
    return initiative_update(actor=actor, initiative=initiative, status=status)


@transaction.atomic
def initiative_delete(*, actor: Person | None, initiative: Initiative) -> None:
    krs = _served(initiative)
    summary = f"removed initiative “{initiative.title}”"
    changes.record(
        organization=initiative.organization_id, actor=actor, action="delete",
        entity="initiative", entity_id=initiative.pk,
        summary=_after_publishing(initiative, krs, summary),
        before=changes.snapshot(initiative, TRACKED), **_context(krs),
    )  # fmt: skip
    initiative.delete()


@transaction.atomic
def initiative_move(
    *, actor: Person | None, initiative: Initiative, key_result: KeyResult, step: int
) -> None:
    """Move an initiative one place up (``step`` -1) or down (+1) in a key result's backlog.

    The key result's initiatives are numbered afresh first, so the order is whole whatever
    positions they had; an initiative at either end stays where it is."""
    if step not in (-1, 1):
        raise ValidationError({"step": ["move one place up (-1) or down (1)"]})
    ordered = list(
        Initiative.objects.select_for_update()
        .filter(key_results=key_result)
        .order_by("position", "id")
    )
    index = next((i for i, item in enumerate(ordered) if item.pk == initiative.pk), None)
    if index is None:
        raise ValidationError({"key_result": ["the initiative does not serve this key result"]})
    other = index + step
    if not 0 <= other < len(ordered):
        return
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, item in enumerate(ordered, start=1):
        item.position = position
    Initiative.objects.bulk_update(ordered, ["position"])
    summary = f"moved initiative “{initiative.title}” {'up' if step < 0 else 'down'}"
    changes.record(
        organization=initiative.organization_id, actor=actor, action="update",
        entity="initiative", entity_id=initiative.pk,
        summary=_after_publishing(initiative, [key_result], summary),
        objective_id=key_result.objective_id, cycle_id=key_result.cycle_id,
    )  # fmt: skip


def _after_publishing(initiative: Initiative, krs: list[KeyResult], summary: str) -> str:
    """Count a change to a published plan on the plan, and say so in the change's summary.

    The plan is its owner's for the cycle: the initiative's owner, else the owner of the key
    result it serves."""
    if not krs:
        return summary
    people = {initiative.owner_id, *(kr.owner_id for kr in krs)} - {None}
    plans = Plan.objects.filter(cycle_id=krs[0].cycle_id, person_id__in=people)
    if not plans.update(changes_since=F("changes_since") + 1):
        return summary
    return f"{summary} (after the plan was published)"
