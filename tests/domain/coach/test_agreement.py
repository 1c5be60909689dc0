"""The coach against the hand-labelled OKRs (labelled_okrs.yaml).

Thresholds sit just under what the coach measured when they were set (tuning
1.000, held out 0.984, every limiting rule at 0.875 or better in precision and
recall over the whole set), so a change that costs more than a label or two
fails here. Run with -s to see the per-rule table; bench/coach_agreement.py
prints the full report with confusion matrices and timing.

Blind batch 1 (blind_batch.yaml) was labelled by an independent OKR coach and
scored 0.833 on its first run, before any change. Its floor here is set after
the general fixes it prompted (0.989 then), just under it, so it guards against
regressions; it is no longer an unbiased estimate.

Blind batch 2 (blind_batch_2.yaml, same coach) scored 0.856 on its sealed first run,
after round 1 (0.800 with the coach from before round 1). That is the estimate to
quote. Its floor is set after the general fixes of round 2 (0.989 then). Blind
batch 3 is sealed: nothing here reads it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.domain.coach.coach_labelled import (
    BLIND_1,
    BLIND_2,
    BLIND_3,
    BLIND_4,
    BLIND_6,
    BLIND_7,
    DEV_ATTRIBUTION,
    DEV_ATTRIBUTION_2,
    Entry,
    Scores,
    load,
    review,
    score,
)

TUNE_MIN = 0.97
HOLDOUT_MIN = 0.95
RULE_MIN = 0.85  # precision and recall of each limiting rule, over all labelled items
BLIND1_FIRST_RUN = 0.833  # 75/90, measured once before any change for it
BLIND1_MIN = 0.96  # 0.989 (89/90) after the general fixes; at most two more misses
BLIND1_RULE_PRECISION_MIN = 0.85
BLIND2_FIRST_RUN = 0.856  # 77/90, measured once, sealed, after round 1 (0.800 before it)
BLIND2_MIN = 0.96  # 0.989 (89/90) after the round-2 fixes; at most two more misses
# objective-what-or-how is 0.80 (4/5) on blind 2: "digitise the archive" inside a
# compound objective names a deliverable, though the batch labels only compound.
BLIND2_RULE_PRECISION_MIN = 0.8

ENTRIES = load()


def split(name: str) -> list[Entry]:
    return [e for e in ENTRIES if e.split == name]


def rule_table(s: Scores) -> str:
    rows = [f"{'rule':<26}{'precision':>10}{'recall':>8}"]
    for rule in s.rules():
        p, r = s.precision(rule), s.recall(rule)
        rows.append(
            f"{rule:<26}{p if p is None else round(p, 2)!s:>10}{r if r is None else round(r, 2)!s:>8}"
        )
    return "\n".join(rows)


def test_the_labelled_set_is_big_and_varied() -> None:
    assert len(ENTRIES) >= 120
    assert len({e.id for e in ENTRIES}) == len(ENTRIES)
    assert 0.25 <= len(split("holdout")) / len(ENTRIES) <= 0.55
    assert len({e.raw["industry"] for e in ENTRIES}) >= 10
    for rating in ("limiting", "helpful", "awesome"):
        for kind in ("objective", "key_result"):
            assert any(e.rating == rating and e.item == kind for e in ENTRIES), (rating, kind)
    for e in ENTRIES:
        assert (e.rating == "limiting") == bool(e.limiting), e.id


@pytest.mark.parametrize(("name", "minimum"), [("tune", TUNE_MIN), ("holdout", HOLDOUT_MIN)])
def test_rating_agreement(
    name: str, minimum: float, record_property: Callable[[str, Any], None]
) -> None:
    s = score(split(name))
    record_property(f"{name}_agreement", round(s.agreement, 3))
    print(f"\n{name}: {s.agreed}/{s.total} = {s.agreement:.3f}\n{rule_table(s)}")
    misses = "\n".join(f"{e.id}: label {e.rating}, coach {r.rating.value}" for e, r in s.misses)
    assert s.agreement >= minimum, misses


def test_every_limiting_rule_is_precise_and_found() -> None:
    s = score(ENTRIES)
    print(f"\nall: {s.agreed}/{s.total} = {s.agreement:.3f}\n{rule_table(s)}")
    for rule in s.rules():
        precision, recall = s.precision(rule), s.recall(rule)
        assert precision is not None and precision >= RULE_MIN, (rule, precision)
        assert recall is not None and recall >= RULE_MIN, (rule, recall)


def test_every_labelled_limiting_rule_exists_in_the_coach() -> None:
    labelled = {rule for e in ENTRIES for rule in e.limiting}
    predicted = set(score(ENTRIES).tp)
    assert labelled == predicted  # every rule id in the labels is one the coach emits


def test_blind_batch_1_agreement(record_property: Callable[[str, Any], None]) -> None:
    blind = load(BLIND_1)
    assert len(blind) == 90 and {e.split for e in blind} == {"blind"}
    s = score(blind)
    record_property("blind1_agreement", round(s.agreement, 3))
    print(f"\nblind 1: {s.agreed}/{s.total} = {s.agreement:.3f} (first run {BLIND1_FIRST_RUN})")
    print(rule_table(s))
    misses = "\n".join(f"{e.id}: label {e.rating}, coach {r.rating.value}" for e, r in s.misses)
    assert s.agreement >= BLIND1_MIN, misses
    for rule in s.rules():
        precision = s.precision(rule)
        assert precision is None or precision >= BLIND1_RULE_PRECISION_MIN, (rule, precision)


def test_blind_batch_2_agreement(record_property: Callable[[str, Any], None]) -> None:
    blind = load(BLIND_2)
    assert len(blind) == 90 and {e.split for e in blind} == {"blind2"}
    s = score(blind)
    record_property("blind2_agreement", round(s.agreement, 3))
    print(f"\nblind 2: {s.agreed}/{s.total} = {s.agreement:.3f} (first run {BLIND2_FIRST_RUN})")
    print(rule_table(s))
    misses = "\n".join(f"{e.id}: label {e.rating}, coach {r.rating.value}" for e, r in s.misses)
    assert s.agreement >= BLIND2_MIN, misses
    for rule in s.rules():
        precision = s.precision(rule)
        assert precision is None or precision >= BLIND2_RULE_PRECISION_MIN, (rule, precision)


# 0.878 (79/90) on its one sealed run; no rule was changed for it. Rounds 3 and 4 (general
# attribution rules) raised it to 0.900, so the floor now allows two misses more.
BLIND3_MIN = 0.87


def test_blind_batch_3_agreement(record_property: Callable[[str, Any], None]) -> None:
    """The honest estimate for unseen OKRs: a batch nobody tuned against."""
    blind = load(BLIND_3)
    assert len(blind) == 90 and {e.split for e in blind} == {"blind3"}
    s = score(blind)
    record_property("blind3_agreement", round(s.agreement, 3))
    assert s.agreement >= BLIND3_MIN, [e.id for e in blind if review(e).rating.value != e.rating]


# Blind batch 4 (blind_batch_4.yaml, 100 items from 29 organizations with their team trees,
# written by a helper who saw only the rubric) was scored sealed by the lead before any
# change for it: 0.790 three-way, 0.830 limiting-vs-not (kr-hard-to-attribute recall 0.09,
# objective-out-of-bounds recall 0.38). The attribution and scope rules that read the team
# tree were then written and tuned with it: 0.930 and 0.970 after, a tuning figure.
BLIND4_SEALED = (0.790, 0.830)
BLIND4_MIN = 0.90
BLIND4_LIMITING_MIN = 0.94


def test_blind_batch_4_agreement(record_property: Callable[[str, Any], None]) -> None:
    blind = load(BLIND_4)
    assert len(blind) == 100 and {e.split for e in blind} == {"blind_batch_4"}
    s = score(blind)
    record_property("blind4_agreement", round(s.agreement, 3))
    print(f"\nblind 4: {s.agreed}/{s.total} = {s.agreement:.3f} (sealed {BLIND4_SEALED[0]})")
    print(rule_table(s))
    misses = "\n".join(f"{e.id}: label {e.rating}, coach {r.rating.value}" for e, r in s.misses)
    assert s.agreement >= BLIND4_MIN, misses
    assert s.limiting_agreement >= BLIND4_LIMITING_MIN, misses


def test_the_blind_format_places_every_item_in_its_organization() -> None:
    """Batch 4's items (key results too) carry their owning team, placed in its tree."""
    blind = load(BLIND_4)
    night_shift = next(e for e in blind if e.raw.get("team") == "Night shift, Ward 7")
    assert night_shift.owner.company == "Kestrel Valley Hospitals NHS Trust"
    assert night_shift.owner.parents == ("Surgery Division", "Kestrel Valley Hospitals NHS Trust")
    assert all(e.owner.team == e.raw.get("team") for e in blind)
    assert {e.raw["industry"] for e in blind} and all(e.raw["industry"] for e in blind)
    assert any(e.item == "key_result" and e.owner.below_company for e in blind)


# The dev batch of round 4 (dev_batch_attribution.yaml, 40 items in 7 organizations with team
# trees) was written by the coach's own helper from the rubric and scored once before any
# round-4 rule: 0.750 three-way, 0.800 limiting-vs-not. The same hand then wrote the rules,
# so its later figure (0.950 / 1.000) is a tuning figure, not an estimate.
DEV_ATTRIBUTION_FIRST_RUN = (0.750, 0.800)
DEV_ATTRIBUTION_MIN = 0.92
DEV_ATTRIBUTION_LIMITING_MIN = 0.97


def test_dev_batch_attribution_agreement(record_property: Callable[[str, Any], None]) -> None:
    dev = load(DEV_ATTRIBUTION)
    assert len(dev) == 40 and len({e.raw["organization"] for e in dev}) == 7
    s = score(dev)
    record_property("dev_attribution_agreement", round(s.agreement, 3))
    print(f"\ndev attribution: {s.agreed}/{s.total} = {s.agreement:.3f}")
    print(rule_table(s))
    misses = "\n".join(f"{e.id}: label {e.rating}, coach {r.rating.value}" for e, r in s.misses)
    assert s.agreement >= DEV_ATTRIBUTION_MIN, misses
    assert s.limiting_agreement >= DEV_ATTRIBUTION_LIMITING_MIN, misses


# Dev batch 2 (dev_batch_attribution_2.yaml, 30 items in 5 new organizations) was written by
# the same hand after the round-4 rules and scored once: 0.900 three-way, 0.933
# limiting-vs-not (the round-3 coach: 0.667 / 0.700). One miss then prompted a general rule
# (a country's figures): 0.933 / 0.967 after it.
DEV_ATTRIBUTION_2_FIRST_RUN = (0.900, 0.933)
DEV_ATTRIBUTION_2_MIN = 0.86


def test_dev_batch_attribution_2_agreement(record_property: Callable[[str, Any], None]) -> None:
    dev = load(DEV_ATTRIBUTION_2)
    assert len(dev) == 30
    s = score(dev)
    record_property("dev_attribution_2_agreement", round(s.agreement, 3))
    misses = "\n".join(f"{e.id}: label {e.rating}, coach {r.rating.value}" for e, r in s.misses)
    assert s.agreement >= DEV_ATTRIBUTION_2_MIN, misses
    assert s.limiting_agreement >= DEV_ATTRIBUTION_2_MIN, misses


# Blind batch 6 (blind_batch_6.yaml, 105 items from 26 organizations with their team trees,
# written by a helper who saw only the rubric) was scored sealed by the lead with round 4
# (main@d40771d) before any change for it: 0.800 three-way (84/105), 0.876 limiting-vs-not
# (92/105). Round 5's general rules were then tuned with it: 0.914 (96/105) and 1.000
# (105/105) after, a tuning figure. The floors allow two more misses.
BLIND6_SEALED = (0.800, 0.876)
BLIND6_MIN = 0.89
BLIND6_LIMITING_MIN = 0.98


def test_blind_batch_6_agreement(record_property: Callable[[str, Any], None]) -> None:
    blind = load(BLIND_6)
    assert len(blind) == 105 and len({e.raw["organization"] for e in blind}) == 26
    s = score(blind)
    record_property("blind6_agreement", round(s.agreement, 3))
    print(f"\nblind 6: {s.agreed}/{s.total} = {s.agreement:.3f} (sealed {BLIND6_SEALED[0]})")
    print(rule_table(s))
    misses = "\n".join(f"{e.id}: label {e.rating}, coach {r.rating.value}" for e, r in s.misses)
    assert s.agreement >= BLIND6_MIN, misses
    assert s.limiting_agreement >= BLIND6_LIMITING_MIN, misses


# Blind batch 7 (blind_batch_7.yaml, 105 items from 25 organizations with their team trees,
# written by a helper who saw only the rubric) was scored sealed by the lead with round 5
# (main@8543258): 0.876 three-way (92/105), 0.933 limiting-vs-not (98/105) — the estimate
# to quote. Nothing has been tuned on it: it guards that figure (two more misses allowed).
BLIND7_SEALED = (0.876, 0.933)
BLIND7_MIN = 0.857
BLIND7_LIMITING_MIN = 0.914


def test_blind_batch_7_agreement(record_property: Callable[[str, Any], None]) -> None:
    blind = load(BLIND_7)
    assert len(blind) == 105 and len({e.raw["organization"] for e in blind}) == 25
    s = score(blind)
    record_property("blind7_agreement", round(s.agreement, 3))
    print(f"\nblind 7: {s.agreed}/{s.total} = {s.agreement:.3f} (sealed {BLIND7_SEALED[0]})")
    misses = "\n".join(f"{e.id}: label {e.rating}, coach {r.rating.value}" for e, r in s.misses)
    assert s.agreement >= BLIND7_MIN, misses
    assert s.limiting_agreement >= BLIND7_LIMITING_MIN, misses
