"""OKR files in and out: a small sample file and fresh organizations to import it into."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from bearing.orgs.models import Invitation, Organization
from bearing.orgs.services import member_add, organization_create, team_create

TODAY = date(2026, 2, 15)

SAMPLE = """\
version: 1
organization: Acme Payments
cycle:
  name: 2026-Q1
  start: 2026-01-01
  end: 2026-03-31
teams:
  - name: Acme
    lead: ana@acme.example
  - name: Payments
    parent: Acme
  - name: Support
    parent: Acme
people:
  - email: ana@acme.example
    name: Ana Lima
    teams: [Acme]
  - email: ben@acme.example
    name: Ben Okafor
    teams: [Payments, Support]
objectives:
  - ref: acme
    title: Make digital payments more convenient
    team: Acme
    owner: ana@acme.example
    contributors: [Support]
    key_results:
      - ref: acme-time
        title: Cut the time to complete a payment from 120 s to 24 s
        start: 120
        target: 24
        current: 60
        unit: s
      - ref: autopay
        title: Double auto-pay enrollments
        start: 1000
        target: 2000
        weight: 2
        history:
          - {date: 2026-01-10, value: 1100}
          - {date: 2026-02-10, value: 1400, note: "reminder e-mails live"}
      - ref: paypal
        title: Offer PayPal at checkout
        kind: milestone
        done: false
      - ref: uptime
        title: Keep checkout availability at least 99.9 %
        kind: at_least
        target: 99.9
        current: 99.95
  - ref: pay-fast
    title: Make paying feel instant
    team: Payments
    owner: ben@acme.example
    aligned_to: [acme]
    cascaded_from: acme-time
    key_results:
      - ref: latency
        title: Cut p95 latency from 1200 ms to 400 ms
        start: 1200
        target: 400
        owner: ben@acme.example
      - ref: idea
        title: Find out what slows people down
  - ref: coach
    title: Grow as a coach
    owner: ana@acme.example
    visibility: private
    state: draft
"""


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# The sample's people. An import refers to members and invites everyone else (issue 10.1),
# so most tests start from an organization they have joined already.
SAMPLE_PEOPLE = (("ana@acme.example", "Ana Lima"), ("ben@acme.example", "Ben Okafor"))


def new_org(
    slug: str, company: str, people: tuple[tuple[str, str], ...] = SAMPLE_PEOPLE
) -> Organization:
    organization = organization_create(slug=slug, name=company)
    team_create(organization=organization, name=company)
    for email, name in people:
        member_add(organization=organization, email=email, role="member", name=name)
    return organization


def everyone_joins(organization: Organization) -> int:
    """The people an import invited join, as `bearing user add` (or their link) makes them."""
    pending = Invitation.objects.filter(
        organization=organization, accepted_at=None, revoked_at=None
    )
    for invitation in pending:
        member_add(organization=organization, email=invitation.email, role=invitation.role)
    return len(pending)
