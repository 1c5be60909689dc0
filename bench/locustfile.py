"""The load benchmark's users (locust): people who own objectives, signed in through the real
sign-in form, doing what a working week looks like — mostly reading their home page, their
objectives, their team and the alignment tree, sometimes the API, and checking in.

The actors come from the organization bench/build.py made (``BENCH_MANIFEST`` names its JSON).
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path
from typing import Any

from locust import HttpUser, between, task

MANIFEST: dict[str, Any] = json.loads(Path(os.environ["BENCH_MANIFEST"]).read_text())
PASSWORD = "bench-password"  # noqa: S105 -- the benchmark organization's throwaway password
ORG = f"/o/{MANIFEST['slug']}"
CYCLE = MANIFEST["cycle_id"]
_next = iter(range(10**9))


class Member(HttpUser):
    wait_time = between(0.5, 1.5)  # people read between clicks

    def on_start(self) -> None:
        actors = MANIFEST["actors"]
        self.actor = actors[next(_next) % len(actors)]
        self.client.get("/sign-in/", name="sign in (form)")
        self.client.post(
            "/sign-in/",
            {"username": self.actor["email"], "password": PASSWORD,
             "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")},
            headers={"Referer": f"{self.host}/sign-in/"}, name="sign in", allow_redirects=False,
        )  # fmt: skip
        self.api = {"Authorization": f"Bearer {self.actor['token']}"}

    def _objective(self) -> dict[str, Any]:
        objective: dict[str, Any] = random.choice(self.actor["objectives"])
        return objective

    @task(3)
    def home(self) -> None:
        self.client.get(f"{ORG}/", name="home")

    @task(3)
    def objective(self) -> None:
        self.client.get(f"{ORG}/objectives/{self._objective()['id']}/", name="objective")

    @task(2)
    def team(self) -> None:
        self.client.get(f"{ORG}/teams/{self.actor['team_id']}/", name="team")

    @task(1)
    def alignment(self) -> None:
        self.client.get(f"{ORG}/alignment/", name="alignment")

    @task(1)
    def api_objective(self) -> None:
        self.client.get(
            f"/api/v1/objectives/{self._objective()['id']}", headers=self.api,
            name="GET /api/v1/objectives/{id}",
        )  # fmt: skip

    @task(1)
    def api_objectives(self) -> None:
        self.client.get(
            f"/api/v1/objectives?cycle={CYCLE}", headers=self.api, name="GET /api/v1/objectives"
        )

    @task(1)
    def check_in(self) -> None:
        """The weekly check-in through the page's form, a value for each key result."""
        objective = self._objective()
        data = {f"kr-{kr}": str(random.randint(10, 2000)) for kr in objective["key_results"]}
        # A status of their own, with its reason, so the form never waits on the forecast.
        data |= {"capacity_status": "on_track", "progress_status": "on_track", "suggested": "",
                 "status_reason": "Benchmark week.", "confidence": "60", "narrative": "Steady.",
                 "csrfmiddlewaretoken": self.client.cookies.get("csrftoken") or ""}  # fmt: skip
        address = f"{ORG}/objectives/{objective['id']}/check-in/"
        with self.client.post(
            address, data, headers={"Referer": f"{self.host}{address}"}, name="check-in (POST)",
            allow_redirects=False, catch_response=True,
        ) as response:  # fmt: skip
            if response.status_code != 302:
                response.failure(f"check-in answered {response.status_code}")
