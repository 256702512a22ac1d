"""Feedback after an event: the request emailed once, a form without JavaScript, one answer each."""

from __future__ import annotations

import threading
import zlib
from datetime import UTC, datetime, timedelta

import pytest
import schemathesis
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.specs.openapi.checks import positive_data_acceptance

from api.events import feedback, jobs, keys
from api.events.rules import Conflict

from .conftest import OWNER_TOKEN, assert_error
from .test_events_mail_support import address, mails, text_of
from .test_events_support import EVENT_ID, event, reserve, sync, table_of

FITTED = "X-Test-Fitted"  # marks a case given a real link (the API ignores it)
NOW = datetime.now(UTC).replace(microsecond=0)
PAST = {
    "start": (NOW - timedelta(hours=5)).isoformat(),
    "end": (NOW - timedelta(hours=2)).isoformat(),
}


def held(table, people: list[str]) -> None:
    """RSVP while the event is ahead, then move it into the past (as a later deploy would)."""
    sync(table, event(capacity=3, waitlist="auto"))
    for to in people:
        reserve(table, to)
    sync(table, event(capacity=3, waitlist="auto", **PAST))


@pytest.fixture
def app(make_app):
    return make_app(contact_rate_limit=1000)


def ask(app, when=NOW):
    return jobs.ask_for_feedback({}, None, services=app.extensions["frostfolio"], now=when)


def link_path(moto_url: str, to: str) -> str:
    (mail,) = mails(moto_url, to, "feedback")
    url = next(line for line in text_of(mail).splitlines() if "/events/feedback/" in line)
    return "/" + url.split("/api/", 1)[1]


def test_each_confirmed_attendee_is_asked_once_after_the_event(app, moto_url):
    people = [address(n) for n in ("a", "b", "c", "d")]
    held(table_of(app), people)  # three seats: the fourth waits and is not asked
    assert ask(app, NOW - timedelta(hours=1, minutes=59)) == {"events": 0}  # within the hour
    assert ask(app) == {"events": 1, "sent": 3}
    assert ask(app, NOW + timedelta(hours=1)) == {"events": 1, "already": 3}
    assert [len(mails(moto_url, to, "feedback")) for to in people] == [1, 1, 1, 0]
    (mail,) = mails(moto_url, people[0], "feedback")
    assert mail["Subject"] == "How was Board games night?"
    assert "not your name" in text_of(mail)
    assert ask(app, NOW + timedelta(days=8)) == {"events": 0}  # too late to ask


def test_only_those_checked_in_are_asked_when_the_door_checked_anyone_in(app, moto_url):
    people = [address(n) for n in ("a", "b", "c")]
    table = table_of(app)
    held(table, people)
    # What the door's check-in writes on the RSVP (api.events.checkin).
    table.update(
        keys.event_pk(EVENT_ID),
        keys.rsvp_sk(keys.email_hash(people[1])),
        "SET checked_in_at = :now",
        {":now": keys.stamp(NOW)},
    )
    assert ask(app) == {"events": 1, "sent": 1}
    assert [len(mails(moto_url, to, "feedback")) for to in people] == [0, 1, 0]


def test_the_form_works_without_javascript_and_takes_one_answer(app, moto_url):
    to = address()
    held(table_of(app), [to])
    ask(app)
    path = link_path(moto_url, to)
    client = app.test_client()
    page = client.get(path, headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.mimetype == "text/html"
    assert page.headers["X-Robots-Tag"] == "noindex"
    form = BeautifulSoup(page.data, "html.parser").find("form")
    assert form["method"] == "post" and not form.get("action")  # posts back to the link
    assert [i["value"] for i in form.find_all("input", attrs={"name": "rating"})] == list("12345")
    assert form.find("textarea", attrs={"name": "comment"})

    missing = client.post(path, data={"comment": "Lovely"})
    assert missing.status_code == 422 and missing.mimetype == "text/html"
    soup = BeautifulSoup(missing.data, "html.parser")
    assert soup.find(id="rating-error").get_text() == "This field is required."
    assert soup.find("textarea").get_text() == "Lovely"  # what was typed is kept

    sent = client.post(path, data={"rating": "4", "comment": "Lovely evening.\nMore games!"})
    assert sent.status_code == 303 and sent.headers["Location"].endswith(f"{path}?done=thanks")
    thanks = client.get(f"{path}?done=thanks", headers={"Accept": "text/html"})
    text = BeautifulSoup(thanks.data, "html.parser").get_text()
    assert "your feedback is saved" in text and "4 out of 5" in text
    assert BeautifulSoup(thanks.data, "html.parser").find("form") is None

    again = client.post(path, data={"rating": "1"})
    assert again.status_code == 409 and "already sent feedback" in again.get_data(as_text=True)
    shown = client.get(path, headers={"Accept": "application/json"}).get_json()
    assert shown["open"] is False
    assert shown["feedback"]["rating"] == 4
    assert shown["feedback"]["comment"] == "Lovely evening.\nMore games!"


def test_json_answers_are_counted_for_the_owner(app, moto_url):
    people = [address(n) for n in ("a", "b", "c")]
    held(table_of(app), people)
    ask(app)
    client = app.test_client()
    paths = [link_path(moto_url, to) for to in people]
    assert_error(client.post(paths[0], json={"rating": 6}), 422, "invalid_fields")
    assert_error(client.post(paths[0], json={"rating": 5, "name": "x"}), 422, "invalid_fields")
    first = client.post(paths[0], json={"rating": 5})
    assert first.status_code == 201 and first.get_json()["feedback"]["rating"] == 5
    client.post(paths[1], json={"rating": 3, "comment": "Too loud."})
    assert_error(client.post(paths[1], json={"rating": 1}), 409, "feedback_given")
    results = feedback.results(table_of(app), EVENT_ID)
    assert results["count"] == 2 and results["average"] == 4.0
    assert results["distribution"] == {"1": 0, "2": 0, "3": 1, "4": 0, "5": 1}
    assert [(c["rating"], c["comment"]) for c in results["comments"]] == [(3, "Too loud.")]
    owner = {"Authorization": f"Bearer {OWNER_TOKEN}"}  # what the owner's page reads
    shown = client.get(f"/owner/events/{EVENT_ID}/feedback", headers=owner).get_json()
    assert shown["feedback"] == results


def test_links_that_are_not_ours_or_too_early_are_refused(app):
    to = address()
    table = table_of(app)
    sync(table, event(capacity=3))
    rsvp = reserve(table, to)
    client = app.test_client()
    path = f"/events/feedback/{feedback.token('test-form-secret', rsvp)}"
    assert_error(client.post(path, json={"rating": 5}), 409, "feedback_not_open")
    assert client.get(path, headers={"Accept": "application/json"}).get_json()["open"] is False
    early = client.get(path, headers={"Accept": "text/html"})
    assert early.status_code == 409 and "opens when the event starts" in early.get_data(
        as_text=True
    )
    forged = "/events/feedback/" + feedback.token("another-secret", rsvp)
    assert_error(client.get(forged, headers={"Accept": "application/json"}), 404, "link_invalid")
    assert client.get(forged, headers={"Accept": "text/html"}).status_code == 404
    # A manage link is not a feedback link, nor the reverse (different salts).
    from api.events import tokens

    manage = "/events/feedback/" + tokens.manage_token("test-form-secret", rsvp)
    assert_error(client.post(manage, json={"rating": 5}), 404, "link_invalid")


@pytest.mark.dynamodb_local
def test_two_answers_sent_at_once_store_one(local_table):
    to = address()
    held(local_table, [to])
    rsvp = local_table.get(keys.event_pk(EVENT_ID), keys.rsvp_sk(keys.email_hash(to)))
    start, outcomes = threading.Barrier(4), []

    def answer(rating: int) -> None:
        start.wait()
        try:
            feedback.give(local_table, rsvp, rating, "", NOW)
            outcomes.append("stored")
        except Conflict:
            outcomes.append("refused")

    threads = [threading.Thread(target=answer, args=(r,)) for r in (1, 2, 3, 4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["refused", "refused", "refused", "stored"]
    assert feedback.results(local_table, EVENT_ID)["count"] == 1


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_schemathesis_on_the_feedback_page_finds_nothing(app, mode):
    """Every check, with half the cases given a real link of an attendee who has not answered."""
    people = [address(f"s{i}") for i in range(60)]
    table = table_of(app)
    sync(table, event(capacity=100))
    rsvps = [reserve(table, to) for to in people]
    sync(table, event(capacity=100, **PAST))
    fresh = iter(feedback.token("test-form-secret", r) for r in rsvps)
    seen = feedback.token("test-form-secret", rsvps[0])

    def real(case):
        if zlib.crc32(repr((case.body, case.path_parameters, case.query)).encode()) % 2:
            return case
        case.headers = {**(case.headers or {}), FITTED: "1"}
        posting = case.method.upper() == "POST"
        case.path_parameters["token"] = next(fresh) if posting else seen
        if posting and isinstance(case.body, dict):
            rating = case.body.get("rating")
            if isinstance(rating, int | float) and not isinstance(rating, bool):
                case.body["rating"] = 1 + int(rating) % 5
        return case

    load_all_checks()
    checks = [c for c in CHECKS.get_all() if not isinstance(c, type)]
    schema = schemathesis.openapi.from_wsgi("/openapi.json", app)
    operations = [
        r.ok() for r in schema.get_all_operations() if r.ok().path.startswith("/events/feedback")
    ]
    assert len(operations) == 2
    for operation in operations:
        strategy = operation.as_strategy(generation_mode=mode)
        if mode is GenerationMode.POSITIVE:
            strategy = strategy.map(real)

        @given(case=strategy)
        @settings(
            max_examples=25,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def check(case):
            fitted = bool((case.headers or {}).get(FITTED)) or not case.operation.body
            excluded = [] if fitted else [positive_data_acceptance]
            case.call_and_validate(checks=checks, excluded_checks=excluded)

        check()
    if mode is GenerationMode.POSITIVE:  # fitted answers got through and were counted
        assert feedback.results(table, EVENT_ID)["count"] > 3


def test_the_feedback_pages_and_the_email_are_valid_html(app, moto_url, tmp_path):
    from tests.nu import assert_valid_html

    from .test_events_mail_support import html_of

    to = address()
    held(table_of(app), [to])
    ask(app)
    path = link_path(moto_url, to)
    client = app.test_client()
    html = {"form": client.get(path, headers={"Accept": "text/html"}).get_data(as_text=True)}
    html["errors"] = client.post(path, data={"comment": "x" * 2001}).get_data(as_text=True)
    client.post(path, data={"rating": "5"})
    html["thanks"] = client.get(f"{path}?done=thanks", headers={"Accept": "text/html"}).get_data(
        as_text=True
    )
    html["email"] = html_of(mails(moto_url, to, "feedback")[0])
    for name, text in html.items():
        # The bundled checker's CSS grammar predates color-scheme (2022), which the
        # events pages' stylesheet sets; every other message fails the test.
        (tmp_path / f"{name}.html").write_text(text.replace(";color-scheme:light dark", ""))
    assert_valid_html(tmp_path)
