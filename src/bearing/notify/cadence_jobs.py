"""The cadence jobs: the check-in reminder, the escalation and the weekly digest.

``run_due`` runs every job due at a moment for one organization, as the scheduler does each
minute and `bearing cadence run` does on demand. Each notice carries a key with its week, so
running again — a minute later, after a crash, on two workers — tells nobody twice.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import QuerySet
from django.utils import timezone

from bearing.domain.plans import PlanState, plan_state
from bearing.domain.rhythm import Job, checkins_count_from, due_jobs
from bearing.notify import digest
from bearing.notify.cadence_settings import aware, local, rhythm_of, settings_for
from bearing.notify.models import CadenceSettings, NoticeKind, Preferences
from bearing.notify.notices import Message, chats_of, my_week_path, post_to_chats, tell
from bearing.okrs.cadence import awaiting_checkin
from bearing.okrs.models import Cycle, CycleState, Objective
from bearing.okrs.services.plans import due_date as plan_due_date
from bearing.okrs.services.plans import plan_roster
from bearing.orgs.models import Organization, Person, TeamMember


@dataclass(frozen=True)
class Sent:
    job: str
    to: str  # an e-mail address, or "#slack" for a channel post
    title: str

    def __str__(self) -> str:
        return f"{self.job:<10} {self.to:<32} {self.title}"


def running_cycles(organization: Organization, today: date) -> QuerySet[Cycle]:
    """Active cycles whose dates hold ``today``: nothing is asked of a closed cycle."""
    return Cycle.objects.filter(
        organization=organization, state=CycleState.ACTIVE, start__lte=today, end__gte=today
    )


def waiting_objectives(
    organization: Organization, cadence: CadenceSettings, week: date, today: date
) -> list[Objective]:
    """Every active objective of a running cycle with an active owner, not checked in on
    since the week began (``okrs.cadence.awaiting_checkin``, one rule for pages and jobs)."""
    since = aware(checkins_count_from(week), cadence)
    waiting: list[Objective] = []
    for cycle in running_cycles(organization, today):
        objectives = Objective.objects.filter(cycle=cycle, owner__isnull=False).filter(
            owner__memberships__organization=organization,
            owner__memberships__deactivated_at__isnull=True,
        )
        waiting += (
            awaiting_checkin(objectives, cycle, since, today)
            .select_related("owner", "team")
            .order_by("title", "id")
        )
    return waiting


def _snoozed(organization: Organization, today: date) -> set[int]:
    return set(
        Preferences.objects.filter(organization=organization, snoozed_until__gte=today).values_list(
            "person_id", flat=True
        )
    )


def _listing(objectives: list[Objective]) -> str:
    return "\n".join(f"- {o.title}" for o in objectives)


def unpublished_plans(
    organization: Organization, today: date
) -> dict[Person, list[tuple[str, str]]]:
    """Key-result owners of the running cycles whose two-week plan is not in (seed 002), with
    a line and the plan's address for each such cycle: due by its day, or missing once the
    window has passed (``domain.plans``, the rule the cycle's Plans page shows)."""
    lines: dict[Person, list[tuple[str, str]]] = defaultdict(list)
    for cycle in running_cycles(organization, today):
        due = plan_due_date(cycle)
        state = plan_state(False, due, today)
        when = f"due by {due:%d %b}" if state is PlanState.DUE else f"was due {due:%d %b}"
        for person in plan_roster(cycle).filter(plan_published_at__isnull=True):  # type: ignore[misc]
            plan = f"/o/{organization.slug}/cycles/{cycle.pk}/plan/"
            lines[person].append((f"- Your two-week plan for {cycle.name} {when}: {plan}", plan))
    return lines


def remind(
    organization: Organization, cadence: CadenceSettings, week: date, at: datetime
) -> list[Sent]:
    """One message to each owner still due, listing all their waiting objectives and any
    two-week plan of theirs that is not in yet (one reminder a week, whatever it holds)."""
    today = local(at, cadence).date()
    snoozed = _snoozed(organization, today)
    by_owner: dict[Person, list[Objective]] = defaultdict(list)
    for objective in waiting_objectives(organization, cadence, week, today):
        assert objective.owner is not None
        if objective.owner_id not in snoozed:
            by_owner[objective.owner].append(objective)
    plans = {p: lines for p, lines in unpublished_plans(organization, today).items()
             if p.pk not in snoozed}  # fmt: skip
    for person in plans:
        by_owner.setdefault(person, [])
    link = my_week_path(organization)
    sent = []
    for owner, objectives in sorted(by_owner.items(), key=lambda item: item[0].email):
        count = len(objectives)
        plan_lines = plans.get(owner, [])
        if count:
            title = f"Time to check in: {count} objective{'s' if count != 1 else ''} wait{'s' if count == 1 else ''} for this week's update"
        else:
            title = "Your two-week plan is not in yet"
        body = "\n".join(filter(None, [_listing(objectives), *(line for line, _ in plan_lines)]))
        message = Message(title=title, body=body, link=link if count else plan_lines[0][1])
        if tell(organization=organization, recipient=owner, kind=NoticeKind.REMINDER,
                key=f"reminder:{week}", message=message, at=at, cadence=cadence):  # fmt: skip
            sent.append(Sent("reminder", owner.email, title))
    if total := sum(len(v) for v in by_owner.values()):
        nudge = Message(
            title=f"It is check-in day: {total} objective{'s' if total != 1 else ''} wait for this week's update",
            body="Each owner has a reminder with a link to their check-in.", link=link,
        )  # fmt: skip
        chats = chats_of(organization, cadence, None)
        if post_to_chats(organization=organization, channels=chats, event="reminder",
                         key=f"nudge:{week}", message=nudge, at=at):  # fmt: skip
            sent += [Sent("nudge", f"#{c.kind}", nudge.title) for c in chats]
    return sent


def escalate(
    organization: Organization, cadence: CadenceSettings, week: date, at: datetime
) -> list[Sent]:
    """Objectives still waiting N days after check-in day: their team leads are told, once."""
    today = local(at, cadence).date()
    snoozed = _snoozed(organization, today)
    by_team: dict[int, list[Objective]] = defaultdict(list)
    for objective in waiting_objectives(organization, cadence, week, today):
        if objective.team_id is not None and objective.owner_id not in snoozed:
            by_team[objective.team_id].append(objective)
    leads = TeamMember.objects.filter(team_id__in=by_team, is_lead=True).select_related(
        "person", "team"
    )
    by_lead: dict[Person, list[Objective]] = defaultdict(list)
    for member in leads:
        by_lead[member.person] += [
            o for o in by_team[member.team_id] if o.owner_id != member.person_id
        ]
    sent = []
    for lead, objectives in sorted(by_lead.items(), key=lambda item: item[0].email):
        if not objectives:
            continue
        title = f"Still no check-in this week on {len(objectives)} objective{'s' if len(objectives) != 1 else ''} of your team"
        body = "\n".join(
            f"- {o.title} ({o.owner.display_name if o.owner else 'no owner'})" for o in objectives
        )
        message = Message(
            title=title, body=body, link=f"/o/{organization.slug}/teams/{objectives[0].team_id}/"
        )
        if tell(organization=organization, recipient=lead, kind=NoticeKind.ESCALATION,
                key=f"escalation:{week}", message=message, at=at, cadence=cadence):  # fmt: skip
            sent.append(Sent("escalation", lead.email, title))
    for team_id, objectives in by_team.items():
        chats = chats_of(organization, cadence, team_id)
        if chats:
            message = Message(
                title=f"{len(objectives)} objective(s) still wait for this week's check-in",
                body=_listing(objectives), link=f"/o/{organization.slug}/teams/{team_id}/",
            )  # fmt: skip
            if post_to_chats(organization=organization, channels=chats, event="escalation",
                             key=f"escalation:{week}:{team_id}", message=message, at=at):  # fmt: skip
                sent += [Sent("escalation", f"#{c.kind}", message.title) for c in chats]
    return sent


def run_due(organization: Organization, at: datetime | None = None) -> list[Sent]:
    """Every cadence job due at ``at`` (now) for the organization; what was sent."""
    at = at or timezone.now()
    cadence = settings_for(organization)
    sent: list[Sent] = []
    for due in due_jobs(local(at, cadence), rhythm_of(organization, cadence)):
        if due.job == Job.REMINDER and cadence.reminders_on:
            sent += remind(organization, cadence, due.week, at)
        elif due.job == Job.ESCALATION and cadence.reminders_on:
            sent += escalate(organization, cadence, due.week, at)
        elif due.job == Job.DIGEST and cadence.digests_on:
            sent += [
                Sent("digest", to, title)
                for to, title in digest.send_digests(organization, cadence, due.week, at)
            ]
    return sent
