"""Import steps for the organization's side of a file: teams, people, who is in which team.

Teams and people are the organization's, not the cycle's, so an import only
adds: it never removes a team, a member or a lead, and never moves a team.
"""

from __future__ import annotations

from functools import partial

from bearing.domain.model import Team as FileTeam
from bearing.okrs.io.context import ImportContext
from bearing.orgs.models import Membership, Person, Role, Team, TeamMember
from bearing.orgs.services import member_add, team_create, team_member_add

MAX_TEAM_NAME = 200
MAX_PERSON_NAME = 200
MAX_EMAIL = 254


def _parents_first(teams: tuple[FileTeam, ...]) -> list[FileTeam]:
    ordered: list[FileTeam] = []
    placed: set[str] = set()
    pending = list(teams)
    while pending:
        ready = [t for t in pending if t.parent is None or t.parent in placed]
        if not ready:
            break  # the parser rejects loops; nothing left can be placed
        ordered.extend(ready)
        placed.update(t.name for t in ready)
        pending = [t for t in pending if t.name not in placed]
    return ordered


def sync_teams(ctx: ImportContext) -> None:
    org = ctx.organization
    existing = {t.name: t for t in Team.objects.filter(organization=org)}
    names = {t.pk: t.name for t in existing.values()}
    index = {t.name: i for i, t in enumerate(ctx.okrs.teams)}
    company = next((t for t in existing.values() if t.parent_id is None), None)
    root = ctx.okrs.company
    if company is not None and company.name != root.name:
        ctx.problems.add(
            f"teams[{index[root.name]}].name",
            f"this organization's company team is {company.name!r}; "
            f"give the team without a parent that name",
        )
        return
    for team in _parents_first(ctx.okrs.teams):
        path = f"teams[{index[team.name]}]"
        found = existing.get(team.name)
        if found is not None:
            ctx.teams[team.name] = found
            now = names.get(found.parent_id) if found.parent_id else None
            if now != team.parent:
                ctx.notes.append(
                    f"team {team.name!r} stays under {now or 'no team'} "
                    f"(the file says {team.parent or 'no team'}); move teams in Bearing itself"
                )
            continue
        _add_team(ctx, team, path)


def _add_team(ctx: ImportContext, team: FileTeam, path: str) -> None:
    if len(team.name) > MAX_TEAM_NAME:
        ctx.problems.add(f"{path}.name", f"keep team names under {MAX_TEAM_NAME} characters")
        return
    parent = ctx.teams.get(team.parent) if team.parent else None
    if team.parent and parent is None:
        return  # its parent could not be added; that problem is reported already
    org = ctx.organization
    created = ctx.problems.attempt(
        path, partial(team_create, organization=org, name=team.name, parent=parent)
    )
    if created is not None:
        ctx.teams[team.name] = created
        ctx.counts["teams added"] += 1


def _wanted_people(ctx: ImportContext) -> dict[str, tuple[str, str]]:
    """lower-case e-mail → (the first field naming them, their name) for everyone the file names."""
    okrs = ctx.okrs
    wanted: dict[str, tuple[str, str]] = {}
    for i, p in enumerate(okrs.people):
        wanted.setdefault(p.email.lower(), (f"people[{i}].email", p.name))
    for i, t in enumerate(okrs.teams):
        if t.lead:
            wanted.setdefault(t.lead.lower(), (f"teams[{i}].lead", ""))
    for i, o in enumerate(okrs.objectives):
        if o.owner:
            wanted.setdefault(o.owner.lower(), (f"objectives[{i}].owner", ""))
        for j, kr in enumerate(o.key_results):
            if kr.owner:
                wanted.setdefault(kr.owner.lower(), (f"objectives[{i}].key_results[{j}].owner", ""))
    return wanted


def sync_people(ctx: ImportContext) -> None:
    """Make everyone the file names a member (new people join as members, without a password)."""
    org = ctx.organization
    wanted = _wanted_people(ctx)
    known = {p.email: p for p in Person.objects.filter(email__in=list(wanted))}
    members = set(
        Membership.objects.filter(organization=org, person__email__in=list(wanted)).values_list(
            "person__email", flat=True
        )
    )
    for email, (path, name) in wanted.items():
        if email in members:
            ctx.people[email] = known[email]
            continue
        if len(email) > MAX_EMAIL or len(name) > MAX_PERSON_NAME:
            ctx.problems.add(path, "that e-mail address or name is too long")
            continue
        # Someone Bearing knows keeps their name: a file must not rename people of other orgs.
        given = name if email not in known else ""
        membership = ctx.problems.attempt(
            path,
            partial(member_add, organization=org, email=email, role=Role.MEMBER, name=given),
            fields={"email": "", "role": "", "name": ""},
        )
        if membership is not None:
            ctx.people[email] = membership.person
            ctx.counts["people added"] += 1
    if not ctx.problems:
        _sync_team_members(ctx)


def _sync_team_members(ctx: ImportContext) -> None:
    wanted: dict[tuple[str, str], tuple[bool, str]] = {}  # (team, email) → (lead?, path)
    for i, p in enumerate(ctx.okrs.people):
        for name in p.teams:
            wanted.setdefault((name, p.email.lower()), (False, f"people[{i}].teams"))
    for i, t in enumerate(ctx.okrs.teams):
        if t.lead:
            wanted[(t.name, t.lead.lower())] = (True, f"teams[{i}].lead")
    people = list(ctx.people.values())
    have = {
        (m.team_id, m.person_id): m.is_lead
        for m in TeamMember.objects.filter(team__organization=ctx.organization, person__in=people)
    }
    for (team_name, email), (lead, path) in wanted.items():
        team, person = ctx.teams[team_name], ctx.people[email]
        was_lead = have.get((team.pk, person.pk))
        if was_lead is None or (lead and not was_lead):
            added = ctx.problems.attempt(
                path, partial(team_member_add, team=team, person=person, is_lead=lead)
            )
            if added is not None and was_lead is None:
                ctx.counts["team memberships added"] += 1
