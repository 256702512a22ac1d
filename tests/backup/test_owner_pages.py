"""The dashboard's download (/owner/export) and health page (/owner/health)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from api import inbox, messages
from api.backup import routes
from api.health import records
from api.jobs import retry_notifications, scheduled

from ..api.conftest import assert_error, contact_body
from .conftest import OWNER, OWNER_TOKEN, fill, services_of
from .test_roundtrip import backup

pytestmark = pytest.mark.dynamodb_local


@pytest.mark.parametrize("path", ["/owner/export", "/owner/health"])
def test_the_pages_need_the_owner(local_app, path):
    client = local_app.test_client()
    assert_error(client.get(path), 401)
    assert_error(client.get(path, headers={"Authorization": "Bearer nope"}), 401, "invalid_token")


def test_the_owner_downloads_the_same_file_as_the_command_line(local_app, tmp_path):
    fill(local_app)
    table = services_of(local_app).table
    client = local_app.test_client()
    response = client.get("/owner/export", headers=OWNER)
    assert response.status_code == 200
    assert response.mimetype == "application/jsonl"
    day = datetime.now(UTC).strftime("%Y-%m-%d")
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="frostfolio-{table.name}-{day}.jsonl"'
    )
    assert response.headers["Cache-Control"] == "no-store"
    body = response.get_data()
    assert int(response.headers["Content-Length"]) == len(body)
    path = tmp_path / "cli.jsonl"
    assert backup(table, path, "export") == 0
    web, cli = body.split(b"\n", 1), path.read_bytes().split(b"\n", 1)
    assert web[1] == cli[1]
    assert json.loads(web[0])["counts"] == json.loads(cli[0])["counts"]
    assert b"SESSION#" not in body and b"SIGNIN#" not in body


def test_a_signed_in_browser_downloads_it_with_its_cookie(local_app):
    client = local_app.test_client()
    assert client.post("/owner/session", json={"token": OWNER_TOKEN}).status_code == 201
    response = client.get("/owner/export")
    assert response.status_code == 200
    head = json.loads(response.get_data().split(b"\n", 1)[0])
    assert head["format"] == "frostfolio-backup" and "SESSION" in head["excluded"]


def test_a_backup_too_big_for_one_answer_says_to_use_the_command_line(local_app, monkeypatch):
    fill(local_app)
    monkeypatch.setattr(routes, "MAX_BYTES", 2000)  # passed halfway through the items
    body = assert_error(local_app.test_client().get("/owner/export", headers=OWNER), 503)
    assert body["error"] == "export_too_large"
    assert "python -m api.backup export" in body["message"]


def health(app) -> dict:
    response = app.test_client().get("/owner/health", headers=OWNER)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def test_an_empty_table_has_a_quiet_health_page(local_app):
    page = health(local_app)
    assert page["ok"] is True
    assert page["deploy"] is None and page["jobs"] == [] and page["errors"] == []
    assert page["notifications"]["pending"] == 0


def test_health_shows_each_jobs_last_run_and_its_failures(local_app):
    services = services_of(local_app)
    now = datetime(2026, 12, 7, 4, 0, tzinfo=UTC)
    retry_notifications({}, None, services=services, now=now)

    @scheduled("broken_job")
    def broken(services, now, context):
        raise RuntimeError("the mail server said no")

    with pytest.raises(RuntimeError):
        broken({}, None, services=services, now=now)
    jobs = {job["job"]: job for job in health(local_app)["jobs"]}
    ran = jobs["retry_notifications"]
    assert ran["ok"] is True and ran["error"] is None and ran["runs"] == 1
    assert ran["counts"] == {"sent": 0, "failed": 0, "gone": 0}
    assert ran["started_at"] == "2026-12-07T04:00:00.000Z" and ran["seconds"] >= 0
    failed = jobs["broken_job"]
    assert failed["ok"] is False and failed["failures"] == 1
    assert failed["error"] == "RuntimeError: the mail server said no"
    assert failed["failed_at"] == failed["finished_at"]
    # The next good run clears the error but keeps when it last failed.
    retry_notifications({}, None, services=services, now=now + timedelta(minutes=15))
    ran = {job["job"]: job for job in health(local_app)["jobs"]}["retry_notifications"]
    assert ran["runs"] == 2 and ran["started_at"] == "2026-12-07T04:15:00.000Z"


def test_health_lists_a_server_error_by_request_id_without_the_body(local_app, monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError("boom")

    monkeypatch.setattr(messages, "new_message", broken)
    secret = "my-very-private-words-4711"
    client = local_app.test_client()
    response = client.post("/contact", json=contact_body(message=secret))
    failed = assert_error(response, 500, "internal_error")
    monkeypatch.setattr(inbox, "summary", broken)
    other = assert_error(client.get("/inbox?x=1", headers=OWNER), 500)
    errors = health(local_app)["errors"]
    assert [e["request_id"] for e in errors] == [other["request_id"], failed["request_id"]]
    first = errors[1]
    assert first["method"] == "POST" and first["path"] == "/contact" and first["status"] == 500
    assert first["error"] == "internal_error" and first["exception"] == "KeyError"
    assert errors[0]["path"] == "/inbox"  # no query string
    stored = local_app.extensions["frostfolio"].table.client.scan(
        TableName=services_of(local_app).table.name
    )
    assert secret not in json.dumps(stored)


def test_a_storage_outage_is_not_recorded_in_the_failing_table(local_app, monkeypatch):
    from api.storage import Unavailable

    def down(*args, **kwargs):
        raise Unavailable("ThrottlingException")

    monkeypatch.setattr(inbox, "summary", down)
    assert_error(local_app.test_client().get("/inbox", headers=OWNER), 503)
    monkeypatch.undo()
    assert health(local_app)["errors"] == []


def test_health_counts_pending_notifications_and_shows_the_last_deploy(local_app):
    fill(local_app)
    table = services_of(local_app).table
    records.record_deploy(table, "prod", datetime(2026, 12, 7, 5, 0, tzinfo=UTC), "0e39576", True)
    page = health(local_app)
    assert page["deploy"] == {
        "stage": "prod",
        "finished_at": "2026-12-07T05:00:00.000Z",
        "commit": "0e39576",
        "api": True,
    }
    queues = page["notifications"]["queues"]
    assert queues["NOTIFY#pending"] == 1 and queues["NOTIFY#events"] >= 3
    assert queues["NOTIFY#comments"] >= 1
    assert page["notifications"]["pending"] == sum(queues.values())
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", page["notifications"]["oldest"])


def test_errors_of_the_last_14_days_are_listed_newest_first(local_app):
    table = services_of(local_app).table
    now = datetime.now(UTC)
    for days in (0, 1, 13, 15):  # the last one expired, not yet removed by TTL
        when = now - timedelta(days=days)
        records.record_error(table, when, f"{days:032d}", "GET", "/x", 502, "bad_gateway")
    page = health(local_app)
    assert [e["request_id"] for e in page["errors"]] == [f"{d:032d}" for d in (0, 1, 13)]
    item = table.get(f"ERROR#{now:%Y-%m-%d}", f"{records.stamp(now)}#{0:032d}")
    assert int(item["expires_at"]) == int((now + timedelta(days=14)).timestamp())


def test_the_app_loads_neither_backups_nor_health_reports_until_asked():
    code = (
        "import sys; from api import create_app; from api.services import Services; "
        "from api.settings import load_settings; "
        "create_app({'SERVICES': Services(load_settings(environ={}))}); "
        "print(sorted(m for m in sys.modules if m.startswith(('api.backup', 'api.health'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == str(
        ["api.backup", "api.backup.routes", "api.health", "api.health.routes"]
    )
