"""Schemathesis on the events endpoints, against an app that has events and RSVPs.

The API-wide runs (tests/api/test_openapi.py) reach these operations too, but
their table holds no events, so every case ends at 404. Here the example event
exists and half the cases carry what no schema can generate: a form token the
API signed for the event, a manage link of a real RSVP, answers to the event's
own questions. The one accepted failure class, as for contact: a schema-valid
RSVP or change may still be refused 422 for what only the event knows (its
questions, its max_party) or without a signed token; positive_data_acceptance
is skipped for exactly those cases, every other check runs on every case.
"""

from __future__ import annotations

import zlib

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.specs.openapi.checks import positive_data_acceptance

from api.events import audit

from .test_events_support import (
    EVENT_ID,
    event,
    manage_path,
    rsvp_body,
    rsvp_token,
    rsvps_of,
    sync,
    table_of,
)

QUESTIONS = {"answer_diet", "answer_games", "answer_level"}
FITTED = "X-Test-Fitted"  # marks a case given what the event accepts (the API ignores it)


def _all_checks() -> list:
    load_all_checks()
    return [c for c in CHECKS.get_all() if not isinstance(c, type)]


def _real(case, link: str):
    """Give half the cases what a visitor's browser would have: a token, a link, real answers."""
    if zlib.crc32(repr((case.body, case.path_parameters, case.query)).encode()) % 2:
        return case
    case.headers = {**(case.headers or {}), FITTED: "1"}
    if "event_id" in (case.path_parameters or {}):
        case.path_parameters["event_id"] = EVENT_ID
    if "token" in (case.path_parameters or {}):
        case.path_parameters["token"] = link.rsplit("/", 1)[1]
    if isinstance(case.body, dict):
        for key in [k for k in case.body if k.startswith("answer_") and k not in QUESTIONS]:
            del case.body[key]
        if case.body.get("answer_level") not in (None, "new", "casual", "expert"):
            case.body["answer_level"] = "new"
        if "answer_games" in case.body:
            case.body["answer_games"] = "yes"
        party = case.body.get("party")
        if isinstance(party, int | float) and not isinstance(party, bool):
            case.body["party"] = 1 + int(party) % 4
        if case.operation.label.endswith("/rsvp"):
            case.body.update(token=rsvp_token(), answer_games="yes")
    return case


def _fitted(case) -> bool:
    """Tell whether the event can accept a case: fitted, or with no body to refuse."""
    return bool((case.headers or {}).get(FITTED)) or not case.operation.body


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_schemathesis_on_the_events_endpoints_finds_nothing(make_app, mode):
    app = make_app(contact_rate_limit=10**6)
    sync(app, event(capacity=5, questions=event()["questions"]))
    client = app.test_client()
    first = client.post(f"/events/{EVENT_ID}/rsvp", json=rsvp_body())
    link = manage_path(first.get_json())
    schema = schemathesis.openapi.from_wsgi("/openapi.json", app)
    # The feedback link's page has its own run (test_events_mail_feedback.py).
    operations = [
        r.ok()
        for r in schema.get_all_operations()
        if r.ok().path.startswith("/events") and not r.ok().path.startswith("/events/feedback")
    ]
    assert len(operations) == 7
    checks = _all_checks()
    for operation in operations:
        has_input = operation.body or operation.query or operation.path_parameters
        if mode is GenerationMode.NEGATIVE and not has_input:
            continue
        strategy = operation.as_strategy(generation_mode=mode)
        if mode is GenerationMode.POSITIVE:
            strategy = strategy.map(lambda case: _real(case, link))

        @given(case=strategy)
        @settings(
            max_examples=25,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def check(case):
            excluded = [] if _fitted(case) else [positive_data_acceptance]
            case.call_and_validate(checks=checks, excluded_checks=excluded)

        check()
    if mode is GenerationMode.POSITIVE:  # the fitted cases got through to the service
        stored = rsvps_of(table_of(app))
        assert len(stored) > 5 and {"confirmed", "waitlisted"} <= {r["status"] for r in stored}
        assert audit.audit(table_of(app), EVENT_ID) == []
