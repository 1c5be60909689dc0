"""The score report of an OKR set: what `bearing score` prints.

The JSON field names are a contract (okr-file-format.md): other tools read
them. Values stay ``Decimal`` here; the CLI decides how to print them.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from bearing.domain.model import OKRSet
from bearing.domain.scoring import (
    DEFAULT_BANDS,
    ColorBands,
    elapsed_share,
    mean_score,
    round_share,
    score_objective,
)


def _share(value: Decimal | None) -> Decimal | None:
    return None if value is None else round_share(value)


def score_report(okrs: OKRSet, today: date, bands: ColorBands = DEFAULT_BANDS) -> dict[str, Any]:
    """Scores, colours and forecasts of every objective, key result and team."""
    as_of = okrs.as_of or today
    cycle = okrs.cycle
    objectives = []
    by_team: dict[str, list[Decimal | None]] = {t.name: [] for t in okrs.teams}
    for obj in okrs.objectives:
        scored = score_objective(obj, cycle, as_of, bands)
        if obj.team is not None:
            by_team.setdefault(obj.team, []).append(scored.score)
        objectives.append(
            {
                "ref": obj.ref,
                "title": obj.title,
                "team": obj.team,
                "score": scored.score,
                "color": scored.color,
                "forecast": scored.forecast,
                "status": scored.status,
                "key_results": [
                    {
                        "ref": kr.ref,
                        "title": kr.title,
                        "kind": kr.kind,
                        "progress": _share(s.progress),
                        "score": s.score,
                        "color": s.color,
                        "expected": _share(s.expected),
                        "forecast": s.forecast,
                        "status": s.status,
                    }
                    for kr, s in zip(obj.key_results, scored.key_results, strict=True)
                ],
            }
        )
    teams = []
    for team in okrs.teams:
        score = mean_score(by_team[team.name])
        teams.append({"name": team.name, "score": score, "color": bands.color(score)})
    return {
        "cycle": {
            "name": cycle.name,
            "start": cycle.start.isoformat(),
            "end": cycle.end.isoformat(),
            "as_of": as_of.isoformat(),
            "elapsed": round_share(elapsed_share(cycle, as_of)),
        },
        "objectives": objectives,
        "teams": teams,
    }
