"""What the operator sees: the access log, the Lambda module's imports, real HTTP."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests
from waitress.server import create_server

from .conftest import ORIGIN, contact_body

ROOT = Path(__file__).resolve().parents[2]


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[dict] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(json.loads(record.getMessage()))


@pytest.fixture
def access_lines():
    handler = _Capture()
    logger = logging.getLogger("api.access")
    logger.addHandler(handler)
    yield handler.lines
    logger.removeHandler(handler)


def test_one_json_log_line_per_request_without_personal_data(client, access_lines):
    body = contact_body(email="private@example.org", message="very private words")
    response = client.post("/contact", json=body, environ_base={"REMOTE_ADDR": "203.0.113.7"})
    client.get("/nope")
    assert len(access_lines) == 2
    line = access_lines[0]
    assert set(line) == {"request_id", "method", "path", "status", "latency_ms", "client"}
    assert line["request_id"] == response.headers["X-Request-Id"]
    assert (line["method"], line["path"], line["status"]) == ("POST", "/contact", 201)
    assert isinstance(line["latency_ms"], float)
    raw = json.dumps(access_lines)
    for secret in ("private@example.org", "very private words", "203.0.113.7"):
        assert secret not in raw
    assert access_lines[1]["status"] == 404


def test_lambda_module_imports_nothing_it_does_not_need():
    code = (
        "import sys, time; t = time.perf_counter(); import api.wsgi; "
        "print(round((time.perf_counter() - t) * 1000));"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'moto', 'sitegen', 'boto3', 'botocore', 'jsonschema', 'pydantic', 'requests',"
        " 'email_validator', 'idna', 'dns'}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout.splitlines()
    # boto3 loads on the first request that needs AWS, email-validator on the
    # first address to check (compiling its patterns costs ~40 ms): not at cold import.
    assert out[1] == "[]"


@contextmanager
def waitress_serving(app):
    """Serve ``app`` through waitress on an ephemeral port, with 16 threads."""
    server = create_server(app, host="127.0.0.1", port=0, threads=16)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        # Closed from the server's own loop: closing its sockets from this
        # thread races the loop's select() (EBADF in the server thread).
        try:
            server.trigger.pull_trigger(lambda: [c.close() for c in list(server._map.values())])
        except OSError:  # the trigger is closed: its loop saw the pipe end and has stopped
            for channel in list(server._map.values()):
                channel.close()
        thread.join(timeout=30)
        server.task_dispatcher.shutdown()


@pytest.fixture
def live_api(app):
    """Give the URL of ``app`` served through waitress."""
    with waitress_serving(app) as url:
        yield url


@pytest.mark.dynamodb_local
def test_parallel_posts_over_http_never_pass_the_rate_limit(make_app, dynamodb_local_url):
    # DynamoDB Local: moto applies parallel conditional updates without a lock.
    app = make_app(store=dynamodb_local_url)
    app.extensions["frostfolio"].table.client  # noqa: B018 - warm the client once

    with waitress_serving(app) as live_api:

        def post(_: int) -> int:
            return requests.post(f"{live_api}/contact", json=contact_body(), timeout=30).status_code

        with ThreadPoolExecutor(max_workers=16) as pool:
            statuses = list(pool.map(post, range(24)))
    assert statuses.count(201) == 5
    assert statuses.count(429) == 19
    from api import messages

    assert len(list(messages.every(app.extensions["frostfolio"].table))) == 5


def test_browser_flow_over_http_with_cors(live_api):
    token = requests.get(f"{live_api}/contact/token", timeout=30).json()["token"]
    preflight = requests.options(
        f"{live_api}/contact",
        headers={"Origin": ORIGIN, "Access-Control-Request-Method": "POST"},
        timeout=30,
    )
    assert preflight.status_code == 204
    assert token.count(".") == 1
