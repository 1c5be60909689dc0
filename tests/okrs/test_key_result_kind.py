"""A key result's kind, given or inferred: the service decides once for the page, the API and
the importer. Left empty, start and target say increase or decrease."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from bearing.okrs.services.key_results import key_result_create, key_result_update
from tests import factories
from tests.conftest import World

INTERNAL_NAMES = ("at_least", "at_most")


@pytest.mark.parametrize(
    ("start", "target", "kind"),
    [
        ("30", "5", "decrease"),
        ("5", "30", "increase"),
        ("0.1", "0.35", "increase"),
        (None, None, ""),
    ],
)
def test_an_empty_kind_follows_start_and_target(
    world: World, start: str | None, target: str | None, kind: str
) -> None:
    objective = factories.make_objective(world.cycle)
    kr = key_result_create(
        actor=None, objective=objective, title="Churn", kind="", start=start, target=target
    )
    assert kr.kind == kind


def test_a_draft_given_start_and_target_takes_their_kind(world: World) -> None:
    objective = factories.make_objective(world.cycle)
    draft = key_result_create(actor=None, objective=objective, title="Churn")
    kr = key_result_update(actor=None, key_result=draft, start="3.2", target="2.0")
    assert (kr.kind, kr.start, kr.target) == ("decrease", Decimal("3.2"), Decimal("2.0"))


def test_a_given_kind_is_kept_even_when_the_numbers_disagree(world: World) -> None:
    objective = factories.make_objective(world.cycle)
    with pytest.raises(ValidationError) as caught:
        key_result_create(
            actor=None, objective=objective, title="Churn", kind="increase", start="30", target="5"
        )
    assert caught.value.message_dict == {
        "target": ["kind “Increase” needs a target above the start (30); or use kind “Decrease”"]
    }


@pytest.mark.parametrize(
    ("start", "target", "errors"),
    [
        ("5", "5", {"target": ["equals the start; give a different target, or a kind of “At least” or “At most”"]}),
        ("5", None, {"target": ["give both a start and a target, or choose a kind"]}),
        (None, "5", {"start": ["give both a start and a target, or choose a kind"]}),
    ],
)  # fmt: skip
def test_numbers_that_say_no_direction_get_a_message_without_internal_names(
    world: World, start: str | None, target: str | None, errors: dict[str, list[str]]
) -> None:
    objective = factories.make_objective(world.cycle)
    with pytest.raises(ValidationError) as caught:
        key_result_create(
            actor=None, objective=objective, title="Churn", start=start, target=target
        )
    assert caught.value.message_dict == errors
    assert not any(name in str(errors) for name in INTERNAL_NAMES)
