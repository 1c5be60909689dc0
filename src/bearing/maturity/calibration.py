"""Confidence calibration of a team, or of the whole organization, over its closed cycles.

One query whatever the number of check-ins: each check-in's confidence is paired with what
happened to its objective (the share of the objective's scored key results that reached 0.7)
by two correlated subqueries, and SQL adds the pairs up per confidence band
(``bearing.domain.calibration``'s sums). At most eleven rows come back.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, F, FloatField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Cast, Coalesce

from bearing.domain.calibration import BANDS, BandSums, Calibration, calibrate
from bearing.okrs.models import CheckIn, CycleState, KeyResult, ObjectiveState
from bearing.orgs.models import Organization

LANDED = Decimal("0.7")  # a key result "reached" when it scored this or more


def _count_of(krs: Q) -> Subquery:
    """How many key results of the check-in's objective match ``krs``."""
    return Subquery(
        KeyResult.objects.filter(krs, objective_id=OuterRef("objective_id"))
        .exclude(kind="")
        .values("objective_id")
        .annotate(n=Count("id"))
        .values("n")
    )


def calibration_sums(organization: Organization, team_id: int | None = None) -> list[BandSums]:
    """The band sums of every confidence given in the organization's closed cycles (or one
    team's), on objectives that were not abandoned and have a scored key result."""
    checkins = CheckIn.objects.filter(
        organization=organization,
        confidence__isnull=False,
        objective__cycle__state=CycleState.CLOSED,
    ).exclude(objective__state=ObjectiveState.ABANDONED)
    if team_id is not None:
        checkins = checkins.filter(objective__team_id=team_id)
    zero = Value(0)
    rows = (
        checkins.annotate(
            hits=Coalesce(_count_of(Q(score__gte=LANDED)), zero),
            total=Coalesce(_count_of(Q(score__isnull=False)), zero),
        )
        .filter(total__gt=0)
        .annotate(
            p=Cast(F("confidence"), FloatField()) / Value(100.0),
            o=Cast(F("hits"), FloatField()) / Cast(F("total"), FloatField()),
            band=F("confidence") / Value(10),
        )
        .values("band")
        .annotate(
            n=Count("id"),
            sp=Sum("p"),
            so=Sum("o"),
            spp=Sum(F("p") * F("p")),
            spo=Sum(F("p") * F("o")),
            soo=Sum(F("o") * F("o")),
        )
        .order_by("band")
    )
    return [
        BandSums(
            min(int(r["band"]), BANDS - 1), r["n"], r["sp"], r["so"], r["spp"], r["spo"], r["soo"]
        )
        for r in rows
    ]


def calibration_of(organization: Organization, team_id: int | None = None) -> Calibration:
    return calibrate(calibration_sums(organization, team_id))
