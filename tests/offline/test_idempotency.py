"""Sending an owner write again with its Idempotency-Key stores it once and answers the same."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from flask import Blueprint, jsonify, request

from api import idempotency
from api.auth import require_owner
from api.idempotency import REPLAYED, canonical_body, idempotent, request_hash

from ..api.conftest import assert_error, build_app
from .conftest import OWNER, markers, notes

KEY = "c0ffee00-1234-4abc-9def-000000000001"


def post(client, body, key=KEY, **headers):
    sent = {**OWNER, **headers}
    if key is not None:
        sent["Idempotency-Key"] = key
    return client.post("/test/notes", json=body, headers=sent)


def test_a_repeat_gets_the_first_answer_and_stores_nothing_more(probe):
    app, runs = probe
    client = app.test_client()
    first = post(client, {"text": "coffee", "amount": "3.10"})
    assert first.status_code == 201 and REPLAYED not in first.headers
    again = post(client, {"text": "coffee", "amount": "3.10"})
    assert again.status_code == 201
    assert again.headers[REPLAYED] == "true"
    assert again.get_json() == first.get_json()
    assert again.get_json()["amount"] == "3.10"
    assert runs["count"] == 1 and len(notes(app)) == 1
    (marker,) = markers(app)
    assert marker["state"] == "done" and marker["status"] == 201
    assert int(marker["expires_at"]) - time.time() == pytest.approx(idempotency.TTL_SECONDS, abs=60)


def test_the_same_entry_with_its_keys_in_another_order_is_a_repeat(probe):
    app, runs = probe
    client = app.test_client()
    post(client, {"text": "tea", "amount": "2.00"})
    sent = client.post(
        "/test/notes",
        data=b'{ "amount": "2.00",\n "text": "tea" }',
        content_type="application/json",
        headers={**OWNER, "Idempotency-Key": KEY},
    )
    assert sent.status_code == 201 and sent.headers[REPLAYED] == "true"
    assert runs["count"] == 1


def test_the_same_key_with_another_entry_is_refused(probe):
    app, runs = probe
    client = app.test_client()
    post(client, {"text": "coffee", "amount": "3.10"})
    other = post(client, {"text": "coffee", "amount": "3.11"})
    assert_error(other, 422, "idempotency_key_reused")
    assert runs["count"] == 1 and len(notes(app)) == 1


def test_a_failed_request_leaves_no_marker_and_a_retry_runs(probe):
    app, runs = probe
    client = app.test_client()
    assert_error(post(client, {"fail": True}), 422, "invalid_fields")
    assert markers(app) == [] and notes(app) == []
    assert_error(post(client, {"fail": True}), 422, "invalid_fields")
    assert runs["count"] == 2  # ran again: a failure is never replayed
    # Another request may then use the key.
    assert post(client, {"text": "fixed"}).status_code == 201
    assert len(notes(app)) == 1


def test_a_request_without_a_key_runs_every_time(probe):
    app, runs = probe
    client = app.test_client()
    for _ in range(2):
        assert post(client, {"text": "x"}, key=None).status_code == 201
    assert runs["count"] == 2 and markers(app) == []


@pytest.mark.parametrize("key", ["short", "x" * 81, "has space in it", "bad/slash/key"])
def test_a_malformed_key_is_refused_before_anything_runs(probe, key):
    app, runs = probe
    body = assert_error(post(app.test_client(), {"text": "x"}, key=key), 400)
    assert body["error"] == "invalid_idempotency_key"
    assert runs["count"] == 0


def test_without_the_owner_nothing_runs_and_no_marker_is_made(probe):
    app, runs = probe
    sent = app.test_client().post("/test/notes", json={}, headers={"Idempotency-Key": KEY})
    assert_error(sent, 401)
    assert runs["count"] == 0 and markers(app) == []


def test_a_run_left_started_is_in_progress_then_taken_over(probe):
    app, runs = probe
    table = app.extensions["frostfolio"].table
    digest = request_hash("POST", "/test/notes", b'{"text":"x"}')
    now = int(time.time())
    item = {"pk": f"IDEM#{KEY}", "sk": "META", "hash": digest, "state": "started"}
    table.put_new({**item, "started_at": now, "expires_at": now + 100})
    client = app.test_client()
    busy = post(client, {"text": "x"})
    assert_error(busy, 409, "idempotency_in_progress")
    assert busy.headers["Retry-After"] == "1"
    # A run that died long ago (the Lambda timed out) no longer holds the key.
    old = now - idempotency.LEASE_SECONDS - 5
    table.delete(f"IDEM#{KEY}", "META")
    table.put_new({**item, "started_at": old, "expires_at": now + 100})
    assert post(client, {"text": "x"}).status_code == 201
    assert runs["count"] == 1


def test_canonical_bodies_keep_numbers_exact():
    assert (
        canonical_body(b'{"b": 1.10, "a": [1, 2]}')
        == b'{"a":[{"$number":"1"},{"$number":"2"}],"b":{"$number":"1.10"}}'
    )
    assert canonical_body(b'{"a": 1.1}') != canonical_body(b'{"a": 1.10}')
    assert canonical_body(b'{"a": "1.1"}') != canonical_body(b'{"a": 1.1}')
    assert canonical_body(b"not json") == b"not json"
    assert request_hash("POST", "/a", b"") != request_hash("POST", "/b", b"")
    assert request_hash("POST", "/a", b"{}") != request_hash("PUT", "/a", b"{}")


def test_the_openapi_document_describes_the_header(probe):
    app, _ = probe
    spec = app.test_client().get("/openapi.json").get_json()
    parameter = spec["components"]["parameters"]["IdempotencyKey"]
    assert parameter["in"] == "header" and parameter["name"] == "Idempotency-Key"
    assert "Idempotent-Replayed" in parameter["description"]
    assert spec["components"]["headers"]["IdempotentReplayed"]


@pytest.mark.dynamodb_local
@pytest.mark.timeout(120)
def test_twenty_copies_at_once_run_the_write_once(live_probe):
    app, runs, url = live_probe
    headers = {**OWNER, "Idempotency-Key": KEY}

    def one(_: int) -> requests.Response:
        body = {"text": "lunch", "amount": "12.30", "wait": 0.3}
        return requests.post(f"{url}/test/notes", json=body, headers=headers, timeout=60)

    with ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(one, range(20)))
    statuses = sorted(a.status_code for a in answers)
    assert set(statuses) <= {201, 409}, [a.text for a in answers]
    assert statuses.count(201) >= 1
    assert runs["count"] == 1 and len(notes(app)) == 1
    created = [a.json() for a in answers if a.status_code == 201]
    assert all(c == created[0] for c in created)
    # Once done, every copy is the first answer.
    late = one(0)
    assert late.status_code == 201 and late.headers[REPLAYED] == "true"
    assert late.json() == created[0]
    assert runs["count"] == 1


def test_idempotency_markers_are_left_out_of_backups(probe):
    app, _ = probe
    client = app.test_client()
    assert post(client, {"text": "kept"}).status_code == 201
    assert len(markers(app)) == 1
    backup = client.get("/owner/export", headers=OWNER)
    assert backup.status_code == 200
    text = backup.get_data(as_text=True)
    assert "NOTE#" in text  # the entry itself is saved
    assert "IDEM#" not in text and KEY not in text


def test_an_upload_sent_again_with_another_boundary_is_a_repeat(moto_url):
    app = build_app(moto_url)
    seen = []
    bp = Blueprint("upload_probe", __name__)
    bp.before_request(require_owner)

    @bp.post("/test/upload")
    @idempotent
    def upload():
        seen.append(request.files["file"].read())
        return jsonify(ok=True, size=len(seen[-1])), 201

    app.register_blueprint(bp)
    client = app.test_client()

    def send(content: bytes, boundary: str):
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
                f'filename="run.gpx"\r\nContent-Type: application/gpx+xml\r\n\r\n'
            ).encode()
            + content
            + f"\r\n--{boundary}--\r\n".encode()
        )
        headers = {**OWNER, "Idempotency-Key": KEY}
        return client.post(
            "/test/upload",
            data=body,
            content_type=f"multipart/form-data; boundary={boundary}",
            headers=headers,
        )

    first = send(b"<gpx>one</gpx>", "aaaa1111")
    assert first.status_code == 201 and seen == [b"<gpx>one</gpx>"]  # the view read the file
    again = send(b"<gpx>one</gpx>", "bbbb2222")
    assert again.status_code == 201 and again.headers[REPLAYED] == "true"
    assert len(seen) == 1
    assert_error(send(b"<gpx>two</gpx>", "cccc3333"), 422, "idempotency_key_reused")
