"""Signed one-purpose links: moderate a comment, confirm a subscription, unsubscribe.

Every link the comment emails carry is ``{api}/comments/<page>?t=<token>``, the
token signed with the form secret under a salt of its own purpose, so a token
made for one page never passes for another (an unsubscribe link cannot
approve a comment, an approve link cannot delete one: the action is inside
the signed value). Moderation and confirmation links expire; an unsubscribe
link works as long as the email it came in is read.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import quote, urlsplit

from itsdangerous import BadData, URLSafeSerializer, URLSafeTimedSerializer
from itsdangerous.timed import TimestampSigner

from ..errors import NotFound

ACTIONS = ("approve", "reject", "delete")
MODERATE_SALT = "frostfolio-comments:moderate"
CONFIRM_SALT = "frostfolio-comments:confirm"
UNSUBSCRIBE_SALT = "frostfolio-comments:unsubscribe"
MODERATE_FOR = timedelta(days=14)
CONFIRM_FOR = timedelta(days=7)
# A token is base64url text and dots, its signature (and timestamp) at the end.
TOKEN_PATTERN = "[A-Za-z0-9_.-]{20,600}"
TOKEN_EXAMPLE = "WyJhcHByb3ZlIiwiYzBtbWVudDFkLUV4YW1wbCJd.Z1Q0AA.AAAAAAAAAAAAAAAAAAAAAAAAAAA"

INVALID = "This link is not valid: use the link from the email as it came."
EXPIRED = "This link has expired: links in these emails work for {days} days."


def _timed(secret: str, salt: str, issued: float | None = None) -> URLSafeTimedSerializer:
    if issued is None:
        return URLSafeTimedSerializer(secret, salt=salt)

    class Issued(TimestampSigner):  # a token as it was made at ``issued`` (tests of expiry)
        def get_timestamp(self) -> int:
            return int(issued)

    return URLSafeTimedSerializer(secret, salt=salt, signer=Issued)


def _text(token: str | bytes) -> str:
    return token if isinstance(token, str) else token.decode()


def _read(secret: str, salt: str, token: str, max_age: timedelta | None, size: int) -> list[str]:
    try:
        if max_age is None:
            value = URLSafeSerializer(secret, salt=salt).loads(token or "")
        else:
            value = _timed(secret, salt).loads(token or "", max_age=max_age.total_seconds())
    except BadData as exc:
        from itsdangerous import SignatureExpired

        if isinstance(exc, SignatureExpired) and max_age is not None:
            raise NotFound(EXPIRED.format(days=max_age.days), code="link_expired") from exc
        value = None
    if (
        not isinstance(value, list)
        or len(value) != size
        or not all(isinstance(part, str) and part for part in value)
    ):
        raise NotFound(INVALID, code="link_invalid")
    return value


def moderation_token(secret: str, action: str, comment_id: str, issued: float | None = None) -> str:
    """Sign a link that does one thing (``approve``, ``reject``, ``delete``) to one comment."""
    assert action in ACTIONS, action
    return _text(_timed(secret, MODERATE_SALT, issued).dumps([action, comment_id]))


def read_moderation_token(secret: str, token: str) -> tuple[str, str]:
    """Return (action, comment id) of a moderation token, or raise 404 (invalid, expired)."""
    action, comment_id = _read(secret, MODERATE_SALT, token, MODERATE_FOR, 2)
    if action not in ACTIONS:
        raise NotFound(INVALID, code="link_invalid")
    return action, comment_id


def confirm_token(
    secret: str, hashed: str, thread: str, rid: str, issued: float | None = None
) -> str:
    """Sign the double opt-in link of one request (``rid``) to follow a thread's replies."""
    return _text(_timed(secret, CONFIRM_SALT, issued).dumps([hashed, thread, rid]))


def read_confirm_token(secret: str, token: str) -> tuple[str, str, str]:
    """Return (email hash, thread, request id) of a confirmation token, or raise 404."""
    hashed, thread, rid = _read(secret, CONFIRM_SALT, token, CONFIRM_FOR, 3)
    return hashed, thread, rid


def unsubscribe_token(secret: str, hashed: str, thread: str) -> str:
    """Sign the one-click unsubscribe link of an address from a thread (never expires)."""
    return _text(URLSafeSerializer(secret, salt=UNSUBSCRIBE_SALT).dumps([hashed, thread]))


def read_unsubscribe_token(secret: str, token: str) -> tuple[str, str]:
    """Return (email hash, thread) of an unsubscribe token, or raise 404."""
    hashed, thread = _read(secret, UNSUBSCRIBE_SALT, token, None, 2)
    return hashed, thread


def api_base(site_url: str) -> str:
    """Return the API's public address on the site's origin (``https://site/api``)."""
    parts = urlsplit(site_url)
    return f"{parts.scheme}://{parts.netloc}/api"


def link(site_url: str, page: str, token: str) -> str:
    """Return ``{api}/comments/<page>?t=<token>`` (``moderate``, ``unsubscribe``, ...)."""
    return f"{api_base(site_url)}/comments/{page}?t={quote(token, safe='')}"


def page_url(site_url: str, thread: dict[str, Any] | None, comment_id: str = "") -> str:
    """Return the address of a thread's page on the site (at one comment, if given)."""
    if not thread or not thread.get("url"):
        return ""
    path = thread["url"].strip("/")
    url = site_url.rstrip("/") + "/" + (path + "/" if path else "")
    return f"{url}#comment-{comment_id}" if comment_id else url
