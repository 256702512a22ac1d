"""Fixtures for the comments API: the API tests' stores and apps, threads, valid posts."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

import pytest

from api.comments import catalog
from api.security import issue_token

from ..api.conftest import (  # noqa: F401  (fixtures used by name)
    ORIGIN,
    OWNER_TOKEN,
    SECRET,
    aged_token,
    app,
    build_app,
    client,
    dynamodb_local_url,
    local_table,
    make_app,
    moto_url,
    owner,
    store_url,
    table,
)


def thread_entry(kind: str = "posts", slug: str = "hello", **changes: Any) -> dict[str, Any]:
    """Return one entry of the build's /comments/threads.json (None removes a key)."""
    entry: dict[str, Any] = {
        "kind": kind,
        "slug": slug,
        "url": f"/{'blog' if kind == 'posts' else kind}/{slug}/",
        "title": slug.replace("-", " ").title(),
        "date": "2026-11-01",
        "comments": "open",
        "moderation": "none",
        "ratings": kind == "recipes",
    }
    for key, value in changes.items():
        if value is None:
            entry.pop(key, None)
        else:
            entry[key] = value
    return entry


def sync_threads(app_or_table: Any, *entries: dict[str, Any]) -> catalog.Report:
    """Store these threads as `python -m api.comments sync` would."""
    ext = getattr(app_or_table, "extensions", None)
    where = ext["frostfolio"].table if ext else app_or_table
    return catalog.sync(where, {"version": 1, "threads": list(entries)}, datetime.now(UTC))


def comment_body(**changes: Any) -> dict[str, Any]:
    """Return a valid comment post with ``changes`` applied (None removes a key)."""
    body: dict[str, Any] = {
        "name": "Ada Lovelace",
        "email": "ada@example.org",
        "text": "I enjoyed this post about engines.",
        "website": "",
        "token": comment_token(),
    }
    for key, value in changes.items():
        if value is None:
            body.pop(key, None)
        else:
            body[key] = value
    return body


def comment_token(seconds: float = 10) -> str:
    """Return a comment form token issued ``seconds`` ago."""
    return issue_token(SECRET, "comment", now=time.time() - seconds)


ROOMY = {
    "comment_rate_limit": 1000,
    "comment_subnet_limit": 1000,
    "comment_rate_window": 10**8,
    "vote_rate_limit": 1000,
}


@pytest.fixture
def site(moto_url: str) -> Any:  # noqa: F811
    """Give an app (limits out of the way) with threads of every setting."""
    built = build_app(moto_url, **ROOMY)
    sync_threads(
        built,
        thread_entry("posts", "open-post", moderation="none"),
        thread_entry("posts", "moderated", moderation="all"),
        thread_entry("posts", "first-time", moderation="first"),
        thread_entry("recipes", "pancakes", moderation="none"),
        thread_entry("posts", "silent", comments="off"),
        thread_entry("posts", "closed", comments="closed"),
        thread_entry("posts", "old", closes_at="2020-01-01T00:00:00Z"),
    )
    return built


@pytest.fixture
def web(site: Any) -> Any:
    """Give a test client of ``site``."""
    return site.test_client()


def post(web: Any, thread: str = "posts/open-post", headers: Any = None, **changes: Any) -> Any:
    """Post a comment as JSON; return the response."""
    return web.post(f"/threads/{thread}/comments", json=comment_body(**changes), headers=headers)


def listed(web: Any, thread: str = "posts/open-post") -> list[dict[str, Any]]:
    """Return a thread's comments as anyone sees them."""
    response = web.get(f"/threads/{thread}/comments")
    assert response.status_code == 200, response.get_json()
    return response.get_json()["comments"]
