"""The OKR tables. Every row carries its organization so every query can be scoped to one."""

from bearing.okrs.models.analytics import (
    ConnectivitySnapshot,
    CycleAnalysis,
    LookAlikePair,
    PortfolioNote,
)
from bearing.okrs.models.checkins import CheckIn, Comment, Reaction
from bearing.okrs.models.cycles import Cycle, CycleState
from bearing.okrs.models.history import ChangeRecord
from bearing.okrs.models.kpis import KPI, KPIMeasurement
from bearing.okrs.models.learning import Learning, Retrospective
from bearing.okrs.models.objectives import (
    AlignmentLink,
    Initiative,
    InitiativeStatus,
    KeyResult,
    Measurement,
    MeasurementSource,
    Objective,
    ObjectiveState,
    Visibility,
)
from bearing.okrs.models.plans import Plan

__all__ = [
    "KPI",
    "AlignmentLink",
    "ChangeRecord",
    "CheckIn",
    "Comment",
    "ConnectivitySnapshot",
    "Cycle",
    "CycleAnalysis",
    "CycleState",
    "Initiative",
    "InitiativeStatus",
    "KPIMeasurement",
    "KeyResult",
    "Learning",
    "LookAlikePair",
    "Measurement",
    "MeasurementSource",
    "Objective",
    "ObjectiveState",
    "Plan",
    "PortfolioNote",
    "Reaction",
    "Retrospective",
    "Visibility",
]
