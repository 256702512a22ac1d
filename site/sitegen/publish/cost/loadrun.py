"""The load run: every public endpoint and the owner's session, N times each, measured.

    make cost-measure        # or: make bench BENCH=cost

Runs the API app in this process (``api.create_app``) against a DynamoDB
store (DynamoDB Local in ``make cost-measure``) and a moto SES server, and
records per visitor action (a contact post is its form token and its post):
API requests (each a Lambda invocation), DynamoDB read and write request
units, time in the handler and the part of it spent waiting on DynamoDB and
SES, response bytes, emails and their bytes, log bytes. The same for one run
of each scheduled job in zappa_settings.json. The cost model reads the file.

The actions are a table (``actions.ACTIONS``): measuring a new endpoint is one entry.
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
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from .actions import ACTIONS, ORIGIN, OWNER_TOKEN, Action, Run
from .meter import Meter

SECRET = "load-run-secret"
SENDER = "site@example.com"
REGION = "us-east-1"
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
    table = Table(settings, client=meter.attach_dynamodb(dynamodb))
    services = Services(settings, table, meter.attach_ses(ses))
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
