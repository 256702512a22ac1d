"""Signed links: an RSVP's manage link, and the form token of an event's RSVP form.

A manage link needs no account: it carries the event, the address's hash and
the RSVP's own random ``rid``, signed with the form secret under a salt of its
own (a form token or a future ticket cannot pass for it). Cancelling and
RSVPing again gives a new ``rid``, so old links stop working.
"""

from __future__ import annotations

from typing import Any

from itsdangerous import BadData, URLSafeSerializer

from ..errors import NotFound
from . import keys

MANAGE_SALT = "frostfolio-events:manage"
# itsdangerous' HMAC-SHA1 signature is 27 base64url characters.
MANAGE_PATTERN = "\\.?[A-Za-z0-9_-]{8,400}\\.[A-Za-z0-9_-]{27}"
MANAGE_EXAMPLE = "WyJib2FyZC1nYW1lcyIsIjAwMDAwMDAwIiwiMDAwMDAwIl0.AAAAAAAAAAAAAAAAAAAAAAAAAAA"


def form_purpose(event_id: str) -> str:
    """Return the purpose a form token for this event's RSVP form is bound to."""
    return f"rsvp:{event_id}"


def rsvp_link_token(secret: str, salt: str, rsvp: dict[str, Any]) -> str:
    """Sign an RSVP for one purpose (`salt`): its manage link, its feedback link."""
    parts = [rsvp["event_id"], rsvp["hash"], rsvp["rid"]]
    token = URLSafeSerializer(secret, salt=salt).dumps(parts)
    return token if isinstance(token, str) else token.decode()


def read_rsvp_link_token(secret: str, salt: str, token: str, refusal: str) -> tuple[str, str, str]:
    """Return (event id, email hash, rid) of a token signed for `salt`, or raise 404."""
    try:
        value = URLSafeSerializer(secret, salt=salt).loads(token)
    except BadData:
        value = None
    if (
        not isinstance(value, list)
        or len(value) != 3
        or not all(isinstance(part, str) for part in value)
    ):
        raise NotFound(refusal, code="link_invalid")
    event_id, hashed, rid = value
    return event_id, hashed, rid


def manage_token(secret: str, rsvp: dict[str, Any]) -> str:
    """Return the signed token of an RSVP's manage link."""
    return rsvp_link_token(secret, MANAGE_SALT, rsvp)


def read_manage_token(secret: str, token: str) -> tuple[str, str, str]:
    """Return (event id, email hash, rid) of a manage token, or raise 404."""
    refusal = "This link is not valid: use the link from your confirmation email."
    return read_rsvp_link_token(secret, MANAGE_SALT, token, refusal)


def rsvp_key(event_id: str, hashed: str) -> tuple[str, str]:
    """Return the (pk, sk) of the RSVP a token names."""
    return keys.event_pk(event_id), keys.rsvp_sk(hashed)
