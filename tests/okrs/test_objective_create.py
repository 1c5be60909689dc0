"""Creating an objective as a use case: its first alignment link in the same transaction, and
never in a closed cycle."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from bearing.domain.model import LinkKind
from bearing.okrs.models import AlignmentLink, ChangeRecord, CycleState, Objective
from bearing.okrs.services.objectives import objective_create
from tests import factories
from tests.conftest import World


def test_an_objective_is_created_with_its_first_link(world: World) -> None:
    company = factories.make_objective(world.cycle, "Delight every customer")
    kr = factories.make_key_result(company)
    child = objective_create(actor=world.bob, cycle=world.cycle, title="Make refunds instant",
                             team=world.payments, parent_key_result=kr,
                             link_kind=LinkKind.CASCADED)  # fmt: skip
    link = AlignmentLink.objects.get(child=child)
    assert (link.parent_key_result, link.kind) == (kr, "cascaded")
    assert ChangeRecord.objects.filter(entity="objective", entity_id=child.pk).exists()


def test_a_refused_link_undoes_the_objective(world: World) -> None:
    company = factories.make_objective(world.cycle, "Delight every customer")
    with pytest.raises(ValidationError) as caught:
        # Cascading is from a key result, not from an objective.
        objective_create(actor=world.bob, cycle=world.cycle, title="Be loved", team=world.payments,
                         parent_objective=company, link_kind=LinkKind.CASCADED)  # fmt: skip
    assert "kind" in caught.value.message_dict
    assert not Objective.objects.filter(title="Be loved").exists()


def test_no_objective_is_created_in_a_closed_cycle(world: World) -> None:
    closed = factories.make_cycle(world.org, "2025-Q4", state=CycleState.CLOSED)
    with pytest.raises(ValidationError) as caught:
        objective_create(actor=world.alice, cycle=closed, title="Too late", team=world.company)
    assert caught.value.message_dict == {
        "cycle": ["2025-Q4 is closed; add the objective to a cycle that is not over"]
    }
    assert not Objective.objects.filter(title="Too late").exists()
