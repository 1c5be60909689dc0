"""The maturity, self-assessment, calibration and report routes of /api/v1, with roles."""

from __future__ import annotations

import io

import pypdf
import pytest

from bearing.maturity.models import SelfAssessment
from bearing.orgs.models import Person
from tests import factories
from tests.api.conftest import call, token_for
from tests.conftest import World
from tests.maturity.quarter import Quarter, closed_quarter

LEVELS = {"ambition": "fly", "planning": "run", "focus": "fly", "accountability": "walk",
          "learning": "fly"}  # fmt: skip


def token(world: World, person: Person) -> str:
    return token_for(world, person)


@pytest.fixture
def quarter(world: World) -> Quarter:
    return closed_quarter(world)


def test_a_teams_maturity_with_its_figures(world: World, quarter: Quarter) -> None:
    answer = call("GET", f"/teams/{world.payments.pk}/maturity?cycle={quarter.cycle.pk}",
                  token=token(world, world.vic))  # fmt: skip
    assert answer.status == 200, answer.content
    body = answer.json()
    levels = {d["dimension"]: d["level"] for d in body["dimensions"]}
    assert levels == {"ambition": "fly", "planning": "run", "focus": "fly",
                      "accountability": "fly", "learning": "walk"}  # fmt: skip
    assert body["figures"]["checkin_weeks"] == 12
    assert body["trend"][-1]["cycle"]["id"] == quarter.cycle.pk


def test_the_lead_sets_the_self_assessment_and_others_may_not(
    world: World, quarter: Quarter
) -> None:
    carol = factories.make_member(world.org, "carol@acme.example", "member")
    url = f"/teams/{world.payments.pk}/cycles/{quarter.cycle.pk}/self-assessment"
    refused = call("PUT", url, LEVELS, token=token(world, carol))
    assert refused.status == 403
    assert not SelfAssessment.objects.exists()
    answer = call("PUT", url, LEVELS, token=token(world, world.bob))
    assert answer.status == 200, answer.content
    gaps = {d["dimension"]: d["gap_reading"] for d in answer.json()["dimensions"]}
    assert gaps["learning"] == "2 levels above the evidence"
    assert gaps["accountability"] == "2 levels below the evidence"


def test_calibration_in_numbers(world: World, quarter: Quarter) -> None:
    answer = call("GET", f"/calibration?team={world.payments.pk}", token=token(world, world.bob))
    body = answer.json()
    assert body["predictions"] == 12
    assert body["brier"] == pytest.approx(0.06)
    assert body["telling"] == "When you said 80 %, you landed 50 % of the time"
    assert call("GET", "/calibration?team=999999", token=token(world, world.bob)).status == 422


def test_the_report_as_a_pdf_through_the_api(world: World, quarter: Quarter) -> None:
    answer = call("GET", f"/cycles/{quarter.cycle.pk}/report?format=pdf",
                  token=token(world, world.bob))  # fmt: skip
    assert answer.status == 200
    assert answer.headers["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(answer.content))
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "Acme — 2025-Q1 report" in text and "Confidence calibration" in text
    assert 1 <= len(reader.pages) <= 6
