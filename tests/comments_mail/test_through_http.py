"""The emails from the API's own requests: a visitor's POST, the owner's PATCH in the dashboard."""

from __future__ import annotations

import time

from api.comments import keys, subscriptions
from api.security import issue_token

from ..api.test_events_mail_support import address, mails, text_of
from .conftest import OWNER_EMAIL, SECRET, THREAD, links_in, services_of

OWNER = {"Authorization": "Bearer owner-token-for-tests"}


def body(**fields) -> dict:
    token = issue_token(SECRET, "comment", now=time.time() - 10)
    return {"name": "Ada Lovelace", "text": "Hello.", "website": "", "token": token, **fields}


def test_a_visitors_post_and_the_owners_approval_send_their_emails(app, client, moto_url):
    ada, bob = address("ada"), address("bob")
    posted = client.post(
        f"/threads/{THREAD}/comments", json=body(email=ada, notify=True, text="Via HTTP.")
    )
    assert posted.status_code == 201, posted.get_json()
    mine = posted.get_json()["comment"]
    assert posted.get_json()["status"] == keys.PENDING
    # sent from the request itself: the owner's notification and the confirmation
    assert any(mine["id"] in text_of(m) for m in mails(moto_url, OWNER_EMAIL, "comment-owner"))
    (ask,) = mails(moto_url, ada, "comment-confirm")
    (confirm,) = links_in(text_of(ask), "subscriptions/confirm")
    assert client.post(confirm).status_code == 200
    hashed = keys.email_hash(ada, services_of(app).secret)
    assert subscriptions.confirmed(services_of(app).table, hashed, THREAD)

    approved = client.patch(
        f"/owner/comments/{mine['id']}", json={"status": "approved"}, headers=OWNER
    )
    assert approved.status_code == 200, approved.get_json()
    reply = client.post(
        f"/threads/{THREAD}/comments",
        json=body(name="Bob", email=bob, parent=mine["id"], text="A reply via HTTP."),
    ).get_json()["comment"]
    assert mails(moto_url, ada, "comment-reply") == []  # Bob is new here: his reply waits
    client.patch(f"/owner/comments/{reply['id']}", json={"status": "approved"}, headers=OWNER)
    (told,) = mails(moto_url, ada, "comment-reply")
    assert "A reply via HTTP." in text_of(told)
