"""Fixtures for the offline-entry tests: an API app with one owner-only write that counts runs.

The probe route ``POST /test/notes`` stands for a money or training write: it is
guarded like every owner endpoint, wrapped in ``@idempotent``, stores one
``NOTE#<id>`` item per run and counts its runs. ``{"fail": true}`` makes it
answer 422 (nothing stored); ``{"wait": seconds}`` makes it slow, to hold a
run open while copies arrive.
"""

from __future__ import annotations

import threading
import time
import uuid
from decimal import Decimal
from typing import Any

import pytest
from flask import Blueprint, Response, jsonify

from api.auth import require_owner
from api.body import read_body
from api.devserver import serve
from api.errors import InvalidFields
from api.idempotency import idempotent
from api.services import current

from ..api.conftest import (  # noqa: F401  (fixtures shared with the API tests)
    OWNER_TOKEN,
    build_app,
    dynamodb_local_url,
    moto_url,
)

OWNER = {"Authorization": f"Bearer {OWNER_TOKEN}"}


def add_probe(app: Any) -> dict[str, int]:
    """Register ``POST /test/notes`` on ``app``; return its run counter."""
    runs = {"count": 0}
    lock = threading.Lock()
    bp = Blueprint("offline_probe", __name__)
    bp.before_request(require_owner)

    @bp.post("/test/notes")
    @idempotent
    def add_note() -> tuple[Response, int]:
        """Store a note (the stand-in for an expense or a workout)."""
        data, _ = read_body()
        with lock:
            runs["count"] += 1
        if data.get("fail"):
            raise InvalidFields(fields={"fail": "Asked to fail."})
        time.sleep(float(data.get("wait", 0)))
        note_id = uuid.uuid4().hex
        current().table.put_new(
            {
                "pk": f"NOTE#{note_id}",
                "sk": "META",
                "text": data.get("text", ""),
                "n": runs["count"],
            }
        )
        return jsonify(ok=True, id=note_id, amount=str(data.get("amount", Decimal(0)))), 201

    app.register_blueprint(bp)
    return runs


def notes(app: Any) -> list[dict[str, Any]]:
    """Return every stored note."""
    table = app.extensions["frostfolio"].table
    found = []
    for page in table.client.get_paginator("scan").paginate(TableName=table.name):
        found += [table.load(i) for i in page["Items"]]
    return [i for i in found if i["pk"].startswith("NOTE#")]


def markers(app: Any) -> list[dict[str, Any]]:
    """Return every idempotency marker in the app's table."""
    table = app.extensions["frostfolio"].table
    found = []
    for page in table.client.get_paginator("scan").paginate(TableName=table.name):
        found += [table.load(i) for i in page["Items"]]
    return [i for i in found if i["pk"].startswith("IDEM#")]


@pytest.fixture
def probe(moto_url: str) -> tuple[Any, dict[str, int]]:  # noqa: F811
    """Give an app (on moto) with the probe route, and its run counter."""
    app = build_app(moto_url)
    return app, add_probe(app)


@pytest.fixture
def live_probe(dynamodb_local_url: str, moto_url: str):  # noqa: F811
    """Serve a probe app on DynamoDB Local over HTTP; give (app, runs, url)."""
    app = build_app(moto_url, dynamodb_local_url)
    runs = add_probe(app)
    server = serve("127.0.0.1", 0, app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield app, runs, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)
