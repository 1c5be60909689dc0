"""Rolling a cycle forward: unfinished objectives carried with their key results from where
they ended and their links where the parent comes too; all or nothing; recorded."""

from __future__ import annotations

from decimal import Decimal

from django.test import Client

from bearing.okrs.models import AlignmentLink, ChangeRecord, Cycle, KeyResult, Objective
from tests.conftest import World
from tests.fingerprint import fingerprint
from tests.web.conftest import OKRs, page
from tests.web.routes import rolling


def _next(okrs: OKRs) -> Cycle:
    rolling(okrs)
    return Cycle.objects.get(name="Next")


def test_carry_both_keeps_the_link_and_starts_where_it_ended(
    world: World, okrs: OKRs, as_alice: Client
) -> None:
    target = _next(okrs)
    html = page(as_alice, f"/o/acme/cycles/{okrs.cycle.pk}/roll-forward/")
    assert okrs.objective.title in html and "Next" in html
    response = as_alice.post(
        f"/o/acme/cycles/{okrs.cycle.pk}/roll-forward/",
        {"target": target.pk, "objectives": [okrs.company_objective.pk, okrs.objective.pk]},
    )
    assert response.status_code == 302
    carried = Objective.objects.get(cycle=target, carried_from=okrs.objective)
    parent = Objective.objects.get(cycle=target, carried_from=okrs.company_objective)
    assert AlignmentLink.objects.filter(child=carried, parent_objective=parent).exists()
    kr = KeyResult.objects.get(objective=carried, title=okrs.kr.title)
    assert (kr.kind, kr.start, kr.target) == ("decrease", Decimal(72), Decimal(24))
    record = ChangeRecord.objects.filter(entity="cycle", entity_id=target.pk).latest("id")
    assert record.summary == "rolled 2 objectives forward from Now to Next"


def test_a_child_without_its_parent_is_refused_and_nothing_written(
    okrs: OKRs, as_alice: Client
) -> None:
    target = _next(okrs)
    before = fingerprint()
    response = as_alice.post(
        f"/o/acme/cycles/{okrs.cycle.pk}/roll-forward/",
        {"target": target.pk, "objectives": [okrs.objective.pk]},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "is aligned to “Delight every customer”, which is not carried" in html
    assert fingerprint() == before


def test_an_active_cycle_does_not_roll_forward_yet(okrs: OKRs, as_alice: Client) -> None:
    target = _next(okrs)
    Cycle.objects.filter(pk=okrs.cycle.pk).update(state="active")
    before = fingerprint()
    response = as_alice.post(
        f"/o/acme/cycles/{okrs.cycle.pk}/roll-forward/",
        {"target": target.pk, "objectives": [okrs.company_objective.pk]},
    )
    assert "is still active" in response.content.decode()
    assert fingerprint() == before
