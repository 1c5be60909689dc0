"""Initiatives: the backlog items ("what") under key results ("why")."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from bearing.domain.limits import MAX_TITLE, label_problem, text_problem
from bearing.okrs.models import Initiative, InitiativeStatus, KeyResult
from bearing.okrs.services import changes
from bearing.orgs.models import Membership, Organization, Person

TRACKED = ("title", "description", "owner", "status", "target_date", "url", "key_results")


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
    krs = list(key_results)
    errors: dict[str, list[str]] = {}
    title = title.strip()
    if not title:
        errors["title"] = ["an initiative needs a title"]
    elif problem := (
        label_problem(title) or ("keep it under 200 characters" if len(title) > MAX_TITLE else None)
    ):
        errors["title"] = [problem]
    if problem := text_problem(description):
        errors["description"] = [problem]
    if not krs:
        errors["key_results"] = ["an initiative serves at least one key result"]
    elif any(kr.organization_id != organization.pk for kr in krs):
        errors["key_results"] = ["no such key result"]
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
    if errors:
        raise ValidationError(errors)
    initiative = Initiative.objects.create(
        organization=organization, title=title, owner=owner, status=status, target_date=target_date,
        url=url, description=description.strip(),
    )  # fmt: skip
    initiative.key_results.set(krs)
    first = krs[0]
    changes.record(
        organization=organization, actor=actor, action="create", entity="initiative",
        entity_id=initiative.pk, summary=f"added initiative “{title}”",
        after=changes.snapshot(initiative, TRACKED), objective_id=first.objective_id, cycle_id=first.cycle_id,
    )  # fmt: skip
    return initiative


@transaction.atomic
def initiative_set_status(
    *, actor: Person | None, initiative: Initiative, status: str
) -> Initiative:
    if status not in InitiativeStatus.values:
        raise ValidationError({"status": [f"use one of {', '.join(InitiativeStatus.values)}"]})
    before = initiative.status
    initiative.status = status
    initiative.save(update_fields=["status"])
    first = initiative.key_results.first()
    changes.record(
        organization=initiative.organization, actor=actor, action="update", entity="initiative",
        entity_id=initiative.pk, summary=f"moved initiative “{initiative.title}” to {status}",
        before={"status": before}, after={"status": status},
        objective_id=first.objective_id if first else None, cycle_id=first.cycle_id if first else None,
    )  # fmt: skip
    return initiative
