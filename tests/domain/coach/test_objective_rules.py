"""Objective rules, one table per rule: titles that should and should not trigger it."""

from __future__ import annotations

import pytest

from bearing.domain.coach import Level, Review, review_objective
from bearing.domain.model import Objective


def review(title: str, team: str | None = "Payments", company: str | None = None) -> Review:
    return review_objective(Objective(title=title, team=team), company_team=company)


def rules(r: Review, level: Level | None = None) -> set[str]:
    return {f.rule for f in r.findings if level is None or f.level is level}


def finding(r: Review, rule: str) -> str:
    f = next(f for f in r.findings if f.rule == rule)
    return f"{f.message} {f.suggestion}"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Reduce mainframe cost, save rework time, improve speed and reduce failures", True),
        ("Grow subscriptions and cut support costs", True),
        ("Raise margins by 5% and cut inventory by 10%", True),
        ("Improve safety, morale, retention and punctuality", True),
        ("Reducing waste while growing output", True),
        ("Keep our parks clean and safe", False),
        ("Keep our streets clean, safe and green", False),  # qualities of one outcome
        ("Delight customers and partners", False),
        ("Improve quality and speed of releases", False),
        ("Deliver every parcel on time, every time", False),
        ("Save and remember payment details", False),
    ],
)
def test_compound(title: str, expected: bool) -> None:
    r = review(title)
    assert ("objective-compound" in rules(r, Level.LIMITING)) is expected
    if expected:
        assert "Which one matters most?" in finding(r, "objective-compound")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Integrate the Stripe API into the billing service", True),
        ("Launch a customer loyalty app", True),
        ("Roll out the new rostering system to all wards", True),
        ("Build a self-service reporting dashboard", True),
        ("Improve retention by introducing a points scheme", True),
        ("Raise attendance through weekly mentoring", True),
        ("Grow repeat visits with a new membership programme", True),
        ("Obtain ISO 27001 certification", True),
        ("Ensure all policies are documented", True),
        ("Build trust with our donors", False),
        ("Ship faster without breaking things", False),
        ("Deliver every order on time", False),
        ("Create a calm first day for new starters", False),
        ("Make our app the easiest to integrate with", False),
        ("Ensure compliance with food safety rules", False),
    ],
)
def test_what_or_how(title: str, expected: bool) -> None:
    assert ("objective-what-or-how" in rules(review(title), Level.LIMITING)) is expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Grow revenue 20%", True),
        ("Reach $5M in annual recurring revenue", True),
        ("Open three new depots", True),
        ("Double our volunteer base", True),
        ("Cut onboarding time in half", True),
        ("Make checkout twice as fast", True),
        ("Scale to 10x the traffic", True),
        ("Maintain ISO 9001 compliance", False),  # a standard's name, not an amount
        ("Install sensors on line 4", False),  # what-or-how, but "line 4" is a name
        ("Be ready for the 2027 season", False),  # a year
        ("Help every pupil read by third grade", False),  # an ordinal
        ("Double down on reliability", False),  # an idiom
    ],
)
def test_quantitative(title: str, expected: bool) -> None:
    assert ("objective-quantitative" in rules(review(title), Level.LIMITING)) is expected


@pytest.mark.parametrize(
    ("title", "team", "company", "expected"),
    [
        ("Double the company's share price", "Treasury", "Acme", True),
        ("Lower costs across the whole organization", "Facilities", "Acme", True),
        ("Grow our market share in Asia", "Mobile", "Acme", True),
        ("Grow our market share in Asia", "Acme", "Acme", False),  # the company may
        ("Reduce national unemployment", "Leeds Office", None, True),
        ("Cut diesel prices for our drivers", "Fleet", None, True),
        ("Make our drivers' days easier", "Fleet", "Acme", False),
        ("Lower costs across the whole organization", None, None, False),  # level unknown
    ],
)
def test_out_of_bounds(title: str, team: str | None, company: str | None, expected: bool) -> None:
    r = review(title, team=team, company=company)
    assert ("objective-out-of-bounds" in rules(r, Level.LIMITING)) is expected


def test_too_long() -> None:
    long = (
        "Make sure that every family who calls our helpline late at night reaches a trained "
        "volunteer who can listen to them and help them without any delay at all"
    )
    assert "objective-too-long" in rules(review(long), Level.LIMITING)
    assert "objective-too-long" not in rules(review("Make every call count"))


@pytest.mark.parametrize(
    "title",
    [
        "Make digital payments more convenient",
        "Make paying feel instant",
        "Get every patient home sooner",
        "Give teachers their evenings back",
        "Protect customers from fraud",
        "Make renewing a passport painless",
    ],
)
def test_awesome(title: str) -> None:
    r = review(title)
    assert r.rating is Level.AWESOME
    assert rules(r, Level.AWESOME) == {
        "objective-memorable",
        "objective-starts-with-verb",
        "objective-plain-words",
        "objective-inspirational",
    }


@pytest.mark.parametrize(
    ("title", "missing"),
    [
        (
            "Modernize the claim processing infrastructure",
            "infrastructure",
        ),  # jargon, no one served
        ("Customer happiness", "start with a verb"),
        ("Support the finance team", "who benefits"),  # upkeep
        ("Optimize end-to-end NPS visibility", "NPS"),  # acronym and buzzwords
        ("Help shoppers find the right size the first time", "shorten"),  # 9 words
        ("Improve patient flow in the emergency department", "who benefits"),
    ],
)
def test_helpful_names_the_next_step(title: str, missing: str) -> None:
    r = review(title)
    assert r.rating is Level.HELPFUL
    assert {"objective-focused", "objective-qualitative"} <= rules(r, Level.HELPFUL)
    assert missing in finding(r, "objective-next-step")


def test_limiting_objective_gets_no_awesome_findings() -> None:
    r = review("Launch the new mobile app")
    assert r.rating is Level.LIMITING
    assert not rules(r, Level.AWESOME)
    assert r.findings[0].level is Level.LIMITING


def test_quantitative_suggestion_names_the_number() -> None:
    r = review("Grow revenue 20%")
    assert "“20%”" in finding(r, "objective-quantitative")
    assert "key result" in finding(r, "objective-quantitative")


def test_empty_and_odd_titles_do_not_crash() -> None:
    for title in ("", "   ", "!!!", "2026", "Q3", "🚀 Grow 🚀", "a" * 500):
        assert review(title).rating in Level


# General fixes prompted by the first blind batch (blind_batch.yaml). Each table uses
# wording of its own, not the batch's, to show the cause is fixed rather than the phrase.


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # A deliverable after "with": the head of the phrase is an artefact, however long.
        ("Win over young savers with a redesigned budgeting app", True),
        ("Help farmers sell direct with our new online marketplace platform", True),
        ("Grow loyalty with every customer", False),
        # Method first: a means, then "to"/"for" and the outcome.
        ("Use machine learning to cut card fraud", True),
        ("Apply lean methods to shorten hospital stays", True),
        ("Harness customer feedback to shape the roadmap", True),
        ("Leverage synergies to drive holistic value", False),  # jargon names no means
        ("Use less water in every home", False),  # a change in use is an outcome
        # A maker verb in a later clause, with a venue as its object.
        ("Win back regulars while opening a new bar", True),
    ],
)
def test_what_or_how_finds_deliverables_and_methods_anywhere(title: str, expected: bool) -> None:
    r = review(title)
    assert ("objective-what-or-how" in rules(r, Level.LIMITING)) is expected


def test_method_first_suggests_the_outcome_after_to() -> None:
    text = finding(review("Use machine learning to cut card fraud"), "objective-what-or-how")
    assert "“Use machine learning”" in text
    assert "“Cut card fraud”" in text


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # Names: a capitalized noun before the number.
        ("Help Terminal 5 travellers connect faster", False),
        ("Make Windows 11 upgrades painless for staff", False),
        # Time frames: a window to act in, not a target.
        ("Welcome new tenants in their first 30 days", False),
        ("Answer every enquiry within two working days", False),
        # The size of a scope.
        ("Make checkout quicker across all four stores", False),
        # Still amounts: a target time, a fraction, title case.
        ("Cut onboarding to ten days", True),
        ("Cut queues by a third", True),
        ("Grow Revenue To 40 Million", True),
    ],
)
def test_quantitative_ignores_names_time_frames_and_scope_sizes(title: str, expected: bool) -> None:
    assert ("objective-quantitative" in rules(review(title), Level.LIMITING)) is expected


@pytest.mark.parametrize(
    ("title", "team", "company", "expected"),
    [
        # Conditions of a whole population, whatever the team.
        ("Eradicate homelessness across the county", "Outreach", None, True),
        ("Reduce knife crime in the city", "Youth work", "Council", True),
        ("Cut loneliness among our members", "Clubs", "Acme", False),  # its own people
        ("Reduce loneliness in our community", "Clubs", "Acme", True),  # still a population
        # A rank against the whole market, from a team below the company.
        ("Make the bank the largest lender in the country", "Mortgages", "Acme", True),
        ("Become the best-rated insurer in Scotland", "Claims", "Acme", True),
        ("Become the best-rated insurer in Scotland", "Acme", "Acme", False),  # the company may
        ("Become the most trusted helpdesk for our customers", "Support", "Acme", False),
    ],
)
def test_out_of_bounds_sees_populations_and_market_ranks(
    title: str, team: str | None, company: str | None, expected: bool
) -> None:
    r = review(title, team=team, company=company)
    assert ("objective-out-of-bounds" in rules(r, Level.LIMITING)) is expected


@pytest.mark.parametrize(
    "title",
    [
        "Kickstart a love of music",  # a verb the lexicon lacks, in the imperative shape
        "Ignite a passion for science",
        "Make our museum worth the trip",
        "Nurture every new volunteer",
    ],
)
def test_awesome_reads_aspirations_and_unlisted_verbs(title: str) -> None:
    assert review(title).rating is Level.AWESOME


def test_a_noun_before_an_article_is_not_a_verb() -> None:
    assert "start with a verb" in finding(review("Excellence the standard"), "objective-next-step")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Help every family, wherever they live, find a school they love", False),  # an aside
        ("Grow subscriptions, which fund the newsroom, and cut churn", True),
    ],
)
def test_compound_skips_asides_between_commas(title: str, expected: bool) -> None:
    assert ("objective-compound" in rules(review(title), Level.LIMITING)) is expected


# General fixes prompted by the second blind batch (blind_batch_2.yaml). Each table uses
# wording of its own, not the batch's, to show the cause is fixed rather than the phrase.


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # A number glued to letters names a technology or a format, unless it is a unit.
        ("Bring 4K video to every classroom", False),
        ("Make 3D scans painless for patients", False),
        ("Win over B2B buyers in the Nordics", False),
        ("Be the 1st stop for commuters", False),
        ("Reach 12k riders on the new routes", True),  # a scale: twelve thousand
        ("Grow to 5K paying members", True),  # "K" before a plural counts them
        ("Cut average wait to 24h", True),
    ],
)
def test_quantitative_reads_glued_names_as_words(title: str, expected: bool) -> None:
    assert ("objective-quantitative" in rules(review(title), Level.LIMITING)) is expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # "Send" delivers only when what is sent is an artefact.
        ("Send every guest away smiling", False),
        ("Send the monthly newsletter to every donor", True),
        # What the people served can do is an outcome, even wrapped in "ensure".
        ("Ensure every tenant can report a repair online", False),
        ("Ensure applicants are able to finish their claim in one visit", False),
        ("Make sure every driver completes the safety course", True),
    ],
)
def test_what_or_how_spares_aspirations_and_abilities(title: str, expected: bool) -> None:
    assert ("objective-what-or-how" in rules(review(title), Level.LIMITING)) is expected


@pytest.mark.parametrize(
    "title",
    [
        "Make moving house less stressful",  # a pain taken away
        "Take the hassle out of filing taxes",
        "Make hospital parking less confusing",
        "Send every guest away smiling",
    ],
)
def test_awesome_reads_pains_taken_away(title: str) -> None:
    assert review(title).rating is Level.AWESOME


@pytest.mark.parametrize(
    ("title", "rating"),
    [
        # A verb of change over a measure is an improvement phrase: naming who benefits
        # does not make it inspiring.
        ("Raise bus punctuality for rural riders", Level.HELPFUL),
        ("Cut avoidable hospital visits for older residents", Level.HELPFUL),
        ("Increase repeat bookings among young families", Level.HELPFUL),
        # People as the object, or a feeling, still inspire.
        ("Win back former members", Level.AWESOME),
        ("Improve the lives of family carers", Level.AWESOME),
        ("Cut waiting so patients feel safe", Level.AWESOME),
    ],
)
def test_improvement_phrases_are_helpful(title: str, rating: Level) -> None:
    assert review(title).rating is rating


def test_improvement_phrase_asks_what_will_feel_different() -> None:
    text = finding(review("Raise bus punctuality for rural riders"), "objective-next-step")
    assert "what will feel different" in text


@pytest.mark.parametrize(
    ("title", "team", "company", "expected"),
    [
        # A place owning the ranking, before the superlative.
        ("Become Scandinavia's most punctual rail operator", "Depot Ops", "NordRail", True),
        ("Rank among the region's top employers", "People", "Acme", True),
        ("Become the #1 bakery in town", "Bakery", "Acme", True),
        ("Become Scandinavia's most punctual rail operator", "NordRail", "NordRail", False),
        ("Make Acme's best-loved product easier to use", "Product", "Acme", False),  # its own
        ("Make the team's best work visible", "Product", "Acme", False),
        # An outside force as the context a team copes with, not its target.
        ("Keep our growers profitable despite inflation", "Members", "Co-op", False),
        ("Help members stay resilient to a shaky economy", "Members", "Co-op", False),
        ("Bring down inflation in our region", "Members", "Co-op", True),
        # Attacks are counted against a team only in key results: protecting is its job.
        ("Protect our shops from break-ins", "Security", "Acme", False),
    ],
)
def test_out_of_bounds_sees_possessive_ranks_and_spares_context(
    title: str, team: str | None, company: str | None, expected: bool
) -> None:
    r = review(title, team=team, company=company)
    assert ("objective-out-of-bounds" in rules(r, Level.LIMITING)) is expected
