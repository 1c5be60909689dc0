"""What the owning team can move: attribution and scope with the team tree (reach.py, owner.py).

Every table pairs items a team cannot move by itself with look-alike wording it can. The
wording is our own (not from the labelled or blind batches), so these guard the general
rules, not the batches.
"""

from __future__ import annotations

import pytest

from bearing.domain.coach import Level, review_key_result, review_objective
from bearing.domain.coach.owner import NO_OWNER, Owner, TeamTree, owner_of
from bearing.domain.model import KeyResult, KRKind, Objective, Team

# A hospital trust: divisions, wards (a kind of unit), shifts on a ward.
TRUST = "Fernhill Hospitals Trust"
TEAMS = (
    Team(TRUST),
    Team("Medicine Division", TRUST),
    Team("Ward 3", "Medicine Division"),
    Team("Ward 9", "Medicine Division"),
    Team("Day shift, Ward 9", "Ward 9"),
    Team("Finance", TRUST),
    Team("Procurement", "Finance"),
    Team("Communications", TRUST),
)
TREE = TeamTree(TEAMS)


def owner(team: str) -> Owner:
    return TREE.owner(team)


def objective_limits(title: str, team: str) -> set[str]:
    review = review_objective(Objective(title=title, team=team), owner=owner(team))
    return {f.rule for f in review.findings if f.level is Level.LIMITING}


def kr_limits(title: str, team: str | None) -> set[str]:
    who = owner(team) if team else NO_OWNER
    kr = KeyResult(title=title, kind=KRKind.DECREASE, start=None, target=None)
    return {f.rule for f in review_key_result(kr, owner=who).findings if f.level is Level.LIMITING}


# --- The team tree ---------------------------------------------------------------------


def test_a_team_is_placed_with_its_parents_and_what_it_runs() -> None:
    shift = owner("Day shift, Ward 9")
    assert shift.parents == ("Ward 9", "Medicine Division", TRUST)
    assert shift.company == TRUST and shift.below_company and not shift.is_company
    division = owner("Medicine Division")
    assert division.below == {"Medicine Division", "Ward 3", "Ward 9", "Day shift, Ward 9"}
    assert owner(TRUST).is_company and not owner(TRUST).below_company


def test_kinds_of_unit_are_words_several_team_names_share() -> None:
    assert set(TREE.units) == {"ward"}  # "Ward 3", "Ward 9" (and the shift on Ward 9)
    assert owner("Medicine Division").runs_every("ward")
    assert not owner("Ward 9").runs_every("ward")
    # Two teams named after customers are not units of the organization.
    tree = TeamTree([Team("Acme"), Team("Customer Success", "Acme"), Team("Customer Care", "Acme")])
    assert tree.units == {}


def test_an_unknown_team_sits_right_under_the_company() -> None:
    stranger = owner_of("Pop-up Team", TEAMS)
    assert stranger.parents == (TRUST,) and stranger.below_company
    assert owner_of("X", ()).company is None and not owner_of("X", ()).below_company


def test_a_loop_in_the_tree_ends() -> None:
    tree = TeamTree([Team("Root"), Team("A", "B"), Team("B", "A")])
    assert tree.owner("A").parents == ("B",)


# --- A team below the company on the whole organization ----------------------------------


@pytest.mark.parametrize(
    ("title", "team", "limited"),
    [
        ("Cut the trust's total waiting list for hip operations", "Day shift, Ward 9", True),
        ("Lift the trust's overall patient satisfaction", "Communications", True),
        ("Make discharge smoother across the trust", "Day shift, Ward 9", True),
        ("Halve falls on every ward", "Day shift, Ward 9", True),
        # The company itself owns its totals; a division runs every ward under it.
        ("Cut the trust's total waiting list for hip operations", TRUST, False),
        ("Halve falls on every ward", "Medicine Division", False),
        # Its own part, in similar words.
        ("Cut waiting times on Ward 9", "Day shift, Ward 9", False),
        ("Make every night on Ward 9 calm for patients", "Day shift, Ward 9", False),
        ("Improve the trust's discharge letters for patients", "Communications", False),
    ],
)
def test_objectives_about_the_whole_organization_or_every_unit(
    title: str, team: str, limited: bool
) -> None:
    assert ("objective-out-of-bounds" in objective_limits(title, team)) is limited


@pytest.mark.parametrize(
    ("title", "team", "limited"),
    [
        ("Reduce the trust's total agency spend from £9M to £6M", "Procurement", True),
        ("Cut falls across all wards from 40 to 20 a month", "Ward 3", True),
        ("Cut trust-wide sickness absence from 6% to 4%", "Ward 3", True),
        ("Reduce the trust's total agency spend from £9M to £6M", TRUST, False),
        ("Cut falls on our ward from 40 to 20 a month", "Ward 3", False),
        ("Cut falls across all wards from 40 to 20 a month", "Medicine Division", False),
    ],
)
def test_key_results_on_the_whole_organization_or_every_unit(
    title: str, team: str, limited: bool
) -> None:
    assert ("kr-hard-to-attribute" in kr_limits(title, team)) is limited


# --- Figures others make, whoever owns them ----------------------------------------------


@pytest.mark.parametrize(
    ("title", "limited"),
    [
        # A competitor's figures.
        ("Northgate Dairy, our main rival, loses 5% of its volume", True),
        ("Cut our competitors' delivery share from 30% to 20%", True),
        # Our own result measured against them.
        ("Win 200 customers from rivals", False),
        ("Deliver faster than the competition: from 3 days to 1", False),
        # A regulator's figures.
        ("Move up the regulator's league table from 14th to 5th", True),
        ("Raise our Ofsted rating from 2 to 1", True),
        ("Cut complaints referred to the ombudsman from 40 to 10", False),
        # Prizes and features an outside jury grants.
        ("Win the Regional Bakery of the Year award", True),
        ("Get featured in three national newspapers", True),
        ("Raise entries to our own baking prize from 40 to 80", False),
        # A market's and an industry's totals.
        ("Grow our share of Thames river crossings from 30% to 40%", True),
        ("Increase road haulage's share of freight from 60% to 62%", True),
        ("Cut sector-wide emissions by 10%", True),
        ("Raise the share of tickets closed on first contact from 60% to 80%", False),
        ("Grow our customers' share of wallet from 20% to 25%", False),
        # Prices a market sets, and what is only benchmarked on them.
        ("Reduce the average price we pay for copper cathode by 10%", True),
        ("Cut the premium we pay over the copper price from £90 to £60 a tonne", False),
    ],
)
def test_figures_outsiders_make(title: str, limited: bool) -> None:
    assert ("kr-hard-to-attribute" in kr_limits(title, "Procurement")) is limited


@pytest.mark.parametrize(
    ("title", "team", "limited"),
    [
        ("Cut road accidents in the Eastmoor district from 90 to 60 a year", "Ward 3", True),
        ("Reduce burglaries in the borough by 20%", "Communications", True),
        ("Cut readmissions across Fernhill by 10%", "Ward 3", True),
        # The team's own service measured in a place, or its own people there.
        ("Cut response times in the Eastmoor district from 9 to 7 minutes", "Ward 3", False),
        ("Grow sales in Scotland from £2M to £3M", "Communications", False),
        ("Reduce falls among our patients in the borough by 20%", "Ward 3", False),
        ("Open more clinics for people living in the Eastmoor district", "Ward 3", False),
    ],
)
def test_what_happens_to_a_whole_place(title: str, team: str, limited: bool) -> None:
    found = kr_limits(title, team) if title[0] != "O" else objective_limits(title, team)
    assert bool(found & {"kr-hard-to-attribute", "objective-out-of-bounds"}) is limited


@pytest.mark.parametrize(
    ("title", "team", "limited"),
    [
        ("Win Hospital of the Year", "Ward 3", True),
        ("Win Hospital of the Year", TRUST, False),
        ("Make every patient feel heard", "Ward 3", False),
    ],
)
def test_a_prize_is_out_of_bounds_below_the_company(title: str, team: str, limited: bool) -> None:
    assert ("objective-out-of-bounds" in objective_limits(title, team)) is limited


def test_the_finding_names_what_is_beyond_the_team() -> None:
    review = review_key_result(
        KeyResult(title="Cut falls across all wards from 40 to 20 a month"), owner=owner("Ward 3")
    )
    [finding] = [f for f in review.findings if f.rule == "kr-hard-to-attribute"]
    assert "all wards" in finding.message and finding.suggestion


def test_without_a_tree_only_the_words_count() -> None:
    # The older call: the company's name only; every other team sits right under it.
    old = review_objective(
        Objective(title="Cut the trust's total waiting list", team="Ward 3"), company_team=TRUST
    )
    assert "objective-out-of-bounds" in {f.rule for f in old.findings}
    alone = review_objective(Objective(title="Cut the trust's total waiting list", team="Ward 3"))
    assert "objective-out-of-bounds" not in {f.rule for f in alone.findings}
