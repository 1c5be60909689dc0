"""GET /cycles/{id}/connectivity: `bearing align`'s figures over the database, with the trend."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from bearing.okrs.analysis import analyse_cycle
from bearing.okrs.analytics import snapshot_take
from bearing.okrs.models import AlignmentLink, ConnectivitySnapshot, Objective
from bearing.okrs.services.alignment import link_create
from tests import factories
from tests.api.conftest import Seed, call


def build(seed: Seed) -> dict[str, Objective]:
    """The seed (company objective, Payments' child aligned to it) plus Sales and Marketing
    objectives that look alike and align to nothing, and a cascaded one."""
    world = seed.world
    sales = factories.make_team(world.org, "Sales")
    marketing = factories.make_team(world.org, "Marketing")
    spain_sales = factories.make_objective(
        world.cycle, "Open the small-business market in Spain", team=sales
    )
    factories.make_key_result(spain_sales, "Sign 40 small-business customers in Spain",
                              kind="increase", start=Decimal(0), target=Decimal(40))  # fmt: skip
    spain_marketing = factories.make_objective(
        world.cycle, "Win more small-business customers in Spain", team=marketing
    )
    factories.make_key_result(spain_marketing, "Grow small-business sign-ups in Spain from 10 to 50",
                              kind="increase", start=Decimal(10), target=Decimal(50))  # fmt: skip
    cascaded = factories.make_objective(
        world.cycle, "Make checkout one tap", team=world.payments, contributors=[sales]
    )
    link_create(actor=None, child=cascaded, parent_key_result=seed.key_result, kind="cascaded")
    analyse_cycle(world.cycle)  # what the worker does after these changes
    return {"sales": spain_sales, "marketing": spain_marketing, "cascaded": cascaded}


def connectivity(seed: Seed, who: str = "alice") -> Any:
    answer = call("GET", f"/cycles/{seed.world.cycle.pk}/connectivity", token=seed.tokens[who])
    assert answer.status == 200, answer.content
    return answer.json()


def test_the_figures_of_bearing_align_with_ids_and_titles(seed: Seed) -> None:
    o = build(seed)
    body = connectivity(seed, "vic")
    assert body["cycle"]["id"] == seed.world.cycle.pk
    figures = {k: body[k] for k in ("objectives", "company_objectives", "aligned_pct", "cascaded_pct",
                                    "cross_functional_pct", "max_depth")}  # fmt: skip
    # 5 objectives, 1 of the company; of the other 4, 2 aligned (one cascaded); 1 of 5 has a
    # contributor; company → (via its key result) checkout: depth 2.
    assert figures == {"objectives": 5, "company_objectives": 1, "aligned_pct": 50.0,
                       "cascaded_pct": 25.0, "cross_functional_pct": 20.0, "max_depth": 2}  # fmt: skip
    assert body["orphans"] == [  # by team, then title
        {"id": o["marketing"].pk, "title": "Win more small-business customers in Spain", "team": "Marketing"},
        {"id": o["sales"].pk, "title": "Open the small-business market in Spain", "team": "Sales"},
    ]  # fmt: skip
    assert (body["orphans_count"], body["orphans_next"], body["similar_count"]) == (2, None, 1)
    assert body["analysed_at"] is not None and body["analysis_current"] is True
    (pair,) = body["similar"]
    assert pair["ids"] == [o["sales"].pk, o["marketing"].pk]
    assert pair["teams"] == ["Sales", "Marketing"] and pair["titles"][1].startswith("Win more")
    assert 0.3 <= pair["similarity"] <= 1
    assert (body["hidden_orphans"], body["hidden_similar"]) == (0, 0)
    assert [w["rule"] for w in body["warnings"]] == ["orphans-present", "look-alike-objectives"]
    assert body["thresholds"] == {"cascaded_warn_pct": 40.0, "aligned_drop_warn_pct": 5.0}


def test_the_organizations_thresholds_raise_warnings(seed: Seed) -> None:
    build(seed)
    seed.world.org.cascaded_warn_pct = Decimal(20)
    seed.world.org.save()
    body = connectivity(seed)
    assert body["warnings"][0]["rule"] == "cascaded-above-threshold"
    assert "above the limit of 20.0%" in body["warnings"][0]["message"]


def test_private_objectives_count_but_are_not_named_to_those_who_cannot_see_them(
    seed: Seed,
) -> None:
    o = build(seed)
    Objective.objects.filter(pk=o["marketing"].pk).update(
        visibility="private", owner=seed.world.alice
    )
    vic = connectivity(seed, "vic")
    text = str(vic)
    assert "Win more small-business customers in Spain" not in text
    assert [x["id"] for x in vic["orphans"]] == [o["sales"].pk]
    assert vic["similar"] == []
    assert (vic["hidden_orphans"], vic["hidden_similar"]) == (1, 1)
    assert vic["objectives"] == 5 and vic["aligned_pct"] == 50.0  # the figures count everyone's
    messages = " ".join(w["message"] for w in vic["warnings"])
    assert "1 more private objective that you cannot see also aligns to nothing" in messages
    assert "looks alike; it involves a private objective that you cannot see" in messages
    alice = connectivity(seed, "alice")  # an admin sees everything
    assert len(alice["orphans"]) == 2 and len(alice["similar"]) == 1
    assert (alice["hidden_orphans"], alice["hidden_similar"]) == (0, 0)


def test_the_trend_comes_from_the_stored_weekly_snapshots_and_reading_writes_none(
    seed: Seed,
) -> None:
    now = timezone.now()
    for model in (Objective, AlignmentLink):  # the seed existed a month ago
        model.objects.update(created_at=now - timedelta(days=30))
    snapshot_take(seed.world.cycle, at=now - timedelta(days=7))
    build(seed)
    snapshot_take(seed.world.cycle)  # this week, with what exists now
    body = connectivity(seed)
    assert [p["aligned_pct"] for p in body["trend"]] == [100.0, 50.0]
    last = body["trend"][-1]
    assert set(last) == {"week", "as_of", "objectives", "aligned_pct", "cascaded_pct",
                         "cross_functional_pct", "max_depth", "orphans", "similar", "warnings"}  # fmt: skip
    assert (last["objectives"], last["orphans"], last["similar"]) == (5, 2, 1)
    # 100 % → 50 % aligned since last week's snapshot is a drop of more than 5 points.
    assert "aligned-share-dropped" in {w["rule"] for w in body["warnings"]}
    count = ConnectivitySnapshot.objects.count()
    connectivity(seed)
    assert ConnectivitySnapshot.objects.count() == count


def test_an_empty_cycle_has_no_shares(seed: Seed) -> None:
    empty = factories.make_cycle(seed.world.org, "Empty", seed.world.cycle.end + timedelta(days=1),
                                 seed.world.cycle.end + timedelta(days=90))  # fmt: skip
    body = call("GET", f"/cycles/{empty.pk}/connectivity", token=seed.tokens["bob"]).json()
    assert (body["objectives"], body["aligned_pct"], body["cross_functional_pct"]) == (
        0,
        None,
        None,
    )
    assert body["trend"] == [] and body["warnings"] == []


def test_orphans_and_look_alikes_come_a_page_at_a_time(seed: Seed) -> None:
    o = build(seed)
    url = f"/cycles/{seed.world.cycle.pk}"
    first = call("GET", f"{url}/orphans?limit=1", token=seed.tokens["vic"]).json()
    assert (first["count"], [x["id"] for x in first["items"]]) == (2, [o["marketing"].pk])
    rest = call("GET", first["next"].split("/api/v1")[1], token=seed.tokens["vic"]).json()
    assert [x["id"] for x in rest["items"]] == [o["sales"].pk] and rest["next"] is None
    team = Objective.objects.get(pk=o["sales"].pk).team_id
    sales = call("GET", f"{url}/orphans?team={team}", token=seed.tokens["vic"]).json()
    assert [x["id"] for x in sales["items"]] == [o["sales"].pk]
    pairs = call("GET", f"{url}/look-alikes", token=seed.tokens["vic"]).json()
    assert pairs["count"] == 1 and pairs["items"][0]["ids"] == [o["sales"].pk, o["marketing"].pk]


def test_a_new_link_takes_a_pair_out_of_the_look_alikes_at_once(seed: Seed) -> None:
    """Two look-alike objectives linked now are not news: no waiting for the analysis."""
    o = build(seed)
    link_create(actor=None, child=o["marketing"], parent_objective=o["sales"])
    body = connectivity(seed)
    assert body["similar"] == [] and body["similar_count"] == 0
    assert body["analysis_current"] is False  # the job that recomputes it is queued
