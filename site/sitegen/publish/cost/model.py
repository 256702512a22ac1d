"""The monthly bill: each line is units × list price, the total their sum, all in Decimal.

``bill(traffic, setup, measured)`` turns a month's traffic into the units each
AWS service charges for, using the per-request figures the load run measured
(``docs/cost-measured.json``): API requests, DynamoDB units, handler time,
bytes, emails and log lines per visitor action and per scheduled job run.
``cuts`` prices the same month with one setting changed.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from .prices import ASSUME, FREE_GROUPS, PRICES, Price
from .traffic import Setup, Traffic, runs_per_month

ACTIONS = ("contact_posts", "rsvps", "ratings", "comments", "owner_sessions")
FALLBACK = "contact_posts"  # priced like a contact post until its endpoint is measured
GB = Decimal(1024**3)


@dataclass(frozen=True)
class Line:
    """One line of the bill."""

    key: str
    price: Price
    units: Decimal
    note: str = ""

    @property
    def cost(self) -> Decimal:
        """Return units × price."""
        return self.units * self.price.each


@dataclass
class Bill:
    """The lines of a month and what the API's work added up to."""

    lines: list[Line]
    usage: dict[str, Decimal] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        """Return the sum of the lines, at list prices."""
        return sum((line.cost for line in self.lines), Decimal(0))

    def after_free_tier(self) -> Decimal:
        """Return the total after AWS's always-free monthly allowances."""
        total = Decimal(0)
        groups = dict(FREE_GROUPS)
        for line in self.lines:
            units = max(Decimal(0), line.units - line.price.free)
            group = line.price.free_group
            if group:
                taken = min(units, groups[group])
                groups[group] -= taken
                units -= taken
            total += units * line.price.each
        return total


def read_measured(path: Path) -> dict[str, Any]:
    """Read the load run's figures, numbers as Decimal."""
    return json.loads(path.read_text(), parse_float=Decimal, parse_int=Decimal)


def _figures(measured: dict[str, Any], key: str, notes: list[str]) -> dict[str, Any]:
    found = measured["actions"].get(key, {})
    if "samples" in found:
        return found
    notes.append(
        f"{key}: not measured yet ({found.get('skipped', 'missing')}); priced as a "
        f"{FALLBACK.replace('_', ' ')[:-1]}"
    )
    return measured["actions"][FALLBACK]


def lambda_ms(figures: dict[str, Any], memory_mb: int) -> Decimal:
    """Return the billed Lambda milliseconds of one action or job run at ``memory_mb``.

    The CPU part (handler time less the wait on DynamoDB and SES) runs slower
    below a full vCPU, in proportion; the wait does not. Each invocation is
    billed in whole milliseconds.
    """
    cpu = max(Decimal(0), Decimal(figures["ms"]) - Decimal(figures["aws_ms"]))
    scale = max(Decimal(1), Decimal(ASSUME.full_cpu_mb) / Decimal(memory_mb))
    invocations = Decimal(figures["invocations"])
    per_call = (cpu * scale + Decimal(figures["aws_ms"])) / invocations
    return Decimal(math.ceil(per_call)) * invocations


def _work(traffic: Traffic, setup: Setup, measured: dict[str, Any], notes: list[str]):
    """Yield (count a month, figures) for each visitor action, job and keep-warm ping."""
    for key in ACTIONS:
        yield Decimal(getattr(traffic, key)), _figures(measured, key, notes)
    for function, expression in setup.jobs:
        figures = measured["jobs"].get(function)
        if figures is None:
            notes.append(f"{function}: not in the measured file; priced as the keep-warm ping")
            figures = measured["keep_warm"]
        yield runs_per_month(expression), figures
    if setup.keep_warm:
        yield runs_per_month(setup.keep_warm), measured["keep_warm"]


def usage(traffic: Traffic, setup: Setup, measured: dict[str, Any], notes: list[str]) -> dict:
    """Add up the API's work in a month: invocations, units, seconds, bytes, emails."""
    total = dict.fromkeys(
        ("invocations", "api_requests", "rru", "wru", "gb_seconds", "api_bytes", "emails",
         "email_bytes", "log_bytes"),
        Decimal(0),
    )  # fmt: skip
    memory_gb = Decimal(setup.memory_mb) / Decimal(1024)
    work = list(_work(traffic, setup, measured, notes))
    for index, (count, figures) in enumerate(work):
        invocations = count * Decimal(figures["invocations"])
        total["invocations"] += invocations
        if index < len(ACTIONS):  # visitors and the owner come through CloudFront
            total["api_requests"] += invocations
            total["api_bytes"] += count * Decimal(figures["response_bytes"])
            total["api_bytes"] += invocations * ASSUME.edge_header_bytes
        total["rru"] += count * Decimal(figures["rru"])
        total["wru"] += count * Decimal(figures["wru"])
        total["gb_seconds"] += count * lambda_ms(figures, setup.memory_mb) / 1000 * memory_gb
        total["emails"] += count * Decimal(figures["emails"])
        total["email_bytes"] += count * Decimal(figures["email_bytes"])
        total["log_bytes"] += count * Decimal(figures["log_bytes"])
        total["log_bytes"] += invocations * ASSUME.platform_log_bytes
    return total


def bill(traffic: Traffic, setup: Setup, measured: dict[str, Any]) -> Bill:
    """Price a month of ``traffic`` on ``setup`` with the measured per-request figures."""
    notes: list[str] = []
    use = usage(traffic, setup, measured, notes)
    page_requests = Decimal(traffic.page_views) * traffic.requests_per_page_view
    page_gb = Decimal(traffic.page_views) * traffic.kb_per_page_view * 1024 / GB
    logs_gb = use["log_bytes"] / GB
    if setup.log_retention_days is None:
        kept = Decimal(traffic.log_months_never_expire)
        notes.append(f"logs never expire: storage after {kept} months")
    else:
        kept = Decimal(setup.log_retention_days) * 12 / 365
    lists = Decimal(math.ceil(traffic.site_files / 1000))
    site_gb = traffic.site_mb / 1024
    table_gb = traffic.table_mb / 1024
    units = [
        ("cloudfront_requests", page_requests + use["api_requests"], "pages and API"),
        ("cloudfront_transfer", page_gb + use["api_bytes"] / GB, "pages and API answers"),
        ("cloudfront_functions", page_requests, "index.html rewrite on site requests"),
        (
            "cloudfront_invalidations",
            max(Decimal(0), Decimal(traffic.deploys * traffic.paths_per_deploy) - 1000),
            "",
        ),
        ("s3_storage", site_gb, "the built site"),
        ("s3_get", page_requests * (1 - traffic.cache_hit_ratio), "CloudFront cache misses"),
        ("s3_put", Decimal(traffic.deploys) * (traffic.files_per_deploy + lists + 1), "deploys"),
        ("apigateway_requests", use["api_requests"], ""),
        ("lambda_requests", use["invocations"], "API requests, jobs, keep-warm"),
        ("lambda_compute", use["gb_seconds"], f"at {setup.memory_mb} MB"),
        ("dynamodb_writes", use["wru"], "measured per request"),
        ("dynamodb_reads", use["rru"], "measured per request"),
        ("dynamodb_storage", table_gb, ""),
        ("dynamodb_pitr", table_gb, ""),
        ("ses_emails", use["emails"], "measured per request"),
        ("ses_data", use["email_bytes"] / GB, ""),
        ("logs_ingestion", logs_gb, "access log, job lines, Lambda's own"),
        ("logs_storage", logs_gb * ASSUME.log_compression * kept, _kept(setup)),
        ("alarms", Decimal(setup.alarms), "docs/aws/stack.yaml"),
    ]
    lines = [Line(key, PRICES[key], amount, note) for key, amount, note in units]
    return Bill(lines, use, notes)


def _kept(setup: Setup) -> str:
    days = setup.log_retention_days
    return "never expire" if days is None else f"kept {days} days"


def dollars(amount: Decimal, places: str = "0.01") -> str:
    """Format an amount of USD, rounded half up."""
    return f"${amount.quantize(Decimal(places), rounding=ROUND_HALF_UP):,}"


@dataclass(frozen=True)
class Cut:
    """A setting changed, and what the month costs with it."""

    what: str
    total: Decimal
    saves: Decimal


def _halve_five_minute_jobs(setup: Setup) -> Setup:
    jobs = tuple((f, "rate(15 minutes)" if e == "rate(5 minutes)" else e) for f, e in setup.jobs)
    return dataclasses.replace(setup, jobs=jobs)


def alternatives(setup: Setup) -> Iterable[tuple[str, Setup]]:
    """Yield the settings worth trying, each with one change."""
    days = setup.log_retention_days
    if days is None or days > 7:
        yield "log retention 7 days", dataclasses.replace(setup, log_retention_days=7)
    if days is not None:
        yield (
            "logs never expire (for comparison)",
            dataclasses.replace(setup, log_retention_days=None),
        )
    if setup.keep_warm:
        yield "keep-warm off", dataclasses.replace(setup, keep_warm=None)
    for memory in (128, 512, 1024):
        if memory != setup.memory_mb:
            yield f"memory {memory} MB", dataclasses.replace(setup, memory_mb=memory)
    if any(e == "rate(5 minutes)" for _, e in setup.jobs):
        yield "jobs every 5 minutes run every 15", _halve_five_minute_jobs(setup)


def cuts(traffic: Traffic, setup: Setup, measured: dict[str, Any]) -> list[Cut]:
    """Price the month again for each alternative setting."""
    base = bill(traffic, setup, measured).total
    out = []
    for what, changed in alternatives(setup):
        total = bill(traffic, changed, measured).total
        out.append(Cut(what, total, base - total))
    return out
