"""What the load run does, as a table: each visitor action and the owner's session.

Each ``Action`` makes the API requests one visitor (or the owner) makes, through
``Run.call``, which records what each request used (``meter``). Measuring a new
endpoint is one entry in ``ACTIONS``: the traffic figure it is counted by, the
URL rule it needs, the function making its requests, and what it needs stored
first (an event, a comment thread).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from .meter import Meter

ORIGIN = "https://site.example"
OWNER_TOKEN = "load-run-owner-token"
EVENT_ID = "load-run"
RECIPE = "load-run-soup"
POST = "load-run-notes"


class LoadRunError(Exception):
    """A request of the load run was answered with an unexpected status."""


class Run:
    """One load run: the app, its test client, the meter and what the actions share."""

    def __init__(self, app: Any, services: Any, meter: Meter) -> None:
        self.app = app
        self.services = services
        self.meter = meter
        self.client = app.test_client()
        self.samples: list[dict[str, Any]] = []
        self.state: dict[str, Any] = {}

    def call(self, method: str, path: str, expect: tuple[int, ...] = (200, 201), **kw: Any) -> Any:
        """Make one API request (one Lambda invocation) and record what it used."""
        headers = {"Origin": ORIGIN, **kw.pop("headers", {})}
        self.meter.start()
        started = time.perf_counter()
        response = self.client.open(path, method=method, headers=headers, **kw)
        body = response.get_data()
        took = time.perf_counter() - started
        usage = self.meter.usage
        head = sum(len(k) + len(v) + 4 for k, v in response.headers.items()) + 17
        self.samples.append(
            {
                "invocations": 1,
                "rru": usage.rru,
                "wru": usage.wru,
                "ddb_calls": usage.ddb_calls,
                "ms": took * 1000,
                "aws_ms": usage.aws_seconds * 1000,
                "response_bytes": len(body) + head,
                "emails": usage.emails,
                "email_bytes": usage.email_bytes,
                "log_bytes": usage.log_bytes,
            }
        )
        if response.status_code not in expect:
            raise LoadRunError(f"{method} {path}: {response.status_code} {body[:300]!r}")
        return response

    def owner_headers(self) -> dict[str, str]:
        """Return the headers of the signed-in dashboard (its CSRF token)."""
        return {"X-CSRF-Token": self.state["csrf"]}


@dataclass(frozen=True)
class Action:
    """One thing a visitor or the owner does, as the API sees it."""

    key: str  # the traffic figure it is counted by (docs/cost.md)
    label: str
    route: str  # a URL rule the app must have for the action to be measured
    run: Callable[[Run, int], None]
    prepare: Callable[[Run], None] | None = None


def _contact(run: Run, n: int) -> None:
    token = run.call("GET", "/contact/token").get_json()["token"]
    body = {
        "name": "Load Run",
        "email": f"visitor{n}@example.org",
        "subject": "Hello",
        "message": "I enjoyed your post about engines; may I ask about the gears? " * 3,
        "website": "",
        "token": token,
    }
    run.call("POST", "/contact", json=body)


def _event(run: Run) -> None:
    from api.events import catalog

    start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=14)
    entry = {
        "id": EVENT_ID,
        "slug": EVENT_ID,
        "title": "Load run evening",
        "url": f"/events/{EVENT_ID}/",
        "start": start.isoformat(),
        "end": (start + timedelta(hours=2)).isoformat(),
        "timezone": "Europe/Oslo",
        "all_day": False,
        "location": {"name": "The Library", "address": "Main St 1", "lat": 59.91, "lon": 10.75},
        "online_url": None,
        "status": "scheduled",
        "capacity": 1_000_000,
        "max_party": 4,
        "waitlist": "auto",
        "offer_hours": 24,
        "rsvp_opens": None,
        "rsvp_closes": None,
        "questions": [],
        "ticket_url": None,
    }
    report = catalog.sync(run.services.table, {"version": 1, "events": [entry]}, datetime.now(UTC))
    if not report.ok:
        raise LoadRunError(f"event catalogue refused: {report.problems}")


def _rsvp(run: Run, n: int) -> None:
    base = f"/events/{EVENT_ID}/rsvp"
    token = run.call("GET", f"{base}/token").get_json()["token"]
    body = {
        "name": "Load Run",
        "email": f"guest{n}@example.org",
        "party": 2,
        "website": "",
        "token": token,
    }
    run.call("POST", base, json=body)


def _thread(kind: str, slug: str, **facts: Any) -> dict[str, Any]:
    return {
        "kind": kind,
        "slug": slug,
        "url": f"/{kind}/{slug}/",
        "title": "Load run",
        "date": "2026-11-01",
        "comments": "open",
        "moderation": "first",  # a newcomer's comment waits, and the owner is emailed
        "ratings": False,
        **facts,
    }


def _threads(run: Run) -> None:
    """Sync a post that takes comments and a recipe that takes ratings, as a deploy does."""
    from api.comments import catalog

    feed = {
        "version": 1,
        "threads": [_thread("posts", POST), _thread("recipes", RECIPE, ratings=True)],
    }
    report = catalog.sync(run.services.table, feed, datetime.now(UTC))
    if not report.ok:
        raise LoadRunError(f"comment threads refused: {report.problems}")


def _rating(run: Run, n: int) -> None:
    body = {"rating": 1 + n % 5, "visitor": f"loadrun-visitor-{n:08d}"}
    run.call("PUT", f"/recipes/{RECIPE}/rating", json=body)


def _comment(run: Run, n: int) -> None:
    token = run.call("GET", "/comments/token").get_json()["token"]
    body = {
        "name": "Load Run",
        "email": f"reader{n}@example.org",
        "text": f"Thank you, this worked for me too ({n}). *Lovely* photos. " * 4,
        "website": "",
        "token": token,
    }
    run.call("POST", f"/threads/posts/{POST}/comments", json=body)


def _sign_in(run: Run) -> None:
    response = run.call("POST", "/owner/session", json={"token": OWNER_TOKEN, "label": "Load"})
    run.state["csrf"] = response.get_json()["csrf"]


def _owner_session(run: Run, n: int) -> None:
    """Open the dashboard: who am I, the inbox, the messages, the events; read the newest."""
    run.call("GET", "/owner/session")
    run.call("GET", "/inbox")
    messages = run.call("GET", "/messages").get_json()["messages"]
    run.call("GET", "/owner/events")
    run.call("GET", f"/owner/events/{EVENT_ID}/rsvps")
    if messages:
        newest = messages[0]["id"]
        run.call("GET", f"/messages/{newest}")
        run.call("PATCH", f"/messages/{newest}", json={"read": True}, headers=run.owner_headers())


ACTIONS: tuple[Action, ...] = (
    Action("contact_posts", "contact form: token + POST /contact", "/contact", _contact),
    Action(
        "rsvps",
        "event RSVP: token + POST /events/<id>/rsvp",
        "/events/<event_id:event_id>/rsvp",
        _rsvp,
        _event,
    ),
    Action(
        "ratings",
        "recipe rating: PUT /recipes/<slug>/rating",
        "/recipes/<recipe_slug:slug>/rating",
        _rating,
        _threads,
    ),
    Action(
        "comments",
        "comment: token + POST /threads/<kind>/<slug>/comments",
        "/threads/<thread_kind:kind>/<thread_slug:slug>/comments",
        _comment,
        _threads,
    ),
    Action(
        "owner_sessions",
        "owner opens the dashboard and reads a message (7 requests)",
        "/inbox",
        _owner_session,
        _sign_in,
    ),
)
