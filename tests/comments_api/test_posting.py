"""Posting comments and replies, as JSON and as a form, and who sees what."""

from __future__ import annotations

from urllib.parse import urlencode

from bs4 import BeautifulSoup

from ..api.conftest import assert_error
from .conftest import OWNER_TOKEN, comment_body, listed, post

OWNER = {"Authorization": f"Bearer {OWNER_TOKEN}"}


def test_a_comment_is_shown_at_once_without_moderation_and_never_shows_the_email(web):
    response = post(web, text="Lovely *post*.")
    assert response.status_code == 201
    body = response.get_json()
    assert (
        body["status"] == "approved" and body["comment"]["html"] == "<p>Lovely <em>post</em>.</p>"
    )
    assert "email" not in body["comment"]
    [shown] = listed(web)
    assert shown["text"] == "Lovely *post*." and shown["name"] == "Ada Lovelace"
    assert shown["author"] is False and shown["votes"] == 0 and shown["parent"] is None
    assert "ada@example.org" not in web.get("/threads/posts/open-post/comments").get_data(True)
    public = web.get("/comments/public").get_json()["threads"]
    assert [c["id"] for c in public["posts/open-post"]] == [shown["id"]]
    assert "posts/silent" not in public
    assert "ada@example.org" not in web.get("/comments/public").get_data(True)


def test_replies_need_an_approved_parent_on_the_same_page(web):
    first = post(web).get_json()["comment"]
    reply = post(web, text="Thanks!", parent=first["id"])
    assert reply.status_code == 201 and reply.get_json()["comment"]["parent"] == first["id"]
    other = post(web, thread="posts/moderated", text="Held back").get_json()["comment"]
    for parent in (other["id"], "x" * 16):
        body = assert_error(post(web, text=f"to {parent}", parent=parent), 422)
        assert "parent" in body["fields"]
    held = post(web, thread="posts/moderated", text="Reply to held", parent=other["id"])
    assert "parent" in assert_error(held, 422)["fields"]


def test_unknown_off_and_closed_pages(web):
    assert_error(post(web, thread="posts/nothing"), 404, "not_found")
    assert_error(web.get("/threads/posts/nothing/comments"), 404, "not_found")
    assert_error(post(web, thread="posts/silent"), 404, "not_found")
    assert_error(web.get("/threads/posts/silent/comments"), 404, "not_found")
    assert_error(post(web, thread="posts/closed"), 403, "comments_closed")
    body = assert_error(post(web, thread="posts/old"), 403, "comments_closed")
    assert "closed" in body["message"]
    thread = web.get("/threads/posts/old/comments").get_json()["thread"]
    assert thread["open"] is False and thread["closes_at"] == "2020-01-01T00:00:00Z"
    assert web.get("/threads/posts/open-post/comments").get_json()["thread"]["open"] is True


def test_a_form_post_is_redirected_back_to_the_page(web):
    form = urlencode(comment_body(text="From a form", notify="on"))
    response = web.post(
        "/threads/posts/open-post/comments",
        data=form,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 303
    [shown] = listed(web)
    assert (
        response.headers["Location"]
        == f"https://site.example/blog/open-post/#comment-{shown['id']}"
    )
    held = web.post(
        "/threads/posts/moderated/comments",
        data=urlencode(comment_body(text="Held form")),
        content_type="application/x-www-form-urlencoded",
    )
    assert (
        held.headers["Location"]
        == "https://site.example/blog/moderated/?comment=pending#comment-pending"
    )


def test_a_failed_form_post_gets_the_form_back_with_its_problems(web):
    data = comment_body(name="", text="<b>kept</b>", token="")
    response = web.post(
        "/threads/posts/open-post/comments",
        data=urlencode(data),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 422 and response.mimetype == "text/html"
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert page.find("textarea", id="text").get_text() == "<b>kept</b>"
    assert page.find(id="name-error") and page.find("input", {"name": "token"})["value"]
    assert page.find("a", href="https://site.example/blog/open-post/#comments")


def test_the_owner_posts_approved_and_marked_without_a_token(web):
    response = post(web, thread="posts/moderated", headers=OWNER, token=None, name="Me")
    assert response.status_code == 201
    assert response.get_json()["comment"]["author"] is True
    [shown] = listed(web, "posts/moderated")
    assert shown["author"] is True and shown["status"] == "approved"
    wrong = post(web, headers={"Authorization": "Bearer nope"}, text="x")
    assert_error(wrong, 401, "invalid_token")


def test_field_rules(web):
    body = assert_error(post(web, name="a\nb", text="x" * 5001, email="not-an-email"), 422)
    assert set(body["fields"]) == {"name", "text", "email"}
    assert_error(post(web, rating=4), 422)  # not a recipe
    no_email = post(web, email=None, text="Anonymous-ish")
    assert no_email.status_code == 201


def test_a_signed_in_dashboard_posts_as_the_owner_only_with_its_csrf_token(web, site):
    from api import sessions
    from api.auth import cookie_name

    services = site.extensions["frostfolio"]
    secret, item = sessions.create(services.table, "laptop", 30)
    web.set_cookie(cookie_name(services.settings), secret)
    csrf = sessions.csrf_token(item, services.secret)
    headers = {"X-CSRF-Token": csrf, "Origin": "https://site.example"}
    mine = post(web, thread="posts/moderated", headers=headers, token=None, text="From me")
    assert mine.status_code == 201 and mine.get_json()["comment"]["author"] is True
    # Without the header (a plain form in the owner's browser) it is a visitor's comment.
    plain = post(web, thread="posts/moderated", headers={"Origin": "https://site.example"})
    assert plain.status_code == 201 and plain.get_json()["status"] == "pending"
    assert plain.get_json()["comment"]["author"] is False
