"""Portfolio checks over a cycle's OKRs (coach-rubric.md, "Portfolio checks").

These look at the set rather than at one item: how many objectives a team
carries, how many key results an objective has, key results that are really
KPIs, key results without an owner, and objectives aligned to nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from bearing.domain.coach import lexicon as lx
from bearing.domain.coach.findings import DEFAULT_SETTINGS, CoachSettings, PortfolioFinding
from bearing.domain.coach.text import lemma_in, tokenize
from bearing.domain.model import KeyResult, Objective, OKRSet
from bearing.domain.scoring import threshold_held


def _too_many_objectives(okrs: OKRSet, settings: CoachSettings) -> Iterator[PortfolioFinding]:
    by_team: dict[str, list[Objective]] = defaultdict(list)
    for obj in okrs.objectives:
        if obj.team is not None:
            by_team[obj.team].append(obj)
    limit = settings.max_objectives_per_team
    for team, objectives in by_team.items():
        if len(objectives) > limit:
            yield PortfolioFinding(
                "too-many-objectives",
                f"{team} has {len(objectives)} objectives this cycle; the limit is {limit} per "
                "team. If you could only accomplish one, which would it be? How are the others "
                "related to it?",
                tuple(o.ref for o in objectives),
            )


def _key_result_counts(okrs: OKRSet, settings: CoachSettings) -> Iterator[PortfolioFinding]:
    for obj in okrs.objectives:
        n = len(obj.key_results)
        if n > settings.max_key_results:
            yield PortfolioFinding(
                "too-many-key-results",
                f"“{obj.title}” has {n} key results; keep at most {settings.max_key_results} "
                "so the team stays focused. Move the rest to initiatives or KPIs.",
                (obj.ref,),
            )
        elif n < settings.min_key_results:
            yield PortfolioFinding(
                "too-few-key-results",
                f"“{obj.title}” has {n} key result{'s' if n != 1 else ''}; add at least "
                f"{settings.min_key_results} so you can tell when the objective is met from "
                "more than one angle.",
                (obj.ref,),
            )


def looks_like_kpi(kr: KeyResult) -> bool:
    """A threshold on an ongoing health measure, or one that already holds: a KPI."""
    if kr.kind is None or not kr.kind.is_threshold or kr.target is None:
        return False
    words = [t.low for t in tokenize(kr.title)]
    upkeep = bool(words) and words[0] in lx.KEEP_VERBS
    health = any(lemma_in(w, lx.HEALTH_MEASURES) for w in words)
    first = kr.history[0].value if kr.history else kr.current
    already = first is not None and threshold_held(kr, first)
    return upkeep or health or already


def _kpis(okrs: OKRSet) -> Iterator[PortfolioFinding]:
    for obj in okrs.objectives:
        for kr in obj.key_results:
            if looks_like_kpi(kr):
                yield PortfolioFinding(
                    "kpi-disguised",
                    f"“{kr.title}” keeps a health measure on the right side of a line: that is a "
                    "KPI to monitor, not a change to achieve. Only a big deficiency in a KPI "
                    "deserves an OKR.",
                    (kr.ref,),
                )


def _missing_owners(okrs: OKRSet) -> Iterator[PortfolioFinding]:
    for obj in okrs.objectives:
        orphaned = tuple(kr.ref for kr in obj.key_results if not kr.owner)
        if orphaned:
            yield PortfolioFinding(
                "missing-owner",
                f"{len(orphaned)} key result{'s' if len(orphaned) != 1 else ''} of “{obj.title}” "
                "ha" + ("ve" if len(orphaned) != 1 else "s") + " no owner. Hand each key result "
                "to a person who will drive it and report on it weekly.",
                orphaned,
            )


def _orphans(okrs: OKRSet) -> Iterator[PortfolioFinding]:
    company = okrs.company.name if okrs.teams else None
    refs = tuple(o.ref for o in okrs.objectives if o.team != company and not o.links)
    if refs:
        yield PortfolioFinding(
            "orphan",
            f"{len(refs)} objective{'s' if len(refs) != 1 else ''} below the company level "
            "align to nothing. Link each to the company objective or key result it serves "
            "(aligned_to or cascaded_from), so everyone sees why it matters.",
            refs,
        )


def review_portfolio(
    okrs: OKRSet, settings: CoachSettings = DEFAULT_SETTINGS
) -> tuple[PortfolioFinding, ...]:
    """Checks over the whole set, in a stable order (rule by rule, file order within a rule)."""
    return (
        *_too_many_objectives(okrs, settings),
        *_key_result_counts(okrs, settings),
        *_kpis(okrs),
        *_missing_owners(okrs),
        *_orphans(okrs),
    )
