"""Fixtures for the ratings tests: the API tests' stores and apps, recipes that take ratings."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from api.devserver import serve

from ..api.conftest import (  # noqa: F401  (fixtures shared with the API tests)
    ORIGIN,
    build_app,
    dynamodb_local_url,
    moto_url,
)

RECIPES = ("pancakes", "shakshuka", "dal")


def add_recipe(app: Any, slug: str, *, ratings: bool = True) -> None:
    """Store a recipe's page as the comments sync does (``THREAD#recipes/<slug>`` / META)."""
    table = app.extensions["frostfolio"].table
    table.client.put_item(
        TableName=table.name,
        Item=table.dump(
            {
                "pk": f"THREAD#recipes/{slug}",
                "sk": "META",
                "kind": "recipes",
                "slug": slug,
                "url": f"/recipes/{slug}/",
                "title": slug.title(),
                "comments": "open",
                "moderation": "first",
                "ratings": ratings,
            }
        ),
    )


def stored_ratings(app: Any) -> list[dict[str, Any]]:
    """Return every RATING and STATS item of the app's table (full scan: tests only)."""
    table = app.extensions["frostfolio"].table
    found = []
    for page in table.client.get_paginator("scan").paginate(TableName=table.name):
        found += [table.load(i) for i in page["Items"] if i["pk"]["S"].startswith("RECIPE#")]
    return found


@pytest.fixture
def rating_app(moto_url):  # noqa: F811
    """Give an API app (moto) with three recipes that take ratings."""
    app = build_app(moto_url)
    for slug in RECIPES:
        add_recipe(app, slug)
    return app


@pytest.fixture
def live_api(moto_url, monkeypatch):  # noqa: F811
    """Serve an API with every example recipe taking ratings; give (app, url, stop)."""
    monkeypatch.delenv("SITEGEN_OFFLINE", raising=False)
    app = build_app(moto_url)
    for md in (Path(__file__).parents[2] / "content" / "recipes").glob("*.md"):
        add_recipe(app, md.stem)
    server = serve("127.0.0.1", 0, app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def stop() -> None:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)

    yield app, f"http://127.0.0.1:{server.server_port}", stop
    if thread.is_alive():
        stop()


def rate(app: Any, slug: str, stars: int, visitor: str) -> None:
    """Rate a recipe through the API (test client), asserting it was stored."""
    response = app.test_client().put(
        f"/recipes/{slug}/rating", json={"rating": stars, "visitor": visitor}
    )
    assert response.status_code == 200, response.get_data(as_text=True)
