"""The weekly digest: per team and for the company, what moved, the colours, who checked in
and who did not (names in alphabetical order — never a ranking), wins to celebrate, risks
with their narratives, alignment warnings. One digest per person and week, with a section
for each of their teams and one for the company."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery

from bearing.domain.model import KRKind
from bearing.notify.cadence_settings import local
from bearing.notify.models import CadenceSettings, NoticeKind, Preferences
from bearing.notify.notices import Message, chats_of, post_to_chats, tell
from bearing.okrs.models import (
    AlignmentLink,
    ChangeRecord,
    CheckIn,
    KeyResult,
    Objective,
    ObjectiveState,
)
from bearing.okrs.models.checkins import Status
from bearing.orgs.models import Membership, Organization, Team, TeamMember

# A company digest of a large organization names a few of each, and counts the rest.
SHOWN = 8
STATUS_WORD = {Status.ON_TRACK: "green", Status.NEEDS_ATTENTION: "yellow", Status.AT_RISK: "red"}


@dataclass
class Section:
    name: str
    colours: Counter[str] = field(default_factory=Counter)
    moved: list[str] = field(default_factory=list)
    checked_in: set[str] = field(default_factory=set)
    not_checked_in: set[str] = field(default_factory=set)
    wins: list[str] = field(default_factory=list)
    risks: list[str] = field(default_factory=list)
    unaligned: int = 0

    def text(self) -> str:
        lines = [f"## {self.name}"]
        if not sum(self.colours.values()):
            return "\n".join([*lines, "No active objectives this week.", ""])
        lines.append(
            "Colours: "
            + ", ".join(
                f"{self.colours[c]} {c}"
                for c in ("green", "yellow", "red", "not scored yet")
                if self.colours[c]
            )
        )
        lines += _block("What moved", self.moved)
        lines += _block("Wins to celebrate", self.wins)
        lines += _block("Risks", self.risks)
        # Someone with one objective still waiting is not done yet: named there only.
        lines.append(f"Checked in: {_names(self.checked_in - self.not_checked_in)}")
        lines.append(f"Not checked in yet: {_names(self.not_checked_in)}")
        if self.unaligned:
            lines.append(f"Alignment: {self.unaligned} objective(s) align to nothing above them.")
        return "\n".join([*lines, ""])


def _names(names: set[str]) -> str:
    ordered = sorted(names, key=str.casefold)
    if not ordered:
        return "nobody"
    more = len(ordered) - SHOWN * 3
    return ", ".join(ordered[: SHOWN * 3]) + (f" and {more} more" if more > 0 else "")


def _block(title: str, items: list[str]) -> list[str]:
    if not items:
        return []
    shown = sorted(items, key=str.casefold)[:SHOWN]
    more = len(items) - len(shown)
    return [f"{title}:", *(f"- {i}" for i in shown), *([f"- and {more} more"] if more > 0 else [])]


def _objectives(organization: Organization, today: date, since: datetime) -> QuerySet[Objective]:
    latest = CheckIn.objects.filter(objective=OuterRef("pk")).order_by("-created_at", "-id")
    before = latest.filter(created_at__lt=since)
    return (
        Objective.objects.filter(
            organization=organization,
            state=ObjectiveState.ACTIVE,
            cycle__state="active",
            cycle__start__lte=today,
            cycle__end__gte=today,
        )
        .select_related("owner", "team", "organization")
        .annotate(
            status_now=Subquery(latest.values("progress_status")[:1]),
            status_before=Subquery(before.values("progress_status")[:1]),
            narrative_now=Subquery(latest.values("narrative")[:1]),
            checked_in=Exists(
                CheckIn.objects.filter(objective=OuterRef("pk"), created_at__gte=since)
            ),
            aligned=Exists(AlignmentLink.objects.filter(child=OuterRef("pk"))),
        )
    )


def _add(section: Section, o: Objective, is_company_team: bool) -> None:
    colour = o.organization.bands.color(o.score)
    section.colours[colour.value if colour else "not scored yet"] += 1
    score = "–" if o.score is None else f"{o.score:.1f}"
    now, before = o.status_now, o.status_before  # type: ignore[attr-defined]
    if o.checked_in and now:  # type: ignore[attr-defined]
        was = STATUS_WORD.get(before, "new") if before else "first check-in"
        section.moved.append(f"{o.title}: {was} → {STATUS_WORD[now]} (score {score})")
        if now == Status.ON_TRACK and before != Status.ON_TRACK:
            section.wins.append(f"{o.title} turned green")
    if now in (Status.AT_RISK, Status.NEEDS_ATTENTION):
        narrative = (o.narrative_now or "").strip().replace("\n", " ")[:200]  # type: ignore[attr-defined]
        section.risks.append(
            f"{o.title} ({STATUS_WORD[now]})" + (f": {narrative}" if narrative else "")
        )
    if o.owner is not None:
        (section.checked_in if o.checked_in else section.not_checked_in).add(o.owner.display_name)  # type: ignore[attr-defined]
    if not o.aligned and not is_company_team:  # type: ignore[attr-defined]
        section.unaligned += 1


def _most_reacted(organization: Organization, since: datetime) -> list[str]:
    checkins = (
        CheckIn.objects.filter(organization=organization, created_at__gte=since)
        .annotate(n=Count("reactions"))
        .filter(n__gt=0)
        .select_related("objective", "author")
        .order_by("-n", "id")[:3]
    )
    return [
        f"{c.author.display_name if c.author else 'Someone'}'s check-in on {c.objective.title} ({c.n} reaction{'s' if c.n != 1 else ''})"
        for c in checkins
    ]


def _milestones_done(
    organization: Organization, today: date, since: datetime
) -> dict[int | None, list[str]]:
    """Milestones marked done this week (their change records say when), by the team of
    their objective: wins to celebrate (004)."""
    ids = ChangeRecord.objects.filter(
        organization=organization, entity="key_result", action="update", at__gte=since,
        after__done=True,
    ).values_list("entity_id", flat=True)[:200]  # fmt: skip
    done = KeyResult.objects.filter(
        pk__in=list(ids), kind=KRKind.MILESTONE, done=True,
        objective__state=ObjectiveState.ACTIVE, cycle__start__lte=today, cycle__end__gte=today,
    ).values_list("objective__team_id", "title", "objective__title")  # fmt: skip
    out: dict[int | None, list[str]] = defaultdict(list)
    for team_id, title, objective in done:
        out[team_id].append(f"Milestone done: {title} ({objective})")
    return out


def build_sections(
    organization: Organization, today: date, since: datetime
) -> tuple[Section, dict[int, Section]]:
    """The company's section and each team's (by team id)."""
    teams = {
        t.pk: t for t in Team.objects.filter(organization=organization, archived_at__isnull=True)
    }
    company = Section(organization.name + " (company)")
    by_team: dict[int, Section] = defaultdict(lambda: Section(""))
    for o in _objectives(organization, today, since).iterator(chunk_size=2000):
        is_company_team = o.team_id is not None and o.team is not None and o.team.parent_id is None
        _add(company, o, is_company_team)
        if o.team_id in teams:
            section = by_team[o.team_id]
            section.name = teams[o.team_id].name
            _add(section, o, is_company_team)
    company.wins += _most_reacted(organization, since)
    for team_id, wins in _milestones_done(organization, today, since).items():
        company.wins += wins
        if team_id in by_team:
            by_team[team_id].wins += wins
    for team_id, team in teams.items():
        if team.parent_id is not None and team_id not in by_team:
            by_team[team_id] = Section(team.name)
    return company, dict(by_team)


def send_digests(
    organization: Organization, cadence: CadenceSettings, week: date, at: datetime
) -> list[tuple[str, str]]:
    """The digest to every active member who wants it, and to the chat channels; (to, title)."""
    today = local(at, cadence).date()
    since = at - timedelta(days=7)
    company, by_team = build_sections(organization, today, since)
    title = f"Weekly digest of {organization.name}, week of {week:%d %b %Y}"
    teams_of: dict[int, list[int]] = defaultdict(list)
    for pk, team_id in TeamMember.objects.filter(team__organization=organization).values_list(
        "person_id", "team_id"
    ):
        teams_of[pk].append(team_id)
    off = set(
        Preferences.objects.filter(organization=organization, digest_on=False).values_list(
            "person_id", flat=True
        )
    )
    members = (
        Membership.objects.filter(organization=organization, deactivated_at__isnull=True)
        .exclude(person_id__in=off)
        .select_related("person")
        .order_by("person__email")
    )
    sent = []
    for m in members:
        sections = [by_team[t] for t in sorted(teams_of[m.person_id]) if t in by_team]
        body = "\n".join(s.text() for s in [*sections, company])
        message = Message(title=title, body=body, link=f"/o/{organization.slug}/")
        if tell(organization=organization, recipient=m.person, kind=NoticeKind.DIGEST,
                key=f"digest:{week}", message=message, at=at, cadence=cadence):  # fmt: skip
            sent.append((m.person.email, title))
    posts: list[tuple[int | None, Section]] = [(None, company), *by_team.items()]
    for place, section in posts:
        chats = chats_of(organization, cadence, place)
        if chats:
            message = Message(
                title=f"{title}: {section.name}",
                body=section.text(),
                link=f"/o/{organization.slug}/",
            )
            if post_to_chats(organization=organization, channels=chats, event="digest",
                             key=f"digest:{week}:{place}", message=message, at=at):  # fmt: skip
                sent += [(f"#{c.kind}", message.title) for c in chats]
    return sent
