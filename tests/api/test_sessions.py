"""Signing in on a device: token or emailed link, session cookie, CSRF, devices, limits."""

from __future__ import annotations

import re
import time

import pytest

from api import sessions
from api.services import Services

from .conftest import ORIGIN, OWNER_TOKEN, assert_error, contact_body, sent_emails

SAME_ORIGIN = "http://localhost"  # Flask's test client serves http://localhost/


@pytest.fixture
def app(make_app):
    # The test client speaks plain http: a Secure cookie would never be sent back.
    return make_app(cookie_secure=False)


def sign_in(client, address: str = "127.0.0.1", **body):
    body = body or {"token": OWNER_TOKEN}
    return client.post(
        "/owner/session",
        json=body,
        headers={"User-Agent": "Mozilla Firefox/130"},
        environ_base={"REMOTE_ADDR": address},
    )


def writes(csrf: str | None, origin: str | None = SAME_ORIGIN) -> dict[str, str]:
    headers = {}
    if csrf is not None:
        headers["X-CSRF-Token"] = csrf
    if origin is not None:
        headers["Origin"] = origin
    return headers


def test_token_sign_in_sets_a_strict_httponly_cookie_and_never_returns_the_token(make_app):
    client = make_app().test_client()  # production settings: Secure, __Host- prefix
    response = sign_in(client)
    assert response.status_code == 201
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-ff_session=")
    for flag in ("HttpOnly", "Secure", "SameSite=Strict", "Path=/"):
        assert flag in cookie
    assert "Domain" not in cookie
    body = response.get_json()
    assert OWNER_TOKEN not in response.get_data(as_text=True)
    assert body["session"]["label"] == "Firefox"
    assert body["session"]["current"] is True and len(body["csrf"]) == 32


def test_a_session_reads_and_changes_with_csrf_from_the_sites_origin(app, client):
    assert client.post("/contact", json=contact_body()).status_code == 201
    csrf = sign_in(client).get_json()["csrf"]
    listed = client.get("/messages").get_json()["messages"]
    assert [m["name"] for m in listed] == ["Ada Lovelace"]
    mid = listed[0]["id"]
    assert_error(client.patch(f"/messages/{mid}", json={"read": True}), 403, "csrf_failed")
    assert_error(
        client.patch(f"/messages/{mid}", json={"read": True}, headers=writes("0" * 32)),
        403,
        "csrf_failed",
    )
    no_origin = client.patch(f"/messages/{mid}", json={"read": True}, headers=writes(csrf, None))
    assert_error(no_origin, 403, "csrf_failed")
    elsewhere = writes(csrf, "https://evil.example")
    assert_error(client.patch(f"/messages/{mid}", json={"read": True}, headers=elsewhere), 403)
    fetch_meta = {"X-CSRF-Token": csrf, "Sec-Fetch-Site": "same-origin"}
    assert (
        client.patch(f"/messages/{mid}", json={"read": True}, headers=fetch_meta).status_code == 200
    )
    ok = client.patch(f"/messages/{mid}", json={"read": False}, headers=writes(csrf, ORIGIN))
    assert ok.get_json()["message"]["read"] is False


def test_the_owner_token_keeps_working_for_scripts(client, owner):
    assert client.get("/messages", headers=owner).status_code == 200
    me = client.get("/owner/session", headers=owner).get_json()
    assert me == {"ok": True, "via": "token", "session": None, "csrf": None}


def test_signing_out_ends_the_session_at_the_next_request(client):
    csrf = sign_in(client).get_json()["csrf"]
    assert client.get("/owner/session").status_code == 200
    out = client.delete("/owner/session", headers=writes(csrf))
    assert out.get_json() == {"ok": True, "signed_out": True}
    assert "ff_session=;" in out.headers["Set-Cookie"]
    assert_error(client.get("/messages"), 401)


def test_revoking_another_device_takes_effect_on_its_next_request(app):
    phone, laptop = app.test_client(), app.test_client()
    sign_in(phone)
    csrf = sign_in(laptop).get_json()["csrf"]
    devices = laptop.get("/owner/sessions").get_json()["sessions"]
    assert len(devices) == 2 and sum(d["current"] for d in devices) == 1
    other = next(d["id"] for d in devices if not d["current"])
    assert phone.get("/messages").status_code == 200
    assert laptop.delete(f"/owner/sessions/{other}", headers=writes(csrf)).status_code == 200
    assert_error(phone.get("/messages"), 401, "session_ended")
    assert laptop.get("/messages").status_code == 200
    assert_error(laptop.delete(f"/owner/sessions/{other}", headers=writes(csrf)), 404)


def test_signing_out_everywhere_includes_this_device(app):
    phone, laptop = app.test_client(), app.test_client()
    sign_in(phone)
    csrf = sign_in(laptop).get_json()["csrf"]
    assert laptop.delete("/owner/sessions", headers=writes(csrf)).get_json()["signed_out"] == 2
    assert_error(phone.get("/messages"), 401)
    assert_error(laptop.get("/messages"), 401)


def _link_from_email(moto_url: str) -> str:
    body = sent_emails(moto_url)[-1]["body"]
    return re.search(r"#signin=([A-Za-z0-9_-]+)", body).group(1)


def test_an_emailed_link_signs_in_once(app, client, moto_url):
    sent = client.post("/owner/signin-link", json={})
    assert sent.status_code == 202
    email = sent_emails(moto_url)[-1]
    assert email["destinations"]["ToAddresses"] == ["owner@example.com"]
    assert "https://site.example/owner/#signin=" in email["body"]
    token = _link_from_email(moto_url)
    assert sign_in(client, link=token).status_code == 201
    assert client.get("/messages").status_code == 200
    again = app.test_client()
    assert_error(sign_in(again, link=token), 401, "signin_failed")


def test_no_link_is_sent_without_the_sites_address(make_app, moto_url):
    # The link is never built from the request's Host, which a client can forge.
    client = make_app(site_url="").test_client()
    before = len(sent_emails(moto_url))
    answer = client.post("/owner/signin-link", json={}, headers={"Host": "evil.example"})
    assert_error(answer, 503, "site_url_not_configured")
    assert len(sent_emails(moto_url)) == before


def test_a_link_expires_after_fifteen_minutes(app, client):
    services: Services = app.extensions["frostfolio"]
    old = sessions.new_link(services.table, now=time.time() - 15 * 60 - 1)
    fresh = sessions.new_link(services.table, now=time.time() - 14 * 60)
    assert_error(sign_in(client, link=old), 401, "signin_failed")
    assert sign_in(client, link=fresh).status_code == 201


def test_a_session_expires_unless_used(app):
    services: Services = app.extensions["frostfolio"]
    secret, _item = sessions.create(
        services.table, "old phone", days=30, now=time.time() - 31 * 86400
    )
    assert sessions.lookup(services.table, secret, days=30) is None
    secret, _item = sessions.create(services.table, "phone", days=30, now=time.time() - 29 * 86400)
    assert sessions.lookup(services.table, secret, days=30) is not None  # used: slides on
    assert sessions.lookup(services.table, secret, days=30, now=time.time() + 29 * 86400)


@pytest.mark.parametrize("body", [{}, {"token": OWNER_TOKEN, "link": "x"}, {"token": ""}])
def test_sign_in_needs_exactly_one_way(client, body):
    assert_error(client.post("/owner/session", json=body), 422, "invalid_fields")


def test_failed_sign_ins_are_limited_per_client_even_before_the_right_token(make_app):
    client = make_app(cookie_secure=False, signin_limit=3).test_client()
    for _ in range(3):
        assert_error(sign_in(client, token="guess"), 401, "signin_failed")
    limited = assert_error(sign_in(client), 429, "rate_limited")
    assert "sign-in attempts" in limited["message"]
    other = make_app(cookie_secure=False, signin_limit=3).test_client()
    assert sign_in(other).status_code == 201


def test_sign_ins_from_many_addresses_are_limited_together(make_app):
    app = make_app(cookie_secure=False, signin_limit=100, signin_global_limit=4)
    client = app.test_client()
    for i in range(4):
        assert_error(sign_in(client, f"10.0.0.{i}", token="guess"), 401)
    assert_error(sign_in(client, "10.0.0.99"), 429, "rate_limited")


def test_link_requests_are_limited(make_app, moto_url):
    client = make_app(signin_limit=3).test_client()  # a third: one link per window
    assert client.post("/owner/signin-link", json={}).status_code == 202
    assert_error(client.post("/owner/signin-link", json={}), 429, "rate_limited")


def test_each_sign_in_and_failure_is_one_log_line(client, caplog):
    caplog.set_level("WARNING", logger="api.signin")
    sign_in(client, token="wrong")
    sign_in(client)
    events = [r.getMessage() for r in caplog.records if r.name == "api.signin"]
    assert '"event":"signin_failed"' in events[0] and '"via":"token"' in events[0]
    assert '"event":"signin"' in events[1]
    assert OWNER_TOKEN not in "".join(events) and "wrong" not in "".join(events)


def test_inbox_summary_answers_304_until_something_changes(client, owner):
    first = client.get("/inbox", headers=owner)
    assert first.get_json() == {"ok": True, "total": 0, "unread": 0, "latest": None}
    etag = first.headers["ETag"]
    assert client.get("/inbox", headers={**owner, "If-None-Match": etag}).status_code == 304
    sent = client.post("/contact", json=contact_body()).get_json()["id"]
    changed = client.get("/inbox", headers={**owner, "If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.get_json() == {"ok": True, "total": 1, "unread": 1, "latest": sent}
    client.patch(f"/messages/{sent}", json={"read": True}, headers=owner)
    client.patch(f"/messages/{sent}", json={"read": True}, headers=owner)  # counted once
    assert client.get("/inbox", headers=owner).get_json()["unread"] == 0
    client.delete(f"/messages/{sent}", headers=owner)
    assert client.get("/inbox", headers=owner).get_json()["total"] == 0


def test_search_finds_sender_and_text_case_blind(client, owner):
    client.post("/contact", json=contact_body(name="Grace Hopper", message="About COBOL"))
    client.post("/contact", json=contact_body(name="Alan", message="Hello there"))
    found = client.get("/messages?q=cobol", headers=owner).get_json()["messages"]
    assert [m["name"] for m in found] == ["Grace Hopper"]
    assert client.get("/messages?q=alan", headers=owner).get_json()["messages"][0]["name"] == "Alan"
    assert client.get("/messages?q=nobody", headers=owner).get_json()["messages"] == []


def _owner_writes() -> list[tuple[str, str]]:
    from api.openapi import build_spec

    found = []
    for path, item in build_spec()["paths"].items():
        shared = item.get("parameters", [])
        for method, operation in item.items():
            if method in {"post", "patch", "put", "delete"} and {"session": []} in operation.get(
                "security", []
            ):
                example = path  # path ids filled in with the document's examples
                for param in [*shared, *operation.get("parameters", [])]:
                    if param.get("in") == "path":
                        example = example.replace(f"{{{param['name']}}}", param["example"])
                found.append((method, example))
    return found


@pytest.mark.parametrize(("method", "path"), _owner_writes())
def test_every_owner_change_with_a_cookie_needs_csrf_and_the_sites_origin(app, method, path):
    client = app.test_client()
    csrf = sign_in(client).get_json()["csrf"]
    body = {"read": True} if method == "patch" else None
    call = getattr(client, method)
    assert_error(call(path, json=body), 403, "csrf_failed")
    assert_error(call(path, json=body, headers=writes(csrf, "https://evil.example")), 403)
    # With the token and the site's origin it gets past the gate (to a 404 or the body's 422).
    assert call(path, json=body, headers=writes(csrf)).status_code not in {401, 403}


def test_owner_writes_are_listed():
    assert len(_owner_writes()) >= 5
