"""The data layer against moto and AWS's DynamoDB Local (which is stricter)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest

from api import messages, ratelimit
from api.errors import RateLimited
from api.storage import ConditionFailed, StorageError, Table, TableMissing, Unavailable
from api.tables import create_table

from .conftest import assert_error, contact_body


def test_table_has_keys_gsi_and_ttl_and_creation_is_idempotent(table):
    settings = table._settings
    assert create_table(settings) is False  # already there: nothing changes, no error
    described = table.client.describe_table(TableName=table.name)["Table"]
    assert {k["AttributeName"] for k in described["KeySchema"]} == {"pk", "sk"}
    [gsi] = described["GlobalSecondaryIndexes"]
    assert gsi["IndexName"] == "gsi1"
    assert {k["AttributeName"] for k in gsi["KeySchema"]} == {"gsi1pk", "gsi1sk"}
    ttl = table.client.describe_time_to_live(TableName=table.name)["TimeToLiveDescription"]
    assert ttl["AttributeName"] == "expires_at"
    assert ttl["TimeToLiveStatus"] in {"ENABLED", "ENABLING"}


def _message(n: int, when: datetime) -> dict:
    fields = {"name": f"V{n}", "email": f"v{n}@example.org", "message": f"m{n}"}
    return messages.new_message(fields, "c", now=when)


def test_messages_round_trip_and_list_newest_first_across_months(table):
    start = datetime(2026, 1, 31, 23, 59, 58, tzinfo=UTC)
    items = [_message(n, start + timedelta(seconds=n)) for n in range(5)]
    for item in items:
        messages.save(table, item, notify=True)
    assert messages.get(table, items[0]["id"])["name"] == "V0"
    page1, cursor = messages.page(table, 2)
    assert [m["id"] for m in page1] == [items[4]["id"], items[3]["id"]]
    page2, cursor = messages.page(table, 2, cursor)
    assert [m["id"] for m in page2] == [items[2]["id"], items[1]["id"]]
    assert [m["id"] for m in messages.every(table, batch=2)] == [i["id"] for i in reversed(items)]
    assert {items[0]["pk"], items[4]["pk"]} == {"CONTACT#2026-01", "CONTACT#2026-02"}


def test_saving_the_same_message_twice_fails_without_overwriting(table):
    item = _message(1, datetime.now(UTC))
    messages.save(table, item, notify=True)
    with pytest.raises(ConditionFailed) as info:
        messages.save(table, {**item, "name": "Impostor"}, notify=True)
    assert info.value.__cause__ is not None  # botocore's error is kept
    assert messages.get(table, item["id"])["name"] == "V1"


def test_a_message_the_store_refuses_leaves_no_pending_marker(table):
    # Over DynamoDB's 400 KB item limit: the marker goes in, the message does not.
    item = {**_message(1, datetime.now(UTC)), "message": "x" * 500_000}
    with pytest.raises(StorageError):
        messages.save(table, item, notify=True)
    assert messages.pending(table, datetime.now(UTC) + timedelta(days=1)) == []
    assert messages.get(table, item["id"]) is None


def test_pending_notifications_and_marking_them_sent(table):
    now = datetime.now(UTC)
    item = _message(1, now - timedelta(minutes=10))
    messages.save(table, item, notify=True)
    messages.save(table, _message(2, now), notify=False)
    [marker] = messages.pending(table, now - timedelta(minutes=5))
    assert marker["sk"] == item["sk"]
    messages.notified(table, item)
    assert messages.pending(table, now) == []
    assert messages.get(table, item["id"])["notified"] is True


def test_mark_read_and_delete_only_touch_existing_messages(table):
    item = _message(1, datetime.now(UTC))
    assert messages.set_read(table, item["id"], True) is None  # no upsert of a ghost
    assert messages.get(table, item["id"]) is None
    messages.save(table, item, notify=True)
    assert messages.set_read(table, item["id"], True)["read"] is True
    assert messages.delete(table, item["id"]) is True
    assert messages.delete(table, item["id"]) is False
    assert messages.pending(table, datetime.now(UTC) + timedelta(days=1)) == []


THREE = ratelimit.Limit("t", 3, 600)


def test_rate_limit_counts_per_client_and_window(table):
    now = 1_800_000_000.0
    for remaining in (2, 1, 0):
        assert ratelimit.hit(table, THREE, "a", now) == remaining
    with pytest.raises(RateLimited) as info:
        ratelimit.hit(table, THREE, "a", now + 100)
    assert info.value.retry_after == 500
    with pytest.raises(RateLimited):  # looking does not count, and sees the same
        ratelimit.check(table, THREE, "a", now + 100)
    ratelimit.check(table, THREE, "b", now)
    assert ratelimit.hit(table, THREE, "b", now) == 2
    assert ratelimit.hit(table, THREE, "a", now + 600) == 2
    item = table.get("RATE#t#a", f"WINDOW#{int(now)}")
    assert item["expires_at"] == int(now) + 1200  # DynamoDB's TTL removes old windows


@pytest.mark.dynamodb_local
def test_parallel_hits_never_pass_the_limit(local_table):
    # DynamoDB Local: moto applies parallel conditional updates without a lock.
    table = local_table
    now = 1_800_000_000.0

    def attempt(_: int) -> bool:
        try:
            ratelimit.hit(table, ratelimit.Limit("t", 5, 600), "racer", now)
            return True
        except RateLimited:
            return False

    table.client  # noqa: B018 - create the client once, before the threads race
    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(attempt, range(40)))
    assert results.count(True) == 5
    assert table.get("RATE#t#racer", f"WINDOW#{int(now)}")["count"] == 5


def test_missing_table_is_its_own_error(table):
    other = Table(table._settings.__class__(**{**table._settings.__dict__, "table_name": "nope"}))
    with pytest.raises(TableMissing) as info:
        other.get("a", "b")
    assert info.value.__cause__.response["Error"]["Code"] == "ResourceNotFoundException"


def test_invalid_requests_are_wrapped_with_their_cause(table):
    with pytest.raises(StorageError) as info:
        table.call("get_item", TableName=table.name, Key={"pk": {"S": "only-half"}})
    assert not isinstance(info.value, Unavailable | ConditionFailed)
    assert info.value.__cause__.response["Error"]["Code"] == "ValidationException"


@pytest.mark.parametrize(
    "code", ["ProvisionedThroughputExceededException", "ThrottlingException", "InternalServerError"]
)
def test_throttling_is_503_with_retry_after_and_nothing_acknowledged(app, code):
    # DynamoDB's throttling cannot be provoked on a local store; botocore's own
    # Stubber plays the service's answer (once per allowed attempt).
    from botocore.stub import Stubber

    table = app.extensions["frostfolio"].table
    table._client = _fresh_client(table)  # not the client other tests share
    with Stubber(table.client) as stub:
        for _ in range(3):
            stub.add_client_error("update_item", service_error_code=code, http_status_code=400)
        response = app.test_client().post("/contact", json=contact_body())
    body = assert_error(response, 503, "unavailable")
    assert int(response.headers["Retry-After"]) >= 1
    assert code not in body["message"]


def _fresh_client(table):
    from api.storage import make_client

    s = table._settings
    return make_client("dynamodb", s.dynamodb_endpoint, s.region)


def test_table_command_creates_once_and_reports_clearly(store_url):
    import subprocess
    import sys
    import uuid

    name = f"cli-{uuid.uuid4().hex[:8]}"
    command = [sys.executable, "-m", "api.tables", "create", "--table", name]
    command += ["--endpoint", store_url]
    env = {"PATH": "/usr/bin:/bin", "FROSTFOLIO_REGION": "us-east-1"}
    first = subprocess.run(command, capture_output=True, text=True, env=env)
    second = subprocess.run(command, capture_output=True, text=True, env=env)
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert f"table {name} at {store_url}: created" in first.stdout
    assert "already exists" in second.stdout
    unreachable = subprocess.run(
        [*command[:-1], "http://127.0.0.1:9"], capture_output=True, text=True, env=env
    )
    assert unreachable.returncode == 1
    assert "could not create table" in unreachable.stderr
    assert "Traceback" not in unreachable.stderr


def test_whole_contact_flow_on_each_store(make_app, store_url, moto_url):
    app = make_app(store=store_url)
    client = app.test_client()
    owner = {"Authorization": "Bearer owner-token-for-tests"}
    ids = [
        client.post("/contact", json=contact_body(message=f"note {n}")).get_json()["id"]
        for n in range(3)
    ]
    first = client.get("/messages?limit=2", headers=owner).get_json()
    rest = client.get(f"/messages?limit=2&cursor={first['next_cursor']}", headers=owner).get_json()
    listed = [m["id"] for m in first["messages"] + rest["messages"]]
    assert listed == list(reversed(ids))
    assert all(m["notified"] for m in first["messages"])
    assert (
        client.patch(f"/messages/{ids[0]}", json={"read": True}, headers=owner).status_code == 200
    )
    assert client.delete(f"/messages/{ids[1]}", headers=owner).status_code == 200
    csv_text = client.get("/messages/export.csv", headers=owner).get_data(as_text=True)
    assert csv_text.count("\r\n") == 3  # header and two messages
    for _ in range(2):
        client.post("/contact", json=contact_body())
    assert_error(client.post("/contact", json=contact_body()), 429)
