"""The pages behind the links in comment emails: moderate, confirm a subscription, unsubscribe.

Each is ``{api}/comments/<page>?t=<signed token>`` (``moderation_links``).
``GET`` only shows what the link would do and a button: mail scanners and
link previews fetch links in emails, so fetching never changes anything.
The button ``POST``\\ s to the same address, which does it. ``POST
/comments/unsubscribe`` is also what a mail provider's "Unsubscribe" button
sends (RFC 8058 one-click, ``List-Unsubscribe=One-Click`` as a form body):
it takes effect at once, with no page in between. Every answer is a page
(``noindex``, no referrer beyond the API); a bad, expired or
wrong-purpose link gets a page that says so, with status 404.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import Blueprint, Response, request

from ..errors import ApiError, NotFound, from_storage
from ..services import current
from ..storage import StorageError
from ..validation import Field, validate_query
from . import keys
from . import moderation_links as links

bp = Blueprint("comment_mail", __name__)
QUERY = {
    "t": Field(
        pattern=links.TOKEN_PATTERN,
        pattern_message="Must be the token from the email's link.",
        description="The signed token from the email's link.",
    )
}
DONE = {
    "approve": ("Approved", "The comment is approved and shown on the page."),
    "reject": ("Rejected", "The comment is rejected: nobody else sees it."),
    "delete": ("Deleted", "The comment is deleted for good."),
}
ASK = {
    "approve": ("Approve this comment?", "Approve", False),
    "reject": ("Reject this comment?", "Reject", True),
    "delete": ("Delete this comment for good?", "Delete", True),
}
ALREADY = {"approve": keys.APPROVED, "reject": keys.REJECTED}


def _listen(state: Any) -> None:
    # The emails go out from the request that stores a comment: subscribe once.
    from . import mailer

    mailer.listen()


bp.record_once(_listen)


def page(status: int, title: str, **context: Any) -> Response:
    """Answer with a small page in the site's look (``mail_templates/page.html``)."""
    from .mail_letters import templates

    context.setdefault("heading", title)
    html = templates().get_template("page.html").render(title=title, back="", **context)
    response = Response(html, status=status, mimetype="text/html")
    # same-origin, not no-referrer: Chrome posts the button's form with `Origin: null`
    # under no-referrer, which the origin check refuses (as in api/events/pages.py).
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def _problem(exc: ApiError, title: str) -> Response:
    return page(exc.status, title, message=exc.message, tone="error")


def _token() -> str:
    return validate_query(request.args, QUERY)["t"]


def _guarded(run: Any) -> Any:
    try:
        return run()
    except StorageError as exc:
        raise from_storage(exc) from exc


def _comment(comment_id: str) -> tuple[dict[str, Any], dict[str, Any] | None]:
    from . import store

    table = current().table
    comment = store.get(table, comment_id)
    if comment is None:
        raise NotFound("This comment no longer exists: it was deleted.", code="comment_not_found")
    return comment, store.get_thread(table, comment["thread"])


def _shown(comment: dict[str, Any], thread: dict[str, Any] | None) -> dict[str, Any]:
    facts = [f"{comment.get('created', '')[:16].replace('T', ' ')} UTC", comment["status"]]
    if comment.get("email"):
        facts.insert(0, comment["email"])
    site = current().settings.site_url
    return {
        "comment": comment,
        "thread_title": (thread or {}).get("title") or comment["thread"],
        "comment_facts": " · ".join(facts),
        "link": links.page_url(
            site, thread, comment["id"] if comment["status"] == "approved" else ""
        ),
        "link_text": "See the page",
    }


@bp.get("/comments/moderate")
def moderation_page() -> Response:
    """Show the comment a moderation link is for and a button that does it."""
    try:
        action, comment_id = links.read_moderation_token(current().settings.form_secret, _token())
        comment, thread = _guarded(lambda: _comment(comment_id))
    except ApiError as exc:
        return _problem(exc, "Moderate a comment")
    heading, button, danger = ASK[action]
    if ALREADY.get(action) == comment["status"]:
        done, message = DONE[action]
        return page(200, done, message=message, tone="ok", **_shown(comment, thread))
    return page(200, heading, button=button, danger=danger, **_shown(comment, thread))


@bp.post("/comments/moderate")
def moderate() -> Response:
    """Approve, reject or delete the comment a moderation link names."""
    try:
        action, comment_id = links.read_moderation_token(current().settings.form_secret, _token())
        comment, thread = _guarded(lambda: _comment(comment_id))
        _guarded(lambda: _apply(action, comment))
    except ApiError as exc:
        return _problem(exc, "Moderate a comment")
    done, message = DONE[action]
    shown = _shown(dict(comment, status=ALREADY.get(action, comment["status"])), thread)
    if action == "delete":
        shown = {"thread_title": shown["thread_title"]}
    return page(200, done, message=message, tone="ok", **shown)


def _apply(action: str, comment: dict[str, Any]) -> None:
    """Do it through the service, as the dashboard does (trust, counts, reply emails)."""
    from . import service

    if action == "delete":
        service.delete(current(), comment["id"])
    elif comment["status"] != ALREADY[action]:
        service.moderate(current(), comment["id"], ALREADY[action], None)


@bp.get("/comments/subscriptions/confirm")
def confirmation_page() -> Response:
    """Show what confirming does and a button that confirms."""
    from . import subscriptions

    try:
        hashed, thread_id, rid = links.read_confirm_token(current().settings.form_secret, _token())
        found = _guarded(lambda: subscriptions.get(current().table, hashed, thread_id))
        thread = _guarded(lambda: _thread(thread_id))
    except ApiError as exc:
        return _problem(exc, "Email me replies")
    title = (thread or {}).get("title") or thread_id
    if found and found.get("status") == subscriptions.CONFIRMED:
        return _confirmed(thread, title)  # from this link or a newer one: done either way
    if not found or found.get("rid") != rid or found.get("status") != subscriptions.PENDING:
        return _problem(_stale(), "Email me replies")
    return page(
        200,
        "Email me replies",
        heading="Email me replies?",
        lines=[f"Replies to your comments on “{title}” will be emailed to this address."],
        button="Yes, email me replies",
    )


def _thread(thread_id: str) -> dict[str, Any] | None:
    from . import store

    return store.get_thread(current().table, thread_id)


def _stale() -> NotFound:
    return NotFound(
        "This link was replaced by a newer one, or you unsubscribed since: "
        "use the latest email, or tick the box again with your next comment.",
        code="link_invalid",
    )


def _confirmed(thread: dict[str, Any] | None, title: str) -> Response:
    return page(
        200,
        "Confirmed",
        message=f"Confirmed: replies to your comments on “{title}” will be emailed to you.",
        tone="ok",
        lines=["Every such email has a link to unsubscribe with one click."],
        link=links.page_url(current().settings.site_url, thread),
        link_text="Back to the page",
    )


@bp.post("/comments/subscriptions/confirm")
def confirm() -> Response:
    """Confirm an address for a thread's reply emails (the double opt-in)."""
    from . import subscriptions

    try:
        hashed, thread_id, rid = links.read_confirm_token(current().settings.form_secret, _token())
        table = current().table
        ok = _guarded(
            lambda: subscriptions.confirm(table, hashed, thread_id, rid, datetime.now(UTC))
        )
        if not ok:
            raise _stale()
        thread = _guarded(lambda: _thread(thread_id))
    except ApiError as exc:
        return _problem(exc, "Email me replies")
    return _confirmed(thread, (thread or {}).get("title") or thread_id)


@bp.get("/comments/unsubscribe")
def unsubscribe_page() -> Response:
    """Show a button that stops the emails about a thread (the link in each email's body)."""
    try:
        _, thread_id = links.read_unsubscribe_token(current().settings.form_secret, _token())
        thread = _guarded(lambda: _thread(thread_id))
    except ApiError as exc:
        return _problem(exc, "Unsubscribe")
    title = (thread or {}).get("title") or thread_id
    return page(
        200,
        "Unsubscribe",
        heading="Unsubscribe?",
        lines=[f"No more emails about replies on “{title}” will be sent to this address."],
        button="Unsubscribe",
    )


@bp.post("/comments/unsubscribe")
def unsubscribe() -> Response:
    """Stop the emails about a thread at once (also RFC 8058 one-click from a mail app)."""
    from . import subscriptions

    try:
        hashed, thread_id = links.read_unsubscribe_token(current().settings.form_secret, _token())
        table = current().table
        _guarded(lambda: subscriptions.unsubscribe(table, hashed, thread_id, datetime.now(UTC)))
        thread = _guarded(lambda: _thread(thread_id))
    except ApiError as exc:
        return _problem(exc, "Unsubscribe")
    title = (thread or {}).get("title") or thread_id
    return page(
        200,
        "Unsubscribed",
        message=f"You are unsubscribed: no more emails about “{title}”.",
        tone="ok",
        lines=["Changed your mind? Tick “email me replies” with your next comment."],
        link=links.page_url(current().settings.site_url, thread),
        link_text="Back to the page",
    )
