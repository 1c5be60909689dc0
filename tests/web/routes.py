"""Every page route with how to call it, for the permission and tenancy tables.

``test_every_route_is_listed`` fails when a route is added to bearing.web.urls
without a line here, so no new page can skip the role and tenancy checks. A write a role
may make must change the database and a refused one must not (``tests/fingerprint.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils import timezone

from bearing.okrs.models import Cycle, CycleState, Objective
from bearing.okrs.services.checkins import comment_add
from bearing.orgs.models import Person
from tests.web.conftest import OKRs

OK = (200, 302)
# Who may call a route, by its ``who``. The roles of the tables: Alice (admin), Bob (lead of
# Payments, owner of its objective), Carol (Growth), Carol once she owns a key result of
# Payments' objective ("kr_owner"), Vic (viewer).
MAY = {
    "everyone": {"alice", "bob", "carol", "kr_owner", "vic"},
    "writers": {"alice", "bob", "carol", "kr_owner"},
    "editors": {"alice", "bob"},  # of the objective (or, for a retrospective, of the team)
    "key result editors": {"alice", "bob", "kr_owner"},  # the objective's and the owner
    "check-in writers": {"alice", "bob", "kr_owner"},  # the objective's and its KRs' owners
    "admins": {"alice"},
    "check-in author": {"bob"},  # Bob wrote the fixture's check-in
    "comment author": {"alice"},  # Alice wrote the fixture's comment
    # One's own inbox and notice choices: every member, viewers too, and their writes too.
    "self": {"alice", "bob", "carol", "kr_owner", "vic"},
    "key result owners": {"kr_owner"},  # only Carol-as-owner owns a key result of the cycle
}
Data = Callable[[OKRs, Person], dict[str, Any]]


@dataclass(frozen=True)
class Route:
    name: str
    method: str
    # The route's ids (besides the org), from the fixture's OKRs.
    ids: Callable[[OKRs], dict[str, int]] = lambda o: {}
    # The form's fields, for the person calling.
    data: Data = lambda o, p: {}
    writes: bool = False
    who: str = "everyone"  # a key of MAY
    query: str = field(default="")
    # Brings the fixture's OKRs into the state the route needs (a cycle in grading, say).
    prepare: Callable[[OKRs], None] = lambda o: None

    def url(self, okrs: OKRs, org: str = "acme") -> str:
        return reverse(f"web:{self.name}", kwargs={"org": org, **self.ids(okrs)}) + self.query

    def __str__(self) -> str:
        return f"{self.method} {self.name}"


def objective(o: OKRs) -> dict[str, int]:
    return {"pk": o.objective.pk}


def key_result(o: OKRs) -> dict[str, int]:
    return {"pk": o.kr.pk}


def checkin(o: OKRs) -> dict[str, int]:
    return {"pk": o.checkin.pk}


def comment(o: OKRs) -> dict[str, int]:
    if o.comment is None:  # Alice's comment on Bob's check-in, made on first use
        alice = o.company_objective.owner
        assert alice is not None
        o.comment = comment_add(actor=alice, checkin=o.checkin, text="Nice!")
    return {"pk": o.comment.pk}


def team(o: OKRs) -> dict[str, int]:
    return {"pk": o.objective.team_id}  # type: ignore[dict-item]


def cycle(o: OKRs) -> dict[str, int]:
    return {"pk": o.cycle.pk}


def team_cycle(o: OKRs) -> dict[str, int]:
    return {"pk": o.objective.team_id, "cycle": o.cycle.pk}  # type: ignore[dict-item]


def carol(o: OKRs) -> dict[str, int]:
    return {"pk": o.carol.pk}


def company_team(o: OKRs) -> dict[str, int]:
    return {"pk": o.company_objective.team_id}  # type: ignore[dict-item]


def team_member(o: OKRs) -> dict[str, int]:
    return {"pk": o.objective.team_id, "person": o.objective.owner_id}  # type: ignore[dict-item]


def carol_in_payments(o: OKRs) -> None:
    """Carol, a plain member of Payments too, for the route that makes someone a lead."""
    from bearing.orgs.models import TeamMember

    TeamMember.objects.create(team=o.objective.team, person=o.carol)  # type: ignore[misc]


def payments_carol(o: OKRs) -> dict[str, int]:
    return {"pk": o.objective.team_id, "person": o.carol.pk}  # type: ignore[dict-item]


def archived_team(o: OKRs) -> None:
    """Payments archived, for the route that restores it."""
    from django.utils import timezone

    from bearing.orgs.models import Team

    assert o.objective.team_id is not None
    Team.objects.filter(pk=o.objective.team_id).update(archived_at=timezone.now())


def deactivated_dave(o: OKRs) -> None:
    dave(o)


def dave(o: OKRs) -> dict[str, int]:
    """A deactivated member (made on first use: the tenancy tests build the URL first)."""
    from bearing.orgs.members import member_deactivate
    from bearing.orgs.models import Membership
    from tests import factories

    found = Membership.objects.filter(person__email="dave@acme.example").first()
    if found is None:
        person = factories.make_member(o.cycle.organization, "dave@acme.example", "member")
        found = Membership.objects.get(person=person)
        member_deactivate(actor=None, membership=found)
    return {"pk": found.person_id}


def invited_erin(o: OKRs) -> None:
    invitation(o)


def invitation(o: OKRs) -> dict[str, int]:
    """A pending invitation (made on first use, like ``dave``)."""
    from bearing.orgs.services import invitation_create, pending_invitation

    organization = o.cycle.organization
    found = pending_invitation(organization, "erin@example.com") or invitation_create(
        actor=None, organization=organization, email="erin@example.com"
    )
    return {"pk": found.pk}


def initiative(o: OKRs) -> dict[str, int]:
    """The first of two initiatives under Payments' key result (made on first use)."""
    from bearing.okrs.models import Initiative
    from bearing.okrs.services.initiatives import initiative_create

    found = Initiative.objects.filter(key_results=o.kr).order_by("position", "id").first()
    if found is None:
        organization = o.cycle.organization
        found = initiative_create(actor=None, organization=organization, title="Cache the tokens",
                                  key_results=[o.kr])  # fmt: skip
        initiative_create(actor=None, organization=organization, title="Retry declined cards",
                          key_results=[o.kr])  # fmt: skip
    return {"pk": found.pk}


def initiative_data(o: OKRs, p: Person) -> dict[str, Any]:
    return {"title": "Cache the card tokens", "status": "in_progress", "key_results": [o.kr.pk],
            "target_date": o.cycle.end.isoformat()}  # fmt: skip


def planned(o: OKRs) -> None:
    """An initiative with a date under Payments' key result: a plan its owner may publish."""
    initiative(o)
    from bearing.okrs.models import Initiative

    Initiative.objects.filter(key_results=o.kr).update(target_date=o.cycle.end)


def rolling(o: OKRs) -> None:
    """The cycle in grading, and the next one to carry its objectives into."""
    from datetime import timedelta

    from bearing.okrs.services.cycles import cycle_create

    grading(o)
    if not Cycle.objects.filter(organization_id=o.cycle.organization_id, name="Next").exists():
        cycle_create(actor=None, organization=o.cycle.organization, name="Next",
                     start=o.cycle.end + timedelta(days=1), end=o.cycle.end + timedelta(days=91))  # fmt: skip


def roll_data(o: OKRs, p: Person) -> dict[str, Any]:
    target = Cycle.objects.get(organization_id=o.cycle.organization_id, name="Next")
    return {"target": target.pk, "objectives": [o.company_objective.pk, o.objective.pk]}


def kpi(o: OKRs) -> dict[str, int]:
    """Payments' KPI, owned by Bob, out of its range (made on first use, like ``dave``)."""
    from tests.kpis import checkout_errors

    return {"pk": checkout_errors(o).pk}


def kpi_data(o: OKRs, p: Person) -> dict[str, Any]:
    return {"name": "Checkout errors", "unit": "%", "healthy_min": "", "healthy_max": "1.5",
            "owner": o.objective.owner_id, "team": o.objective.team_id}  # fmt: skip


def promote_data(o: OKRs, p: Person) -> dict[str, Any]:
    return {"title": "Make checkout reliable", "cycle": o.cycle.pk, "team": o.objective.team_id,
            "owner": o.objective.owner_id, "key_result_title": "Cut checkout errors from 3.5 % to 2 %",
            "start": "3.5", "target": "2"}  # fmt: skip


def grading(o: OKRs) -> None:
    Cycle.objects.filter(pk=o.cycle.pk).update(state=CycleState.GRADING)


def cycle_data(o: OKRs, p: Person) -> dict[str, Any]:
    return {"name": "2027-Q1", "start": "2027-01-01", "end": "2027-03-31"}


def grade_data(o: OKRs, p: Person) -> dict[str, Any]:
    row = f"o{o.objective.pk}-"
    return {
        f"{row}score": "0.9",
        f"{row}reason": "Refunds shipped early.",
        f"{row}learning": "Ship small.",
    }


def retrospective_data(o: OKRs, p: Person) -> dict[str, Any]:
    return {"went_well": "Pairing", "went_badly": "Estimates", "try_next": "Smaller bets"}


def kr_data(o: OKRs, p: Person) -> dict[str, Any]:
    return {"title": "Grow refunds to 90 %", "kind": "increase", "start": "40", "target": "90", "weight": "1",
            "version": o.kr.version}  # fmt: skip


def checkin_data(o: OKRs, p: Person) -> dict[str, Any]:
    return {"progress_status": "on_track", "suggested": "on_track", "capacity_status": "on_track"}


def checkin_edit_data(o: OKRs, p: Person) -> dict[str, Any]:
    return {"progress_status": o.checkin.progress_status, "capacity_status": "at_risk",
            "narrative": "Faster checkout shipped to all."}  # fmt: skip


def objective_data(o: OKRs, p: Person) -> dict[str, Any]:
    version = Objective.objects.get(pk=o.objective.pk).version
    return {"title": "Make payments a joy", "team": o.objective.team_id, "owner": o.objective.owner_id,
            "visibility": o.objective.visibility, "version": version, "link_kind": "aligned"}  # fmt: skip


def new_objective_data(o: OKRs, p: Person) -> dict[str, Any]:
    """Payments' for those who may own it; an individual objective of one's own otherwise."""
    team = o.objective.team_id if p.email.startswith(("alice", "bob")) else ""
    return {"title": "Make payments a joy", "team": team, "owner": p.pk, "visibility": "public",
            "link_kind": "aligned"}  # fmt: skip


def settings_data(o: OKRs, p: Person) -> dict[str, Any]:
    return {"yellow_from": "0.3", "green_from": "0.7", "checkin_weekday": "1",
            "max_objectives_per_team": "2", "max_key_results_per_objective": "5", "key_result_cap": "10",
            "cascaded_warn_pct": "40", "aligned_drop_warn_pct": "5"}  # fmt: skip


def assessment_data(o: OKRs, p: Person) -> dict[str, Any]:
    return {"ambition": "3", "planning": "2", "focus": "4", "accountability": "3", "learning": "1"}


def full_feed(o: OKRs) -> None:
    """More changes than a page shows, so a page of the feed is full whatever else happens."""
    from bearing.okrs.services.changes import record

    for i in range(60):
        record(organization=o.cycle.organization, actor=None, action="update", entity="cycle",
               entity_id=o.cycle.pk, summary=f"renamed the cycle ({i})")  # fmt: skip


def carol_owns_one(o: OKRs) -> None:
    """An objective of Growth owned by Carol, so everyone who may write has a week to save."""
    from tests import factories

    factories.make_objective(o.cycle, "Grow signups", team=o.growth, owner=o.carol)


def my_week_data(o: OKRs, p: Person) -> dict[str, Any]:
    """My week left as shown: each owned objective's statuses as the page preselects them."""
    from bearing.okrs.services.checkins import suggested_status

    data: dict[str, Any] = {}
    for mine in Objective.objects.filter(owner=p, cycle=o.cycle, state="active"):
        suggestion = suggested_status(mine)
        data |= {f"o{mine.pk}-suggested": suggestion, f"o{mine.pk}-capacity_status": "on_track",
                 f"o{mine.pk}-progress_status": suggestion or "on_track"}  # fmt: skip
    return data


ORG_ROUTES = [
    Route("home", "GET"),
    Route("cycles", "GET"),
    Route("cycle_create", "GET", writes=True, who="admins"),
    Route("cycle_create", "POST", data=cycle_data, writes=True, who="admins"),
    Route("cycle_state", "GET", cycle, writes=True, who="admins", query="?state=grading"),
    Route(
        "cycle_state", "POST", cycle, lambda o, p: {"state": "grading"}, writes=True, who="admins"
    ),
    Route("cycle_grade", "GET", cycle, prepare=grading),
    Route("alignment", "GET"),
    Route("alignment_below", "GET", lambda o: {"pk": o.company_objective.pk}),
    Route("alignment_health", "GET"),
    Route("coach", "GET"),
    Route("search_teams", "GET", query="?q=pay"),
    Route("search_people", "GET", query="?q=bob"),
    Route("search_objectives", "GET", query="?q=refund"),
    # The coach's hint reads a form and writes nothing: any member may ask.
    Route("coach_hint", "POST", data=lambda o, p: {"title": "Grow revenue 20%"}),
    Route("settings", "GET", writes=True, who="admins"),
    Route("settings", "POST", data=settings_data, writes=True, who="admins"),
    Route("people", "GET", writes=True, who="admins"),
    Route("people_invite", "GET", writes=True, who="admins"),
    Route(
        "people_invite",
        "POST",
        data=lambda o, p: {"emails": "new@example.com", "role": "member"},
        writes=True,
        who="admins",
    ),
    Route("person", "GET", carol),
    Route("member_role", "POST", carol, lambda o, p: {"role": "viewer"}, writes=True, who="admins"),
    Route("member_deactivate", "GET", carol, writes=True, who="admins"),
    Route("member_deactivate", "POST", carol, writes=True, who="admins"),
    Route("member_reactivate", "POST", dave, writes=True, who="admins", prepare=deactivated_dave),
    Route("invitations_send", "POST", writes=True, who="admins", prepare=invited_erin),
    Route("invitation_resend", "POST", invitation, writes=True, who="admins", prepare=invited_erin),
    Route("invitation_revoke", "POST", invitation, writes=True, who="admins", prepare=invited_erin),
    Route("teams", "GET"),
    Route("teams", "GET", query="?q=pay"),
    Route("teams", "GET", query="?archived=1"),
    Route("teams_below", "GET", company_team),
    Route("team_create", "GET", writes=True, who="admins"),
    Route(
        "team_create",
        "POST",
        data=lambda o, p: {"name": "Risk", "parent": o.company_objective.team_id},
        writes=True,
        who="admins",
    ),
    Route("team_edit", "GET", team, writes=True, who="admins"),
    Route(
        "team_edit",
        "POST",
        team,
        lambda o, p: {"name": "Payments & Risk", "parent": o.company_objective.team_id},
        writes=True,
        who="admins",
    ),
    Route("team_archive", "GET", team, writes=True, who="admins"),
    Route("team_archive", "POST", team, writes=True, who="admins"),
    Route("team_restore", "POST", team, writes=True, who="admins", prepare=archived_team),
    # Payments' lead (Bob) and admins run its roster: the "editors" of the team.
    Route(
        "team_member_add",
        "POST",
        team,
        lambda o, p: {"email": "carol@acme.example"},
        writes=True,
        who="editors",
    ),
    Route(
        "team_member_lead",
        "POST",
        payments_carol,
        lambda o, p: {"lead": "1"},
        writes=True,
        who="editors",
        prepare=carol_in_payments,
    ),
    Route("team_member_remove", "POST", team_member, writes=True, who="editors"),
    Route("team", "GET", team, prepare=grading),
    # Payments' lead (Bob) and admins write its retrospective: the "editors" of the team.
    Route(
        "retrospective_save",
        "POST",
        team_cycle,
        retrospective_data,
        writes=True,
        who="editors",
        prepare=grading,
    ),
    Route("objective", "GET", objective),
    Route("objective_create", "GET", writes=True, who="writers"),
    Route("objective_create", "POST", data=new_objective_data, writes=True, who="writers"),
    Route("objective_edit", "GET", objective, writes=True, who="editors"),
    Route("objective_edit", "POST", objective, objective_data, writes=True, who="editors"),
    Route("objective_state", "GET", objective, writes=True, who="editors", query="?state=closed"),
    Route(
        "objective_state",
        "POST",
        objective,
        lambda o, p: {"state": "closed"},
        writes=True,
        who="editors",
    ),
    Route("objective_align", "GET", objective, writes=True, who="editors"),
    Route(
        "objective_align",
        "POST",
        objective,
        lambda o, p: {"aligned_to": f"k{o.company_kr.pk}", "link_kind": "aligned"},
        writes=True,
        who="editors",
    ),
    Route(
        "objective_grade",
        "POST",
        objective,
        grade_data,
        writes=True,
        who="editors",
        prepare=grading,
    ),
    Route(
        "learning_create",
        "POST",
        objective,
        lambda o, p: {"text": "Ship small."},
        writes=True,
        who="editors",
        prepare=grading,
    ),
    Route("check_in", "GET", objective, writes=True, who="check-in writers"),
    Route("check_in", "POST", objective, checkin_data, writes=True, who="check-in writers"),
    Route("changes", "GET", prepare=full_feed),
    Route("changes", "GET", query="?kind=checkin&team=all"),
    Route("my_week", "GET", writes=True, who="writers", prepare=carol_owns_one),
    Route("my_week", "POST", data=my_week_data, writes=True, who="writers", prepare=carol_owns_one),
    Route("key_result_create", "GET", objective, writes=True, who="editors"),
    Route("key_result_create", "POST", objective, kr_data, writes=True, who="editors"),
    Route("link_remove", "POST", lambda o: {"pk": o.link.pk}, writes=True, who="editors"),
    Route("key_result_values", "GET", key_result),
    Route("key_result_edit", "GET", key_result, writes=True, who="key result editors"),
    Route("key_result_edit", "POST", key_result, kr_data, writes=True, who="key result editors"),
    Route("key_result_delete", "POST", key_result, writes=True, who="editors"),
    Route("initiative_create", "GET", key_result, writes=True, who="key result editors"),
    Route(
        "initiative_create",
        "POST",
        key_result,
        lambda o, p: {"title": "Do it", "status": "planned"},
        writes=True,
        who="key result editors",
    ),
    Route(
        "comment_create",
        "POST",
        checkin,
        lambda o, p: {"text": "Nice!"},
        writes=True,
        who="writers",
    ),
    Route("checkin_edit", "GET", checkin, writes=True, who="check-in author"),
    Route("checkin_edit", "POST", checkin, checkin_edit_data, writes=True, who="check-in author"),
    Route("checkin_delete", "GET", checkin, writes=True, who="check-in author"),
    Route("checkin_delete", "POST", checkin, writes=True, who="check-in author"),
    Route("comment_edit", "GET", comment, writes=True, who="comment author"),
    Route(
        "comment_edit",
        "POST",
        comment,
        lambda o, p: {"text": "Well done!"},
        writes=True,
        who="comment author",
    ),
    Route("comment_delete", "GET", comment, writes=True, who="comment author"),
    Route("comment_delete", "POST", comment, writes=True, who="comment author"),
    Route(
        "reaction_toggle",
        "POST",
        checkin,
        lambda o, p: {"kind": "celebrate"},
        writes=True,
        who="writers",
    ),
    Route("cycle_report", "GET", cycle),
    Route("cycle_report", "GET", cycle, query="?format=html"),
    Route("maturity_grid", "GET", writes=True, who="admins"),
    Route("self_assessment", "GET", team_cycle, writes=True, who="editors"),
    Route("self_assessment", "POST", team_cycle, assessment_data, writes=True, who="editors"),
    Route("initiative_edit", "GET", initiative, writes=True, who="key result editors"),
    Route(
        "initiative_edit",
        "POST",
        initiative,
        initiative_data,
        writes=True,
        who="key result editors",
    ),
    Route(
        "initiative_status",
        "POST",
        initiative,
        lambda o, p: {"status": "done", "kr": o.kr.pk},
        writes=True,
        who="key result editors",
    ),
    Route(
        "initiative_move",
        "POST",
        initiative,
        lambda o, p: {"direction": "down", "kr": o.kr.pk},
        writes=True,
        who="key result editors",
    ),
    Route("initiative_delete", "POST", initiative, writes=True, who="key result editors"),
    Route("kpi_from_key_result", "POST", key_result, writes=True, who="key result editors"),
    Route("cycle_plans", "GET", cycle),
    Route("cycle_plan", "GET", cycle, writes=True, who="writers"),
    Route("cycle_plan", "POST", cycle, writes=True, who="key result owners", prepare=planned),
    Route("cycle_roll_forward", "GET", cycle, writes=True, who="admins", prepare=rolling),
    Route(
        "cycle_roll_forward", "POST", cycle, roll_data, writes=True, who="admins", prepare=rolling
    ),
    Route("kpis", "GET"),
    Route("kpis", "GET", query="?archived=1"),
    Route("kpi_create", "GET", writes=True, who="writers"),
    Route(
        "kpi_create",
        "POST",
        data=lambda o, p: {"name": "Uptime", "unit": "%", "healthy_min": "99.9"},
        writes=True,
        who="writers",
    ),
    Route("kpi", "GET", kpi),
    Route("kpi_edit", "GET", kpi, writes=True, who="editors"),
    Route("kpi_edit", "POST", kpi, kpi_data, writes=True, who="editors"),
    Route("kpi_archive", "POST", kpi, writes=True, who="editors"),
    Route("kpi_measure", "POST", kpi, lambda o, p: {"value": "1.2"}, writes=True, who="editors"),
    Route("kpi_promote", "GET", kpi, writes=True, who="editors"),
    Route("kpi_promote", "POST", kpi, promote_data, writes=True, who="editors"),
]


def own_notice(o: OKRs, p: Person) -> dict[str, Any]:
    """An unread notice of the caller's, to mark read."""
    from bearing.notify.models import Notice

    notice = Notice.objects.create(
        organization=o.cycle.organization, recipient=p, kind="reminder", key="test",
        title="Time to check in", created_at=timezone.now(),
    )  # fmt: skip
    return {"notice": notice.pk}


def slack_channel(o: OKRs) -> None:
    from bearing.notify.models import Channel

    Channel.objects.create(
        organization=o.cycle.organization, kind="slack", url="http://127.0.0.1:9/x"
    )


def channel(o: OKRs) -> dict[str, int]:
    from bearing.notify.models import Channel

    return {"pk": Channel.objects.get(organization=o.cycle.organization).pk}


def cadence_data(o: OKRs, p: Person) -> dict[str, Any]:
    return {"time_zone": "Europe/Berlin", "checkin_hour": "8", "escalate_after_days": "2",
            "digest_weekday": "4", "digest_hour": "16", "reminders_on": "on", "email_on": "on"}  # fmt: skip


NOTICE_ROUTES = [
    Route("inbox", "GET"),
    Route("inbox_read", "POST", data=own_notice, writes=True, who="self"),
    Route(
        "notice_preferences", "POST", data=lambda o, p: {"digest_on": "on"}, writes=True, who="self"
    ),
    Route("reminder_snooze", "POST", writes=True, who="self"),
    Route("cadence_save", "POST", data=cadence_data, writes=True, who="admins"),
    Route(
        "channel_add",
        "POST",
        data=lambda o, p: {"kind": "slack", "url": "http://127.0.0.1:9/hook"},
        writes=True,
        who="admins",
    ),
    Route("channel_remove", "POST", channel, writes=True, who="admins", prepare=slack_channel),
]
ORG_ROUTES += NOTICE_ROUTES
# Routes outside an organization: the role does not matter there (tests/web/test_healthz.py
# covers /healthz).
PUBLIC_ROUTES = {
    "start", "sign_in", "sign_out", "healthz", "password_reset", "password_reset_sent",
    "password_reset_confirm", "password_change", "invitation", "unsubscribe",
}  # fmt: skip
# Routes about one objective (or its key results, check-ins, links): hidden with it.
OBJECTIVE_SCOPED = [
    r
    for r in ORG_ROUTES
    if r.ids in (objective, key_result, checkin, comment, initiative) or r.name == "link_remove"
]
ID_ROUTES = (team, cycle, team_cycle, carol, company_team, team_member, dave, invitation, kpi)
WITH_IDS = [r for r in ORG_ROUTES if r in OBJECTIVE_SCOPED or r.ids in ID_ROUTES]


# Data sources (bearing.integrations): admins only. The source reads 127.0.0.1:9, where
# nothing answers: a refresh records the failure (a write) and never a value.
def fed_key_result(o: OKRs) -> None:
    from bearing.integrations.models import Source
    from bearing.integrations.services import checked_recipe, source_save

    if not Source.objects.filter(key_result=o.kr).exists():
        recipe = checked_recipe(
            o.cycle.organization_id, kind="json", url="http://127.0.0.1:9/m.json", selector="total"
        )
        source_save(organization=o.cycle.organization, recipe=recipe, key_result=o.kr)


def connection(o: OKRs) -> dict[str, int]:
    """Acme's connection "warehouse" (made on first use)."""
    from bearing.integrations.models import Connection
    from bearing.integrations.services import connection_save

    found = Connection.objects.filter(organization=o.cycle.organization, name="warehouse").first()
    found = found or connection_save(
        organization=o.cycle.organization, name="warehouse", kind="http",
        base_url="http://127.0.0.1:9/",
    )  # fmt: skip
    return {"pk": found.pk}


def source_data(o: OKRs, p: Person) -> dict[str, Any]:
    return {"kind": "csv", "url": "http://127.0.0.1:9/sheet.csv", "selector": "B2",
            "schedule": "hourly", "action": "save"}  # fmt: skip


SOURCE_ROUTES = [
    Route("connections", "GET", writes=True, who="admins"),
    Route(
        "connections",
        "POST",
        data=lambda o, p: {"name": "crm", "kind": "http", "base_url": "http://127.0.0.1:9/crm"},
        writes=True,
        who="admins",
    ),
    Route("connection_delete", "POST", connection, writes=True, who="admins"),
    Route("key_result_source", "GET", key_result, writes=True, who="admins"),
    Route("key_result_source", "POST", key_result, source_data, writes=True, who="admins"),
    Route(
        "key_result_refresh", "POST", key_result, writes=True, who="admins", prepare=fed_key_result
    ),
    Route(
        "key_result_source_delete",
        "POST",
        key_result,
        writes=True,
        who="admins",
        prepare=fed_key_result,
    ),
]


def fed_kpi(o: OKRs) -> None:
    from bearing.integrations.models import Source
    from bearing.integrations.services import checked_recipe, source_save
    from tests.kpis import checkout_errors

    found = checkout_errors(o)
    if not Source.objects.filter(kpi=found).exists():
        recipe = checked_recipe(
            o.cycle.organization_id, kind="csv", url="http://127.0.0.1:9/k.csv", selector="B2"
        )
        source_save(organization=o.cycle.organization, recipe=recipe, kpi=found)


SOURCE_ROUTES += [
    Route("kpi_source", "GET", kpi, writes=True, who="admins"),
    Route("kpi_source", "POST", kpi, source_data, writes=True, who="admins"),
    Route("kpi_refresh", "POST", kpi, writes=True, who="admins", prepare=fed_kpi),
    Route("kpi_source_delete", "POST", kpi, writes=True, who="admins", prepare=fed_kpi),
]
ORG_ROUTES += SOURCE_ROUTES
OBJECTIVE_SCOPED += [r for r in SOURCE_ROUTES if r.ids is key_result]
WITH_IDS += [r for r in SOURCE_ROUTES if r.ids in (key_result, connection, kpi)]


def scim_token(o: OKRs) -> dict[str, int]:
    """Acme's SCIM token, made on first use."""
    from bearing.scim.models import ScimToken
    from bearing.scim.tokens import scim_token_create

    organization = o.cycle.organization
    token = ScimToken.objects.filter(organization=organization).first()
    if token is None:
        token, _ = scim_token_create(organization=organization, actor=None, name="Okta")
    return {"pk": token.pk}


# SCIM provisioning's page (bearing/scim/pages.py); the /scim/v2 endpoints themselves are
# covered route by route in tests/scim/test_scim_routes.py.
SCIM_ROUTES = [
    Route("scim_settings", "GET", writes=True, who="admins"),
    Route("scim_settings", "POST", data=lambda o, p: {"name": "Okta"}, writes=True, who="admins"),
    Route("scim_token_revoke", "POST", scim_token, writes=True, who="admins"),
]
ORG_ROUTES += SCIM_ROUTES
WITH_IDS += [r for r in SCIM_ROUTES if r.ids is scim_token]


# Single sign-on (bearing.sso): the admins' settings page; signing in through the provider is
# outside any organization (tests/sso/ covers who it signs in, and where).
def sso_data(o: OKRs, p: Person) -> dict[str, Any]:
    return {"name": "Okta", "issuer": "http://127.0.0.1:9/oauth2", "client_id": "bearing",
            "client_secret": "s3cret-from-okta", "enabled": "on"}  # fmt: skip


def sso_configured(o: OKRs) -> None:
    from bearing.sso.services import provider_save

    organization = o.cycle.organization
    provider_save(actor=None, organization=organization, name="Okta", client_id="bearing",
                  issuer="http://127.0.0.1:9/oauth2", client_secret="s3cret")  # fmt: skip


SSO_ROUTES = [
    Route("sso_settings", "GET", writes=True, who="admins"),
    Route("sso_settings", "POST", data=sso_data, writes=True, who="admins"),
    Route("sso_remove", "POST", writes=True, who="admins", prepare=sso_configured),
]
ORG_ROUTES += SSO_ROUTES
PUBLIC_ROUTES |= {"sso_find", "sso_sign_in", "sso_start", "sso_callback"}
