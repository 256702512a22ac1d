"""`make dev` stores the example site's events in the local API, so RSVPs work in the preview."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytest.importorskip("sitegen.kinds.events", reason="the site's events kind is not here")


@pytest.fixture
def stack():
    from sitegen.commands.devstack import ApiStack

    stack = ApiStack(table_name=f"dev-{uuid.uuid4().hex[:8]}", own_port=False)
    stack.start()
    yield stack
    stack.stop()


def test_make_dev_syncs_the_example_events_into_the_local_api(stack, capsys):
    from sitegen.commands.devstack import site_with_api
    from sitegen.content.loader import load_content
    from sitegen.kinds.events.catalogue import catalogue

    site_with_api(ROOT / "content", stack.app)
    out = capsys.readouterr().out
    assert ", 0 problems" in out, out
    events = catalogue(load_content(ROOT / "content", preview=True))["events"]
    assert events, "the example site has events"
    client = stack.app.test_client()
    for entry in events:
        seats = client.get(f"/events/{entry['id']}/availability")
        assert seats.status_code == 200, entry["id"]
        assert seats.get_json()["capacity"] == entry["capacity"]
