"""Writing a team's self-assessment (one rule: the page and the API both call this)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from bearing.domain.maturity import Dimension, Level
from bearing.maturity.models import SelfAssessment
from bearing.okrs.models import Cycle
from bearing.okrs.services import changes
from bearing.orgs.models import Person, Team


def self_assessment_save(
    *, actor: Person | None, team: Team, cycle: Cycle, levels: dict[Dimension, Level]
) -> SelfAssessment:
    """Create or replace the team's self-assessment of the cycle; every dimension is needed."""
    if team.organization_id != cycle.organization_id:
        raise ValidationError({"team": ["no such team"]})
    missing = [d.value for d in Dimension if d not in levels]
    if missing:
        raise ValidationError({name: ["choose a level"] for name in missing})
    values = {d.value: int(Level(levels[d])) for d in Dimension}
    with transaction.atomic():
        assessment, created = SelfAssessment.objects.update_or_create(
            team=team, cycle=cycle,
            defaults={"organization_id": team.organization_id, "author": actor, **values},
        )  # fmt: skip
        changes.record(
            organization=team.organization, actor=actor, action="create" if created else "update",
            entity="self_assessment", entity_id=assessment.pk,
            summary=f"assessed the maturity of {team.name}", after=dict(values), cycle_id=cycle.pk,
        )  # fmt: skip
    return assessment
