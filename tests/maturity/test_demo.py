"""The demo's closed quarter shows maturity, calibration and a report worth reading."""

from __future__ import annotations

from datetime import date

import pytest

from bearing.demo import create_demo
from bearing.domain.maturity import Dimension, Level
from bearing.maturity.calibration import calibration_of
from bearing.maturity.evidence import maturity_of
from bearing.maturity.report import build_report
from bearing.okrs.models import Cycle, CycleState
from bearing.orgs.models import Membership, Organization, Team

pytestmark = pytest.mark.django_db
TODAY = date(2026, 5, 20)


def test_the_demos_closed_quarter() -> None:
    create_demo(password="demo-password", today=TODAY)
    demo = Organization.objects.get(slug="demo")
    closed = Cycle.objects.get(organization=demo, state=CycleState.CLOSED)
    teams = {t.name: t.pk for t in Team.objects.filter(organization=demo)}
    found = maturity_of(closed, [teams["Payments Platform"], teams["Sales"]], TODAY)
    platform, sales = found[teams["Payments Platform"]], found[teams["Sales"]]
    assert platform.level(Dimension.ACCOUNTABILITY) == Level.FLY  # every week, owners
    assert platform.level(Dimension.PLANNING) == Level.FLY  # all planned, all early
    assert platform.level(Dimension.FOCUS) == Level.FLY  # weekly, the whole team looking
    assert platform.figures.looked_weeks == 13
    assert sales.level(Dimension.FOCUS) != Level.FLY  # only its owner, now and then
    assert sales.level(Dimension.AMBITION) == Level.CRAWL  # 90 % sure
    ambition = next(g for g in sales.gaps if g.dimension == Dimension.AMBITION)
    assert ambition.reading == "3 levels above the evidence"
    said = calibration_of(demo, teams["Sales"])
    assert said.telling is not None
    assert said.telling.reading == "When you said 90 %, you landed 0 % of the time"
    overall = calibration_of(demo)
    assert overall.predictions == 13 + 13 + 5 + 4  # the check-ins: weekly, weekly, 5, monthly
    admin = Membership.objects.filter(organization=demo, role="admin").first()
    assert admin is not None
    report = build_report(admin, closed)
    assert report.learnings.total >= 7 and report.retrospectives.total == 2
    assert report.wins.total >= 3
