"""Owner authentication for every owner endpoint: a bearer token, with guesses throttled.

Protect a blueprint with ``bp.before_request(require_owner)``.

A missing token is answered 401 with ``WWW-Authenticate: Bearer``. A wrong one
is answered 401 too, and counted per client (a keyed hash of its address) in a
fixed window, with the same atomic DynamoDB counter as the rate limits. Once a
client has sent ``FROSTFOLIO_OWNER_AUTH_LIMIT`` wrong tokens in a window, every
owner request from it is answered 429 until the window ends, *including one
with the right token*: answering that one would tell a guesser which guess was
right, and the limit would bound nothing. The owner on any other address is
unaffected; the owner behind the attacker's own address waits out the window.
"""

from __future__ import annotations

from flask import request

from . import ratelimit
from .errors import ServiceUnavailable, Unauthorized
from .http import client_address
from .security import bearer_token, client_hash, token_matches
from .services import current

SCOPE = "owner-auth"
CHALLENGE = 'Bearer realm="frostfolio"'


def require_owner() -> None:
    """Let the request through only with the owner's bearer token (OPTIONS excepted)."""
    if request.method == "OPTIONS":
        return  # lists the allowed methods, which /openapi.json publishes anyway
    services = current()
    settings = services.settings
    if not settings.owner_token_sha256:
        raise ServiceUnavailable(
            "Owner access is not configured on this server.", code="owner_not_configured"
        )
    token = bearer_token(request.headers.get("Authorization"))
    if token is None:
        raise Unauthorized(headers={"WWW-Authenticate": CHALLENGE})
    client = client_hash(client_address(), services.secret)
    guesses = ratelimit.Limit(
        SCOPE, settings.owner_auth_limit, settings.owner_auth_window, "wrong owner tokens"
    )
    if token_matches(token, settings.owner_token_sha256):
        ratelimit.check(services.table, guesses, client)
        return
    ratelimit.hit(services.table, guesses, client)
    raise Unauthorized(
        "The owner token is not valid.",
        code="invalid_token",
        headers={"WWW-Authenticate": f'{CHALLENGE}, error="invalid_token"'},
    )
