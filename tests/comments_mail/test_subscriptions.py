"""Reply emails: only to addresses confirmed by a double opt-in, never to the replier, and
every one with a one-click unsubscribe (RFC 8058)."""

from __future__ import annotations

from urllib.parse import urlsplit

from api.comments import keys, subscriptions

from ..api.test_events_mail_support import address, html_of, mails, text_of
from .conftest import OPEN_THREAD, SECRET, THREAD, approve, links_in, post, services_of


def sub(app, email: str, thread: str = OPEN_THREAD) -> dict | None:
    return subscriptions.get(services_of(app).table, keys.email_hash(email, SECRET), thread)


def confirm_link(moto_url: str, email: str) -> str:
    (mail,) = mails(moto_url, email, "comment-confirm")
    (link,) = links_in(text_of(mail), "subscriptions/confirm")
    return link


def one_click(mail) -> str:
    """Return the path of a mail's List-Unsubscribe link, checking the RFC 8058 headers."""
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header = mail["List-Unsubscribe"]
    assert header.startswith("<https://site.example/api/comments/unsubscribe?t=")
    url = urlsplit(header.strip("<>"))
    assert f"{header.strip('<>')}" in text_of(mail) and header.strip("<>") in html_of(mail)
    return f"{url.path}?{url.query}"


def test_no_reply_email_before_the_address_is_confirmed_then_one_after(app, client, moto_url):
    ada = address("ada")
    mine = post(app, OPEN_THREAD, email=ada, notify=True, text="Tell me about replies.")
    (ask,) = mails(moto_url, ada, "comment-confirm")
    assert ask["Subject"] == "Confirm: email me replies on Open"
    assert "no reply is emailed to this address" in text_of(ask)
    one_click(ask)  # even the confirmation can be stopped with one click
    assert sub(app, ada)["status"] == subscriptions.PENDING

    post(app, OPEN_THREAD, name="Bob", email=address("bob"), parent=mine["id"], text="Early reply.")
    assert mails(moto_url, ada, "comment-reply") == []  # not confirmed: nothing

    link = confirm_link(moto_url, ada)
    page = client.get(link)
    assert page.status_code == 200 and "Yes, email me replies" in page.get_data(as_text=True)
    assert (
        sub(app, ada)["status"] == subscriptions.PENDING
    )  # a GET (a mail scanner) confirms nothing
    done = client.post(link)
    assert done.status_code == 200 and "Confirmed" in done.get_data(as_text=True)
    assert sub(app, ada)["status"] == subscriptions.CONFIRMED
    assert client.post(link).status_code == 200  # twice: still fine

    reply = post(
        app,
        OPEN_THREAD,
        name="Charles Babbage",
        email=address("c"),
        parent=mine["id"],
        text="The engine runs *fast*.",
    )
    (told,) = mails(moto_url, ada, "comment-reply")
    assert told["Subject"] == "Charles Babbage replied to your comment on Open"
    text = text_of(told).replace("\r\n", "\n")
    assert "> The engine runs *fast*." in text
    assert f"https://site.example/blog/open/#comment-{reply['id']}" in text
    one_click(told)


def test_the_replier_never_emails_themself(app, client, moto_url):
    ada = address("ada")
    mine = post(app, OPEN_THREAD, email=ada, notify=True, text="Subscribed.")
    client.post(confirm_link(moto_url, ada))
    post(app, OPEN_THREAD, email=ada.upper(), parent=mine["id"], text="Replying to myself.")
    assert mails(moto_url, ada, "comment-reply") == []
    assert mails(moto_url, ada.upper(), "comment-reply") == []


def test_a_confirmation_is_asked_at_most_once_a_day_per_page(app, moto_url):
    victim = address("victim")
    for n in range(3):
        post(app, OPEN_THREAD, name="Mallory", email=victim, notify=True, text=f"Sign up {n}.")
    assert len(mails(moto_url, victim, "comment-confirm")) == 1
    post(app, THREAD, name="Mallory", email=victim, notify=True, text="Another page.")
    assert len(mails(moto_url, victim, "comment-confirm")) == 2  # one per page


def test_one_click_unsubscribe_stops_the_emails_at_once(app, client, moto_url):
    ada = address("ada")
    mine = post(app, OPEN_THREAD, email=ada, notify=True, text="Subscribe me.")
    client.post(confirm_link(moto_url, ada))
    post(app, OPEN_THREAD, name="Bob", parent=mine["id"], text="First reply.")
    (told,) = mails(moto_url, ada, "comment-reply")
    link = one_click(told)

    page = client.get(link)  # the link in the body: a page with a button
    assert page.status_code == 200 and "Unsubscribe?" in page.get_data(as_text=True)
    assert sub(app, ada)["status"] == subscriptions.CONFIRMED
    # What a mail provider's Unsubscribe button sends (RFC 8058), from its own servers.
    gone = client.post(
        link,
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert gone.status_code == 200 and "unsubscribed" in gone.get_data(as_text=True)
    after = sub(app, ada)
    assert after["status"] == subscriptions.UNSUBSCRIBED and "email" not in after
    post(app, OPEN_THREAD, name="Carol", parent=mine["id"], text="Second reply.")
    assert len(mails(moto_url, ada, "comment-reply")) == 1
    assert client.post(link).status_code == 200  # again: nothing to do, no error


def test_a_reply_waiting_for_moderation_is_emailed_once_approved(app, client, moto_url):
    ada = address("ada")
    mine = post(app, THREAD, email=ada, notify=True, text="A newcomer's first comment.")
    client.post(confirm_link(moto_url, ada))
    approve(app, mine)  # a newcomer's comment waits (moderation "first")
    reply = post(app, THREAD, name="Bob", email=address("bob"), parent=mine["id"], text="Hi!")
    assert reply["status"] == keys.PENDING
    assert mails(moto_url, ada, "comment-reply") == []  # pending: nobody else sees it
    approve(app, reply)
    (told,) = mails(moto_url, ada, "comment-reply")
    assert "> Hi!" in text_of(told).replace("\r\n", "\n")


def test_a_confirmation_link_for_another_request_or_purpose_is_refused(app, client, moto_url):
    ada = address("ada")
    post(app, OPEN_THREAD, email=ada, notify=True, text="Confirm me.")
    link = confirm_link(moto_url, ada)
    token = link.split("?t=", 1)[1]
    for bad in (token[:-2] + "xx", "x" * 40):
        assert client.post(f"/comments/subscriptions/confirm?t={bad}").status_code == 404
    assert client.post(f"/comments/unsubscribe?t={token}").status_code == 404
    assert sub(app, ada)["status"] == subscriptions.PENDING


def test_someone_elses_sign_up_is_undone_with_one_click_and_its_link_dies(app, client, moto_url):
    victim = address("victim")
    post(app, OPEN_THREAD, name="Mallory", email=victim, notify=True, text="Subscribe them.")
    (ask,) = mails(moto_url, victim, "comment-confirm")
    link = confirm_link(moto_url, victim)
    assert client.post(one_click(ask), data={"List-Unsubscribe": "One-Click"}).status_code == 200
    assert sub(app, victim)["status"] == subscriptions.UNSUBSCRIBED
    refused = client.post(link)
    assert refused.status_code == 404 and "unsubscribed since" in refused.get_data(as_text=True)
    assert sub(app, victim)["status"] == subscriptions.UNSUBSCRIBED
    post(app, OPEN_THREAD, name="Mallory", email=victim, notify=True, text="And again.")
    assert len(mails(moto_url, victim, "comment-confirm")) == 1  # not within the day


def test_the_emails_html_is_valid(app, client, moto_url, tmp_path):
    from ..nu import assert_valid_html

    ada = address("ada")
    mine = post(app, OPEN_THREAD, email=ada, notify=True, text="Valid <html> & all.")
    client.post(confirm_link(moto_url, ada))
    post(app, OPEN_THREAD, name="Bob", parent=mine["id"], text="A reply with <b>tags</b>.")
    sent = [*mails(moto_url, ada), *mails(moto_url, "owner@example.com", "comment-owner")[-1:]]
    assert {m["X-Frostfolio-Mail"] for m in sent} == {
        "comment-confirm",
        "comment-reply",
        "comment-owner",
    }
    for n, mail in enumerate(sent):
        (tmp_path / f"{n}.html").write_text(html_of(mail))
    assert_valid_html(tmp_path)
