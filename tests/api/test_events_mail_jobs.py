"""The reminder job: each confirmed attendee once, run twice, run at once, or cut off halfway.

Sent mail is read back from moto's SES over HTTP (``/moto-api/data.json``).
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import threading
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest

from api.events import deliveries, jobs, reminders
from api.settings import load_settings

from .conftest import ORIGIN, REGION, SECRET, SENDER
from .test_events_mail_support import Crash, FlakySES, address, mails, ses_refused, text_of
from .test_events_support import START, event, reserve, sync, table_of

ROOT = Path(__file__).resolve().parents[2]
DUE = START - timedelta(hours=23)  # inside the default 24 hours before the start


@pytest.fixture
def app(make_app):
    app = make_app(contact_rate_limit=1000)
    sync(app, event(capacity=4, waitlist="auto"))
    return app


def coming(app, n: int) -> list[str]:
    """RSVP ``n`` new addresses through the service; return them."""
    people = [address(f"p{i}") for i in range(n)]
    for to in people:
        reserve(table_of(app), to)
    return people


def reminded(moto_url: str, people: list[str]) -> Counter:
    return Counter({to: len(mails(moto_url, to, "reminder")) for to in people})


def run(app, ses=None, at=DUE):
    services = app.extensions["frostfolio"]
    ses = ses or deliveries.ses_client(services.settings)
    return reminders.send_reminders(services.table, ses, services.settings, at)


def test_the_reminder_job_run_twice_reminds_each_confirmed_attendee_once(app, moto_url, capsys):
    people = coming(app, 4)
    waiting = coming(app, 1)[0]  # the fifth waits: no reminder
    services = app.extensions["frostfolio"]
    first = jobs.send_reminders({}, None, services=services, now=DUE)
    second = jobs.send_reminders({}, None, services=services, now=DUE + timedelta(minutes=15))
    assert first == {"events": 1, "sent": 4}
    assert second == {"events": 1, "already": 4}
    assert reminded(moto_url, people) == Counter(dict.fromkeys(people, 1))
    assert mails(moto_url, waiting, "reminder") == []
    (mail,) = mails(moto_url, people[0], "reminder")
    assert mail["Subject"].startswith("Reminder: Board games night, ")
    assert "/api/events/rsvp/" in text_of(mail) and "Your ticket: " in text_of(mail)
    line = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert line == {"job": "events.send_reminders", "events": 1, "already": 4}


def test_no_reminder_before_its_time_nor_after_the_start(app, moto_url):
    people = coming(app, 2)
    assert run(app, at=START - timedelta(hours=25)) == {"events": 0}
    assert run(app, at=START + timedelta(minutes=1)) == {"events": 0}
    assert reminded(moto_url, people) == Counter(dict.fromkeys(people, 0))


def test_an_attendee_confirmed_inside_the_window_is_not_reminded(app, moto_url):
    people = coming(app, 1)  # a week before the start
    services = app.extensions["frostfolio"]
    ses = deliveries.ses_client(services.settings)
    eight_days = dataclasses.replace(services.settings, event_reminder_hours=24 * 8)
    # Eight days ahead, this RSVP is inside the window: its confirmation is the reminder.
    assert reminders.send_reminders(services.table, ses, eight_days, DUE) == {
        "events": 1,
        "recent": 1,
    }
    assert reminded(moto_url, people) == Counter(dict.fromkeys(people, 0))


def test_a_run_that_fails_halfway_is_finished_by_the_next_runs_each_exactly_once(app, moto_url):
    people = coming(app, 4)
    real = deliveries.ses_client(app.extensions["frostfolio"].settings)
    # SES refuses the second email (down for a moment): the run goes on with the others.
    assert run(app, FlakySES(real, {2}, ses_refused())) == {"events": 1, "sent": 3, "failed": 1}
    assert run(app, real, DUE + timedelta(minutes=1)) == {"events": 1, "already": 3, "busy": 1}
    assert run(app, real, DUE + timedelta(minutes=6)) == {"events": 1, "already": 3, "sent": 1}
    assert run(app, real, DUE + timedelta(minutes=30)) == {"events": 1, "already": 4}
    assert reminded(moto_url, people) == Counter(dict.fromkeys(people, 1))


def test_a_run_cut_off_halfway_is_finished_by_the_next_runs_each_exactly_once(app, moto_url):
    people = coming(app, 4)
    real = deliveries.ses_client(app.extensions["frostfolio"].settings)
    # The process dies (a Lambda timeout) as it calls SES for the third email.
    with pytest.raises(Crash):
        run(app, FlakySES(real, {3}, Crash()))
    assert sum(reminded(moto_url, people).values()) == 2
    # The interrupted email waits for its claim's lease (15 min): it may be in flight.
    assert run(app, real, DUE + timedelta(minutes=5)) == {
        "events": 1,
        "already": 2,
        "busy": 1,
        "sent": 1,
    }
    assert run(app, real, DUE + timedelta(minutes=16)) == {"events": 1, "already": 3, "sent": 1}
    assert reminded(moto_url, people) == Counter(dict.fromkeys(people, 1))


@pytest.mark.dynamodb_local
def test_two_reminder_jobs_at_once_send_each_reminder_once(local_table, moto_url):
    settings = load_settings(
        environ={},
        overrides={
            "table_name": local_table.name,
            "ses_endpoint": moto_url,
            "region": REGION,
            "form_secret": SECRET,
            "ses_sender": SENDER,
            "site_url": ORIGIN,
        },
    )
    sync(local_table, event(capacity=20))
    people = [address(f"q{i}") for i in range(12)]
    for to in people:
        reserve(local_table, to)
    ses = deliveries.ses_client(settings)
    start = threading.Barrier(2)
    results: list[dict] = []

    def job() -> None:
        start.wait()
        results.append(reminders.send_reminders(local_table, ses, settings, DUE))

    threads = [threading.Thread(target=job) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sum(r.get("sent", 0) for r in results) == 12
    assert reminded(moto_url, people) == Counter(dict.fromkeys(people, 1))


def test_the_email_jobs_are_scheduled_and_importable():
    config = json.loads((ROOT / "zappa_settings.json").read_text())
    scheduled = {e["function"]: e["expression"] for e in config["dev"]["events"]}
    for name in ("send_mail", "send_reminders", "ask_for_feedback"):
        assert f"api.events.jobs.{name}" in scheduled
    for function in scheduled:
        module, _, name = function.rpartition(".")
        assert callable(getattr(importlib.import_module(module), name))


class ShortOfTime:
    """A Lambda context with little time left."""

    def get_remaining_time_in_millis(self) -> int:
        return 9_000


def test_a_job_short_of_lambda_time_takes_no_new_email(app, moto_url):
    people = coming(app, 2)
    services = app.extensions["frostfolio"]
    counts = jobs.send_reminders({}, ShortOfTime(), services=services, now=DUE)
    assert counts == {"events": 1, "left_for_next_run": 2}
    assert reminded(moto_url, people) == Counter(dict.fromkeys(people, 0))
    assert jobs.send_reminders({}, None, services=services, now=DUE)["sent"] == 2
