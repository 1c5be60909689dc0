"""The demo company, Lumen Pay: a payments start-up of ten teams, as plain data.

Some OKRs are deliberately weak (a compound objective, output key results, a
number in an objective, orphans, a look-alike pair, a team with two
objectives) so that the coach and the alignment analytics have work to show.
``pace`` says how fast a key result moves against the expected line
(1.0 = exactly on pace), which makes the colours vary realistically.
"""

from __future__ import annotations

from typing import Any

COMPANY = "Lumen Pay"

TEAMS: list[tuple[str, str | None]] = [
    ("Lumen Pay", None),
    ("Product & Engineering", "Lumen Pay"),
    ("Payments Platform", "Product & Engineering"),
    ("Mobile App", "Product & Engineering"),
    ("Data & Insights", "Product & Engineering"),
    ("Go-to-Market", "Lumen Pay"),
    ("Sales", "Go-to-Market"),
    ("Marketing", "Go-to-Market"),
    ("Customer Support", "Lumen Pay"),
    ("People & Operations", "Lumen Pay"),
]

# email, name, role, teams, led teams
PEOPLE: list[tuple[str, str, str, list[str], list[str]]] = [
    ("ana@demo.bearing.example", "Ana Lima", "admin", ["Lumen Pay"], ["Lumen Pay"]),
    (
        "ben@demo.bearing.example",
        "Ben Okafor",
        "member",
        ["Product & Engineering"],
        ["Product & Engineering"],
    ),
    (
        "chen@demo.bearing.example",
        "Chen Wei",
        "member",
        ["Payments Platform"],
        ["Payments Platform"],
    ),
    ("dara@demo.bearing.example", "Dara Byrne", "member", ["Payments Platform"], []),
    ("eli@demo.bearing.example", "Eli Cohen", "member", ["Mobile App"], ["Mobile App"]),
    (
        "fatima@demo.bearing.example",
        "Fatima Zahra",
        "member",
        ["Mobile App", "Customer Support"],
        [],
    ),
    (
        "gus@demo.bearing.example",
        "Gus Lindqvist",
        "member",
        ["Data & Insights"],
        ["Data & Insights"],
    ),
    ("hana@demo.bearing.example", "Hana Sato", "member", ["Go-to-Market"], ["Go-to-Market"]),
    ("ivan@demo.bearing.example", "Iván Morales", "member", ["Sales"], ["Sales"]),
    ("jo@demo.bearing.example", "Jo Mensah", "member", ["Marketing"], ["Marketing"]),
    (
        "kai@demo.bearing.example",
        "Kai Nakamura",
        "member",
        ["Customer Support"],
        ["Customer Support"],
    ),
    (
        "lena@demo.bearing.example",
        "Lena Vogel",
        "member",
        ["People & Operations"],
        ["People & Operations"],
    ),
    ("vic@demo.bearing.example", "Vic Romano", "viewer", ["Lumen Pay"], []),
]

KPIS: list[dict[str, Any]] = [
    {"name": "Weekly active paying customers", "unit": "customers", "north_star": True,
     "healthy_min": 40000, "series": (41200, 640), "owner": "ana", "team": "Lumen Pay"},
    {"name": "Checkout availability", "unit": "%", "healthy_min": "99.9", "series": ("99.95", "0"),
     "owner": "chen", "team": "Payments Platform"},
    {"name": "Support first-response time", "unit": "h", "healthy_max": 4, "series": (6, "-0.2"),
     "owner": "kai", "team": "Customer Support"},
    {"name": "Monthly churn", "unit": "%", "healthy_max": "2.5", "series": ("3.1", "-0.03"),
     "owner": "ana", "team": "Lumen Pay"},
]  # fmt: skip

# The current quarter. Key-result fields follow the OKR file; `pace` drives the history.
CURRENT: list[dict[str, Any]] = [
    {"ref": "effortless", "title": "Make digital payments effortless", "team": "Lumen Pay",
     "owner": "ana", "krs": [
        {"ref": "pay-time", "title": "Cut the median time to complete a payment from 95 s to 30 s",
         "start": 95, "target": 30, "unit": "s", "owner": "chen", "pace": 0.9},
        {"ref": "autopay", "title": "Double auto-pay enrollments",
         "start": 12000, "target": 24000, "unit": "accounts", "owner": "eli", "pace": 1.15, "weight": 2},
        {"ref": "availability", "title": "Keep checkout availability at least 99.9 %",
         "kind": "at_least", "target": "99.9", "unit": "%", "owner": "chen", "levels": ["99.95", "99.97", "99.82", "99.93"]},
     ]},
    {"ref": "trust", "title": "Win the trust of small businesses", "team": "Lumen Pay",
     "owner": "ana", "krs": [
        {"ref": "smb-nps", "title": "Raise small-business NPS from 31 to 50",
         "start": 31, "target": 50, "owner": "kai", "pace": 0.7},
        {"ref": "smb-churn", "title": "Reduce monthly small-business churn from 3.2 % to 2.0 %",
         "start": "3.2", "target": "2.0", "unit": "%", "owner": "hana", "pace": 0.45},
     ]},
    {"ref": "ship-weekly", "title": "Ship reliable software every week", "team": "Product & Engineering",
     "owner": "ben", "aligned_to": ["effortless"], "krs": [
        {"ref": "deploys", "title": "Increase deploys per week from 2 to 10",
         "start": 2, "target": 10, "unit": "deploys", "owner": "ben", "pace": 1.2},
        {"ref": "change-failures", "title": "Cut the change failure rate from 18 % to 8 %",
         "start": 18, "target": 8, "unit": "%", "owner": "dara", "pace": 0.8},
     ]},
    {"ref": "instant", "title": "Make paying feel instant", "team": "Payments Platform", "owner": "chen",
     "cascaded_from": "pay-time", "contributors": ["Data & Insights"], "krs": [
        {"ref": "api-latency", "title": "Cut p95 payment API latency from 1,200 ms to 400 ms",
         "start": 1200, "target": 400, "unit": "ms", "owner": "dara", "pace": 1.05},
        {"ref": "failed-payments", "title": "Reduce failed payments from 4.5 % to 1.5 %",
         "start": "4.5", "target": "1.5", "unit": "%", "owner": "chen", "pace": 0.55},
        {"ref": "paypal", "title": "Add PayPal support", "kind": "milestone", "done": False, "owner": "dara"},
     ]},
    {"ref": "autopay-default", "title": "Make auto-pay the obvious choice", "team": "Mobile App", "owner": "eli",
     "cascaded_from": "autopay", "krs": [
        {"ref": "app-optin", "title": "Grow the in-app auto-pay opt-in rate from 8 % to 25 %",
         "start": 8, "target": 25, "unit": "%", "owner": "eli", "pace": 1.25},
        {"ref": "app-completion", "title": "Lift in-app payment completion from 71 % to 85 %",
         "start": 71, "target": 85, "unit": "%", "owner": "fatima", "pace": 0.95},
     ]},
    {"ref": "fresh-data", "title": "Help every team decide with fresh data", "team": "Data & Insights",
     "owner": "gus", "aligned_to": ["ship-weekly"], "krs": [
        {"ref": "dashboard-teams", "title": "Grow the share of teams reading a weekly dashboard from 20 % to 80 %",
         "start": 20, "target": 80, "unit": "%", "owner": "gus", "pace": 0.85},
        {"ref": "freshness", "title": "Cut data freshness lag from 24 h to 1 h",
         "start": 24, "target": 1, "unit": "h", "owner": "gus", "pace": 0.35},
     ]},
    {"ref": "warehouse", "title": "Migrate the data warehouse to the new platform", "team": "Data & Insights",
     "owner": "gus", "krs": [
        {"ref": "warehouse-done", "title": "Warehouse migration completed", "kind": "milestone", "done": False},
     ]},
    {"ref": "spain", "title": "Open the small-business market in Spain", "team": "Sales", "owner": "ivan",
     "aligned_to": ["trust"], "krs": [
        {"ref": "spain-pipeline", "title": "Grow qualified pipeline in Spain from €0.4M to €1.5M",
         "start": "0.4", "target": "1.5", "unit": "M€", "owner": "ivan", "pace": 1.0},
        {"ref": "spain-winrate", "title": "Raise the small-business win rate in Spain from 18 % to 25 %",
         "start": 18, "target": 25, "unit": "%", "owner": "ivan", "pace": 0.6},
     ]},
    {"ref": "spain-customers", "title": "Win more small-business customers in Spain", "team": "Marketing",
     "owner": "jo", "aligned_to": ["trust"], "krs": [
        {"ref": "spain-leads", "title": "Grow small-business leads from Spain from 150 to 600 a month",
         "start": 150, "target": 600, "unit": "leads", "owner": "jo", "pace": 0.9},
     ]},
    {"ref": "brand", "title": "Grow sign-ups, improve brand awareness and launch the partner program by redesigning the website",
     "team": "Marketing", "owner": "jo", "krs": [
        {"ref": "new-website", "title": "Launch the new website", "kind": "milestone", "done": True},
        {"ref": "brand-awareness", "title": "Improve brand awareness"},
     ]},
    {"ref": "kind-support", "title": "Make every support answer fast and kind", "team": "Customer Support",
     "owner": "kai", "aligned_to": ["trust"], "contributors": ["Mobile App"], "krs": [
        {"ref": "first-response", "title": "Cut first-response time from 9 h to 2 h",
         "start": 9, "target": 2, "unit": "h", "owner": "kai", "pace": 1.1},
        {"ref": "csat", "title": "Raise CSAT from 82 to 92", "start": 82, "target": 92, "owner": "fatima", "pace": 0.75},
     ]},
    {"ref": "hiring", "title": "Hire 12 engineers", "team": "People & Operations", "owner": "lena", "krs": [
        {"ref": "hires", "title": "Make 12 engineering hires", "start": 0, "target": 12, "unit": "hires", "pace": 0.5},
     ]},
    {"ref": "coach-growth", "title": "Grow as a coach for our OKR owners", "team": None, "owner": "ana",
     "visibility": "private", "krs": [
        {"ref": "coaching-sessions", "title": "Hold 1:1 OKR coaching with all 10 team leads",
         "start": 0, "target": 10, "unit": "leads", "owner": "ana", "pace": 1.0},
     ]},
]  # fmt: skip

# For the weekly alignment trend: objectives written after the first week, and links made late.
ADDED_IN_WEEK = {"spain-customers": 4, "kind-support": 2}
LINKED_IN_WEEK = {"fresh-data": 3, "spain": 2}

# Initiatives: the backlog items under key results (001: "OKRs are not your backlog").
INITIATIVES: list[tuple[str, list[str], str, str]] = [
    ("Prompt for auto-pay during purchase", ["autopay", "app-optin"], "eli", "done"),
    ("Offer a discount for auto-pay users", ["autopay"], "hana", "in_progress"),
    ("Save and remember payment info", ["pay-time", "app-completion"], "fatima", "in_progress"),
    ("Add PayPal support", ["failed-payments"], "dara", "in_progress"),
    ("Move card tokenization to the edge", ["api-latency"], "chen", "done"),
    ("Retry soft-declined cards once", ["failed-payments"], "chen", "planned"),
    ("Stream events into the warehouse", ["freshness"], "gus", "planned"),
    ("Spanish-language onboarding calls", ["spain-winrate", "smb-nps"], "ivan", "in_progress"),
    ("Macros for the 20 most common questions", ["first-response"], "kai", "done"),
]

# Two-week plans published (the others are missing, or still due early in the quarter), and
# an initiative changed after its owner published: the change is recorded against the plan.
PUBLISHED_PLANS = ["chen", "eli", "kai"]
CHANGED_AFTER_PUBLISHING = ("Retry soft-declined cards once", "in_progress")

# The previous quarter, closed: final values, graded scores and learnings.
PREVIOUS: list[dict[str, Any]] = [
    {"ref": "q-prev-launch", "title": "Make our first payments delightful", "team": "Lumen Pay", "owner": "ana",
     "krs": [
        {"ref": "q-prev-nps", "title": "Raise NPS from 22 to 40", "start": 22, "target": 40, "final": 35},
        {"ref": "q-prev-time", "title": "Cut payment time from 140 s to 95 s", "start": 140, "target": 95, "final": 95},
     ],
     "learning": "Speed work paid off fast; NPS lags the product by about six weeks, so judge it a quarter later."},
    {"ref": "q-prev-reliable", "title": "Make the platform boringly reliable", "team": "Payments Platform",
     "owner": "chen", "aligned_to": ["q-prev-launch"], "krs": [
        {"ref": "q-prev-incidents", "title": "Cut customer-facing incidents from 9 to 2 a month",
         "start": 9, "target": 2, "final": 4},
        {"ref": "q-prev-p95", "title": "Cut p95 API latency from 2,000 ms to 1,200 ms",
         "start": 2000, "target": 1200, "final": 1200},
     ],
     "graded": "0.8", "reason": "Incidents fell to 4, but two of them came from a vendor outage outside our control.",
     "learning": "On-call reviews every Friday found half of the fixes; keep them."},
    {"ref": "q-prev-pipeline", "title": "Build a repeatable sales motion", "team": "Sales", "owner": "ivan",
     "aligned_to": ["q-prev-launch"], "krs": [
        {"ref": "q-prev-calls", "title": "Grow qualified demos from 20 to 60 a month", "start": 20, "target": 60,
         "final": 38},
     ],
     "learning": "We set the target from hope, not data. Next time start from last quarter's conversion rates."},
    {"ref": "q-prev-support", "title": "Answer customers while they still care", "team": "Customer Support",
     "owner": "kai", "krs": [
        {"ref": "q-prev-frt", "title": "Cut first-response time from 20 h to 9 h", "start": 20, "target": 9,
         "final": 9},
     ],
     "learning": "Follow-the-sun rota worked; weekend coverage is the remaining gap."},
]  # fmt: skip

RETROSPECTIVES: list[tuple[str, str, str, str]] = [
    ("Payments Platform", "Latency work landed early; on-call reviews found real fixes.",
     "We wrote too many key results and lost focus mid-quarter.", "At most three key results; review each Friday."),
    ("Sales", "The team tried three outreach experiments.",
     "Targets were guesses.", "Base next quarter's targets on measured conversion."),
]  # fmt: skip

NARRATIVES = {
    "on_track": [
        "Good week: the numbers moved the way we planned.",
        "Steady progress; nothing blocking us right now.",
        "Ahead of pace thanks to the release on Tuesday.",
    ],
    "needs_attention": [
        "Slower than planned; we are re-prioritizing next week's work.",
        "Two people out this week; progress paused on one key result.",
    ],
    "at_risk": [
        "We are well behind pace; asking for help from the platform team.",
        "Blocked on a vendor contract; escalated to the department lead.",
    ],
}

# Edits made during the quarter, so the change feed shows before → after beside the weekly
# check-ins: (week, who, objective ref, new description).
EDITS: list[tuple[int, str, str, str]] = [
    (2, "ana", "effortless",
     "Paying a bill should take less time than reading it. Checkout speed, auto-pay and "
     "availability are the three things customers notice first."),
    (3, "chen", "instant",
     "p95 latency is what merchants feel at the till; failed payments are what they call us about."),
    (4, "kai", "kind-support",
     "Fast and kind: answered within two hours, by someone who solves it the first time."),
]  # fmt: skip
