"""The load run: every public endpoint and the owner's session, N times each, measured.

    make cost-measure        # or: make bench BENCH=cost

Runs the API app in this process (``api.create_app``) against a DynamoDB
store (DynamoDB Local in ``make cost-measure``) and a moto SES server, and
records per visitor action (a contact post is its form token and its post):
API requests (each a Lambda invocation), DynamoDB read and write request
units, time in the handler and the part of it spent waiting on DynamoDB and
SES, response bytes, emails and their bytes, log bytes. The same for one run
of each scheduled job in zappa_settings.json. The cost model reads the file.

The actions are a table (``ACTIONS``): measuring a new endpoint is one entry.
An entry whose route the app does not have yet is left out, and said so.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib
import json
import logging
import statistics
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from .meter import Meter

ORIGIN = "https://site.example"
SECRET = "load-run-secret"
OWNER_TOKEN = "load-run-owner-token"
SENDER = "site@example.com"
REGION = "us-east-1"
EVENT_ID = "load-run"
RECIPE = "load-run-soup"
POST = "load-run-notes"
FIELDS = (
    "invocations",
    "rru",
    "wru",
    "ddb_calls",
    "ms",
    "aws_ms",
    "response_bytes",
    "emails",
    "email_bytes",
    "log_bytes",
)


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


# -- the actions ------------------------------------------------------------
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


# -- running ----------------------------------------------------------------
def _summary(samples: list[dict[str, Any]]) -> dict[str, Any]:
    """Average the per-action sums (the model's figures) and keep the spread of the time."""
    n = len(samples)
    out: dict[str, Any] = {"samples": n}
    for name in FIELDS:
        values = [Decimal(str(s[name])) for s in samples]
        mean = sum(values, Decimal(0)) / n
        out[name] = float(round(mean, 3)) if name in {"ms", "aws_ms"} else float(round(mean, 4))
    times = sorted(s["ms"] for s in samples)
    out["ms_p50"] = round(statistics.median(times), 3)
    out["ms_max"] = round(times[-1], 3)
    return out


def _totals(samples: list[dict[str, Any]]) -> dict[str, Any]:
    return {name: sum(s[name] for s in samples) for name in FIELDS}


def _has_route(app: Any, rule: str) -> bool:
    return any(r.rule == rule for r in app.url_map.iter_rules())


def measure_actions(run: Run, requests: int, actions: tuple[Action, ...] = ACTIONS) -> dict:
    """Run each action ``requests`` times after one warm-up; return figures per action."""
    results: dict[str, Any] = {}
    for action in actions:
        if not _has_route(run.app, action.route):
            results[action.key] = {"label": action.label, "skipped": "not in this API yet"}
            continue
        if action.prepare:
            action.prepare(run)
        action.run(run, -1)  # warm-up: first imports, clients, caches
        per_action = []
        for n in range(requests):
            run.samples = []
            action.run(run, n)
            per_action.append(_totals(run.samples))
        results[action.key] = {"label": action.label, **_summary(per_action)}
    return results


def scheduled_jobs(settings_path: Path, stage: str) -> list[dict[str, str]]:
    """Return the stage's scheduled events (function and rate) from zappa_settings.json."""
    from ..deploy import stage_settings

    return list(stage_settings(settings_path, stage).get("events", []))


def measure_jobs(run: Run, jobs: list[dict[str, str]], runs: int) -> dict[str, Any]:
    """Run each scheduled job ``runs`` times with nothing to do; return figures per job."""
    results: dict[str, Any] = {}
    for job in jobs:
        module, _, name = job["function"].rpartition(".")
        function = getattr(importlib.import_module(module), name)
        per_run = []
        for n in range(runs + 1):  # the first run drains what the load run left
            run.meter.start()
            started = time.perf_counter()
            with contextlib.redirect_stdout(run.meter.stream):
                function(services=run.services, now=datetime.now(UTC))
            took = time.perf_counter() - started
            usage = run.meter.usage
            if n:
                per_run.append(
                    {
                        "invocations": 1,
                        "rru": usage.rru,
                        "wru": usage.wru,
                        "ddb_calls": usage.ddb_calls,
                        "ms": took * 1000,
                        "aws_ms": usage.aws_seconds * 1000,
                        "response_bytes": 0,
                        "emails": usage.emails,
                        "email_bytes": usage.email_bytes,
                        "log_bytes": usage.log_bytes,
                    }
                )
        results[job["function"]] = {"expression": job["expression"], **_summary(per_run)}
    return results


def build_run(store_url: str, ses_url: str) -> Run:
    """Make an app on a fresh table in ``store_url`` with metered clients."""
    from api import create_app
    from api.events import deliveries
    from api.security import hash_token
    from api.services import Services
    from api.settings import Settings, load_settings
    from api.storage import Table, make_client
    from api.tables import create_table

    # Every request takes the full path: no visitor limit is reached.
    limits = {
        f.name: 10**9
        for f in dataclasses.fields(Settings)
        if f.name.endswith(("_rate_limit", "_subnet_limit"))
    }
    settings = load_settings(
        environ={},
        overrides={
            **limits,
            "table_name": f"cost-{uuid.uuid4().hex[:10]}",
            "dynamodb_endpoint": store_url,
            "ses_endpoint": ses_url,
            "region": REGION,
            "allowed_origins": (ORIGIN,),
            "owner_token_sha256": hash_token(OWNER_TOKEN),
            "form_secret": SECRET,
            "ses_sender": SENDER,
            "ses_recipient": "owner@example.com",
            "site_url": ORIGIN,
            "token_min_age": 0.0,
            "cookie_secure": False,
        },
    )
    meter = Meter()
    dynamodb = make_client("dynamodb", store_url, REGION)
    create_table(settings, client=dynamodb)
    ses = make_client("ses", ses_url, REGION)
    ses.verify_email_identity(EmailAddress=SENDER)
    services = Services(settings, Table(settings, client=meter.attach_dynamodb(dynamodb)))
    services._ses = meter.attach_ses(ses)  # noqa: SLF001 - the one client the views share
    meter.attach_ses(deliveries.ses_client(settings))  # the events' mail client, shared
    app = create_app({"TESTING": True, "SERVICES": services})
    access = logging.getLogger("api.access")
    for handler in access.handlers:
        if isinstance(handler, logging.StreamHandler):
            handler.setStream(meter.stream)  # counted, not printed
    logging.getLogger().addHandler(meter.handler)
    return Run(app, services, meter)


def measure(
    store_url: str,
    ses_url: str,
    requests: int = 50,
    job_runs: int = 5,
    settings_path: Path = Path("zappa_settings.json"),
    stage: str = "prod",
    store: str = "DynamoDB Local",
) -> dict[str, Any]:
    """Run the whole load run; return what the measured file holds."""
    run = build_run(store_url, ses_url)
    try:
        actions = measure_actions(run, requests)
        run.samples = []
        run.call("GET", "/health")  # what a keep-warm ping costs at most
        keep_warm = {"label": "keep-warm ping (GET /health as an upper bound)"}
        keep_warm.update(_summary([_totals(run.samples)]))
        jobs = measure_jobs(run, scheduled_jobs(settings_path, stage), job_runs)
    finally:
        logging.getLogger().removeHandler(run.meter.handler)
    return {
        "version": 1,
        "measured_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "store": store,
        "requests_per_action": requests,
        "job_runs": job_runs,
        "stage": stage,
        "notes": [
            "Each figure is the mean per action (all its API requests) or per job run.",
            "ms is wall time in the handler on the measuring machine, warm; aws_ms the part "
            "spent waiting on DynamoDB and SES (local servers here).",
            "Transactional writes are counted twice, as AWS bills them; DynamoDB Local "
            "reports them once.",
        ],
        "actions": actions,
        "keep_warm": keep_warm,
        "jobs": jobs,
    }


def write(figures: dict[str, Any], path: Path) -> None:
    """Write the measured figures as indented JSON."""
    path.write_text(json.dumps(figures, indent=2) + "\n")
