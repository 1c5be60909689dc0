"""The maturity section of the team page, the self-assessment, the admins' grid and the
quarterly report (page, HTML and PDF), with roles and other organizations."""

from __future__ import annotations

import io

import pypdf
from django.test import Client

from bearing.maturity.models import SelfAssessment
from tests.conftest import World, signed_in
from tests.maturity.quarter import Quarter, closed_quarter


def team_url(world: World, quarter: Quarter) -> str:
    return f"/o/acme/teams/{world.payments.pk}/?cycle={quarter.cycle.pk}"


def assess_url(world: World, quarter: Quarter) -> str:
    return f"/o/acme/teams/{world.payments.pk}/cycles/{quarter.cycle.pk}/maturity/"


LEVELS = {"ambition": "4", "planning": "3", "focus": "4", "accountability": "2", "learning": "4"}


def test_the_team_page_shows_evidence_gap_and_calibration(world: World, as_bob: Client) -> None:
    quarter = closed_quarter(world)
    html = as_bob.get(team_url(world, quarter)).content.decode()
    assert 'id="maturity"' in html
    assert "Check-ins in 12 of 13 weeks" in html  # the figures behind Accountability
    assert "Assess Payments" in html  # Bob leads Payments
    assert "When you said 80 %, you landed 50 % of the time" in html
    assert '<svg viewBox="0 0' in html and "reliability-title-team" in html


def test_a_lead_assesses_the_team_and_sees_the_gap(world: World, as_bob: Client) -> None:
    quarter = closed_quarter(world)
    form = as_bob.get(assess_url(world, quarter)).content.decode()
    assert "Key results support significant growth. Team 50% confident." in form  # the seed
    response = as_bob.post(assess_url(world, quarter), LEVELS)
    assert response.status_code == 302
    saved = SelfAssessment.objects.get(team=world.payments, cycle=quarter.cycle)
    assert (saved.ambition, saved.learning, saved.author_id) == (4, 4, world.bob.pk)
    html = as_bob.get(team_url(world, quarter)).content.decode()
    assert "2 levels above the evidence" in html  # Learning: said Fly, the data shows Walk
    assert "Change the self-assessment" in html


def test_a_missing_level_is_a_form_error(world: World, as_bob: Client) -> None:
    quarter = closed_quarter(world)
    response = as_bob.post(assess_url(world, quarter), {**LEVELS, "focus": "", "learning": "9"})
    assert response.status_code == 400
    assert "Choose the level that fits best." in response.content.decode()
    assert not SelfAssessment.objects.exists()


def test_others_may_not_assess_a_team(world: World, as_vic: Client, as_mallory: Client) -> None:
    quarter = closed_quarter(world)
    assert as_vic.post(assess_url(world, quarter), LEVELS).status_code == 403
    assert as_mallory.post(assess_url(world, quarter), LEVELS).status_code == 404
    assert as_mallory.get(f"/o/acme/cycles/{quarter.cycle.pk}/report/").status_code == 404
    assert not SelfAssessment.objects.exists()


def test_the_grid_is_for_admins_and_never_ranks(
    world: World, as_alice: Client, as_bob: Client
) -> None:
    quarter = closed_quarter(world)
    assert as_bob.get(f"/o/acme/maturity/?cycle={quarter.cycle.pk}").status_code == 403
    html = as_alice.get(f"/o/acme/maturity/?cycle={quarter.cycle.pk}").content.decode()
    assert "never by level" in html
    # By name: Acme (the company) before Payments, whatever their levels.
    assert html.index(">Acme</a>") < html.index(">Payments</a>")
    assert 'class="level level-4"' in html


def test_the_grid_is_in_the_navigation_for_admins_only(as_alice: Client, as_bob: Client) -> None:
    link = 'href="/o/acme/maturity/"'
    assert link in as_alice.get("/o/acme/").content.decode()
    here = as_alice.get("/o/acme/maturity/").content.decode()
    assert f'{link} aria-current="page"' in here
    assert link not in as_bob.get("/o/acme/").content.decode()


def test_the_report_page_and_its_html(world: World, as_bob: Client) -> None:
    quarter = closed_quarter(world)
    url = f"/o/acme/cycles/{quarter.cycle.pk}/report/"
    html = as_bob.get(url).content.decode()
    for part in ("Acme — 2025-Q1 report", "Scores", "Alignment", "The coach's summary",
                 "Maturity", "Confidence calibration", "Wins", "Learnings", "Retrospectives",
                 "Smaller bets", "Grow refunds from 0 to 10 (0)"):  # fmt: skip
        assert part in html, part
    team = as_bob.get(f"{url}?team={world.payments.pk}&format=html")
    assert team["Content-Disposition"] == 'attachment; filename="payments-2025-q1-report.html"'
    document = team.content.decode()
    assert "<style>" in document and "Payments — 2025-Q1 report" in document
    assert "Check-ins in 12 of 13 weeks" in document
    assert as_bob.get(f"{url}?team=999999").status_code == 404
    assert as_bob.get(f"{url}?team=x").status_code == 404


def test_the_report_as_a_pdf(world: World) -> None:
    quarter = closed_quarter(world)
    response = signed_in(world.alice).get(
        f"/o/acme/cycles/{quarter.cycle.pk}/report/?team={world.payments.pk}&format=pdf"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert 2 <= len(reader.pages) <= 6
    for part in ("Payments — 2025-Q1 report", "Confidence calibration", "When you said 80 %",
                 "Smaller bets", "Ambition"):  # fmt: skip
        assert part in text, part
