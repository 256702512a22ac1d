"""The mail job: what a request could not send goes out later, each email once, none lost."""

from __future__ import annotations

import importlib
import json
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from api.comments import catalog, jobs, mailer, outbox

from ..api.test_events_mail_support import FlakySES, address, mails, ses_refused
from .conftest import OPEN_THREAD, OWNER_EMAIL, THREAD, post, services_of, thread_entry

ROOT = Path(__file__).resolve().parents[2]


def run_job(app, minutes: float = 2) -> dict:
    later = datetime.now(UTC) + timedelta(minutes=minutes)
    return jobs.send_mail({}, None, services=services_of(app), now=later)


def about(moto_url: str, to: str, comment_id: str, kind: str) -> int:
    return sum(comment_id in m.as_string() for m in mails(moto_url, to, kind))


def sync(app) -> None:
    feed = {"version": 1, "threads": [thread_entry("hello")]}
    assert catalog.sync(services_of(app).table, feed, datetime.now(UTC)).ok


def waiting(app) -> list:
    return outbox.pending(services_of(app).table)


def test_the_job_sends_what_a_dead_request_left_each_once(app, moto_url):
    ada, bob = address("ada"), address("bob")
    first = post(app, THREAD, inline=False, email=ada, notify=True, text="Left behind.")
    second = post(app, OPEN_THREAD, inline=False, email=bob, text="Me too.")
    assert about(moto_url, OWNER_EMAIL, first["id"], "comment-owner") == 0
    assert len(waiting(app)) == 2

    early = jobs.send_mail({}, None, services=services_of(app), now=datetime.now(UTC))
    assert early["notifications_left"] == 2  # a request's own minute is left to it

    counts = run_job(app)
    assert counts["sent"] == 3 and counts["notifications_done"] == 2
    assert about(moto_url, OWNER_EMAIL, first["id"], "comment-owner") == 1
    assert about(moto_url, OWNER_EMAIL, second["id"], "comment-owner") == 1
    assert len(mails(moto_url, ada, "comment-confirm")) == 1
    assert waiting(app) == []
    assert run_job(app) == {"notifications_done": 0, "notifications_left": 0}
    assert about(moto_url, OWNER_EMAIL, first["id"], "comment-owner") == 1


def test_a_request_that_sent_its_emails_leaves_nothing_twice(app, moto_url):
    ada = address("ada")
    comment = post(app, THREAD, email=ada, notify=True, text="Sent from the request.")
    assert about(moto_url, OWNER_EMAIL, comment["id"], "comment-owner") == 1
    counts = run_job(app)
    assert counts.get("already") == 2 and counts["notifications_done"] == 1
    assert about(moto_url, OWNER_EMAIL, comment["id"], "comment-owner") == 1
    assert len(mails(moto_url, ada, "comment-confirm")) == 1


def test_ses_refusing_an_email_keeps_it_for_a_later_run(app, moto_url):
    ada = address("ada")
    comment = post(app, THREAD, inline=False, email=ada, notify=True, text="SES is down.")
    services = services_of(app)
    from api.events import deliveries

    flaky = FlakySES(deliveries.ses_client(services.settings), {1}, ses_refused())
    later = datetime.now(UTC) + timedelta(minutes=2)
    counts = mailer.send_pending(services.table, flaky, services.settings, later)
    assert counts["failed"] == 1 and counts["notifications_left"] == 1
    assert len(waiting(app)) == 1  # not lost
    counts = mailer.send_pending(
        services.table, flaky, services.settings, later + timedelta(minutes=10)
    )
    assert counts["notifications_done"] == 1
    assert about(moto_url, OWNER_EMAIL, comment["id"], "comment-owner") == 1
    assert len(mails(moto_url, ada, "comment-confirm")) == 1


def test_the_job_is_scheduled_and_importable():
    config = json.loads((ROOT / "zappa_settings.json").read_text())
    scheduled = {e["function"]: e["expression"] for e in config["dev"]["events"]}
    assert scheduled["api.comments.jobs.send_mail"] == "rate(5 minutes)"
    module, _, name = "api.comments.jobs.send_mail".rpartition(".")
    assert callable(getattr(importlib.import_module(module), name))


@pytest.mark.dynamodb_local
def test_two_jobs_at_once_send_each_email_once(make_app, dynamodb_local_url, moto_url):
    app = make_app(dynamodb_local_url, contact_rate_limit=10**6)
    sync(app)
    people = [address(f"p{n}") for n in range(6)]
    comments = [
        post(app, THREAD, inline=False, email=who, notify=True, text=f"Race {n}.")
        for n, who in enumerate(people)
    ]
    services = services_of(app)
    from api.events import deliveries

    ses = deliveries.ses_client(services.settings)
    later = datetime.now(UTC) + timedelta(minutes=2)
    start, results = threading.Barrier(3), []

    def job() -> None:
        start.wait()
        results.append(mailer.send_pending(services.table, ses, services.settings, later))

    threads = [threading.Thread(target=job) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sum(r.get("sent", 0) for r in results) == 12  # 6 to the owner, 6 confirmations
    for comment, who in zip(comments, people, strict=True):
        assert about(moto_url, OWNER_EMAIL, comment["id"], "comment-owner") == 1
        assert len(mails(moto_url, who, "comment-confirm")) == 1
    mailer.send_pending(services.table, ses, services.settings, later)
    assert waiting(app) == []
