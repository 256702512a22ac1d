"""Fixtures for the backup and health tests: apps on DynamoDB Local, a table full of every kind.

The servers and app builders are the API tests' (tests/api/conftest.py);
`filled_app` writes every item type the API writes today, through the real
endpoints where a visitor or the owner would, and the services elsewhere.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from api.comments import catalog
from api.health import records
from api.jobs import retry_notifications
from api.storage import Table
from api.tables import create_table

from ..api.conftest import (  # noqa: F401 - fixtures used here by name
    OWNER_TOKEN,
    _client,
    _settings,
    build_app,
    contact_body,
    dynamodb_local_url,
    moto_url,
)
from ..api.test_events_support import event, rsvp_body, sync
from ..comments_api.conftest import comment_body, thread_entry

OWNER = {"Authorization": f"Bearer {OWNER_TOKEN}"}
FULL_EVENT = "tiny-dinner"


def services_of(app: Any) -> Any:
    """Return an app's services (settings, table, SES)."""
    return app.extensions["frostfolio"]


def new_table(url: str, moto: str) -> Table:
    """Create another, empty table in the store at ``url``."""
    settings = _settings(url, moto, table_name=f"r-{uuid.uuid4().hex[:12]}")
    create_table(settings, client=_client("dynamodb", url))
    return Table(settings, client=_client("dynamodb", url))


@pytest.fixture
def local_app(moto_url: str, dynamodb_local_url: str) -> Any:  # noqa: F811
    """An API app on a fresh table in DynamoDB Local (SES on moto), plain-http cookies."""
    return build_app(
        moto_url, dynamodb_local_url, cookie_secure=False, owner_auth_limit=100, signin_limit=100
    )


# Values of every DynamoDB type, in a kind no feature writes yet (money, later).
OTHER_KINDS: list[dict[str, Any]] = [
    {
        "pk": "TXN#2026-12",
        "sk": "2026-12-01#t1",
        "amount": Decimal("-12.3400000000000000000000000000000001"),
        "tiny": Decimal("1E-130"),
        "huge": Decimal("12345678901234567890123456789012345678"),
        "tags": {"food", "été"},
        "splits": {Decimal("1.5"), Decimal("-2"), Decimal("10")},
        "receipt": b"\x00\xffbinary\n",
        "thumbs": {b"\x01", b"\x00\x02"},
        "nested": {"a": [1, "two", None, True, {"deep": Decimal("0.1")}], "empty": ""},
        "text": 'Première ligne\u2028second line, \U0001f95e and "quotes"\n',
        "nothing": None,
        "flag": False,
        "empty_list": [],
        "empty_map": {},
    },
]


def _comments_and_ratings(app: Any) -> None:
    # Threads as `python -m api.comments sync` stores them; a comment asking for
    # replies by email, a reply, an upvote, a held comment, a recipe's rating.
    client = app.test_client()
    catalog.sync(
        services_of(app).table,
        {
            "version": 1,
            "threads": [
                thread_entry("posts", "hello"),
                thread_entry("posts", "held", moderation="all"),
                thread_entry("recipes", "pancakes"),
            ],
        },
        datetime.now(UTC),
    )
    first = client.post("/threads/posts/hello/comments", json=comment_body(notify=True))
    assert first.status_code == 201, first.get_data(as_text=True)
    parent = first.get_json()["comment"]["id"]
    reply = client.post(
        "/threads/posts/hello/comments", json=comment_body(text="Thanks!", parent=parent)
    )
    assert reply.status_code == 201, reply.get_data(as_text=True)
    held = client.post("/threads/posts/held/comments", json=comment_body(text="Wait for me"))
    assert held.status_code in (201, 202), held.get_data(as_text=True)
    voted = client.put(f"/comments/{parent}/vote", json={"visitor": "v" * 20})
    assert voted.status_code == 200, voted.get_data(as_text=True)
    rated = client.put("/recipes/pancakes/rating", json={"rating": 5, "visitor": "r" * 20})
    assert rated.status_code in (200, 201), rated.get_data(as_text=True)


def fill(app: Any) -> None:
    """Write every item type the API writes today into the app's table."""
    client = app.test_client()
    services = services_of(app)
    table = services.table
    # Contact messages (and the inbox's counts), one read, one with its notification pending.
    for n in range(3):
        posted = client.post("/contact", json=contact_body(subject=f"Hello {n}"))
        assert posted.status_code == 201, posted.get_data(as_text=True)
    first = client.get("/messages", headers=OWNER).get_json()["messages"][0]
    read = client.patch(f"/messages/{first['id']}", json={"read": True}, headers=OWNER)
    assert read.status_code == 200
    table.put_new({"pk": "NOTIFY#pending", "sk": first["id"].replace("-", "#"), "type": "notify"})
    # A device signed in (a session), a sign-in link, a wrong token (a rate-limit window).
    signed = client.post("/owner/session", json={"token": OWNER_TOKEN})
    assert signed.status_code in (200, 201), signed.get_data(as_text=True)
    assert client.post("/owner/signin-link", json={}).status_code == 202
    assert client.get("/inbox", headers={"Authorization": "Bearer wrong"}).status_code == 401
    # Events: seats, RSVPs, a waiting party, notifications, emails' records.
    sync(app, event(), event(FULL_EVENT, capacity=1))
    for email in ("ada@example.org", "bob@example.org"):
        sent = client.post(f"/events/{FULL_EVENT}/rsvp", json=rsvp_body(email, FULL_EVENT))
        assert sent.status_code in (200, 201, 202), sent.get_data(as_text=True)
    sent = client.post("/events/board-games/rsvp", json=rsvp_body("cy@example.org"))
    assert sent.status_code in (200, 201, 202), sent.get_data(as_text=True)
    # A scheduled job's run, a deploy, a server error: the health page's records.
    retry_notifications({}, None, services=services)
    records.record_deploy(table, "dev", datetime.now(UTC), "abc123", api=True)
    records.record_error(table, datetime.now(UTC), "f" * 32, "GET", "/inbox", 500, "internal")
    _comments_and_ratings(app)
    for item in OTHER_KINDS:
        table.put_new(item)
