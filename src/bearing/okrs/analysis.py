"""What is computed over a whole cycle, in the background: look-alike objectives, the coach's
portfolio notes and the depth of the alignment graph (``models.CycleAnalysis``).

These read every objective of a cycle (look-alikes compare each with every other), so a page
must never compute them (issue 8). The services call ``note_change`` in the transaction that
changes an input; after it commits, one job is queued (``okrs.tasks.analyse_cycle``) however
many changes follow before it starts. The job runs ``analyse_cycle``, which reads the cycle,
computes outside any transaction and then replaces the stored results in one short one.

Measurements and check-ins change none of these inputs, so the weekly rhythm never queues a
job. A new alignment link removes the look-alike pairs it connects at once (``link_made``):
a pair already linked is not news, and a page would otherwise show it until the job ran.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from bearing.domain import model as domain
from bearing.domain.alignment import AlignmentGraph, connectivity
from bearing.domain.coach import PortfolioFinding, review_portfolio
from bearing.domain.model import LinkKind
from bearing.okrs.analytics import cycle_nodes, thresholds_for
from bearing.okrs.coaching import coach_settings_for, organization_teams
from bearing.okrs.derived import as_domain_key_result
from bearing.okrs.models import (
    AlignmentLink,
    Cycle,
    CycleAnalysis,
    KeyResult,
    LookAlikePair,
    Measurement,
    Objective,
    ObjectiveState,
    PortfolioNote,
)
from bearing.orgs.models import Team
from bearing.semantic import meaning_of

MENTIONS_KEPT = 50  # a portfolio note names this many objectives and key results at most


def note_change(cycle_id: int, organization_id: int) -> None:
    """Record that an input of the cycle's analysis changed, and queue the job once."""
    now = timezone.now()
    rows = CycleAnalysis.objects.filter(cycle_id=cycle_id)
    if rows.filter(queued=False).update(changed_at=now, queued=True):
        _enqueue_on_commit(cycle_id)
        return
    if rows.update(changed_at=now):
        return  # a job is queued already and will see this change
    try:
        with transaction.atomic():
            CycleAnalysis.objects.create(
                cycle_id=cycle_id, organization_id=organization_id, changed_at=now, queued=True
            )
    except IntegrityError:  # created by a concurrent writer, who queued the job
        return
    _enqueue_on_commit(cycle_id)


def _enqueue_on_commit(cycle_id: int) -> None:
    from bearing.okrs.tasks import analyse_cycle_task

    transaction.on_commit(lambda: analyse_cycle_task.enqueue(cycle_id))


def analysis_of(cycle: Cycle) -> CycleAnalysis | None:
    return CycleAnalysis.objects.filter(cycle=cycle).first()


def analyse_cycle(cycle: Cycle) -> CycleAnalysis:
    """Compute and store the cycle's look-alikes, portfolio notes and depth."""
    began = time.perf_counter()
    stamp = _start(cycle)
    nodes = cycle_nodes(cycle)
    figures = connectivity(nodes, thresholds_for(cycle.organization), meaning=meaning_of)
    okrs = _portfolio_set(cycle)
    notes = review_portfolio(okrs, coach_settings_for(cycle.organization))
    with transaction.atomic():
        LookAlikePair.objects.filter(cycle=cycle).delete()
        LookAlikePair.objects.bulk_create(
            [
                LookAlikePair(
                    organization_id=cycle.organization_id,
                    cycle=cycle,
                    a_id=p.a,
                    b_id=p.b,
                    similarity=p.similarity,
                )
                for p in figures.similar
            ],
            batch_size=1000,
        )
        PortfolioNote.objects.filter(cycle=cycle).delete()
        PortfolioNote.objects.bulk_create(_notes(cycle, okrs, notes), batch_size=1000)
        CycleAnalysis.objects.filter(cycle=cycle).update(
            computed_for=stamp, computed_at=timezone.now(), max_depth=figures.max_depth,
            look_alikes=len(figures.similar), seconds=time.perf_counter() - began,
        )  # fmt: skip
    return CycleAnalysis.objects.get(cycle=cycle)


def _start(cycle: Cycle) -> datetime:
    """Take the job off the queue and read the stamp it computes for."""
    with transaction.atomic():
        analysis, _ = CycleAnalysis.objects.get_or_create(
            cycle=cycle,
            defaults={"organization_id": cycle.organization_id, "changed_at": timezone.now()},
        )
        CycleAnalysis.objects.filter(cycle=cycle).update(queued=False)
    return analysis.changed_at


def _portfolio_set(cycle: Cycle) -> domain.OKRSet:
    """The cycle's live objectives as the coach's portfolio checks read them: teams, links,
    key-result kinds, owners, targets and each key result's first value (five queries)."""
    objectives = list(
        Objective.objects.filter(cycle=cycle)
        .exclude(state=ObjectiveState.ABANDONED)
        .order_by("id")
        .values_list("id", "ref", "title", "team__name")
    )
    first_value = (
        Measurement.objects.filter(key_result=OuterRef("pk"))
        .order_by("measured_at", "id")
        .values("value")[:1]
    )
    krs: dict[int, list[domain.KeyResult]] = {}
    rows = (
        KeyResult.objects.filter(cycle=cycle)
        .annotate(first_value=Subquery(first_value))
        .order_by("objective_id", "position", "id")
        .only(
            "objective_id",
            "ref",
            "title",
            "kind",
            "start",
            "target",
            "done",
            "weight",
            "unit",
            "owner_id",
        )
    )
    for kr in rows:
        first = getattr(kr, "first_value", None)
        history = () if first is None else (domain.Measurement(on=cycle.start, value=first),)
        krs.setdefault(kr.objective_id, []).append(as_domain_key_result(kr, history))
    linked = set(
        AlignmentLink.objects.filter(child__cycle=cycle).values_list("child_id", flat=True)
    )
    return domain.OKRSet(
        cycle=cycle.as_domain(),
        teams=organization_teams(cycle.organization_id),
        objectives=tuple(
            domain.Objective(
                ref=str(pk),
                title=title,
                team=team,
                links=(domain.Link("linked", LinkKind.ALIGNED),) if pk in linked else (),
                key_results=tuple(krs.get(pk, ())),
            )
            for pk, _, title, team in objectives
        ),
    )


def _notes(
    cycle: Cycle, okrs: domain.OKRSet, findings: Iterable[PortfolioFinding]
) -> list[PortfolioNote]:
    """Portfolio findings as rows. The set above names objectives by id and key results by
    their ref; each note keeps the team it is about and its first mentions."""
    objective_of: dict[str, tuple[int, int | None, str]] = {}
    team_of: dict[int, str | None] = {}
    kr_ids = dict(KeyResult.objects.filter(cycle=cycle).values_list("ref", "id"))
    for o in okrs.objectives:
        pk = int(o.ref)
        team_of[pk] = o.team
        objective_of[o.ref] = (pk, None, o.title)
        for kr in o.key_results:
            objective_of[kr.ref] = (pk, kr_ids.get(kr.ref), kr.title)
    team_ids = dict(
        Team.objects.filter(organization_id=cycle.organization_id).values_list("name", "id")
    )
    notes = []
    for position, finding in enumerate(findings):
        mentions = [objective_of[r] for r in finding.refs if r in objective_of]
        teams = {team_of[m[0]] for m in mentions}
        team = next(iter(teams)) if len(teams) == 1 and finding.rule != "orphan" else None
        notes.append(
            PortfolioNote(
                organization_id=cycle.organization_id,
                cycle=cycle,
                position=position,
                rule=finding.rule,
                message=finding.message,
                team_id=team_ids.get(team) if team else None,
                mentions=[list(m) for m in mentions[:MENTIONS_KEPT]],
                mention_count=len(mentions),
            )
        )
    return notes


def link_made(child: Objective, parent: Objective, graph: AlignmentGraph[int]) -> None:
    """Drop the look-alike pairs a new link connects (``graph``: the links around it, the new
    one included): the child and what lies below it no longer look alike by accident to the
    parent and what lies above it."""
    above = {parent.pk, *graph.ancestors(parent.pk)}
    below = {child.pk, *graph.descendants(child.pk)}
    pairs = LookAlikePair.objects.filter(cycle_id=child.cycle_id)
    # The stored pairs are few; the two sides of a link can be most of the cycle.
    connected = [
        pk
        for pk, a, b in pairs.values_list("pk", "a_id", "b_id")
        if (a in above and b in below) or (a in below and b in above)
    ]
    if connected:
        pairs.filter(pk__in=connected).delete()
        CycleAnalysis.objects.filter(cycle_id=child.cycle_id).update(look_alikes=pairs.count())
