"""Fixtures for the comment emails: the API tests' moto server and apps, threads, comments.

Emails are read back from moto's SES over HTTP, as a mail client would get them
(``tests/api/test_events_mail_support``); the links in them are followed with
the app's test client, as a visitor's browser would.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import pytest

from api.comments import catalog, service, store

from ..api.conftest import (  # noqa: F401  (fixtures used by name)
    ORIGIN,
    OWNER_EMAIL,
    SECRET,
    app,
    build_app,
    client,
    dynamodb_local_url,
    make_app,
    moto_url,
    store_url,
)

THREAD = "posts/hello"  # moderation "first": a newcomer's comment waits
OPEN_THREAD = "posts/open"  # moderation "none": shown at once


def thread_entry(slug: str, **changes: Any) -> dict[str, Any]:
    """Return one entry of the build's /comments/threads.json."""
    return {
        "kind": "posts",
        "slug": slug,
        "url": f"/blog/{slug}/",
        "title": slug.replace("-", " ").title(),
        "date": "2026-11-01",
        "comments": "open",
        "moderation": "first",
        "ratings": False,
        **changes,
    }


@pytest.fixture
def app(make_app, store_url):  # noqa: F811  (a comment app, threads synced, on each store)
    app = make_app(store_url, contact_rate_limit=10**6)
    feed = {
        "version": 1,
        "threads": [thread_entry("hello"), thread_entry("open", moderation="none")],
    }
    report = catalog.sync(services_of(app).table, feed, datetime.now(UTC))
    assert report.ok, report.problems
    return app


def services_of(app: Any) -> Any:
    """Return the app's services (settings, table, SES)."""
    return app.extensions["frostfolio"]


def post(app: Any, thread: str = THREAD, *, inline: bool = True, **fields: Any) -> dict[str, Any]:
    """Store a comment as the API's POST does; its emails go out at once unless not ``inline``.

    ``inline=False`` stores it outside any request, as if the request had died
    right after its transaction: only the mail job can send its emails then.
    """
    services = services_of(app)
    body = {"name": "Ada Lovelace", "text": f"A thought, {uuid.uuid4().hex[:8]}.", **fields}
    author = service.Author(
        owner=bool(body.pop("owner", False)), visitor=uuid.uuid4().hex, client="c"
    )
    meta = store.get_thread(services.table, thread)
    if not inline:
        return service.post(services, meta, body, author, datetime.now(UTC))
    with app.test_request_context("/"):
        return service.post(services, meta, body, author, datetime.now(UTC))


def approve(app: Any, comment: dict[str, Any]) -> dict[str, Any]:
    """Approve a comment as the owner does from the dashboard (emails sent from the request)."""
    with app.test_request_context("/"):
        return service.moderate(services_of(app), comment["id"], "approved", None)


def stored(app: Any, comment_id: str) -> dict[str, Any] | None:
    """Return a comment as stored now, or None."""
    return store.get(services_of(app).table, comment_id)


def links_in(text: str, page: str) -> list[str]:
    """Return the API paths (``/comments/<page>?t=...``) of the links to ``page`` in a text."""
    pattern = rf"{re.escape(ORIGIN)}/api/comments/{re.escape(page)}\?t=[A-Za-z0-9_.%-]+"
    found = []
    for url in re.findall(pattern, text):
        parts = urlsplit(url)  # the site's /api/... is the same app (api/prefix.py)
        found.append(f"{parts.path}?{parts.query}")
    return found
