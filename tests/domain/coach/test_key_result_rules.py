"""Key-result rules, one table per rule; structured fields as well as words."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from bearing.domain.coach import Level, Review, review_key_result
from bearing.domain.model import KeyResult, KRKind, Measurement


def kr(
    title: str,
    kind: KRKind | None = None,
    start: str | None = None,
    target: str | None = None,
    every: int = 0,
    unit: str = "",
) -> KeyResult:
    s = None if start is None else Decimal(start)
    t = None if target is None else Decimal(target)
    history = tuple(
        Measurement(on=date(2026, 1, 5) + timedelta(days=every * i), value=s or Decimal(0))
        for i in range(5 if every else 0)
    )
    return KeyResult(title=title, kind=kind, start=s, target=t, unit=unit, history=history)


def rules(r: Review, level: Level | None = None) -> set[str]:
    return {f.rule for f in r.findings if level is None or f.level is level}


def message(r: Review, rule: str) -> str:
    f = next(f for f in r.findings if f.rule == rule)
    return f"{f.message} {f.suggestion}"


def limiting(title: str, **fields: object) -> set[str]:
    return rules(review_key_result(kr(title, **fields)), Level.LIMITING)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Add Apple Pay support", True),
        ("Implement metrics for tracking campaign success", True),
        ("Migrate 80% of clinics to the new booking system", True),
        ("Train 40 managers on coaching", True),
        ("Publish 10 case studies", True),
        ("Build a partner portal", True),
        ("Ship the redesigned search page", True),
        ("Reporting dashboard live in production", True),
        ("Payroll integration enabled for all sites", True),
        ("Open 4 new branches", True),
        ("Email reminders before every appointment", True),
        ("Make sure every nurse completes the sepsis course", True),
        ("Reduce appointment no-shows by 30%", False),
        ("Sign 12 new wholesale partners", False),
        ("Onboard 40 new schools", False),
        ("Deliver 98% of parcels on the promised day", False),
        ("Deliver faster", False),  # vague (qualitative), but not a task
        ("Grow sales in 20 stores by 10%", False),
    ],
)
def test_output(title: str, expected: bool) -> None:
    assert ("kr-output" in limiting(title)) is expected


def test_output_message_asks_for_the_outcome_and_keeps_the_task() -> None:
    text = message(review_key_result(kr("Add PayPal support")), "kr-output")
    assert "What outcome should adding PayPal support move — e.g. checkout conversion" in text
    assert "keep the task as an initiative" in text


@pytest.mark.parametrize(
    ("title", "kind", "expected"),
    [
        ("Launch the referral scheme", KRKind.MILESTONE, True),
        ("Churn below 2%", KRKind.MILESTONE, True),
        ("Achieve SOC 2 certification", None, True),
        ("Pass the annual fire inspection", None, True),
        ("Win the regional quality award", None, True),
        ("Get council approval for the new depot", None, True),
        ("Pass 95% of fire inspections first time", None, False),  # a rate
        ("Reduce audit findings by half", None, False),
    ],
)
def test_binary(title: str, kind: KRKind | None, expected: bool) -> None:
    assert ("kr-binary" in limiting(title, kind=kind)) is expected


@pytest.mark.parametrize(
    ("title", "fields", "qualitative", "unmeasurable"),
    [
        ("Improve the customer experience", {}, True, True),
        ("Raise awareness of the charity", {}, True, True),
        ("Patients feel better informed", {}, True, True),
        ("Increase NPS", {}, True, False),
        ("Reduce churn", {}, True, False),
        ("Be 30% more innovative", {}, False, True),
        ("Reduce churn by 20%", {}, False, False),
        # Structured numbers make it measurable even when the words are vague.
        (
            "Happier customers",
            {"kind": KRKind.INCREASE, "start": "40", "target": "55"},
            False,
            False,
        ),
    ],
)
def test_qualitative_and_unmeasurable(
    title: str, fields: dict[str, object], qualitative: bool, unmeasurable: bool
) -> None:
    found = limiting(title, **fields)
    assert ("kr-qualitative" in found) is qualitative
    assert ("kr-unmeasurable" in found) is unmeasurable


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Grow sign-ups and cut churn", True),
        ("Reduce cancellations by 20% and no-shows by 10%", True),
        ("Lift conversion to 4% while keeping refunds under 2%", True),
        ("Double weekend bookings and raise review scores to 4.8", True),
        ("Increase the number of patients seen and treated by 20%", False),
        ("Grow revenue from retail and wholesale customers by 30%", False),
        ("Cut delivery time from 5 days to 2 days", False),
        ("Reach 1,000 paying customers", False),
    ],
)
def test_compound(title: str, expected: bool) -> None:
    assert ("kr-compound" in limiting(title)) is expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Increase company stock price by 15%", True),
        ("Grow our share of the national coffee market to 9%", True),
        ("Raise market share from 8% to 12%", True),
        ("Reduce regional unemployment to 4%", True),
        ("Lower diesel prices by 5%", True),
        ("Lower fuel cost per mile by 8%", False),
        ("Grow our customers' share of wallet by 10%", False),
    ],
)
def test_hard_to_attribute(title: str, expected: bool) -> None:
    assert ("kr-hard-to-attribute" in limiting(title)) is expected


@pytest.mark.parametrize(
    ("item", "baseline", "ambitious", "leading"),
    [
        (
            kr("Cut checkout time from 120 s to 24 s", KRKind.DECREASE, "120", "24"),
            True,
            True,
            True,
        ),
        (kr("Weekly active teams", KRKind.INCREASE, "1200", "2400", every=7), True, True, True),
        (kr("Monthly donors", KRKind.INCREASE, "400", "1000", every=30), True, True, False),
        (kr("Grow ARR", KRKind.INCREASE, "10", "12", every=7), True, False, True),
        (
            kr("On-time deliveries", KRKind.INCREASE, "88", "97", every=1, unit="%"),
            True,
            True,
            True,
        ),
        (
            kr("Equipment effectiveness", KRKind.INCREASE, "60", "75", every=7, unit="%"),
            True,
            False,
            True,
        ),
        (kr("Increase weekly bookings from 300 to 600"), True, True, True),
        (kr("80% reduction in time to complete payment"), False, True, True),
        (kr("Double auto-pay enrollments"), False, True, False),
        (kr("Grow organic traffic 3x"), False, True, False),
        (kr("Reduce Worklist Rework Time by 50%"), False, True, True),
        (kr("Reduce appointment cancellations by 20%"), False, False, True),
        (kr("Raise NPS from 30 to 50 each quarter"), True, True, False),
    ],
)
def test_awesome_traits(item: KeyResult, baseline: bool, ambitious: bool, leading: bool) -> None:
    r = review_key_result(item)
    assert not rules(r, Level.LIMITING)
    shown = rules(r, Level.AWESOME)
    assert ("kr-baseline" in shown, "kr-ambitious" in shown, "kr-leading" in shown) == (
        baseline,
        ambitious,
        leading,
    )
    assert (r.rating is Level.AWESOME) is (baseline and ambitious and leading)
    if r.rating is Level.HELPFUL:
        assert "To make it awesome" in message(r, "kr-next-step")


def test_helpful_traits_on_a_plain_good_key_result() -> None:
    r = review_key_result(kr("Reduce appointment cancellations by 20%"))
    assert r.rating is Level.HELPFUL
    assert {"kr-quantitative", "kr-atomic", "kr-outcome"} <= rules(r, Level.HELPFUL)


@pytest.mark.parametrize(
    ("title", "fill"),
    [
        ("Increase weekly bookings from 300 to 600", "Add start: 300 and target: 600"),
        ("Reduce churn by 20%", "today's value as the start"),
    ],
)
def test_draft_says_what_it_lacks(title: str, fill: str) -> None:
    r = review_key_result(kr(title))
    text = message(r, "kr-draft")
    assert "no kind" in text
    assert fill in text


def test_a_scored_key_result_is_not_a_draft() -> None:
    r = review_key_result(kr("Reduce churn", KRKind.DECREASE, "5", "3"))
    assert "kr-draft" not in rules(r)


def test_thresholds_are_measurable_but_not_awesome() -> None:
    r = review_key_result(kr("Keep availability at least 99.9 %", KRKind.AT_LEAST, None, "99.9"))
    assert r.rating is Level.HELPFUL
    assert "kr-quantitative" in rules(r)


def test_empty_and_odd_titles_do_not_crash() -> None:
    for title in ("", "   ", "%%%", "100", "≥ 5", "🚀", "x" * 400):
        assert review_key_result(kr(title)).rating in Level


# General fixes prompted by the first blind batch (blind_batch.yaml). Each table uses
# wording of its own, not the batch's, to show the cause is fixed rather than the phrase.


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # Counting outputs, even as a change in a number.
        ("Grow stories completed per sprint from 20 to 30", True),
        ("Raise newsletters sent per month from 2 to 8", True),
        ("Double bugs fixed each week", True),
        ("Increase the share of tickets closed on first contact from 60% to 80%", False),  # a rate
        ("Increase tickets resolved without escalation from 70% to 85%", False),  # a share
        ("Increase articles read per visit from 1.5 to 3", False),  # readers' behaviour
        ("Increase courses completed per learner from 1 to 2", False),  # learners' result
        ("Reduce escaped bugs per release from 12 to 4", False),
        # Holding a measure at a threshold is not organising an event.
        ("Keep checkout error rate at or below 0.5%", False),
        ("Hold call-centre wait time under 2 minutes", False),
        ("Maintain API uptime at or above 99.9%", False),
        ("Hold the annual partner summit", True),
        # A plain verb with "down"/"up" moves a number; an adverb changes nothing.
        ("Get refund times down to 2 days", False),
        ("Drive card abandonment down", False),
        ("Dramatically reduce claim processing time", False),
        ("Quickly launch the new app", True),
    ],
)
def test_output_generalizes(title: str, expected: bool) -> None:
    assert ("kr-output" in limiting(title)) is expected


def test_counted_outputs_say_so() -> None:
    text = message(review_key_result(kr("Double bugs fixed each week")), "kr-output")
    assert "counts outputs" in text


@pytest.mark.parametrize(
    ("title", "qualitative", "unmeasurable"),
    [
        ("Cut no-shows by a third", False, False),  # a fraction is an amount
        ("Grow weekly bookings by a fifth", False, False),
        ("Increase sign-ups each quarter", True, False),  # a period, not an amount
        ("Customers feel more valued and respected", True, True),  # "valued" is no value
        ("Substantially increase repeat visits", True, False),
        ("Reduce smoking among our members from 18% to 12%", False, False),  # a span measures
    ],
)
def test_qualitative_and_unmeasurable_generalize(
    title: str, qualitative: bool, unmeasurable: bool
) -> None:
    found = limiting(title)
    assert ("kr-qualitative" in found) is qualitative
    assert ("kr-unmeasurable" in found) is unmeasurable


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # A span or a time frame restates the one measure.
        ("Cut claim handling time by 60%, from 10 days to 4", False),
        ("Grow trial-to-paid conversion, from 8% to 16%", False),
        ("Raise repeat purchase within 60 days from 20% to 35%", False),
        # Two measures, or two named deliverables, under one verb.
        ("Cut wait time and cancellations by 20%", True),
        ("Add Google Pay and PayPal to checkout", True),
        ("Launch the Android app and the iOS widget", True),
        ("Grow revenue from new and returning customers by 20%", False),  # one measure
        ("Increase the number of patients seen and discharged by 15%", False),
    ],
)
def test_compound_generalizes(title: str, expected: bool) -> None:
    assert ("kr-compound" in limiting(title)) is expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Cut the city's rough-sleeping count by 30%", True),
        ("Lower the country's child poverty rate from 20% to 15%", True),
        ("Reduce smoking among our members from 18% to 12%", False),  # its own people
        ("Cut delivery time in the region from 3 days to 1", False),  # its own service
        ("Reduce crime on our trains by 15%", False),  # its own premises
    ],
)
def test_hard_to_attribute_sees_population_figures(title: str, expected: bool) -> None:
    assert ("kr-hard-to-attribute" in limiting(title)) is expected


@pytest.mark.parametrize(
    ("title", "ambitious", "leading"),
    [
        ("Cut energy use by two thirds", True, False),
        ("Reduce no-shows by a quarter", False, True),  # "a quarter" here is no period
    ],
)
def test_fractions_set_the_ambition(title: str, ambitious: bool, leading: bool) -> None:
    shown = rules(review_key_result(kr(title)), Level.AWESOME)
    assert ("kr-ambitious" in shown, "kr-leading" in shown) == (ambitious, leading)


# General fixes prompted by the second blind batch (blind_batch_2.yaml). Each table uses
# wording of its own, not the batch's, to show the cause is fixed rather than the phrase.


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # One verb over two noun phrases joined by "and": two things counted.
        ("Cut recordable injuries and first-aid cases by 25%", True),
        ("Grow paying subscribers and ad revenue by 20%", True),
        ("Increase repeat customers and basket value by 10%", True),
        # One measure of two things, or two groups after a preposition.
        ("Increase sales of shoes and bags by 5%", False),
        ("Reduce wait times for patients and families by 25%", False),
    ],
)
def test_compound_sees_two_counts_under_one_verb(title: str, expected: bool) -> None:
    assert ("kr-compound" in limiting(title)) is expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # Prices a market sets: goods and assets.
        ("Raise average land prices in the valley by 5%", True),
        ("Increase the price of copper by 8%", True),
        ("Lift the market price of cocoa by 12%", True),
        ("Cut the price of our premium plan by 10%", False),  # its own price
        ("Cut the price of a home loan by 0.5%", False),  # "home" modifies its product
        ("Increase average selling price per unit by 5%", False),
        # Attacks outsiders choose to attempt; what the defence achieves is the team's.
        ("Halve intrusion attempts on our servers", True),
        ("Cut cyberattacks against our payment gateway by 30%", True),
        ("Reduce successful phishing attacks from 12 to 2", False),
        ("Block 99% of attacks at the edge", False),
        ("Cut time to detect an intrusion from 10 days to 1", False),
        # A place in a chart or ranking depends on everyone else in it.
        ("Reach #1 in the app store's health chart", True),
        ("Break into the top 10 of the vinyl chart", True),
        ("Climb from #40 to #10 in the app ranking", True),
        ("Add a burndown chart to the team wiki", False),  # a chart, no rank
    ],
)
def test_hard_to_attribute_sees_market_prices_attackers_and_charts(
    title: str, expected: bool
) -> None:
    assert ("kr-hard-to-attribute" in limiting(title)) is expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Reach #1 in the app store's health chart", True),  # reached or not
        ("Hit number one on the podcast charts", True),
        ("Climb from #40 to #10 in the app ranking", False),  # measured from a start
    ],
)
def test_a_rank_to_reach_is_binary(title: str, expected: bool) -> None:
    assert ("kr-binary" in limiting(title)) is expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # Creating a count of new things makes them, whatever they are called.
        ("Develop two new vaccine candidates", True),
        ("Build four new playgrounds in the east district", True),
        ("Add 500 new members", False),  # people are won, not made
        # Submitting is delivering.
        ("Submit the grant application to the council", True),
        ("Lodge the planning appeal by May", True),
        # An artefact only mentioned after a preposition is not what the title is about.
        ("A new returns portal for customers", True),
    ],
)
def test_output_sees_new_things_made_and_submissions(title: str, expected: bool) -> None:
    assert ("kr-output" in limiting(title)) is expected


def test_a_vague_result_about_an_artefact_is_qualitative_not_output() -> None:
    found = limiting("Clearer customer feedback on the new returns portal")
    assert found == {"kr-qualitative", "kr-unmeasurable"}


@pytest.mark.parametrize(
    ("item", "ambitious"),
    [
        # A percentage above 50 moves against its gap to 100, down as well as up:
        # 70% -> 45% abandonment takes completion from 30% to 55%.
        (kr("Cut cart abandonment from 70% to 45%", KRKind.DECREASE, "70", "45", unit="%"), True),
        (
            kr(
                "Cut the cost-to-income ratio from 65% to 55%",
                KRKind.DECREASE,
                "65",
                "55",
                unit="%",
            ),
            False,
        ),
        (kr("Cut bounce rate from 40% to 30%", KRKind.DECREASE, "40", "30", unit="%"), False),
    ],
)
def test_ambition_of_a_falling_percentage(item: KeyResult, ambitious: bool) -> None:
    assert ("kr-ambitious" in rules(review_key_result(item), Level.AWESOME)) is ambitious
