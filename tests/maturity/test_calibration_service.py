"""Calibration over closed cycles, summed in SQL (one query) and read by the domain."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bearing.maturity.calibration import calibration_of
from bearing.okrs.models import Cycle, CycleState
from tests.conftest import World
from tests.maturity.quarter import closed_quarter


def test_confidence_against_what_happened(world: World) -> None:
    """Four check-ins at 50 % and eight at 80 % on an objective whose key results scored 0.7
    and 0.5 (half reached 0.7): Brier (4·0² + 8·0.3²) / 12 = 0.06."""
    closed_quarter(world)
    with CaptureQueriesContext(connection) as queries:
        result = calibration_of(world.org, world.payments.pk)
    assert len(queries) == 1
    assert result.predictions == 12
    assert result.brier == pytest.approx(0.06)
    assert [(b.band, b.count, round(b.said, 2), round(b.landed, 2)) for b in result.bands] == [
        (5, 4, 0.5, 0.5),
        (8, 8, 0.8, 0.5),
    ]
    assert result.telling is not None
    assert result.telling.reading == "When you said 80 %, you landed 50 % of the time"
    assert "overconfident" in result.reading
    # The organization's is the same here; another organization has nothing.
    assert calibration_of(world.org).predictions == 12
    assert calibration_of(world.other_org).predictions == 0


def test_only_closed_cycles_count(world: World) -> None:
    quarter = closed_quarter(world)
    Cycle.objects.filter(pk=quarter.cycle.pk).update(state=CycleState.GRADING)
    assert calibration_of(world.org, world.payments.pk).predictions == 0
