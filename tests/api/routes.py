"""Every route of /api/v1, declared once: how to call it well, how to call it wrong, and what a
stranger from another organization must get. ``test_routes`` runs each case over this list and
``test_route_list`` fails when the API has a route that is missing here.

``foreign`` says how another organization's admin (Mallory) is kept out:
- "404": the URL names one of Acme's rows: she gets exactly the answer for an id that does not exist;
- "as_missing": the body names Acme's rows: exactly the answer for ids that do not exist;
- "scoped": the route has no id; she sees or changes only her own organization (``scoped`` checks it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from tests.api.conftest import Seed

MISSING = 999_999_999
Body = Callable[[Seed], dict[str, Any]]


@dataclass(frozen=True)
class Bad:
    """A wrong request and where its error must point."""

    loc: list[Any]
    body: Body | None = None
    url: Callable[[Seed], str] | None = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Route:
    method: str
    path: str  # exactly as in the OpenAPI document
    url: Callable[[Seed], str]
    ok: int
    bad: Bad | None  # None only for a route that takes no input at all
    foreign: Literal["404", "as_missing", "scoped"]
    body: Body | None = None
    # For "404": the URL with an id that does not exist. For "as_missing": the body naming none.
    missing_url: Callable[[Seed], str] | None = None
    missing_body: Body | None = None
    # For "scoped": what Mallory sends (default: ``body``) and what her answer must (not) show.
    scoped: Callable[[Seed, Any], None] | None = None
    foreign_body: Body | None = None
    # A POST that only reads (the coach's review): viewers may call it and nothing changes.
    reads_only: bool = False
    # What a viewer gets when it is not 403 for a write and 200 for a read (one's own notice:
    # the fixture's is Alice's, so Vic gets the answer for a missing one).
    viewer_status: int | None = None
    # Run before every case: a state the route needs that the seed does not have (a cycle in
    # grading to roll forward), made before the case takes its fingerprint.
    setup: Callable[[Seed], None] | None = None

    @property
    def writes(self) -> bool:
        return self.method != "GET" and not self.reads_only

    @property
    def id(self) -> str:
        return f"{self.method} {self.path}"


def _acme_ids_absent(seed: Seed, body: Any) -> None:
    acme = {seed.objective.pk, seed.child.pk, seed.link.pk, seed.world.cycle.pk}
    acme |= {t.pk for t in seed.world.org.teams.all()}
    assert not {item["id"] for item in body["items"]} & acme, body


def _no_acme_people(seed: Seed, body: Any) -> None:
    assert body["items"] and not any(
        i["person"]["email"].endswith("@acme.example") for i in body["items"]
    ), body


def _alices_notice(seed: Seed) -> int:
    from bearing.notify.models import Notice

    return Notice.objects.get(organization=seed.world.org, recipient=seed.world.alice).pk


def _no_acme_notices(seed: Seed, body: Any) -> None:
    assert body["items"] == [], body


def _only_mallorys_preferences(seed: Seed, body: Any) -> None:
    """Mallory changed her own choices in Globex, none of an Acme member's."""
    from bearing.notify.models import Preferences

    assert not Preferences.objects.filter(organization=seed.world.org, digest_on=False).exists()


def _initiative_dated(seed: Seed) -> None:
    """Alice owns the key result, and its initiative has a date: her plan may be published."""
    from datetime import date

    from bearing.okrs.models import Initiative, KeyResult

    KeyResult.objects.filter(pk=seed.key_result.pk).update(owner=seed.world.alice)
    Initiative.objects.filter(pk=seed.initiative.pk).update(target_date=date(2026, 1, 20))


def _cycle_in_grading(seed: Seed) -> None:
    """A cycle rolls forward as it closes, into the next one."""
    from datetime import date

    from bearing.okrs.models import Cycle

    Cycle.objects.filter(pk=seed.world.cycle.pk).update(state="grading")
    Cycle.objects.create(organization=seed.world.org, name="2026-Q2", start=date(2026, 4, 1),
                         end=date(2026, 6, 30), state="planning")  # fmt: skip


def _next_cycle(seed: Seed) -> int:
    from bearing.okrs.models import Cycle

    return Cycle.objects.get(organization=seed.world.org, name="2026-Q2").pk


def _acme_cadence_untouched(seed: Seed, body: Any) -> None:
    from bearing.notify.models import CadenceSettings

    assert not CadenceSettings.objects.filter(organization=seed.world.org).exists()


def _acme_webhook(seed: Seed) -> int:
    from bearing.notify.models import WebhookEndpoint

    return WebhookEndpoint.objects.get(organization=seed.world.org).pk


def _no_acme_webhooks(seed: Seed, body: Any) -> None:
    assert not any("acme" in w["url"] for w in body), body


LEVELS = {"ambition": "run", "planning": "walk", "focus": "fly", "accountability": "run",
          "learning": "crawl"}  # fmt: skip


def _globex_calibration(seed: Seed, body: Any) -> None:
    """Mallory's organization's calibration is Globex's own: none of Acme's check-ins."""
    assert body["predictions"] == 0 and body["team"] is None, body


def _no_acme_changes(seed: Seed, body: Any) -> None:
    from bearing.okrs.models import ChangeRecord

    acme = set(
        ChangeRecord.objects.filter(organization=seed.world.org).values_list("pk", flat=True)
    )
    assert acme and not {item["id"] for item in body["items"]} & acme, body


def _no_acme_week(seed: Seed, body: Any) -> None:
    assert body["objectives"] == [] and body["key_results"] == [], body


def _week(objective: int, key_result: int, value: Any = 60) -> dict[str, Any]:
    return {"checkins": [{"objective": objective, "capacity_status": "on_track", "narrative": "Good week",
                          "values": [{"key_result": key_result, "value": value}]}]}  # fmt: skip


def _no_acme_kpis(seed: Seed, body: Any) -> None:
    assert seed.kpi.pk not in {item["id"] for item in body["items"]}, body


def _own_org(seed: Seed, body: Any) -> None:
    assert body["organization"]["slug"] == "globex", body


def _imported_into_globex(seed: Seed, body: Any) -> None:
    assert body["cycle"]["name"] == "2026-Q2", body
    assert not seed.world.org.cycles.filter(name="2026-Q2").exists()


OKR_FILE = """version: 1
cycle: {name: 2026-Q2, start: 2026-04-01, end: 2026-06-30}
teams:
  - {name: Acme}
objectives:
  - ref: grow
    title: Grow the business
    team: Acme
    key_results:
      - {ref: revenue, title: Grow revenue from 1 to 2, start: 1, target: 2}
"""
GLOBEX_FILE = OKR_FILE.replace("name: Acme}", "name: Globex}").replace("team: Acme", "team: Globex")


def _okr_file(seed: Seed) -> dict[str, Any]:
    return {"text": OKR_FILE}


ROUTES: list[Route] = [
    Route("GET", "/me", lambda s: "/me", 200, None, "scoped", scoped=_own_org),
    Route("GET", "/cycles", lambda s: "/cycles", 200,
          Bad(["query", "limit"], url=lambda s: "/cycles?limit=0"), "scoped", scoped=_acme_ids_absent),
    Route("POST", "/cycles", lambda s: "/cycles", 201,
          Bad(["body", "end"], body=lambda s: {"name": "Q", "start": "2026-05-01", "end": "2026-04-01"}),
          "as_missing",
          body=lambda s: {"name": "January", "start": "2026-01-01", "end": "2026-01-31", "parent": s.world.cycle.pk},
          missing_body=lambda s: {"name": "January", "start": "2026-01-01", "end": "2026-01-31", "parent": MISSING}),
    Route("GET", "/cycles/{id}", lambda s: f"/cycles/{s.world.cycle.pk}", 200,
          Bad(["path", "id"], url=lambda s: "/cycles/abc"), "404",
          missing_url=lambda s: f"/cycles/{MISSING}"),
    Route("GET", "/teams", lambda s: "/teams", 200,
          Bad(["query", "offset"], url=lambda s: "/teams?offset=-1"), "scoped", scoped=_acme_ids_absent),
    Route("POST", "/teams", lambda s: "/teams", 201,
          Bad(["body", "name"], body=lambda s: {"name": " ", "parent": s.world.company.pk}), "as_missing",
          body=lambda s: {"name": "Risk", "parent": s.world.company.pk},
          missing_body=lambda s: {"name": "Risk", "parent": MISSING}),
    Route("GET", "/teams/{id}", lambda s: f"/teams/{s.world.payments.pk}", 200,
          Bad(["path", "id"], url=lambda s: "/teams/abc"), "404",
          missing_url=lambda s: f"/teams/{MISSING}"),
    Route("PATCH", "/teams/{id}", lambda s: f"/teams/{s.world.payments.pk}", 200,
          Bad(["body", "name"], body=lambda s: {"name": " "}), "404",
          body=lambda s: {"name": "Payments & Risk", "parent": s.world.company.pk},
          missing_url=lambda s: f"/teams/{MISSING}"),
    Route("GET", "/teams/{id}/members", lambda s: f"/teams/{s.world.payments.pk}/members", 200,
          Bad(["query", "limit"], url=lambda s: f"/teams/{s.world.payments.pk}/members?limit=0"), "404",
          missing_url=lambda s: f"/teams/{MISSING}/members"),
    Route("POST", "/teams/{id}/members", lambda s: f"/teams/{s.world.payments.pk}/members", 201,
          Bad(["body", "email"], body=lambda s: {"email": "nobody@acme.example"}), "404",
          body=lambda s: {"email": "vic@acme.example", "is_lead": False},
          missing_url=lambda s: f"/teams/{MISSING}/members"),
    Route("PATCH", "/teams/{id}/members/{person_id}",
          lambda s: f"/teams/{s.world.payments.pk}/members/{s.world.bob.pk}", 200,
          Bad(["body", "is_lead"], body=lambda s: {"is_lead": "yes"}), "404",
          body=lambda s: {"is_lead": False},
          missing_url=lambda s: f"/teams/{MISSING}/members/{s.world.bob.pk}"),
    Route("DELETE", "/teams/{id}/members/{person_id}",
          lambda s: f"/teams/{s.world.payments.pk}/members/{s.world.bob.pk}", 204,
          Bad(["path", "person_id"], url=lambda s: f"/teams/{s.world.payments.pk}/members/abc"), "404",
          missing_url=lambda s: f"/teams/{MISSING}/members/{s.world.bob.pk}"),
    Route("GET", "/people", lambda s: "/people", 200,
          Bad(["query", "role"], url=lambda s: "/people?role=boss"), "scoped", scoped=_no_acme_people),
    Route("PATCH", "/people/{id}", lambda s: f"/people/{s.world.vic.pk}", 200,
          Bad(["body", "role"], body=lambda s: {"role": "boss"}), "404",
          body=lambda s: {"role": "member"},
          missing_url=lambda s: f"/people/{MISSING}"),
    Route("POST", "/invitations", lambda s: "/invitations", 201,
          Bad(["body", "emails", 0], body=lambda s: {"emails": ["bob@"]}), "as_missing",
          body=lambda s: {"emails": ["new@example.com"], "role": "member", "teams": [s.world.payments.pk]},
          missing_body=lambda s: {"emails": ["new@example.com"], "role": "member", "teams": [MISSING]}),
    Route("DELETE", "/invitations/{id}", lambda s: f"/invitations/{s.invitation.pk}", 204,
          Bad(["path", "id"], url=lambda s: "/invitations/abc"), "404",
          missing_url=lambda s: f"/invitations/{MISSING}"),
    Route("GET", "/objectives", lambda s: "/objectives", 200,
          Bad(["query", "cycle"], url=lambda s: "/objectives?cycle=abc"), "scoped", scoped=_acme_ids_absent),
    Route("POST", "/objectives", lambda s: "/objectives", 201,
          Bad(["body", "title"], body=lambda s: {"cycle": s.world.cycle.pk, "title": "x" * 201, "team": s.world.company.pk}),
          "as_missing",
          body=lambda s: {"cycle": s.world.cycle.pk, "title": "Delight every customer", "team": s.world.company.pk},
          missing_body=lambda s: {"cycle": MISSING, "title": "Delight every customer", "team": MISSING}),
    Route("GET", "/objectives/{id}", lambda s: f"/objectives/{s.objective.pk}", 200,
          Bad(["path", "id"], url=lambda s: "/objectives/0"), "404",
          missing_url=lambda s: f"/objectives/{MISSING}"),
    Route("PATCH", "/objectives/{id}", lambda s: f"/objectives/{s.objective.pk}", 200,
          Bad(["body", "state"], body=lambda s: {"state": "done", "version": s.objective.version}), "404",
          body=lambda s: {"title": "Make payments delightful", "version": s.objective.version},
          missing_url=lambda s: f"/objectives/{MISSING}"),
    Route("DELETE", "/objectives/{id}", lambda s: f"/objectives/{s.objective.pk}", 204,
          Bad(["header", "If-Match"], headers={"If-Match": "yesterday"}), "404",
          missing_url=lambda s: f"/objectives/{MISSING}"),
    Route("POST", "/objectives/{id}/key-results", lambda s: f"/objectives/{s.objective.pk}/key-results", 201,
          Bad(["body", "target"], body=lambda s: {"title": "Flat", "kind": "increase", "start": 1, "target": 1}),
          "404",
          body=lambda s: {"title": "Grow NPS from 20 to 40", "start": 20, "target": 40},
          missing_url=lambda s: f"/objectives/{MISSING}/key-results"),
    Route("GET", "/key-results/{id}", lambda s: f"/key-results/{s.key_result.pk}", 200,
          Bad(["path", "id"], url=lambda s: "/key-results/abc"), "404",
          missing_url=lambda s: f"/key-results/{MISSING}"),
    Route("PATCH", "/key-results/{id}", lambda s: f"/key-results/{s.key_result.pk}", 200,
          Bad(["body", "start"], body=lambda s: {"start": "lots", "version": s.key_result.version}), "404",
          body=lambda s: {"target": 30, "version": s.key_result.version},
          missing_url=lambda s: f"/key-results/{MISSING}"),
    Route("DELETE", "/key-results/{id}", lambda s: f"/key-results/{s.key_result.pk}", 204,
          Bad(["header", "If-Match"], headers={"If-Match": "W/x"}), "404",
          missing_url=lambda s: f"/key-results/{MISSING}"),
    Route("GET", "/key-results/{id}/measurements", lambda s: f"/key-results/{s.key_result.pk}/measurements", 200,
          Bad(["query", "limit"], url=lambda s: f"/key-results/{s.key_result.pk}/measurements?limit=1000"), "404",
          missing_url=lambda s: f"/key-results/{MISSING}/measurements"),
    Route("POST", "/key-results/{id}/measurements", lambda s: f"/key-results/{s.key_result.pk}/measurements", 201,
          Bad(["body", "value"], body=lambda s: {"value": "ninety"}), "404",
          body=lambda s: {"value": 60, "note": "from the pipeline"},
          missing_url=lambda s: f"/key-results/{MISSING}/measurements"),
    Route("GET", "/changes", lambda s: "/changes?limit=5", 200,
          Bad(["query", "kind"], url=lambda s: "/changes?kind=everything"), "scoped", scoped=_no_acme_changes),
    Route("GET", "/my-week", lambda s: "/my-week", 200, None, "scoped", scoped=_no_acme_week),
    Route("POST", "/my-week", lambda s: "/my-week", 201,
          Bad(["body", "checkins", 0, "values", 0, "value"],
              body=lambda s: _week(s.objective.pk, s.key_result.pk, "ninety")),
          "as_missing",
          body=lambda s: _week(s.objective.pk, s.key_result.pk),
          missing_body=lambda s: _week(MISSING, MISSING)),
    Route("GET", "/objectives/{id}/check-ins", lambda s: f"/objectives/{s.objective.pk}/check-ins", 200,
          Bad(["query", "limit"], url=lambda s: f"/objectives/{s.objective.pk}/check-ins?limit=x"), "404",
          missing_url=lambda s: f"/objectives/{MISSING}/check-ins"),
    Route("POST", "/objectives/{id}/check-ins", lambda s: f"/objectives/{s.objective.pk}/check-ins", 201,
          Bad(["body", "capacity_status"], body=lambda s: {"capacity_status": "purple"}), "404",
          body=lambda s: {"capacity_status": "on_track", "narrative": "Good week",
                          "values": [{"key_result": s.key_result.pk, "value": 60}]},
          missing_url=lambda s: f"/objectives/{MISSING}/check-ins"),
    Route("PATCH", "/check-ins/{id}", lambda s: f"/check-ins/{s.checkin.pk}", 200,
          Bad(["body", "confidence"], body=lambda s: {"confidence": 101}), "404",
          body=lambda s: {"narrative": "Steady, and the vendor signed."},
          missing_url=lambda s: f"/check-ins/{MISSING}"),
    Route("DELETE", "/check-ins/{id}", lambda s: f"/check-ins/{s.checkin.pk}", 204,
          Bad(["path", "id"], url=lambda s: "/check-ins/abc"), "404",
          missing_url=lambda s: f"/check-ins/{MISSING}"),
    Route("GET", "/alignment-links", lambda s: "/alignment-links", 200,
          Bad(["query", "child"], url=lambda s: "/alignment-links?child=x"), "scoped", scoped=_acme_ids_absent),
    Route("POST", "/alignment-links", lambda s: "/alignment-links", 201,
          Bad(["body", "parent_objective"], body=lambda s: {"child": s.child.pk, "parent_objective": s.child.pk}),
          "as_missing",
          body=lambda s: {"child": s.child.pk, "parent_key_result": s.key_result.pk, "kind": "cascaded"},
          missing_body=lambda s: {"child": MISSING, "parent_key_result": MISSING, "kind": "cascaded"}),
    Route("DELETE", "/alignment-links/{id}", lambda s: f"/alignment-links/{s.link.pk}", 204,
          Bad(["path", "id"], url=lambda s: "/alignment-links/abc"), "404",
          missing_url=lambda s: f"/alignment-links/{MISSING}"),
    Route("GET", "/cycles/{id}/alignment", lambda s: f"/cycles/{s.world.cycle.pk}/alignment", 200,
          Bad(["path", "id"], url=lambda s: "/cycles/-1/alignment"), "404",
          missing_url=lambda s: f"/cycles/{MISSING}/alignment"),
    Route("GET", "/cycles/{id}/connectivity", lambda s: f"/cycles/{s.world.cycle.pk}/connectivity", 200,
          Bad(["path", "id"], url=lambda s: "/cycles/abc/connectivity"), "404",
          missing_url=lambda s: f"/cycles/{MISSING}/connectivity"),
    Route("GET", "/cycles/{id}/orphans", lambda s: f"/cycles/{s.world.cycle.pk}/orphans", 200,
          Bad(["query", "team"], url=lambda s: f"/cycles/{s.world.cycle.pk}/orphans?team=x"), "404",
          missing_url=lambda s: f"/cycles/{MISSING}/orphans"),
    Route("GET", "/cycles/{id}/look-alikes", lambda s: f"/cycles/{s.world.cycle.pk}/look-alikes", 200,
          Bad(["query", "limit"], url=lambda s: f"/cycles/{s.world.cycle.pk}/look-alikes?limit=0"), "404",
          missing_url=lambda s: f"/cycles/{MISSING}/look-alikes"),
    Route("POST", "/coach/review", lambda s: "/coach/review", 200,
          Bad(["body", "key_results", 0, "kind"],
              body=lambda s: {"title": "Grow revenue", "key_results": [{"title": "More", "kind": "sideways"}]}),
          "as_missing", reads_only=True,
          body=lambda s: {"objective": s.objective.pk},
          missing_body=lambda s: {"objective": MISSING}),
    Route("GET", "/cycles/{id}/okr-file", lambda s: f"/cycles/{s.world.cycle.pk}/okr-file", 200,
          Bad(["query", "format"], url=lambda s: f"/cycles/{s.world.cycle.pk}/okr-file?format=pdf"), "404",
          missing_url=lambda s: f"/cycles/{MISSING}/okr-file"),
    Route("POST", "/okr-files", lambda s: "/okr-files", 200,
          Bad(["body", "text", "objectives[0].key_results[0].target"],
              body=lambda s: {"text": OKR_FILE.replace("target: 2", "target: 1")}),
          "scoped", body=_okr_file, scoped=_imported_into_globex,
          foreign_body=lambda s: {"text": GLOBEX_FILE}),
    Route("GET", "/notifications", lambda s: "/notifications", 200,
          Bad(["query", "limit"], url=lambda s: "/notifications?limit=0"), "scoped", scoped=_no_acme_notices),
    Route("POST", "/notifications/{id}/read", lambda s: f"/notifications/{_alices_notice(s)}/read", 200,
          Bad(["path", "id"], url=lambda s: "/notifications/abc/read"), "404",
          missing_url=lambda s: f"/notifications/{MISSING}/read", viewer_status=404),
    Route("GET", "/me/notice-preferences", lambda s: "/me/notice-preferences", 200, None, "scoped",
          scoped=lambda s, body: None),
    Route("PATCH", "/me/notice-preferences", lambda s: "/me/notice-preferences", 200,
          Bad(["body", "snoozed_until"], body=lambda s: {"snoozed_until": "soon"}), "scoped",
          body=lambda s: {"digest_on": False}, scoped=_only_mallorys_preferences, viewer_status=200),
    Route("GET", "/cadence", lambda s: "/cadence", 200, None, "scoped",
          scoped=lambda s, body: None),
    Route("PATCH", "/cadence", lambda s: "/cadence", 200,
          Bad(["body", "checkin_hour"], body=lambda s: {"checkin_hour": 25}), "scoped",
          body=lambda s: {"time_zone": "Europe/Berlin", "checkin_hour": 8}, scoped=_acme_cadence_untouched),
    Route("POST", "/channels", lambda s: "/channels", 201,
          Bad(["body", "kind"], body=lambda s: {"kind": "irc", "url": "http://127.0.0.1:9/hook"}), "as_missing",
          body=lambda s: {"kind": "slack", "url": "http://127.0.0.1:9/hook", "team": s.world.payments.pk},
          missing_body=lambda s: {"kind": "slack", "url": "http://127.0.0.1:9/hook", "team": MISSING}),
    Route("GET", "/webhooks", lambda s: "/webhooks", 200, None, "scoped", scoped=_no_acme_webhooks),
    Route("POST", "/webhooks", lambda s: "/webhooks", 201,
          Bad(["body", "url"], body=lambda s: {"url": "ftp://127.0.0.1/x", "events": ["objective.created"]}),
          "scoped", body=lambda s: {"url": "http://127.0.0.1:9/in", "events": ["objective.created"]},
          scoped=lambda s, body: _no_acme_webhooks(s, [body])),
    Route("DELETE", "/webhooks/{id}", lambda s: f"/webhooks/{_acme_webhook(s)}", 204,
          Bad(["path", "id"], url=lambda s: "/webhooks/abc"), "404",
          missing_url=lambda s: f"/webhooks/{MISSING}"),
    Route("GET", "/teams/{id}/maturity", lambda s: f"/teams/{s.world.payments.pk}/maturity?cycle={s.world.cycle.pk}", 200,
          Bad(["query", "cycle"], url=lambda s: f"/teams/{s.world.payments.pk}/maturity?cycle=x"), "404",
          missing_url=lambda s: f"/teams/{MISSING}/maturity?cycle={s.world.cycle.pk}"),
    Route("PUT", "/teams/{id}/cycles/{cycle_id}/self-assessment",
          lambda s: f"/teams/{s.world.payments.pk}/cycles/{s.world.cycle.pk}/self-assessment", 200,
          Bad(["body", "focus"], body=lambda s: {**LEVELS, "focus": "soar"}), "404",
          body=lambda s: LEVELS,
          missing_url=lambda s: f"/teams/{MISSING}/cycles/{s.world.cycle.pk}/self-assessment"),
    Route("GET", "/calibration", lambda s: "/calibration", 200,
          Bad(["query", "team"], url=lambda s: "/calibration?team=x"), "scoped",
          scoped=_globex_calibration),
    Route("GET", "/cycles/{id}/report", lambda s: f"/cycles/{s.world.cycle.pk}/report?format=html", 200,
          Bad(["query", "format"], url=lambda s: f"/cycles/{s.world.cycle.pk}/report?format=doc"), "404",
          missing_url=lambda s: f"/cycles/{MISSING}/report?format=html"),
    Route("GET", "/kpis", lambda s: "/kpis", 200,
          Bad(["query", "archived"], url=lambda s: "/kpis?archived=maybe"), "scoped", scoped=_no_acme_kpis),
    Route("POST", "/kpis", lambda s: "/kpis", 201,
          Bad(["body", "healthy_max"], body=lambda s: {"name": "Latency", "healthy_min": 300, "healthy_max": 100}),
          "as_missing",
          body=lambda s: {"name": "Uptime", "unit": "%", "healthy_min": "99.9", "team": s.world.payments.pk},
          missing_body=lambda s: {"name": "Uptime", "team": MISSING}),
    Route("GET", "/kpis/{id}", lambda s: f"/kpis/{s.kpi.pk}", 200,
          Bad(["path", "id"], url=lambda s: "/kpis/abc"), "404",
          missing_url=lambda s: f"/kpis/{MISSING}"),
    Route("PATCH", "/kpis/{id}", lambda s: f"/kpis/{s.kpi.pk}", 200,
          Bad(["body", "healthy_max"], body=lambda s: {"healthy_min": 5}), "404",
          body=lambda s: {"healthy_max": 1.5, "north_star": True},
          missing_url=lambda s: f"/kpis/{MISSING}"),
    Route("DELETE", "/kpis/{id}", lambda s: f"/kpis/{s.kpi.pk}", 204,
          Bad(["path", "id"], url=lambda s: "/kpis/0"), "404",
          missing_url=lambda s: f"/kpis/{MISSING}"),
    Route("GET", "/kpis/{id}/measurements", lambda s: f"/kpis/{s.kpi.pk}/measurements", 200,
          Bad(["query", "limit"], url=lambda s: f"/kpis/{s.kpi.pk}/measurements?limit=0"), "404",
          missing_url=lambda s: f"/kpis/{MISSING}/measurements"),
    Route("POST", "/kpis/{id}/measurements", lambda s: f"/kpis/{s.kpi.pk}/measurements", 201,
          Bad(["body", "value"], body=lambda s: {"value": "lots"}), "404",
          body=lambda s: {"value": 1.2, "measured_at": "2026-02-03T09:00:00Z"},
          missing_url=lambda s: f"/kpis/{MISSING}/measurements"),
    Route("GET", "/key-results/{id}/initiatives", lambda s: f"/key-results/{s.key_result.pk}/initiatives", 200,
          Bad(["query", "limit"], url=lambda s: f"/key-results/{s.key_result.pk}/initiatives?limit=0"), "404",
          missing_url=lambda s: f"/key-results/{MISSING}/initiatives"),
    Route("POST", "/key-results/{id}/initiatives", lambda s: f"/key-results/{s.key_result.pk}/initiatives", 201,
          Bad(["body", "target_date"], body=lambda s: {"title": "Later", "target_date": "2001-01-01"}), "404",
          body=lambda s: {"title": "Retry declined cards", "status": "in_progress", "owner": "bob@acme.example",
                          "url": "https://tracker.example/PAY-7"},
          missing_url=lambda s: f"/key-results/{MISSING}/initiatives"),
    Route("GET", "/initiatives/{id}", lambda s: f"/initiatives/{s.initiative.pk}", 200,
          Bad(["path", "id"], url=lambda s: "/initiatives/abc"), "404",
          missing_url=lambda s: f"/initiatives/{MISSING}"),
    Route("PATCH", "/initiatives/{id}", lambda s: f"/initiatives/{s.initiative.pk}", 200,
          Bad(["body", "status"], body=lambda s: {"status": "someday"}), "404",
          body=lambda s: {"status": "done", "title": "Cache the card tokens"},
          missing_url=lambda s: f"/initiatives/{MISSING}"),
    Route("DELETE", "/initiatives/{id}", lambda s: f"/initiatives/{s.initiative.pk}", 204,
          Bad(["path", "id"], url=lambda s: "/initiatives/0"), "404",
          missing_url=lambda s: f"/initiatives/{MISSING}"),
    Route("GET", "/cycles/{id}/plans", lambda s: f"/cycles/{s.world.cycle.pk}/plans", 200,
          Bad(["query", "limit"], url=lambda s: f"/cycles/{s.world.cycle.pk}/plans?limit=0"), "404",
          missing_url=lambda s: f"/cycles/{MISSING}/plans"),
    Route("POST", "/cycles/{id}/plan", lambda s: f"/cycles/{s.world.cycle.pk}/plan", 201,
          Bad(["path", "id"], url=lambda s: "/cycles/abc/plan"), "404",
          missing_url=lambda s: f"/cycles/{MISSING}/plan", setup=_initiative_dated),
    Route("POST", "/cycles/{id}/roll-forward", lambda s: f"/cycles/{s.world.cycle.pk}/roll-forward", 201,
          Bad(["body", "objectives"], body=lambda s: {"target": _next_cycle(s), "objectives": []}), "404",
          body=lambda s: {"target": _next_cycle(s), "objectives": [s.objective.pk, s.child.pk]},
          missing_url=lambda s: f"/cycles/{MISSING}/roll-forward", setup=_cycle_in_grading),
]  # fmt: skip


# Single sign-on (bearing.sso): admins only, viewers get 403 even for the read.
def _acme_has_no_sso(seed: Seed, body: Any) -> None:
    from bearing.sso.models import Provider

    assert not Provider.objects.filter(organization=seed.world.org).exists()
    assert "secret" not in str(body.get("client_id")) and "client_secret" not in body


SSO_BODY = {"name": "Okta", "issuer": "http://127.0.0.1:9/oauth2", "client_id": "bearing",
            "client_secret": "s3cret-from-okta", "allow_new_members": True}  # fmt: skip
ROUTES += [
    Route("GET", "/sso", lambda s: "/sso", 200, None, "scoped", scoped=_acme_has_no_sso,
          viewer_status=403),
    Route("PUT", "/sso", lambda s: "/sso", 200,
          Bad(["body", "issuer"], body=lambda s: {**SSO_BODY, "issuer": "ftp://127.0.0.1/x"}),
          "scoped", body=lambda s: SSO_BODY, scoped=_acme_has_no_sso),
]  # fmt: skip


# Data sources (bearing.integrations): the seed has Acme's connections "warehouse" (feeding
# the key result) and "spare", both on 127.0.0.1:9 where nothing answers.
def _acme_connection(seed: Seed, name: str = "warehouse") -> int:
    from bearing.integrations.models import Connection

    return Connection.objects.get(organization=seed.world.org, name=name).pk


def _acme_source(seed: Seed) -> int:
    from bearing.integrations.models import Source

    return Source.objects.get(organization=seed.world.org).pk


def _no_acme_connections(seed: Seed, body: Any) -> None:
    assert not {"warehouse", "spare"} & {c["name"] for c in body}, body


def _no_acme_sources(seed: Seed, body: Any) -> None:
    assert all(s["key_result"] != seed.key_result.pk for s in body), body


def _globex_connection(seed: Seed, body: Any) -> None:
    from bearing.integrations.models import Connection

    assert Connection.objects.get(pk=body["id"]).organization_id == seed.world.other_org.pk


_CONNECTION = {"name": "crm", "kind": "http", "base_url": "http://127.0.0.1:9/crm",
               "header_name": "Authorization", "secret": "Bearer t0ken"}  # fmt: skip
_SOURCE = {"kind": "csv", "url": "http://127.0.0.1:9/sheet.csv", "selector": "Errors@last",
           "schedule": "hourly"}  # fmt: skip

ROUTES += [
    Route("GET", "/connections", lambda s: "/connections", 200, None, "scoped",
          scoped=_no_acme_connections, viewer_status=403),
    Route("POST", "/connections", lambda s: "/connections", 201,
          Bad(["body", "kind"], body=lambda s: {**_CONNECTION, "kind": "oracle"}), "scoped",
          body=lambda s: _CONNECTION, scoped=_globex_connection),
    Route("PATCH", "/connections/{id}", lambda s: f"/connections/{_acme_connection(s)}", 200,
          Bad(["body", "port"], body=lambda s: {"port": 70000}), "404",
          body=lambda s: {"secret": "new-key", "header_name": "X-Key"},
          missing_url=lambda s: f"/connections/{MISSING}"),
    Route("DELETE", "/connections/{id}", lambda s: f"/connections/{_acme_connection(s, 'spare')}", 204,
          Bad(["path", "id"], url=lambda s: "/connections/abc"), "404",
          missing_url=lambda s: f"/connections/{MISSING}"),
    Route("GET", "/sources", lambda s: "/sources", 200, None, "scoped",
          scoped=lambda s, body: _no_acme_sources(s, body), viewer_status=403),
    Route("POST", "/sources", lambda s: "/sources", 201,
          Bad(["body", "selector"], body=lambda s: {**_SOURCE, "kpi": s.kpi.pk, "selector": "Errors"}),
          "as_missing", body=lambda s: {**_SOURCE, "kpi": s.kpi.pk},
          missing_body=lambda s: {**_SOURCE, "kpi": MISSING}),
    Route("PATCH", "/sources/{id}", lambda s: f"/sources/{_acme_source(s)}", 200,
          Bad(["body", "schedule"], body=lambda s: {"schedule": "yearly"}), "404",
          body=lambda s: {"selector": "data.total", "schedule": "hourly"},
          missing_url=lambda s: f"/sources/{MISSING}"),
    Route("DELETE", "/sources/{id}", lambda s: f"/sources/{_acme_source(s)}", 204,
          Bad(["path", "id"], url=lambda s: "/sources/abc"), "404",
          missing_url=lambda s: f"/sources/{MISSING}"),
    Route("POST", "/sources/{id}/refresh", lambda s: f"/sources/{_acme_source(s)}/refresh", 200,
          Bad(["path", "id"], url=lambda s: "/sources/abc/refresh"), "404",
          missing_url=lambda s: f"/sources/{MISSING}/refresh"),
]  # fmt: skip
