"""The API on the site's origin: every route answers the same at ``/x`` and ``/api/x``.

CloudFront forwards the site's ``/api/*`` with the path unchanged, so the app
must serve each route under both prefixes. The cases come from the URL map (as
in test_hostile_input), so a new route joins without being listed.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import url_for

from .conftest import OWNER_TOKEN, contact_body
from .test_hostile_input import ENDPOINTS, STATE_CHANGING

OWNER = {"Authorization": f"Bearer {OWNER_TOKEN}"}
# What differs from one answer to the next (the health page's clock, the export's stamp).
CHANGING = {"token", "request_id", "id", "next_cursor", "now"}
STAMP = re.compile(r'"exported_at":"[^"]*"')


@pytest.fixture(scope="module")
def app(moto_url):
    from .conftest import build_app

    # Each case sends one request per prefix; the limits must not answer for the route.
    return build_app(moto_url, owner_auth_limit=10**6, contact_rate_limit=10**6)


def _comparable(response: Any) -> Any:
    """What a client reads from an answer, minus what changes on every call."""
    if response.mimetype != "application/json":
        return response.mimetype, STAMP.sub('"exported_at":"…"', response.get_data(as_text=True))
    body = response.get_json()
    if isinstance(body, dict):
        body = {k: ("…" if k in CHANGING else v) for k, v in body.items()}
    return response.mimetype, body


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_every_route_answers_the_same_under_api(app, endpoint):
    client = app.test_client()
    answers = []
    for prefix in ("", "/api"):
        body = {} if endpoint.method in STATE_CHANGING else None
        response = client.open(
            prefix + endpoint.path, method=endpoint.method, json=body, headers=OWNER
        )
        answers.append((response.status_code, _comparable(response)))
    (status, root), (api_status, under_api) = answers
    assert api_status == status
    assert under_api == root


def test_a_message_sent_to_api_contact_is_stored_and_listed(client, owner):
    sent = client.post("/api/contact", json=contact_body(subject="Via the site"))
    assert sent.status_code == 201, sent.get_data(as_text=True)
    listed = client.get("/api/messages", headers=owner).get_json()["messages"]
    assert [m["subject"] for m in listed] == ["Via the site"]
    assert client.get("/messages", headers=owner).get_json()["messages"] == listed


def test_the_openapi_document_is_served_under_both_and_names_the_prefix(client):
    root = client.get("/openapi.json").get_json()
    assert client.get("/api/openapi.json").get_json() == root
    assert "/api" in root["info"]["description"]


@pytest.mark.parametrize("path", ["/apis/health", "/api-health", "/apihealth"])
def test_only_a_whole_api_segment_is_the_prefix(shared_client, path):
    assert shared_client.get(path).status_code == 404


def test_urls_built_under_api_lead_back_to_api(make_app):
    app = make_app()
    app.add_url_rule("/where", "where", lambda: {"health": url_for("health")})
    client = app.test_client()
    # Behind CloudFront, Zappa's SCRIPT_NAME is its stage (the Host is execute-api's);
    # the visitor's URL has no stage, so a link must not carry it.
    execute_api = "https://abc123.execute-api.us-east-1.amazonaws.com/prod"
    assert client.get("/api/where", base_url=execute_api).get_json() == {"health": "/api/health"}
    assert client.get("/where", base_url=execute_api).get_json() == {"health": "/prod/health"}
    assert client.get("/api/where").get_json() == {"health": "/api/health"}
