"""`bearing demo`: the Lumen Pay organization, built through the same services as the UI.

Dates are relative to today: the current quarter is active with weekly
measurements and check-ins up to today, the previous quarter is closed with
final scores, learnings and retrospectives. Deterministic: the same day gives
the same data. Running it twice changes nothing the second time.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from bearing.demo import data
from bearing.demo.maturity import (
    assess_the_quarter,
    key_results_written_with_their_objectives,
    live_the_quarter,
)
from bearing.domain.model import LinkKind
from bearing.okrs.analysis import analyse_cycle
from bearing.okrs.analytics import snapshot_take
from bearing.okrs.grading import computed_at_end
from bearing.okrs.models import (
    AlignmentLink,
    ChangeRecord,
    Cycle,
    CycleState,
    Initiative,
    KeyResult,
    Objective,
    Plan,
)
from bearing.okrs.models.checkins import ReactionKind, Status
from bearing.okrs.services.alignment import link_create
from bearing.okrs.services.checkins import checkin_create, comment_add, reaction_toggle
from bearing.okrs.services.cycles import cycle_create, cycle_set_state
from bearing.okrs.services.initiatives import initiative_create, initiative_update
from bearing.okrs.services.key_results import key_result_create
from bearing.okrs.services.kpis import kpi_create, kpi_measure
from bearing.okrs.services.learning import learning_add, retrospective_save
from bearing.okrs.services.measurements import measurement_add
from bearing.okrs.services.objectives import objective_create, objective_grade, objective_update
from bearing.okrs.services.plans import plan_publish
from bearing.orgs.models import Organization, Person, Team
from bearing.orgs.services import member_add, organization_create, team_create, team_member_add

DEMO_SLUG = "demo"
DEMO_PASSWORD = "bearing-demo"  # noqa: S105 -- printed for everyone: it is demo data
# Teams that forget to check in, so the team page has someone to remind.
FORGETFUL = {"hiring", "warehouse", "brand"}


@dataclass(frozen=True)
class DemoResult:
    organization: Organization
    created: bool
    sign_ins: list[tuple[str, str]]


def quarter_of(day: date) -> tuple[date, date, str]:
    quarter = (day.month - 1) // 3
    start = date(day.year, 3 * quarter + 1, 1)
    next_start = date(day.year + (quarter == 3), (3 * quarter + 3) % 12 + 1, 1)
    return start, next_start - timedelta(days=1), f"{day.year}-Q{quarter + 1}"


def at_nine(day: date) -> datetime:
    return datetime.combine(day, time(9, 0), tzinfo=UTC)


def create_demo(password: str = DEMO_PASSWORD, today: date | None = None) -> DemoResult:
    sign_ins = [(email, role) for email, _, role, _, _ in data.PEOPLE]
    existing = Organization.objects.filter(slug=DEMO_SLUG).first()
    if existing is not None:
        return DemoResult(existing, created=False, sign_ins=sign_ins)
    with transaction.atomic():
        builder = _Builder(today or timezone.localdate(), password)
        organization = builder.build()
    # Look-alikes and portfolio notes are there the first time a page is opened, before any
    # worker has started.
    for cycle in Cycle.objects.filter(organization=organization):
        analyse_cycle(cycle)
    from bearing.notify.demo import demo_notices  # an inbox and a delivery log to look at

    demo_notices(organization, today or timezone.localdate())
    return DemoResult(organization, created=True, sign_ins=sign_ins)


class _Builder:
    def __init__(self, today: date, password: str) -> None:
        self.today = today
        self.password = password
        self.rng = random.Random(7)
        self.people: dict[str, Person] = {}
        self.teams: dict[str, Team] = {}
        self.objectives: dict[str, Objective] = {}
        self.key_results: dict[str, KeyResult] = {}

    def build(self) -> Organization:
        self.org = organization_create(slug=DEMO_SLUG, name=data.COMPANY)
        self._teams_and_people()
        self._kpis()
        start, end, name = quarter_of(self.today)
        prev_start, prev_end, prev_name = quarter_of(start - timedelta(days=1))
        self._previous_quarter(prev_name, prev_start, prev_end)
        # What came before this quarter happened by its start, not today (the change feed).
        ChangeRecord.objects.filter(organization=self.org).update(
            at=at_nine(start) - timedelta(hours=1)
        )
        cycle = cycle_create(
            actor=self.people["ana"], organization=self.org, name=name, start=start, end=end,
            state=CycleState.ACTIVE,
        )  # fmt: skip
        self._objectives(cycle, data.CURRENT)
        self._backdate(cycle)
        key_results_written_with_their_objectives(cycle)
        self._initiatives(cycle)
        # The initiatives were planned with the objectives, not today (the change feed's order).
        ChangeRecord.objects.filter(organization=self.org, entity="initiative").update(
            at=at_nine(cycle.start + timedelta(days=3))
        )
        self._history(cycle)
        self._plans(cycle)
        return self.org

    def _person(self, short: str | None) -> Person | None:
        return self.people[short] if short else None

    def _teams_and_people(self) -> None:
        for name, parent in data.TEAMS:
            self.teams[name] = team_create(
                organization=self.org, name=name, parent=self.teams[parent] if parent else None
            )
        hashed = make_password(self.password)  # hashing is slow on purpose: do it once for all
        for email, name, role, teams, leads in data.PEOPLE:
            membership = member_add(organization=self.org, email=email, role=role, name=name)
            Person.objects.filter(pk=membership.person_id).update(password=hashed)
            self.people[email.split("@")[0]] = membership.person
            for team in teams:
                team_member_add(
                    team=self.teams[team], person=membership.person, is_lead=team in leads
                )

    def _kpis(self) -> None:
        weeks = 12
        for spec in data.KPIS:
            kpi = kpi_create(
                actor=self.people["ana"], organization=self.org, name=spec["name"], unit=spec["unit"],
                healthy_min=spec.get("healthy_min"), healthy_max=spec.get("healthy_max"),
                is_north_star=spec.get("north_star", False), owner=self.people[spec["owner"]],
                team=self.teams[spec["team"]],
            )  # fmt: skip
            base, step = (Decimal(str(v)) for v in spec["series"])
            for week in range(weeks):
                day = self.today - timedelta(weeks=weeks - 1 - week)
                kpi_measure(kpi=kpi, value=base + step * week, measured_at=at_nine(day))

    def _objectives(self, cycle: Cycle, specs: list[dict[str, Any]]) -> None:
        for spec in specs:
            team = self.teams[spec["team"]] if spec.get("team") else None
            objective = objective_create(
                actor=self._person(spec.get("owner")), cycle=cycle, title=spec["title"], team=team,
                owner=self._person(spec.get("owner")), ref=spec["ref"],
                contributors=[self.teams[t] for t in spec.get("contributors", [])],
                visibility=spec.get("visibility", "public"),
            )  # fmt: skip
            self.objectives[spec["ref"]] = objective
            for kr in spec["krs"]:
                self.key_results[kr["ref"]] = key_result_create(
                    actor=objective.owner, objective=objective, title=kr["title"], ref=kr["ref"],
                    kind=kr.get("kind", self._kind(kr)), start=_dec(kr.get("start")), target=_dec(kr.get("target")),
                    unit=kr.get("unit", ""), weight=_dec(kr.get("weight", 1)) or Decimal(1),
                    owner=self._person(kr.get("owner")),
                )  # fmt: skip
            for parent in spec.get("aligned_to", []):
                link_create(
                    actor=objective.owner, child=objective, parent_objective=self.objectives[parent]
                )
            if spec.get("cascaded_from"):
                link_create(
                    actor=objective.owner, child=objective,
                    parent_key_result=self.key_results[spec["cascaded_from"]], kind=LinkKind.CASCADED,
                )  # fmt: skip

    @staticmethod
    def _kind(kr: dict[str, Any]) -> str:
        if "start" not in kr:
            return ""  # a draft
        return "increase" if Decimal(str(kr["target"])) > Decimal(str(kr["start"])) else "decrease"

    def _initiatives(self, cycle: Cycle) -> None:
        for title, refs, owner, status in data.INITIATIVES:
            # A target date within the quarter (the service refuses one outside it).
            day = self.today + timedelta(days=self.rng.randint(-20, 35))
            initiative_create(
                actor=self.people[owner], organization=self.org, title=title,
                key_results=[self.key_results[r] for r in refs], owner=self.people[owner], status=status,
                target_date=min(max(day, cycle.start), cycle.end),
            )  # fmt: skip

    def _plans(self, cycle: Cycle) -> None:
        """Some owners published their two-week plan in the quarter's first days."""
        for short in data.PUBLISHED_PLANS:
            plan_publish(actor=self.people[short], person=self.people[short], cycle=cycle)
        early = at_nine(min(cycle.start + timedelta(days=5), self.today))
        Plan.objects.filter(cycle=cycle).update(published_at=early)
        title, status = data.CHANGED_AFTER_PUBLISHING
        changed = Initiative.objects.get(organization=self.org, title=title)
        initiative_update(actor=changed.owner, initiative=changed, status=status)

    def _value(self, kr: KeyResult, spec: dict[str, Any], share: float, week: int) -> Decimal:
        if "levels" in spec:
            return Decimal(spec["levels"][week % len(spec["levels"])])
        assert kr.start is not None and kr.target is not None
        wobble = self.rng.uniform(-0.04, 0.04)
        progress = max(0.0, min(1.0, spec["pace"] * share + wobble))
        value = kr.start + (kr.target - kr.start) * Decimal(str(round(progress, 4)))
        places = (
            2 if abs(kr.target - kr.start) < 5 else (1 if abs(kr.target - kr.start) < 50 else 0)
        )
        return value.quantize(Decimal(1).scaleb(-places))

    def _backdate(self, cycle: Cycle) -> None:
        """Date the plan to the cycle's first days, and a few objectives and links later, so the
        weekly connectivity snapshots show a trend (a look-alike appears, an orphan links up)."""
        planned = at_nine(cycle.start + timedelta(days=2))
        ChangeRecord.objects.filter(organization=self.org, cycle_id=cycle.pk).update(at=planned)
        Objective.objects.filter(cycle=cycle).update(created_at=planned)
        AlignmentLink.objects.filter(child__cycle=cycle).update(created_at=planned)
        for ref, week in data.ADDED_IN_WEEK.items():
            later = at_nine(cycle.start + timedelta(weeks=week, days=1))
            Objective.objects.filter(cycle=cycle, ref=ref).update(created_at=later)
            AlignmentLink.objects.filter(child__cycle=cycle, child__ref=ref).update(
                created_at=later
            )
        for ref, week in data.LINKED_IN_WEEK.items():
            later = at_nine(cycle.start + timedelta(weeks=week, days=1))
            AlignmentLink.objects.filter(child__cycle=cycle, child__ref=ref).update(
                created_at=later
            )

    def _history(self, cycle: Cycle) -> None:
        specs = {kr["ref"]: kr for o in data.CURRENT for kr in o["krs"]}
        total = (cycle.end - cycle.start).days
        week = 1
        while (day := cycle.start + timedelta(weeks=week)) <= self.today:
            when = at_nine(day)
            mark = ChangeRecord.objects.order_by("-id").values_list("id", flat=True).first() or 0
            for ref, objective in self.objectives.items():
                if objective.cycle_id != cycle.pk:
                    continue
                values: dict[KeyResult, Decimal | bool | None] = {}
                for kr in objective.key_results.all():
                    spec = specs[kr.ref]
                    if kr.kind == "milestone":
                        values[kr] = bool(spec.get("done")) and week >= 3
                    elif kr.kind:
                        values[kr] = self._value(kr, spec, (day - cycle.start).days / total, week)
                if not values or (ref in FORGETFUL and week % 3):
                    continue
                self._check_in(objective, values, when)
            self._edits(week)
            ChangeRecord.objects.filter(id__gt=mark).update(at=when)
            snapshot_take(cycle, at=when)
            week += 1

    def _edits(self, week: int) -> None:
        """The week's edits of objectives (data.EDITS), recorded before → after."""
        for when, who, ref, description in data.EDITS:
            if when == week and ref in self.objectives:
                self.objectives[ref] = objective_update(
                    actor=self.people[who], objective=self.objectives[ref], description=description
                )

    def _check_in(
        self, objective: Objective, values: dict[KeyResult, Decimal | bool | None], when: datetime
    ) -> None:
        author = objective.owner
        capacity = self.rng.choices(
            [Status.ON_TRACK, Status.NEEDS_ATTENTION, Status.AT_RISK], weights=[6, 3, 1]
        )[0]  # fmt: skip
        # The forecast suggests the status; with nothing to forecast from (milestones not done
        # yet) the owner says it.
        measured = any(
            v is True or not isinstance(v, bool) for v in values.values() if v is not None
        )
        checkin = checkin_create(
            actor=author, objective=objective, values=values,
            progress_status=None if measured else Status.ON_TRACK, capacity_status=capacity,
            confidence=self.rng.choice([40, 50, 50, 60, 70]), at=when,
        )  # fmt: skip
        checkin.narrative = self.rng.choice(data.NARRATIVES[checkin.progress_status])
        checkin.save(update_fields=["narrative"])
        if checkin.progress_status == Status.ON_TRACK and self.rng.random() < 0.3:
            fan = self.people["ana"] if author != self.people["ana"] else self.people["ben"]
            reaction_toggle(actor=fan, checkin=checkin, kind=ReactionKind.CELEBRATE)
            comment_add(
                actor=fan,
                checkin=checkin,
                text="Nice work, this is exactly the kind of win to celebrate!",
            )

    def _previous_quarter(self, name: str, start: date, end: date) -> None:
        cycle = cycle_create(
            actor=self.people["ana"], organization=self.org, name=name, start=start, end=end,
            state=CycleState.ACTIVE,
        )  # fmt: skip
        self._objectives(cycle, data.PREVIOUS)
        for spec in data.PREVIOUS:
            for kr_spec in spec["krs"]:
                kr = self.key_results[kr_spec["ref"]]
                assert kr.start is not None
                final = Decimal(kr_spec["final"])
                for share, day in ((Decimal("0.3"), start + timedelta(days=30)),
                                   (Decimal("0.7"), start + timedelta(days=60)), (Decimal(1), end)):  # fmt: skip
                    measurement_add(
                        actor=self.objectives[spec["ref"]].owner, key_result=kr,
                        value=(kr.start + (final - kr.start) * share).quantize(Decimal(1)), measured_at=at_nine(day),
                    )  # fmt: skip
        live_the_quarter(self, cycle)
        # Grades are given while the cycle is in grading (objective_grade refuses otherwise).
        cycle = cycle_set_state(actor=self.people["ana"], cycle=cycle, state=CycleState.GRADING)
        for objective in Objective.objects.filter(cycle=cycle).select_related("owner", "cycle"):
            spec = next(s for s in data.PREVIOUS if s["ref"] == objective.ref)
            graded = (
                Decimal(spec["graded"])
                if "graded" in spec
                else computed_at_end(objective, self.org.bands).score
            )
            objective_grade(
                actor=self.people["ana"], objective=objective, graded=graded,
                reason=spec.get("reason", ""),
            )  # fmt: skip
            learning_add(actor=objective.owner, objective=objective, text=spec["learning"])
        for team, well, badly, next_time in data.RETROSPECTIVES:
            retrospective_save(
                actor=self.people["ana"], team=self.teams[team], cycle=cycle, went_well=well,
                went_badly=badly, try_next=next_time,
            )  # fmt: skip
        assess_the_quarter(self, cycle)
        cycle_set_state(actor=self.people["ana"], cycle=cycle, state=CycleState.CLOSED)


def _dec(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


__all__ = ["DEMO_PASSWORD", "DemoResult", "create_demo"]
