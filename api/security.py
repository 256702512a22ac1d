"""Form tokens, the owner's bearer token and client-address hashing."""

from __future__ import annotations

import hashlib
import hmac
import time

from itsdangerous import BadData, URLSafeSerializer

from .errors import InvalidFields

TOKEN_FIELD = "token"


def _signer(secret: str, purpose: str) -> URLSafeSerializer:
    # itsdangerous ships with Flask (its sessions use it): signing costs no import.
    # The salt keeps a token for one form from passing for another.
    return URLSafeSerializer(secret, salt=f"frostfolio-form:{purpose}")


def issue_token(secret: str, purpose: str = "contact", now: float | None = None) -> str:
    """Return a token recording when a form was handed out (in ms), signed with ``secret``."""
    issued = int((time.time() if now is None else now) * 1000)
    return _signer(secret, purpose).dumps(issued)


def check_token(
    token: str,
    secret: str,
    *,
    min_age: float,
    max_age: float,
    purpose: str = "contact",
    now: float | None = None,
) -> None:
    """Raise InvalidFields unless ``token`` is ours and between min and max age."""
    try:
        issued = _signer(secret, purpose).loads(token or "")
    except BadData:
        issued = None
    if not isinstance(issued, int) or isinstance(issued, bool):
        raise InvalidFields(
            "The form token is missing or damaged: reload the page and send again.",
            fields={TOKEN_FIELD: "Missing or invalid: reload the page and send again."},
            code="invalid_token",
        )
    age = (time.time() if now is None else now) - issued / 1000
    if age < min_age:
        raise InvalidFields(
            "Sent too quickly: wait a moment and send again.",
            fields={TOKEN_FIELD: "Sent too quickly: wait a moment and send again."},
            code="too_fast",
        )
    if age > max_age:
        raise InvalidFields(
            "This form has expired: reload the page and send again.",
            fields={TOKEN_FIELD: "Expired: reload the page and send again."},
            code="token_expired",
        )


def hash_token(token: str) -> str:
    """Return the hex SHA-256 of an owner token (what the API is configured with)."""
    return hashlib.sha256(token.encode()).hexdigest()


def bearer_token(authorization: str | None) -> str | None:
    """Return the token of an ``Authorization: Bearer <token>`` header, or None."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def token_matches(token: str, expected_sha256: str) -> bool:
    """Tell whether ``token`` hashes to the configured digest, in constant time."""
    # Compare digests of equal length; never the token itself.
    return hmac.compare_digest(hash_token(token), expected_sha256.lower())


def client_hash(address: str, secret: str) -> str:
    """Return a short keyed hash of a client address (for logs and rate limits)."""
    return hmac.new(secret.encode(), (address or "-").encode(), hashlib.sha256).hexdigest()[:16]
