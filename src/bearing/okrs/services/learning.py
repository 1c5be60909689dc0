"""Learnings per objective (002) and a retrospective per team and cycle (003)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from bearing.domain.limits import MAX_LONG_TEXT
from bearing.okrs.models import Cycle, Learning, Objective, Retrospective
from bearing.okrs.services import changes
from bearing.okrs.services.values import checked_text
from bearing.orgs.models import Person, Team


@transaction.atomic
def learning_add(*, actor: Person | None, objective: Objective, text: str) -> Learning:
    text = checked_text(text.strip(), "text", limit=MAX_LONG_TEXT)
    if not text:
        raise ValidationError({"text": ["write what you learned"]})
    learning = Learning.objects.create(
        organization_id=objective.organization_id, objective=objective, author=actor, text=text
    )
    changes.record(
        organization=objective.organization, actor=actor, action="create", entity="learning",
        entity_id=learning.pk, summary=f"recorded a learning on “{objective.title}”",
        after={"text": text[:200]}, objective_id=objective.pk, cycle_id=objective.cycle_id,
    )  # fmt: skip
    return learning


@transaction.atomic
def retrospective_save(
    *,
    actor: Person | None,
    team: Team,
    cycle: Cycle,
    went_well: str,
    went_badly: str,
    try_next: str,
) -> Retrospective:
    if team.organization_id != cycle.organization_id:
        raise ValidationError({"team": ["no such team"]})
    for name, text in (
        ("went_well", went_well),
        ("went_badly", went_badly),
        ("try_next", try_next),
    ):
        checked_text(text, name, limit=MAX_LONG_TEXT)
    retro, created = Retrospective.objects.update_or_create(
        team=team, cycle=cycle,
        defaults={"organization_id": team.organization_id, "went_well": went_well.strip(),
                  "went_badly": went_badly.strip(), "try_next": try_next.strip(), "author": actor},
    )  # fmt: skip
    changes.record(
        organization=team.organization, actor=actor, action="create" if created else "update",
        entity="retrospective", entity_id=retro.pk, summary=f"wrote the retrospective of {team.name}",
        after=changes.snapshot(retro, ["went_well", "went_badly", "try_next"]), cycle_id=cycle.pk,
    )  # fmt: skip
    return retro
