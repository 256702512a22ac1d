"""Every failure answers in the one error shape, on every endpoint."""

from __future__ import annotations

import pytest

from api import create_app
from api.security import hash_token
from api.services import Services
from api.settings import load_settings

from .conftest import aged_token, assert_error, contact_body

JSON_ENDPOINTS = [("post", "/contact"), ("patch", "/messages/20260101T000000000000Z-0000abcd")]


@pytest.mark.parametrize(
    "method,path",
    [
        ("get", "/nope"),
        ("get", "/contact/nope"),
        ("post", "/messages/a/b"),
    ],
)
def test_unknown_path_is_404(shared_client, method, path):
    assert_error(getattr(shared_client, method)(path), 404, "not_found")


@pytest.mark.parametrize(
    "method,path",
    [
        ("get", "/contact"),
        ("delete", "/contact"),
        ("post", "/health"),
        ("post", "/openapi.json"),
        ("post", "/contact/token"),
        ("put", "/messages"),
        ("post", "/messages/export.csv"),
    ],
)
def test_wrong_method_is_405_with_allow_header(shared_client, method, path):
    response = getattr(shared_client, method)(path)
    assert_error(response, 405, "method_not_allowed")
    assert response.headers["Allow"]


@pytest.mark.parametrize("method,path", JSON_ENDPOINTS)
def test_oversized_body_is_413(make_app, owner, method, path):
    client = make_app(max_body_bytes=1000).test_client()
    response = getattr(client, method)(path, json={"message": "x" * 2000}, headers=owner)
    body = assert_error(response, 413, "payload_too_large")
    assert "1000 bytes" in body["message"]


@pytest.mark.parametrize("method,path", JSON_ENDPOINTS)
def test_wrong_content_type_is_415(shared_client, owner, method, path):
    response = getattr(shared_client, method)(
        path, data="name=x", content_type="text/plain", headers=owner
    )
    body = assert_error(response, 415, "unsupported_media_type")
    assert "application/json" in body["message"]


def test_owner_update_does_not_accept_forms(shared_client, owner):
    response = shared_client.patch(
        "/messages/20260101T000000000000Z-0000abcd", data={"read": "true"}, headers=owner
    )
    assert_error(response, 415)


@pytest.mark.parametrize("method,path", JSON_ENDPOINTS)
@pytest.mark.parametrize("raw", ['{"name": ', "not json", "\xff"])
def test_malformed_json_is_400(shared_client, owner, method, path, raw):
    response = getattr(shared_client, method)(
        path, data=raw, content_type="application/json", headers=owner
    )
    assert_error(response, 400, "malformed_json")


@pytest.mark.parametrize("method,path", JSON_ENDPOINTS)
@pytest.mark.parametrize("payload", [[1, 2], "text", 3, None])
def test_json_that_is_not_an_object_is_400(shared_client, owner, method, path, payload):
    import json

    response = getattr(shared_client, method)(
        path, data=json.dumps(payload), content_type="application/json", headers=owner
    )
    assert_error(response, 400, "malformed_json")


def test_unexpected_error_is_500_without_internals(app, caplog):
    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals: password=hunter2")

    response = app.test_client().get("/boom")
    body = assert_error(response, 500, "internal_error")
    assert "hunter2" not in response.get_data(as_text=True)
    assert "RuntimeError" not in response.get_data(as_text=True)
    # The operator finds the traceback by the request id the client quotes.
    logged = [r for r in caplog.records if r.name == "api.errors"]
    assert any(body["request_id"] in r.getMessage() and r.exc_info for r in logged)


@pytest.fixture
def broken_store_client(moto_url):
    """An app whose DynamoDB endpoint refuses connections."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings = load_settings(
        environ={},
        overrides={
            "dynamodb_endpoint": f"http://127.0.0.1:{port}",
            "ses_endpoint": moto_url,
            "form_secret": "s",
            "owner_token_sha256": hash_token("t"),
        },
    )
    return create_app({"SERVICES": Services(settings)}).test_client()


@pytest.mark.parametrize(
    "method,path,kwargs",
    [
        ("post", "/contact", {"json": None}),
        ("get", "/messages", {}),
        ("get", "/messages/20260101T000000000000Z-0000abcd", {}),
        ("delete", "/messages/20260101T000000000000Z-0000abcd", {}),
        ("get", "/messages/export.csv", {}),
    ],
)
def test_unreachable_store_is_503_with_retry_after(broken_store_client, method, path, kwargs):
    if "json" in kwargs:
        kwargs = {"json": contact_body(token=aged_token(secret="s"))}
    response = getattr(broken_store_client, method)(
        path, headers={"Authorization": "Bearer t"}, **kwargs
    )
    assert_error(response, 503, "unavailable")
    assert int(response.headers["Retry-After"]) >= 1


def test_form_post_to_unreachable_store_keeps_what_was_typed(broken_store_client):
    response = broken_store_client.post("/contact", data=contact_body(token=aged_token(secret="s")))
    assert response.status_code == 503
    assert response.mimetype == "text/html"
    assert "I enjoyed your post about engines." in response.get_data(as_text=True)


def test_health_and_openapi_work_without_any_configuration():
    client = create_app({"SERVICES": Services(load_settings(environ={}))}).test_client()
    assert client.get("/health").get_json() == {"ok": True, "status": "up"}
    assert client.get("/openapi.json").get_json()["openapi"].startswith("3.1")


def test_unconfigured_form_and_owner_say_so(moto_url):
    settings = load_settings(environ={}, overrides={"dynamodb_endpoint": moto_url})
    client = create_app({"SERVICES": Services(settings)}).test_client()
    assert_error(client.get("/contact/token"), 503, "form_not_configured")
    assert_error(client.post("/contact", json=contact_body()), 503, "form_not_configured")
    response = client.get("/messages", headers={"Authorization": "Bearer x"})
    assert_error(response, 503, "owner_not_configured")
