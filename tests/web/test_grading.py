"""The Grade page: computed scores as of the cycle's end, a final score per objective (a
change needs a reason, shown next to its field), learnings, htmx or plain posts; only the
editors of an objective grade it, only while its cycle is in grading."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bearing.okrs.models import ChangeRecord, Cycle, CycleState, Learning, Objective
from tests import factories
from tests.conftest import World, signed_in
from tests.web.conftest import OKRs, page

HTMX = {"HX-Request": "true"}


def to_state(okrs: OKRs, state: str) -> None:
    Cycle.objects.filter(pk=okrs.cycle.pk).update(state=state)


@pytest.fixture
def grading(okrs: OKRs) -> OKRs:
    to_state(okrs, CycleState.GRADING)
    return okrs


def url(okrs: OKRs) -> str:
    return f"/o/acme/cycles/{okrs.cycle.pk}/grade/"


def grade_url(objective: Objective) -> str:
    return f"/o/acme/objectives/{objective.pk}/grade/"


def data(objective: Objective, score: str, reason: str = "", learning: str = "") -> dict[str, str]:
    p = f"o{objective.pk}-"
    return {f"{p}score": score, f"{p}reason": reason, f"{p}learning": learning}


def row(html: str, objective: Objective) -> str:
    start = html.index(f'id="grade-{objective.pk}"')
    return html[start : html.index("</article>", start)]


def fresh(objective: Objective) -> Objective:
    return Objective.objects.get(pk=objective.pk)


def test_lists_objectives_with_the_computed_score_prefilled(grading: OKRs, as_bob: Client) -> None:
    html = page(as_bob, url(grading))
    assert "<h1>Grade Now</h1>" in html
    payments = row(html, grading.objective)
    # (72 − 120) / (24 − 120) = 0.5 and a milestone not done: 0.2, red
    assert 'class="score red" title="red">0.2<' in payments
    assert f'name="o{grading.objective.pk}-score" value="0.2"' in payments
    assert "What did we learn?" in payments
    assert 'hx-post="/o/acme/objectives/' in payments
    company = row(html, grading.company_objective)  # Alice's: Bob may not grade it
    assert "<form" not in company and 'class="score red" title="red">0.0<' in company


def test_grading_as_computed_needs_no_reason(world: World, grading: OKRs, as_bob: Client) -> None:
    response = as_bob.post(grade_url(grading.objective), data(grading.objective, "0.2"))
    assert response.status_code == 302
    assert response["Location"] == f"{url(grading)}#grade-{grading.objective.pk}"
    objective = fresh(grading.objective)
    assert (objective.computed_score, objective.graded_score, objective.grading_reason) == (
        Decimal("0.2"), Decimal("0.2"), "",
    )  # fmt: skip
    html = page(as_bob, url(grading))
    assert "Graded “Make payments effortless”." in html


def test_an_adjusted_score_needs_a_reason_next_to_its_field(grading: OKRs, as_bob: Client) -> None:
    response = as_bob.post(
        grade_url(grading.objective), data(grading.objective, "0.9", learning="Keep <b>it</b>")
    )
    assert response.status_code == 200
    html = row(response.content.decode(), grading.objective)
    p = f"id_o{grading.objective.pk}"
    assert f'<p class="error" id="{p}-reason_error">Say why the score differs' in html
    assert 'value="0.9"' in html  # what was typed stays
    assert "Keep &lt;b&gt;it&lt;/b&gt;</textarea>" in html
    assert 'aria-invalid="true"' in html
    assert fresh(grading.objective).graded_score is None
    assert not Learning.objects.exists()  # a refused grade records no learning either


def test_an_adjusted_score_with_a_reason_and_a_learning(
    world: World, grading: OKRs, as_bob: Client
) -> None:
    post = data(grading.objective, "0.7", "Refunds shipped after the last check-in.",
                "Check in after launches, not before.")  # fmt: skip
    as_bob.post(grade_url(grading.objective), post)
    objective = fresh(grading.objective)
    assert (objective.computed_score, objective.graded_score) == (Decimal("0.2"), Decimal("0.7"))
    assert objective.grading_reason == "Refunds shipped after the last check-in."
    learning = Learning.objects.get(objective=objective)
    assert (learning.text, learning.author) == ("Check in after launches, not before.", world.bob)
    record = ChangeRecord.objects.filter(entity="objective", objective_id=objective.pk).latest("id")
    assert record.summary == "graded objective “Make payments effortless”"
    assert record.after is not None and record.after["graded_score"] == "0.7"
    html = row(page(as_bob, url(grading)), objective)
    assert f'name="o{objective.pk}-score" value="0.7"' in html  # starts at the grade given now
    assert "Check in after launches, not before." in html


@pytest.mark.parametrize(
    ("score", "message"),
    [("0.75", "Use one decimal, e.g. 0.7."), ("1.5", "A score lies between 0.0 and 1.0."),
     ("-0.1", "A score lies between 0.0 and 1.0."), ("high", "Enter a number")],
)  # fmt: skip
def test_scores_are_between_0_and_1_with_one_decimal(
    grading: OKRs, as_bob: Client, score: str, message: str
) -> None:
    response = as_bob.post(grade_url(grading.objective), data(grading.objective, score, "why"))
    html = response.content.decode()
    assert f'id="id_o{grading.objective.pk}-score_error">{message}' in html
    assert fresh(grading.objective).graded_score is None


def test_htmx_swaps_the_row_and_tells_the_live_region(grading: OKRs, as_bob: Client) -> None:
    response = as_bob.post(
        grade_url(grading.objective),
        data(grading.objective, "0.6", "Partly shipped."),
        headers=HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert html.lstrip().startswith(
        f'<article class="card grade-row" id="grade-{grading.objective.pk}"'
    )
    assert '<span class="saved">Saved.</span>' in html
    assert 'hx-swap-oob="true">Saved the grade of Make payments effortless.' in html
    assert 'class="score yellow" title="yellow">0.6<' in html
    error = as_bob.post(grade_url(grading.objective), data(grading.objective, "0.9"), headers=HTMX)
    assert "Say why the score differs" in error.content.decode()
    assert "was not saved" in error.content.decode()
    assert fresh(grading.objective).graded_score == Decimal("0.6")


def test_admins_grade_every_objective(world: World, grading: OKRs, as_alice: Client) -> None:
    html = page(as_alice, url(grading))
    assert "<form" in row(html, grading.company_objective) and "<form" in row(
        html, grading.objective
    )
    as_alice.post(grade_url(grading.company_objective), data(grading.company_objective, "0.0"))
    assert fresh(grading.company_objective).graded_score == Decimal("0.0")


@pytest.mark.parametrize("role", ["carol", "vic"])
def test_others_read_the_grades_and_may_not_grade(world: World, grading: OKRs, role: str) -> None:
    client = signed_in(grading.carol if role == "carol" else world.vic)
    html = page(client, url(grading))
    assert "grade-form" not in html and "<h1>Grades of Now</h1>" in html
    assert "The editors of each objective grade it." in html
    post = data(grading.objective, "0.2")
    assert client.post(grade_url(grading.objective), post).status_code == 403
    assert fresh(grading.objective).graded_score is None


def test_strangers_and_other_organizations_ids_get_404(grading: OKRs, as_mallory: Client) -> None:
    assert as_mallory.get(url(grading)).status_code == 404
    assert as_mallory.get(f"/o/globex/cycles/{grading.cycle.pk}/grade/").status_code == 404
    post = data(grading.objective, "0.2")
    assert (
        as_mallory.post(f"/o/globex/objectives/{grading.objective.pk}/grade/", post).status_code
        == 404
    )
    assert fresh(grading.objective).graded_score is None


def test_private_objectives_are_hidden(world: World, grading: OKRs, as_carol: Client) -> None:
    Objective.objects.filter(pk=grading.objective.pk).update(visibility="private")
    assert "Make payments effortless" not in page(as_carol, url(grading))
    assert "Make payments effortless" not in page(signed_in(world.vic), url(grading))
    assert (
        as_carol.post(grade_url(grading.objective), data(grading.objective, "0.2")).status_code
        == 404
    )
    for person in (world.alice, world.bob):  # an admin; the owner and lead of Payments
        html = page(signed_in(person), url(grading))
        assert "<form" in row(html, grading.objective)


@pytest.mark.parametrize("state", [CycleState.ACTIVE, CycleState.CLOSED])
def test_only_a_cycle_in_grading_takes_grades(
    okrs: OKRs, as_bob: Client, as_alice: Client, state: str
) -> None:
    to_state(okrs, state)
    html = page(as_alice, url(okrs))
    assert "grade-form" not in html
    response = as_bob.post(grade_url(okrs.objective), data(okrs.objective, "0.2"), follow=True)
    assert "Now is not in grading: its scores cannot change now." in response.content.decode()
    assert fresh(okrs.objective).graded_score is None


def test_closed_cycles_show_the_final_score_beside_the_computed_one(
    world: World, okrs: OKRs, as_bob: Client
) -> None:
    factories.grade(okrs.objective, Decimal("0.7"), "Refunds <i>shipped</i> late.", world.bob)
    to_state(okrs, CycleState.CLOSED)
    home = " ".join(page(as_bob, f"/o/acme/?cycle={okrs.cycle.pk}").split())
    assert 'final <span class="score green" title="green">0.7<' in home
    assert 'computed <span class="score red" title="red">0.2<' in home
    assert "Graded 0.7 rather than 0.2: Refunds &lt;i&gt;shipped&lt;/i&gt; late." in home
    team = page(as_bob, f"/o/acme/teams/{world.payments.pk}/?cycle={okrs.cycle.pk}")
    assert 'class="score green" title="green">0.7<' in team and "Refunds &lt;i&gt;shipped" in team
    objective = page(as_bob, f"/o/acme/objectives/{okrs.objective.pk}/")
    assert "Final score 0.7, the computed score was 0.2." in objective
    assert "Why: Refunds &lt;i&gt;shipped&lt;/i&gt; late." in objective
    grades = row(page(as_bob, url(okrs)), okrs.objective)
    assert "<strong>Why 0.7 rather than 0.2:</strong> Refunds &lt;i&gt;shipped" in grades


@pytest.mark.parametrize("size", [1, 12])
def test_query_count_does_not_grow(world: World, grading: OKRs, as_bob: Client, size: int) -> None:
    for i in range(size):
        objective = factories.make_objective(
            grading.cycle, f"Payments goal {i}", team=world.payments
        )
        factories.make_key_result(objective, f"Cut fees {i}")
        factories.make_key_result(objective, f"Cut time {i}")
        Learning.objects.create(organization=world.org, objective=objective, text=f"Lesson {i}")
    with CaptureQueriesContext(connection) as queries:
        html = page(as_bob, url(grading))
    assert html.count('class="card grade-row"') == size + 2
    # session, person, membership, cycle, teams for the filter, the page's count, access,
    # objectives, learnings, key results, the count of the ungraded, the inbox's unread count
    assert len(queries) <= 12, "\n".join(q["sql"] for q in queries)


def test_a_team_filter_and_only_the_ungraded(world: World, grading: OKRs, as_alice: Client) -> None:
    growth = factories.make_objective(grading.cycle, "Grow the funnel", team=grading.growth)
    html = page(as_alice, url(grading) + f"?team={world.payments.pk}")
    assert f'id="grade-{grading.objective.pk}"' in html and f'id="grade-{growth.pk}"' not in html
    factories.grade(grading.objective, Decimal("0.4"), "Slipped a month.", world.alice)
    html = page(as_alice, url(grading) + "?team=all&ungraded=1")
    assert f'id="grade-{grading.objective.pk}"' not in html and f'id="grade-{growth.pk}"' in html
    assert "not graded yet" in html
    html = page(as_alice, url(grading) + f"?team={world.payments.pk}&ungraded=1")
    assert "Every objective of Payments you may see in Now is graded." in html


def test_pages_of_twenty_five_and_a_plain_save_lands_on_the_same_page(
    world: World, grading: OKRs, as_bob: Client
) -> None:
    made = factories.bulk_objectives(grading.cycle, 30, team=world.payments, prefix="Payments goal")
    first = page(as_bob, url(grading) + f"?team={world.payments.pk}")
    assert first.count('class="card grade-row"') == 25
    assert "1–25 of 31 objectives" in first
    second = page(as_bob, url(grading) + f"?team={world.payments.pk}&page=2")
    assert second.count('class="card grade-row"') == 6
    last = made[-1]
    assert (
        f'action="/o/acme/objectives/{last.pk}/grade/?team={world.payments.pk}&amp;page=2"'
        in second
    )
    response = as_bob.post(
        grade_url(last) + f"?team={world.payments.pk}&page=2", data(last, "0.6", "Half done.")
    )
    assert response.status_code == 302
    assert (
        response["Location"] == url(grading) + f"?team={world.payments.pk}&page=2#grade-{last.pk}"
    )
    assert fresh(last).graded_score == Decimal("0.6")
