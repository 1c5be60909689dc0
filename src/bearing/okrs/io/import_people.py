"""Import steps for the organization's side of a file: teams, people, who is in which team.

Teams and people are the organization's, not the cycle's, so an import only
adds: it never removes a team, a member or a lead, and never moves a team.

A file may name existing teams without repeating the chain above them (a team
listed without a parent that the organization has is that team, wherever it
stands), and its company team may be called otherwise than the organization's:
it is imported as the organization's company team, with a note — or as the
importer says with ``company_team``.

People are referred to, never attached: someone the file names who is not a
member of the organization gets an invitation (with the file's name and teams
for them), whatever Bearing knows about that e-mail elsewhere — an import never
makes an account of another organization a member, and its answer never tells
whether an e-mail is registered (issue 10.1).
"""

from __future__ import annotations

from collections import deque
from functools import partial

from bearing.domain.limits import MAX_EMAIL, MAX_NAME
from bearing.domain.model import Team as FileTeam
from bearing.okrs.io.context import ImportContext
from bearing.orgs.models import Invitation, Membership, Team, TeamMember
from bearing.orgs.services import invitation_create, team_create, team_member_add

MAX_TEAM_NAME = MAX_NAME
NOTED_EMAILS = 10  # the note on invitations names this many e-mails, then counts the rest


def _parents_first(teams: tuple[FileTeam, ...]) -> list[FileTeam]:
    """Each team after its parent, in linear time (the parser rejects loops)."""
    children: dict[str | None, list[FileTeam]] = {}
    for team in teams:
        children.setdefault(team.parent, []).append(team)
    ordered: list[FileTeam] = []
    queue = deque(children.get(None, []))
    while queue:
        team = queue.popleft()
        ordered.append(team)
        queue.extend(children.get(team.name, []))
    return ordered


def _company_name(
    ctx: ImportContext, existing: dict[str, Team], company: Team | None
) -> str | None:
    """The file team that stands for the organization's company team, or None."""
    okrs = ctx.okrs
    index = {t.name: i for i, t in enumerate(okrs.teams)}
    if ctx.company_team is not None:
        chosen = next((t for t in okrs.teams if t.name == ctx.company_team), None)
        if chosen is None:
            ctx.problems.add(
                "teams", f"the file has no team named {ctx.company_team!r} to be the company team"
            )
        elif chosen.parent is not None:
            ctx.problems.add(
                f"teams[{index[chosen.name]}].parent",
                f"{chosen.name!r} is to be the company team, which has no parent",
            )
        return ctx.company_team
    root = okrs.company_team
    if company is None or root is None or root.name in existing:
        return None  # a new organization, a file of several teams, or the names agree
    ctx.notes.append(
        f"the file's company team {root.name!r} is imported as this organization's company "
        f"team {company.name!r}"
    )
    return root.name


def sync_teams(ctx: ImportContext) -> None:
    org = ctx.organization
    existing = {t.name: t for t in Team.objects.filter(organization=org)}
    names = {t.pk: t.name for t in existing.values()}
    index = {t.name: i for i, t in enumerate(ctx.okrs.teams)}
    company = next((t for t in existing.values() if t.parent_id is None), None)
    found_before = len(ctx.problems.items)
    as_company = _company_name(ctx, existing, company)
    if len(ctx.problems.items) > found_before:
        return
    for team in _parents_first(ctx.okrs.teams):
        path = f"teams[{index[team.name]}]"
        if company is not None and team.name == as_company:
            found: Team | None = company
        else:
            found = existing.get(team.name)
            if found is not None and found is company and as_company is not None:
                ctx.problems.add(
                    f"{path}.name",
                    f"{as_company!r} is imported as the company team {found.name!r}; "
                    f"{team.name!r} cannot be it too",
                )
                continue
        if found is not None:
            ctx.teams[team.name] = found
            _note_a_move(ctx, team, found, names)
        elif team.parent is None and company is not None:
            ctx.problems.add(
                f"{path}.name",
                f"this organization has no team named {team.name!r}; give it a parent "
                "(a team of the file), or name a team the organization has",
            )
        else:
            _add_team(ctx, team, path)


def _note_a_move(ctx: ImportContext, team: FileTeam, found: Team, names: dict[int, str]) -> None:
    """A file does not move teams; say so when it puts one elsewhere. A team the file lists
    without a parent says nothing about where it stands."""
    if team.parent is None:
        return
    wanted = ctx.teams.get(team.parent)
    if wanted is not None and found.parent_id != wanted.pk:
        now = names.get(found.parent_id) if found.parent_id else None
        ctx.notes.append(
            f"team {found.name!r} stays under {now or 'no team'} "
            f"(the file says {wanted.name}); move teams in Bearing itself"
        )


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


def _wanted_teams(ctx: ImportContext) -> dict[tuple[str, str], tuple[bool, str]]:
    """(file team, e-mail) → (as its lead?, the field that says so)."""
    wanted: dict[tuple[str, str], tuple[bool, str]] = {}
    for i, p in enumerate(ctx.okrs.people):
        for name in p.teams:
            wanted.setdefault((name, p.email.lower()), (False, f"people[{i}].teams"))
    for i, t in enumerate(ctx.okrs.teams):
        if t.lead:
            wanted[(t.name, t.lead.lower())] = (True, f"teams[{i}].lead")
    return wanted


def sync_people(ctx: ImportContext) -> None:
    """Members are referred to; everyone else the file names is invited (never attached)."""
    org = ctx.organization
    wanted = _wanted_people(ctx)
    members = {
        m.person.email: m.person
        for m in Membership.objects.filter(organization=org, person__email__in=list(wanted))
        .select_related("person")
    }  # fmt: skip
    for email, (path, name) in wanted.items():
        if email in members:
            ctx.people[email] = members[email]
        elif len(email) > MAX_EMAIL or len(name) > MAX_NAME:
            ctx.problems.add(path, "that e-mail address or name is too long")
        else:
            ctx.invited[email] = (path, name)
    if not ctx.problems:
        _sync_team_members(ctx)
        _sync_invitations(ctx)


def _sync_team_members(ctx: ImportContext) -> None:
    people = list(ctx.people.values())
    have = {
        (m.team_id, m.person_id): m.is_lead
        for m in TeamMember.objects.filter(team__organization=ctx.organization, person__in=people)
    }
    for (team_name, email), (lead, path) in _wanted_teams(ctx).items():
        person = ctx.people.get(email)
        if person is None:
            continue  # invited: the invitation carries the team
        team = ctx.teams[team_name]
        was_lead = have.get((team.pk, person.pk))
        if was_lead is None or (lead and not was_lead):
            added = ctx.problems.attempt(
                path, partial(team_member_add, team=team, person=person, is_lead=lead)
            )
            if added is not None and was_lead is None:
                ctx.counts["team memberships added"] += 1


def _sync_invitations(ctx: ImportContext) -> None:
    if not ctx.invited:
        return
    teams: dict[str, dict[Team, bool]] = {}
    for (team_name, email), (lead, _) in _wanted_teams(ctx).items():
        if email in ctx.invited:
            joined = teams.setdefault(email, {})
            joined[ctx.teams[team_name]] = joined.get(ctx.teams[team_name], False) or lead
    pending = set(
        Invitation.objects.filter(
            organization=ctx.organization, email__in=list(ctx.invited),
            accepted_at=None, revoked_at=None,
        ).values_list("email", flat=True)
    )  # fmt: skip
    for email, (path, name) in ctx.invited.items():
        invite = partial(
            invitation_create, actor=ctx.actor, organization=ctx.organization, email=email,
            name=name, teams=teams.get(email, {}),
        )  # fmt: skip
        if ctx.problems.attempt(path, invite, fields={"email": "", "name": ""}) is None:
            continue
        if email not in pending:
            ctx.counts["people invited"] += 1
    emails = sorted(ctx.invited)
    shown = ", ".join(emails[:NOTED_EMAILS]) + (
        f" and {len(emails) - NOTED_EMAILS} more" if len(emails) > NOTED_EMAILS else ""
    )
    ctx.notes.append(
        f"not members of this organization, so invited: {shown}. What the file gives them to "
        "own or lead waits until they join; import the file again then"
    )
