"""The two-week plan and rolling forward by API: the Plans page's and Roll forward page's
services, with their refusals as 422s naming every reason."""

from __future__ import annotations

from datetime import date

from bearing.okrs.models import Cycle, Initiative, KeyResult, Objective
from tests.api.conftest import Seed, call
from tests.fingerprint import fingerprint


def test_an_owner_publishes_a_plan_and_the_roster_says_so(seed: Seed) -> None:
    KeyResult.objects.filter(pk=seed.key_result.pk).update(owner=seed.world.alice)
    url = f"/cycles/{seed.world.cycle.pk}"
    before = call("GET", f"{url}/plans", token=seed.tokens["vic"]).json()
    assert [(r["email"], r["state"]) for r in before["items"]] == [
        ("alice@acme.example", "missing")
    ]

    refused = call("POST", f"{url}/plan", token=seed.tokens["alice"])
    assert refused.status == 422
    assert "target date" in refused.json()["detail"][0]["msg"]

    Initiative.objects.filter(pk=seed.initiative.pk).update(target_date=date(2026, 1, 20))
    published = call("POST", f"{url}/plan", token=seed.tokens["alice"])
    assert published.status == 201 and published.json()["initiatives"] == [seed.initiative.pk]
    after = call("GET", f"{url}/plans", token=seed.tokens["vic"]).json()["items"]
    assert after[0]["state"] == "published" and after[0]["changes_since"] == 0


def test_roll_forward_carries_the_chosen_objectives_or_nothing(seed: Seed) -> None:
    Cycle.objects.filter(pk=seed.world.cycle.pk).update(state="grading")
    target = Cycle.objects.create(organization=seed.world.org, name="2026-Q2",
                                  start=date(2026, 4, 1), end=date(2026, 6, 30), state="planning")  # fmt: skip
    url = f"/cycles/{seed.world.cycle.pk}/roll-forward"
    before = fingerprint()
    half = call("POST", url, {"target": target.pk, "objectives": [seed.child.pk]},
                token=seed.tokens["alice"])  # fmt: skip
    assert half.status == 422 and fingerprint() == before  # its parent stays behind: nothing
    members = call("POST", url, {"target": target.pk, "objectives": [seed.objective.pk]},
                   token=seed.tokens["bob"])  # fmt: skip
    assert members.status == 403

    both = call("POST", url, {"target": target.pk, "objectives": [seed.objective.pk, seed.child.pk]},
                token=seed.tokens["alice"])  # fmt: skip
    assert both.status == 201, both.json()
    carried = both.json()["carried"]
    assert set(carried) == {str(seed.objective.pk), str(seed.child.pk)}
    assert both.json()["links_kept"] == 1
    new = Objective.objects.filter(pk__in=carried.values(), cycle=target)
    assert sorted(new.values_list("title", flat=True)) == [
        "Make paying feel instant", "Make payments effortless",
    ]  # fmt: skip
