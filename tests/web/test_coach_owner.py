"""The coach over the database places the owning team in its organization's tree."""

from __future__ import annotations

from django.test import Client

from bearing.okrs.coaching import key_result_hint, objective_hint
from tests import factories
from tests.conftest import World
from tests.web.conftest import OKRs
from tests.web.test_coach_hint import hint

TITLE = "Cut falls across all wards by half"


def test_the_form_hint_knows_the_teams_place(world: World, okrs: OKRs, as_bob: Client) -> None:
    surgery = factories.make_team(world.org, "Surgery", parent=world.company)
    ward = factories.make_team(world.org, "Ward 3", parent=surgery)
    factories.make_team(world.org, "Ward 9", parent=surgery)
    one_ward = hint(as_bob, {"title": "Make every ward calm at night", "team": ward.pk})
    assert "rating-limiting" in one_ward and "reaches beyond Ward 3" in one_ward
    every_ward = hint(as_bob, {"title": "Make every ward calm at night", "team": surgery.pk})
    assert "rating-limiting" not in every_ward and "reaches beyond" not in every_ward


def test_objective_and_key_result_hints_read_the_tree(world: World, okrs: OKRs) -> None:
    surgery = factories.make_team(world.org, "Surgery", parent=world.company)
    ward = factories.make_team(world.org, "Ward 3", parent=surgery)
    factories.make_team(world.org, "Ward 9", parent=surgery)
    review = objective_hint(world.org.pk, "Make every ward calm at night", ward.pk)
    assert "objective-out-of-bounds" in {f.rule for f in review.findings}
    objective = factories.make_objective(okrs.cycle, "Calm nights", team=ward)
    saved = factories.make_key_result(objective, "Falls")
    rules = {f.rule for f in key_result_hint(title=TITLE, saved=saved).findings}
    assert "kr-hard-to-attribute" in rules
    assert "kr-hard-to-attribute" not in {f.rule for f in key_result_hint(title=TITLE).findings}
