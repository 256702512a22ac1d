"""The owner's email about each new comment, and its signed approve / reject / delete links.

A link's GET only shows the comment and a button (mail scanners fetch links);
the button's POST does it, through the same service as the dashboard.
"""

from __future__ import annotations

import time

import pytest

from api.comments import keys, moderation_links

from ..api.test_events_mail_support import address, html_of, mails, text_of
from .conftest import (
    OWNER_EMAIL,
    SECRET,
    THREAD,
    links_in,
    post,
    services_of,
    stored,
)


def owner_mail(moto_url: str, comment_id: str):
    """Return the one owner email about a comment."""
    found = [m for m in mails(moto_url, OWNER_EMAIL, "comment-owner") if comment_id in text_of(m)]
    assert len(found) == 1, f"{len(found)} owner emails about {comment_id}"
    return found[0]


def test_the_owner_is_told_who_wrote_what_where_with_links_to_moderate(app, moto_url):
    email = address()
    comment = post(app, name="Grace Hopper", email=email, text="Nice <b>post</b>!\nSecond line.")
    assert comment["status"] == keys.PENDING
    mail = owner_mail(moto_url, comment["id"])
    assert mail["Subject"] == "Waiting for approval: Grace Hopper on Hello"
    assert mail["Reply-To"] == email  # answering the email writes to the commenter
    assert "List-Unsubscribe" not in mail  # the owner's own notifications
    text, html = text_of(mail).replace("\r\n", "\n"), html_of(mail)
    assert "> Nice <b>post</b>!\n> Second line." in text  # verbatim, quoted
    assert "Nice &lt;b&gt;post&lt;/b&gt;!" in html and "<b>post" not in html
    assert f"Grace Hopper <{email}>" in text and f"{email}" in html
    assert "https://site.example/blog/hello/" in text
    for page in ("moderate",):
        assert len(links_in(text, page)) == 3 and set(links_in(html, page)) == set(
            links_in(text, page)
        )
    assert "Approve this comment" in text and "Reject" in text and "Delete" in text


def test_get_shows_the_comment_and_changes_nothing_post_approves(app, client, moto_url):
    comment = post(app, email=address(), text="Wait for me.")
    approve_link, reject_link, delete_link = links_in(
        text_of(owner_mail(moto_url, comment["id"])), "moderate"
    )
    for link in (approve_link, reject_link, delete_link):
        page = client.get(link)
        assert page.status_code == 200 and page.mimetype == "text/html"
        assert page.headers["X-Robots-Tag"] == "noindex"
        assert "Wait for me." in page.get_data(as_text=True)
        assert '<form method="post">' in page.get_data(as_text=True)
    assert "Approve this comment?" in client.get(approve_link).get_data(as_text=True)
    assert stored(app, comment["id"])["status"] == keys.PENDING  # fetched four times: unchanged

    done = client.post(approve_link)
    assert done.status_code == 200, done.get_data(as_text=True)
    assert "The comment is approved" in done.get_data(as_text=True)
    assert stored(app, comment["id"])["status"] == keys.APPROVED
    assert client.post(approve_link).status_code == 200  # again: nothing more to do
    # approving trusted the address (moderation "first"), as the dashboard does
    assert services_of(app).table.get(keys.trust_pk(comment["email_hash"]), keys.META)


def test_reject_and_delete_links(app, client, moto_url):
    rejected = post(app, email=address(), text="Buy cheap watches.")
    deleted = post(app, email=address(), text="Spam spam spam.")
    _, reject, _ = links_in(text_of(owner_mail(moto_url, rejected["id"])), "moderate")
    _, _, delete = links_in(text_of(owner_mail(moto_url, deleted["id"])), "moderate")
    assert client.post(reject).status_code == 200
    assert stored(app, rejected["id"])["status"] == keys.REJECTED
    assert client.post(delete).status_code == 200
    assert stored(app, deleted["id"]) is None
    gone = client.get(delete)
    assert gone.status_code == 404 and "no longer exists" in gone.get_data(as_text=True)


def test_tampered_expired_and_wrong_purpose_links_are_refused(app, client, moto_url):
    email = address()
    comment = post(app, email=email, text="Tamper with me.")
    approve_link = links_in(text_of(owner_mail(moto_url, comment["id"])), "moderate")[0]
    token = approve_link.split("?t=", 1)[1]
    hashed = keys.email_hash(email, SECRET)
    forged = [
        token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB"),  # signature broken
        # an approve link for another comment cannot be made from this one's
        token.replace(token.split(".")[0], token.split(".")[0][:-2] + "xx"),
        # signed for another purpose: unsubscribing, confirming
        moderation_links.unsubscribe_token(SECRET, hashed, THREAD),
        moderation_links.confirm_token(SECRET, hashed, THREAD, "rid"),
        # signed with another secret
        moderation_links.moderation_token("another-secret", "approve", comment["id"]),
    ]
    for bad in forged:
        for method in (client.get, client.post):
            page = method(f"/comments/moderate?t={bad}")
            assert page.status_code == 404, bad
            assert "not valid" in page.get_data(as_text=True)
    fortnight_ago = time.time() - moderation_links.MODERATE_FOR.total_seconds() - 60
    expired = moderation_links.moderation_token(SECRET, "approve", comment["id"], fortnight_ago)
    for method in (client.get, client.post):
        page = method(f"/comments/moderate?t={expired}")
        assert page.status_code == 404 and "expired" in page.get_data(as_text=True)
    missing = client.get("/comments/moderate")
    assert missing.status_code == 422 and missing.mimetype == "text/html"
    assert stored(app, comment["id"])["status"] == keys.PENDING


def test_a_link_names_its_one_action(app, client):
    comment = post(app, email=address(), text="One action each.")
    reject = moderation_links.moderation_token(SECRET, "reject", comment["id"])
    page = client.get(f"/comments/moderate?t={reject}").get_data(as_text=True)
    assert "Reject this comment?" in page and "Approve" not in page
    client.post(f"/comments/moderate?t={reject}")
    assert stored(app, comment["id"])["status"] == keys.REJECTED


def test_an_approved_comment_gets_a_delete_link_only(app, moto_url):
    comment = post(app, "posts/open", email=address(), text="Shown at once.")
    mail = owner_mail(moto_url, comment["id"])
    assert mail["Subject"] == "New comment: Ada Lovelace on Open"
    (delete,) = links_in(text_of(mail), "moderate")
    action, _ = moderation_links.read_moderation_token(SECRET, delete.split("?t=", 1)[1])
    assert action == "delete"
    assert f"https://site.example/blog/open/#comment-{comment['id']}" in text_of(mail)


def test_the_owner_is_not_told_of_their_own_comments(app, moto_url):
    before = len(mails(moto_url, OWNER_EMAIL, "comment-owner"))
    post(app, owner=True, name="Ada (author)", text="Thanks, everyone.")
    assert len(mails(moto_url, OWNER_EMAIL, "comment-owner")) == before


@pytest.mark.parametrize("page", ["moderate", "subscriptions/confirm", "unsubscribe"])
def test_link_pages_are_valid_html(app, client, tmp_path, page):
    from ..nu import assert_valid_html

    comment = post(app, email=address(), text="Check <my> page & markup.")
    hashed = comment["email_hash"]
    token = {
        "moderate": moderation_links.moderation_token(SECRET, "approve", comment["id"]),
        "subscriptions/confirm": moderation_links.confirm_token(SECRET, hashed, THREAD, "x"),
        "unsubscribe": moderation_links.unsubscribe_token(SECRET, hashed, THREAD),
    }[page]
    html = client.get(f"/comments/{page}?t={token}").get_data(as_text=True)
    assert "<script" not in html
    if page == "moderate":  # the visitor's text, escaped
        assert "Check &lt;my&gt; page &amp; markup." in html
    bad = client.get(f"/comments/{page}?t=not-a-valid-token-at-all").get_data(as_text=True)
    for name, text in (("page", html), ("bad", bad)):
        # The bundled checker's CSS grammar predates color-scheme (2022), which the
        # pages' inline style sets (as in tests/api/test_events_mail_feedback.py).
        (tmp_path / f"{name}.html").write_text(text.replace(";color-scheme:light dark", ""))
    assert_valid_html(tmp_path)
