"""Moderation per page: none, all, first-time (trusted once approved); the owner's queue."""

from __future__ import annotations

from api.comments import keys, outbox, store

from ..api.conftest import assert_error
from .conftest import OWNER_TOKEN, listed, post

OWNER = {"Authorization": f"Bearer {OWNER_TOKEN}"}


def queue(web, status="pending"):
    response = web.get(f"/owner/comments?status={status}", headers=OWNER)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["comments"]


def decide(web, comment_id, status, **more):
    return web.patch(
        f"/owner/comments/{comment_id}", json={"status": status, **more}, headers=OWNER
    )


def test_all_holds_every_comment_until_approved_and_pending_ones_are_invisible(web, site):
    table = site.extensions["frostfolio"].table
    held = post(web, thread="posts/moderated", text="Please approve me")
    assert held.status_code == 201
    body = held.get_json()
    assert body["status"] == "pending" and "approved" in body["message"]
    assert listed(web, "posts/moderated") == []
    public = web.get("/comments/public").get_json()["threads"]["posts/moderated"]
    assert public == []
    [queued] = queue(web)
    assert queued["id"] == body["comment"]["id"] and queued["email"] == "ada@example.org"
    assert queued["page"] == {"title": "Moderated", "url": "/blog/moderated/"}
    assert web.get("/owner/comments/summary", headers=OWNER).get_json() == {
        "ok": True,
        "pending": 1,
        "approved": 0,
        "rejected": 0,
    }
    # Even a trusted address waits where every comment is moderated.
    approved = decide(web, queued["id"], "approved")
    assert approved.status_code == 200 and approved.get_json()["comment"]["status"] == "approved"
    assert [c["id"] for c in listed(web, "posts/moderated")] == [queued["id"]]
    again = post(web, thread="posts/moderated", text="Second one")
    assert again.get_json()["status"] == "pending"
    notes = [(n["what"], n["comment_id"]) for n in outbox.pending(table)]
    assert ("posted", queued["id"]) in notes and ("approved", queued["id"]) in notes
    assert queue(web, "approved")[0]["id"] == queued["id"]


def test_first_time_commenters_wait_once_then_are_trusted_by_their_email(web, site):
    table = site.extensions["frostfolio"].table
    first = post(web, thread="posts/first-time", text="First visit", email="Bo@Example.org")
    assert first.get_json()["status"] == "pending"
    second = post(web, thread="posts/first-time", text="Still waiting", email="bo@example.org")
    assert second.get_json()["status"] == "pending"  # nobody approved the first one yet
    anonymous = post(web, thread="posts/first-time", text="No email", email=None)
    assert anonymous.get_json()["status"] == "pending"  # nothing to trust
    decide(web, first.get_json()["comment"]["id"], "approved")
    hashed = keys.email_hash("bo@example.org", site.extensions["frostfolio"].secret)
    assert store.is_trusted(table, hashed)
    later = post(web, thread="posts/first-time", text="Back again", email="BO@example.org")
    assert later.get_json()["status"] == "approved"
    assert [c["text"] for c in listed(web, "posts/first-time")] == ["First visit", "Back again"]
    stranger = post(web, thread="posts/first-time", text="Hello", email="eve@example.org")
    assert stranger.get_json()["status"] == "pending"


def test_reject_edit_and_delete(web, site):
    table = site.extensions["frostfolio"].table
    shown = post(web, text="Visible *now*").get_json()["comment"]
    reply = post(web, text="A reply", parent=shown["id"]).get_json()["comment"]
    edited = decide(web, shown["id"], "approved", text="Edited **by the owner**")
    comment = edited.get_json()["comment"]
    assert comment["html"] == "<p>Edited <strong>by the owner</strong></p>" and comment["edited"]
    assert listed(web)[0]["text"] == "Edited **by the owner**"
    assert decide(web, shown["id"], "rejected").status_code == 200
    [left] = listed(web)
    assert left["id"] == reply["id"] and left["parent"] is None  # its parent is hidden now
    assert web.get("/owner/comments/summary", headers=OWNER).get_json()["rejected"] == 1
    assert web.delete(f"/owner/comments/{shown['id']}", headers=OWNER).status_code == 200
    assert store.get(table, shown["id"]) is None
    assert_error(web.delete(f"/owner/comments/{shown['id']}", headers=OWNER), 404)
    assert_error(decide(web, shown["id"], "approved"), 404)
    counts = web.get("/owner/comments/summary", headers=OWNER).get_json()
    assert (counts["approved"], counts["rejected"], counts["pending"]) == (1, 0, 0)
    # Deleted text may be posted again; rejected text may not.
    assert post(web, text="Visible *now*").status_code == 201


def test_owner_endpoints_need_the_owner(web):
    assert_error(web.get("/owner/comments"), 401)
    assert_error(web.get("/owner/comments/summary"), 401)
    assert_error(web.patch("/owner/comments/" + "a" * 16, json={"status": "approved"}), 401)


def test_queue_pages_newest_first(web):
    ids = [
        post(web, thread="posts/moderated", text=f"Number {n}").get_json()["comment"]["id"]
        for n in range(5)
    ]
    first = web.get("/owner/comments?limit=2", headers=OWNER).get_json()
    assert [c["id"] for c in first["comments"]] == ids[::-1][:2]
    second = web.get(f"/owner/comments?limit=2&cursor={first['next_cursor']}", headers=OWNER)
    assert [c["id"] for c in second.get_json()["comments"]] == ids[::-1][2:4]
