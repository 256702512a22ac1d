"""The contact form: what a visitor sends is stored, the owner is emailed."""

from __future__ import annotations

import json
import time

import pytest

from api import messages, notify
from api.jobs import retry_notifications
from api.security import issue_token

from .conftest import (
    OWNER_EMAIL,
    SECRET,
    SENDER,
    aged_token,
    assert_error,
    away_from_window_edge,
    contact_body,
    sent_emails,
    table_items,
)


def stored(app):
    return list(messages.every(app.extensions["frostfolio"].table))


def test_json_post_stores_the_message_and_emails_the_owner(app, client, moto_url):
    response = client.post("/contact", json=contact_body(subject="Engines"))
    assert response.status_code == 201
    body = response.get_json()
    assert body["ok"] is True
    [item] = stored(app)
    assert item["id"] == body["id"]
    assert (item["name"], item["email"], item["subject"]) == (
        "Ada Lovelace",
        "ada@example.org",
        "Engines",
    )
    assert item["notified"] is True
    mail = [m for m in sent_emails(moto_url) if body["id"] in m["body"]]
    assert len(mail) == 1
    assert mail[0]["source"] == SENDER
    assert mail[0]["destinations"]["ToAddresses"] == [OWNER_EMAIL]
    assert mail[0]["subject"] == "New message from Ada Lovelace: Engines"
    assert "I enjoyed your post about engines." in mail[0]["body"]


def test_subject_is_optional(app, client):
    response = client.post("/contact", json=contact_body(subject=None))
    assert response.status_code == 201
    assert stored(app)[0]["subject"] == ""


def test_form_post_redirects_to_the_thank_you_page(app, client):
    response = client.post("/contact", data=contact_body())
    assert response.status_code == 303
    assert response.headers["Location"] == "https://site.example/contact/thanks/"
    assert len(stored(app)) == 1


def test_form_post_without_token_gets_a_confirm_page_keeping_the_text(app, client):
    response = client.post("/contact", data=contact_body(token=""))
    assert response.status_code == 422
    assert response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert "I enjoyed your post about engines." in html
    assert 'value="Ada Lovelace"' in html
    assert "press Send to confirm" in html
    assert stored(app) == []


def test_confirm_page_token_lets_the_visitor_send_after_a_moment(make_app):
    from bs4 import BeautifulSoup

    app = make_app(token_min_age=0.3)
    client = app.test_client()
    html = client.post("/contact", data=contact_body(token="")).get_data(as_text=True)
    form = BeautifulSoup(html, "html.parser").find("form")
    data = {i["name"]: i.get("value", "") for i in form.find_all("input")}
    data["message"] = form.find("textarea").text
    assert client.post("/contact", data=data).status_code == 422  # pressed Send too soon
    time.sleep(0.35)
    assert client.post("/contact", data=data).status_code == 303
    assert stored(app)[0]["message"] == "I enjoyed your post about engines."


def test_form_errors_show_next_to_their_fields_escaped(client):
    response = client.post(
        "/contact", data=contact_body(email="not-an-email", name="<script>x</script>")
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="email-error"' in html and "email address like" in html
    assert "<script>x" not in html and "&lt;script&gt;x" in html


def test_all_field_errors_come_back_together(client):
    response = client.post(
        "/contact",
        json=contact_body(name="", email="ada@", message="x" * 5001, colour="blue"),
    )
    body = assert_error(response, 422, "invalid_fields")
    assert body["fields"] == {
        "colour": "Unknown field.",
        "name": "This field is required.",
        "email": "Must be an email address like name@example.com.",
        "message": "Must be at most 5000 characters (got 5001).",
    }


@pytest.mark.parametrize("field", ["name", "email", "subject"])
@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
def test_line_breaks_in_header_fields_are_rejected(client, field, newline):
    value = {"name": "Ada", "email": "ada@example.org", "subject": "Hi"}[field]
    response = client.post(
        "/contact", json=contact_body(**{field: f"{value}{newline}Bcc: victim@example.com"})
    )
    body = assert_error(response, 422)
    assert body["fields"] == {field: "Must be on one line."}


def test_wrong_types_are_reported(client):
    response = client.post("/contact", json=contact_body(name=42, message=["a"]))
    body = assert_error(response, 422)
    assert body["fields"] == {"name": "Must be text.", "message": "Must be text."}


@pytest.mark.parametrize("value", ["http://spam.example", " ", "\t", "\n"], ids=repr)
def test_any_filled_honeypot_is_spam_and_uses_up_the_allowance(make_app, value):
    app = make_app(contact_rate_limit=2)
    client = app.test_client()
    for _ in range(2):
        response = client.post("/contact", json=contact_body(website=value))
        body = assert_error(response, 422, "spam_suspected")
        assert body["fields"] == {"website": "Leave this field empty."}
    assert_error(client.post("/contact", json=contact_body()), 429, "rate_limited")
    assert stored(app) == []
    assert all(pk.startswith("RATE#contact#") for pk, _ in table_items(app))


def test_a_second_honeypot_key_cannot_empty_the_first(app, client):
    raw = json.dumps(contact_body(website="spam"))[:-1] + ', "website": ""}'
    response = client.post("/contact", data=raw, content_type="application/json")
    assert assert_error(response, 400, "duplicate_key")["fields"] == {
        "website": "Sent more than once."
    }
    assert table_items(app) == {}


def test_a_lone_surrogate_is_422_and_leaves_no_trace(app, client):
    raw = json.dumps(contact_body(name="x\udfff"))  # sent as the JSON escape \udfff
    response = client.post("/contact", data=raw, content_type="application/json")
    body = assert_error(response, 422, "invalid_fields")
    assert list(body["fields"]) == ["name"]
    assert "Retry-After" not in response.headers
    # No rate-limit slot, no pending-notification marker, no message.
    assert table_items(app) == {}


@pytest.mark.parametrize("field", ["name", "subject"])
@pytest.mark.parametrize("char", ["\x0b", "\x0c", "\x1b", "\x1c", "\u202e", "\u2066"], ids=repr)
def test_control_and_direction_characters_never_reach_the_owners_inbox(app, client, field, char):
    response = client.post("/contact", json=contact_body(**{field: f"Bob {char}gnp.exe"}))
    assert list(assert_error(response, 422)["fields"]) == [field]
    form = client.post("/contact", data=contact_body(**{field: f"Bob {char}gnp.exe"}))
    assert form.status_code == 422 and f'id="{field}-error"' in form.text
    assert table_items(app) == {}


@pytest.mark.parametrize(
    "email",
    [
        "a,victim@example.com",
        "x<victim@example.com",
        '"x"victim@example.com',
        "a;victim@example.com",
    ],
)
def test_addresses_that_would_bend_reply_to_are_refused(app, client, email):
    response = client.post("/contact", json=contact_body(email=email))
    assert assert_error(response, 422)["fields"] == {
        "email": "Must be an email address like name@example.com."
    }
    assert table_items(app) == {}


def test_reply_to_is_the_visitors_address_built_by_the_email_package(app):
    settings = app.extensions["frostfolio"].settings
    item = messages.new_message(
        {"name": "Åsa", "email": "åsa@bücher.de", "message": "Hej"}, "client"
    )
    mail = notify.compose(item, settings)
    assert mail["ReplyToAddresses"] == []  # a non-ASCII local part: SES cannot carry it
    item["email"] = "asa@bücher.de"
    assert notify.compose(item, settings)["ReplyToAddresses"] == ["asa@xn--bcher-kva.de"]


def test_a_form_post_from_another_site_is_refused_and_nothing_stored(app, client):
    response = client.post(
        "/contact", data=contact_body(), headers={"Origin": "https://evil.example"}
    )
    assert_error(response, 403, "origin_not_allowed")
    assert table_items(app) == {}


def test_the_confirm_page_posts_from_the_apis_own_origin(app, client):
    response = client.post(
        "/contact",
        data=contact_body(),
        headers={"Origin": "http://localhost"},  # the test client's host: the API itself
    )
    assert response.status_code == 303
    assert len(stored(app)) == 1


def test_submission_faster_than_two_seconds_is_rejected(app, client):
    response = client.post("/contact", json=contact_body(token=issue_token(SECRET)))
    body = assert_error(response, 422, "too_fast")
    assert "token" in body["fields"]
    assert stored(app) == []


def test_token_older_than_a_day_is_rejected(client):
    old = issue_token(SECRET, now=time.time() - 86400 - 5)
    body = assert_error(client.post("/contact", json=contact_body(token=old)), 422)
    assert body["error"] == "token_expired"
    assert "reload the page" in body["fields"]["token"]


def _tampered() -> str:
    # A character inside the signature: the last one may only carry padding bits.
    token = aged_token()
    return token[:-5] + ("A" if token[-5] != "A" else "B") + token[-4:]


def _other_form() -> str:
    return issue_token(SECRET, purpose="rsvp", now=time.time() - 10)


@pytest.mark.parametrize(
    "token",
    ["garbage", "123.abc", aged_token(secret="another-secret"), _tampered(), _other_form()],
    ids=["garbage", "unsigned", "other-secret", "tampered", "other-form"],
)
def test_forged_tokens_are_rejected(client, token):
    body = assert_error(client.post("/contact", json=contact_body(token=token)), 422)
    assert body["error"] == "invalid_token"


def test_token_endpoint_gives_a_token_that_works_after_the_wait(make_app):
    app = make_app(token_min_age=0.2)
    client = app.test_client()
    data = client.get("/contact/token").get_json()
    assert data["ok"] is True and data["min_age"] == 0.2 and data["max_age"] == 86400
    assert_error(client.post("/contact", json=contact_body(token=data["token"])), 422)
    time.sleep(0.25)
    assert client.post("/contact", json=contact_body(token=data["token"])).status_code == 201


def test_sixth_message_in_ten_minutes_is_rate_limited(make_app):
    app = make_app(contact_rate_window=600)
    client = app.test_client()
    away_from_window_edge(600)
    for _ in range(5):
        assert client.post("/contact", json=contact_body()).status_code == 201
    response = client.post("/contact", json=contact_body())
    body = assert_error(response, 429, "rate_limited")
    assert 1 <= int(response.headers["Retry-After"]) <= 600
    assert "try again in" in body["message"]
    assert len(stored(app)) == 5
    # Another visitor is not affected.
    other = client.post("/contact", json=contact_body(), environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert other.status_code == 201


def test_rate_limited_form_post_keeps_the_text(client):
    for _ in range(5):
        client.post("/contact", json=contact_body())
    response = client.post("/contact", data=contact_body())
    assert response.status_code == 429
    assert response.headers["Retry-After"]
    assert "I enjoyed your post about engines." in response.get_data(as_text=True)


def test_failed_notification_keeps_the_message_and_the_retry_job_sends_it(
    make_app, moto_url, capsys
):
    unverified = "new-sender@example.net"
    app = make_app(ses_sender=unverified, notify_retry_after=0)
    client = app.test_client()
    response = client.post("/contact", json=contact_body())
    assert response.status_code == 201  # stored: the visitor is told so
    message_id = response.get_json()["id"]
    [item] = stored(app)
    assert item["notified"] is False
    assert not [m for m in sent_emails(moto_url) if message_id in m["body"]]

    services = app.extensions["frostfolio"]
    assert retry_notifications({}, None, services=services) == {"sent": 0, "failed": 1, "gone": 0}
    services.ses.verify_email_identity(EmailAddress=unverified)
    assert retry_notifications({}, None, services=services) == {"sent": 1, "failed": 0, "gone": 0}
    assert len([m for m in sent_emails(moto_url) if message_id in m["body"]]) == 1
    assert stored(app)[0]["notified"] is True
    # Nothing is left pending, so nothing is sent twice.
    assert retry_notifications({}, None, services=services) == {"sent": 0, "failed": 0, "gone": 0}
    summaries = [ln for ln in capsys.readouterr().out.splitlines() if '"job"' in ln]
    assert summaries[-2] == '{"job": "retry_notifications", "sent": 1, "failed": 0, "gone": 0}'


def test_retry_job_leaves_recent_notifications_to_the_request(make_app):
    app = make_app(ses_sender="slow@example.net")
    client = app.test_client()
    assert client.post("/contact", json=contact_body()).status_code == 201
    services = app.extensions["frostfolio"]
    assert retry_notifications(services=services) == {"sent": 0, "failed": 0, "gone": 0}


def test_retry_job_drops_markers_of_deleted_messages(make_app, owner):
    app = make_app(ses_sender="gone@example.net", notify_retry_after=0)
    client = app.test_client()
    message_id = client.post("/contact", json=contact_body()).get_json()["id"]
    services = app.extensions["frostfolio"]
    services.table.delete(*messages.keys_for(message_id))  # as if deleted mid-way
    assert retry_notifications(services=services)["gone"] == 1
    assert messages.pending(services.table, __import__("datetime").datetime.now()) == []


def test_without_notification_settings_messages_are_still_stored(make_app):
    app = make_app(ses_recipient="")
    assert app.test_client().post("/contact", json=contact_body()).status_code == 201
    assert stored(app)[0]["notified"] is False


@pytest.mark.parametrize("as_form", [False, True], ids=["json", "form"])
def test_longest_message_in_any_script_fits_the_body_limit(app, client, as_form):
    text = "雪" * 5000  # 3 bytes in UTF-8, 9 once form-encoded
    body = contact_body(message=text, name="山田 花子")
    response = client.post("/contact", data=body) if as_form else client.post("/contact", json=body)
    assert response.status_code == (303 if as_form else 201)
    assert stored(app)[0]["message"] == text


def test_form_post_without_a_site_url_still_ends_on_a_thank_you(make_app):
    redirected = make_app(site_url="").test_client().post("/contact", data=contact_body())
    assert redirected.headers["Location"] == "https://site.example/contact/thanks/"
    bare = make_app(site_url="", allowed_origins=()).test_client()
    response = bare.post("/contact", data=contact_body())
    assert response.status_code == 201
    assert "Thank you" in response.get_data(as_text=True)
