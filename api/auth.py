"""Owner authentication for every owner endpoint: a session cookie or the bearer token.

Protect a blueprint with ``bp.before_request(require_owner)``.

- A browser signed in through ``POST /owner/session`` sends its session cookie
  (HttpOnly, SameSite=Strict). Every change it asks for (POST, PUT, PATCH,
  DELETE) must also carry the session's CSRF token in ``X-CSRF-Token`` and come
  from the site's own origin (``Origin``, or ``Sec-Fetch-Site: same-origin``),
  else 403: a page elsewhere cannot act with the owner's cookie.
- Scripts and ``curl`` send ``Authorization: Bearer <owner token>``. A missing
  token is answered 401 with ``WWW-Authenticate: Bearer``. A wrong one is
  answered 401 too, and counted per client (a keyed hash of its address) in a
  fixed window, with the same atomic DynamoDB counter as the rate limits. Once a
  client has sent ``FROSTFOLIO_OWNER_AUTH_LIMIT`` wrong tokens in a window, every
  token request from it is answered 429 until the window ends, *including one
  with the right token*: answering that one would tell a guesser which guess
  was right, and the limit would bound nothing.
"""

from __future__ import annotations

import hmac

from flask import g, request

from . import ratelimit, sessions
from .errors import Forbidden, ServiceUnavailable, Unauthorized
from .http import STATE_CHANGING, client_address
from .security import bearer_token, client_hash, token_matches
from .services import current
from .settings import Settings

SCOPE = "owner-auth"
CHALLENGE = 'Bearer realm="frostfolio"'
CSRF_HEADER = "X-CSRF-Token"


def cookie_name(settings: Settings) -> str:
    """The session cookie's name: with the ``__Host-`` prefix whenever it is Secure."""
    return "__Host-ff_session" if settings.cookie_secure else "ff_session"


def owner_configured(settings: Settings) -> bool:
    """Tell whether the owner can sign in at all (a token, or email for links)."""
    return bool(settings.owner_token_sha256 or settings.notifications_enabled)


def require_owner() -> None:
    """Let the request through only for the owner (OPTIONS excepted)."""
    if request.method == "OPTIONS":
        return  # lists the allowed methods, which /openapi.json publishes anyway
    services = current()
    settings = services.settings
    if not owner_configured(settings):
        raise ServiceUnavailable(
            "Owner access is not configured on this server.", code="owner_not_configured"
        )
    token = bearer_token(request.headers.get("Authorization"))
    if token is not None:
        _check_token(token)
        g.owner_session = None
        return
    secret = request.cookies.get(cookie_name(settings))
    if secret:
        item = sessions.lookup(services.table, secret, settings.session_days)
        if item is None:
            raise Unauthorized(
                "This device is signed out: sign in again.",
                code="session_ended",
                headers={"WWW-Authenticate": CHALLENGE},
            )
        if request.method in STATE_CHANGING:
            _check_csrf(item, services.secret)
        g.owner_session = item
        return
    raise Unauthorized(headers={"WWW-Authenticate": CHALLENGE})


def _check_token(token: str) -> None:
    services = current()
    settings = services.settings
    if not settings.owner_token_sha256:
        raise Unauthorized(
            "Owner tokens are not configured here: sign in with an emailed link.",
            code="invalid_token",
            headers={"WWW-Authenticate": f'{CHALLENGE}, error="invalid_token"'},
        )
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


def _check_csrf(item: dict, key: str) -> None:
    # The Origin check in `http` has already refused a foreign Origin; a change
    # made with the cookie must also say where it comes from.
    same_site = request.headers.get("Origin") or (
        request.headers.get("Sec-Fetch-Site") == "same-origin"
    )
    sent = request.headers.get(CSRF_HEADER, "")
    expected = sessions.csrf_token(item, key)
    if not same_site or not hmac.compare_digest(sent.encode(), expected.encode()):
        raise Forbidden(
            f"Changes from a signed-in browser need the page's {CSRF_HEADER} header: "
            "reload the dashboard and try again.",
            code="csrf_failed",
        )
