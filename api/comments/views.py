"""Public comment endpoints: a thread's comments, all of them for the build, post, vote.

Thin: they read and check the request, then call ``service``. A form post
(no JavaScript) is answered 303 back to the page, or with a page that shows
the problems beside the refilled form (``pages``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import Blueprint, Response, jsonify, redirect, request

from ..body import read_body
from ..errors import ApiError, from_storage
from ..routing import id_converter, use_converter
from ..security import bearer_token, client_hash, issue_token
from ..services import current
from ..storage import StorageError
from ..validation import validate, validate_query
from . import keys

bp = Blueprint("comments", __name__)
Kind = id_converter("thread_kind", keys.KIND_PATTERN, keys.THREAD_EXAMPLE[0])
Slug = id_converter("thread_slug", keys.SLUG_PATTERN, keys.THREAD_EXAMPLE[1])
CommentId = id_converter("comment_id", keys.ID_PATTERN, keys.ID_EXAMPLE)
use_converter(bp, "thread_kind", Kind)
use_converter(bp, "thread_slug", Slug)
use_converter(bp, "comment_id", CommentId)
THREAD = "/threads/<thread_kind:kind>/<thread_slug:slug>/comments"


@bp.get("/comments/token")
def token() -> Response:
    """Hand out a comment form token that becomes valid after a short wait."""
    from .guard import secret

    services = current()
    return jsonify(
        ok=True,
        token=issue_token(secret(services), "comment"),
        min_age=services.settings.token_min_age,
        max_age=services.settings.token_max_age,
    )


@bp.get(THREAD)
def thread_comments(kind: str, slug: str) -> Response:
    """List a page's approved comments, oldest first, with the page's settings."""
    from . import service, store

    thread = keys.thread_id(kind, slug)
    table = current().table
    meta = store.get_thread(table, thread)
    if meta is None or meta.get("removed_at") or meta.get("comments") == keys.OFF:
        raise service.not_found(thread)
    comments = service.shown_comments(store.in_thread(table, thread))
    response = jsonify(
        ok=True, thread=service.thread_public(meta, datetime.now(UTC)), comments=comments
    )
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/comments/public")
def all_public() -> Response:
    """List every approved comment of every page that shows comments (the build reads it)."""
    from . import service, store

    table = current().table
    shown = {
        t["thread"]
        for t in store.threads(table)
        if not t.get("removed_at") and t.get("comments") != keys.OFF
    }
    by_thread: dict[str, list[dict[str, Any]]] = {thread: [] for thread in sorted(shown)}
    for comment in store.every_approved(table):
        if comment["thread"] in by_thread:
            by_thread[comment["thread"]].append(comment)
    return jsonify(
        ok=True, threads={t: service.shown_comments(items) for t, items in by_thread.items()}
    )


def _is_owner() -> bool:
    """Tell whether the owner is posting: a bearer token (checked), or a valid session."""
    from ..auth import cookie_name, require_owner

    services = current()
    if bearer_token(request.headers.get("Authorization")) is not None:
        require_owner()  # a wrong token is refused, never taken for a visitor
        return True
    if request.cookies.get(cookie_name(services.settings)):
        try:
            require_owner()
        except ApiError:
            return False  # an ended session or a post without the CSRF header: a visitor
        return True
    return False


def _accept(kind: str, slug: str, data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    from ..http import client_address
    from . import guard, service
    from .fields import COMMENT_FIELDS

    services = current()
    owner = _is_owner()
    if not owner:
        guard.honeypot(services, data)
    fields = validate(data, COMMENT_FIELDS)
    thread = keys.thread_id(kind, slug)
    now = datetime.now(UTC)
    meta = service.open_thread(services, thread, now)
    service.check_rating(meta, fields)
    if not owner:
        guard.check_links(services, fields["text"])
        guard.check_form(services, fields.get("token") or "")
        guard.count_comment(services)
    client = client_hash(client_address(), services.secret)
    author = service.Author(owner, fields.get("visitor") or client, client)
    return service.post(services, meta, fields, author, now), meta


@bp.post(THREAD)
def post_comment(kind: str, slug: str) -> Response:
    """Post a comment, reply or review: shown at once or held for the owner's approval."""
    from . import service

    data, from_form = read_body(form=True)
    if from_form:
        from .fields import from_form as read_form

        data = read_form(data)
    try:
        try:
            comment, meta = _accept(kind, slug, data)
        except StorageError as exc:
            raise from_storage(exc) from exc
    except ApiError as exc:
        if from_form:
            from .pages import comment_form_page

            return comment_form_page(keys.thread_id(kind, slug), data, exc)
        raise
    approved = comment["status"] == keys.APPROVED
    if from_form:
        settings = current().settings
        site = (settings.site_url or next(iter(settings.allowed_origins), "")).rstrip("/")
        where = f"#comment-{comment['id']}" if approved else "?comment=pending#comment-pending"
        if site:
            return redirect(f"{site}{meta['url']}{where}", code=303)
        from .pages import posted_page

        return posted_page(meta, approved)
    message = (
        "Thank you: your comment is up."
        if approved
        else "Thank you: your comment will appear once the site's owner has approved it."
    )
    response = jsonify(
        ok=True, comment=service.public(comment), status=comment["status"], message=message
    )
    response.status_code = 201
    return response


def _vote(comment_id: str, up: bool) -> Response:
    from ..http import client_address
    from . import guard, service
    from .fields import VOTE_FIELDS

    services = current()
    if up or request.content_length:
        fields = validate(read_body()[0], VOTE_FIELDS)
    else:  # a DELETE without a body names the visitor in the query string
        fields = validate_query(request.args, VOTE_FIELDS)
    guard.count_vote(services)
    visitor = fields.get("visitor") or client_hash(client_address(), services.secret)
    votes, voted = service.vote(services, comment_id, visitor, up)
    return jsonify(ok=True, votes=votes, voted=voted)


@bp.put("/comments/<comment_id:comment_id>/vote")
def upvote(comment_id: str) -> Response:
    """Upvote an approved comment, once per visitor (again: no change)."""
    return _vote(comment_id, True)


@bp.delete("/comments/<comment_id:comment_id>/vote")
def withdraw(comment_id: str) -> Response:
    """Withdraw this visitor's upvote, named by ``?visitor=`` or a JSON body (none: no change)."""
    return _vote(comment_id, False)
