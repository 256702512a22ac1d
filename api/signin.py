"""Signing the owner in on a device: with the owner token, or a link sent by email.

``POST /owner/session`` exchanges the owner token, or the one-time token of an
emailed link, for a session: an HttpOnly, SameSite=Strict cookie (``Secure``
with the ``__Host-`` prefix outside `make dev`) and a CSRF token the dashboard
sends with every change. The owner token itself is never stored in the browser.
``POST /owner/signin-link`` emails the owner a link valid for 15 minutes, once.

Failed sign-ins and link requests are limited per client and for all clients
together, and each sign-in and failure is one JSON log line.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from flask import Blueprint, Response, g, jsonify, request

from . import ratelimit, sessions
from .auth import CHALLENGE, cookie_name, owner_configured
from .body import read_body
from .errors import InvalidFields, ServiceUnavailable, Unauthorized
from .http import client_address
from .security import client_hash, token_matches
from .services import current
from .validation import Field, validate

log = logging.getLogger("api.signin")
bp = Blueprint("signin", __name__)

SIGNIN_FIELDS = {
    "token": Field(
        required=False, max_length=200, single_line=True, description="The owner token."
    ),
    "link": Field(
        required=False,
        max_length=100,
        single_line=True,
        description="The token of an emailed sign-in link (after #signin= in the link).",
    ),
    "label": Field(
        required=False,
        max_length=80,
        single_line=True,
        description="What to call this device in the list of signed-in devices.",
    ),
}
LINK_FIELDS: dict[str, Field] = {}


def _event(name: str, **details: Any) -> None:
    line = {"event": name, "request_id": g.get("request_id", ""), **details}
    log.warning(json.dumps(line, separators=(",", ":")))


def _limits(what: str) -> tuple[ratelimit.Limit, ratelimit.Limit]:
    settings = current().settings
    per_client = settings.signin_limit if what == "sign-in attempts" else settings.signin_limit // 3
    return (
        ratelimit.Limit(f"signin-{what}", max(1, per_client), settings.signin_window, what),
        ratelimit.Limit(f"signin-all-{what}", settings.signin_global_limit, 3600, what),
    )


def _client() -> str:
    return client_hash(client_address(), current().secret)


@bp.post("/owner/session")
def sign_in() -> Response:
    """Start a session on this device with the owner token or an emailed link."""
    services = current()
    settings = services.settings
    if not owner_configured(settings):
        raise ServiceUnavailable(
            "Owner access is not configured here.", code="owner_not_configured"
        )
    data, _ = read_body()
    fields = validate(data, SIGNIN_FIELDS)
    if bool(fields["token"]) == bool(fields["link"]):
        raise InvalidFields(
            "Send either the owner token or the token of a sign-in link.",
            fields={"token": "Give this or link, not both.", "link": "Or this."},
        )
    # Every attempt is counted before it is checked: parallel guesses cannot slip
    # through between a check and a count. The owner signs in rarely.
    mine, everyone = _limits("sign-in attempts")
    client = _client()
    ratelimit.hit(services.table, everyone, "all")
    ratelimit.hit(services.table, mine, client)
    via = "token" if fields["token"] else "link"
    if via == "token":
        valid = bool(settings.owner_token_sha256) and token_matches(
            fields["token"], settings.owner_token_sha256
        )
    else:
        valid = sessions.take_link(services.table, fields["link"])
    if not valid:
        _event("signin_failed", via=via, client=client)
        message = (
            "The owner token is not valid."
            if via == "token"
            else "This sign-in link was used already or has expired: ask for a new one."
        )
        raise Unauthorized(message, code="signin_failed", headers={"WWW-Authenticate": CHALLENGE})
    label = fields["label"] or _device_label(request.headers.get("User-Agent", ""))
    secret, item = sessions.create(services.table, label, settings.session_days)
    _event("signin", via=via, client=client, session=item["id"])
    response = jsonify(
        ok=True,
        session=sessions.public(item, item),
        csrf=sessions.csrf_token(item, services.secret),
    )
    response.status_code = 201
    response.set_cookie(
        cookie_name(settings),
        secret,
        max_age=settings.session_days * 86400,
        path="/",
        secure=settings.cookie_secure,
        httponly=True,
        samesite="Strict",
    )
    return response


@bp.post("/owner/signin-link")
def send_link() -> Response:
    """Email the owner a one-time sign-in link, valid for 15 minutes."""
    services = current()
    settings = services.settings
    data, _ = read_body()
    validate(data, LINK_FIELDS)
    if not settings.notifications_enabled:
        raise ServiceUnavailable(
            "Email is not set up on this server: sign in with the owner token.",
            code="email_not_configured",
        )
    if not settings.site_url:
        # Never built from the request's Host: a forged Host would mail the owner
        # a link that hands the sign-in token to someone else's server.
        raise ServiceUnavailable(
            "The site's address is not set on this server (FROSTFOLIO_SITE_URL): "
            "sign in with the owner token.",
            code="site_url_not_configured",
        )
    mine, everyone = _limits("sign-in links")
    client = _client()
    ratelimit.hit(services.table, everyone, "all")
    ratelimit.hit(services.table, mine, client)
    token = sessions.new_link(services.table)
    link = f"{settings.site_url.rstrip('/')}/owner/#signin={token}"
    try:
        services.ses.send_email(**_link_email(link))
    except Exception as exc:  # the link is useless unsent: take it back
        sessions.drop_link(services.table, token)
        _event("signin_link_failed", client=client, error=type(exc).__name__)
        raise ServiceUnavailable("The email could not be sent: try again shortly.") from exc
    _event("signin_link_sent", client=client)
    response = jsonify(ok=True, message="A sign-in link is on its way to the owner's address.")
    response.status_code = 202
    return response


def _link_email(link: str) -> dict[str, Any]:
    settings = current().settings
    body = (
        "Someone, hopefully you, asked to sign in to your site's dashboard.\n\n"
        f"Open this link on the device to sign in (valid 15 minutes, once):\n{link}\n\n"
        "If it was not you, ignore this email: nobody can sign in without the link.\n"
    )
    return {
        "Source": settings.ses_sender,
        "Destination": {"ToAddresses": [settings.ses_recipient]},
        "Message": {
            "Subject": {"Data": "Your sign-in link", "Charset": "UTF-8"},
            "Body": {"Text": {"Data": body, "Charset": "UTF-8"}},
        },
    }


_BROWSERS = (
    ("Edg/", "Edge"),
    ("Firefox/", "Firefox"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
)
_SYSTEMS = (
    ("Android", "Android"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Mac OS X", "macOS"),
    ("Windows", "Windows"),
    ("Linux", "Linux"),
)


def _device_label(agent: str) -> str:
    """A readable device name from a User-Agent ('Firefox on Android')."""
    browser = next((name for mark, name in _BROWSERS if mark in agent), "A browser")
    system = next((name for mark, name in _SYSTEMS if mark in agent), "")
    return f"{browser} on {system}" if system else browser


def openapi_paths() -> dict[str, Any]:
    """Describe the sign-in endpoints for /openapi.json."""
    from .openapi import errors, json_body, ok, success
    from .validation import object_schema

    session = {"$ref": "#/components/schemas/Session"}
    return {
        "/owner/session": {
            "post": {
                "summary": "Sign this device in with the owner token or an emailed link.",
                "description": (
                    "Sets the session cookie (HttpOnly, SameSite=Strict) and returns the "
                    "CSRF token to send as X-CSRF-Token with every change."
                ),
                "requestBody": json_body(_one_way_to_sign_in(object_schema(SIGNIN_FIELDS))),
                "responses": {
                    "201": ok(success(session=session, csrf={"type": "string"}), "Signed in."),
                    **errors(400, 401, 403, 413, 415, 422, 429, 503),
                },
            }
        },
        "/owner/signin-link": {
            "post": {
                "summary": "Email the owner a sign-in link, valid 15 minutes, once.",
                "requestBody": json_body(object_schema(LINK_FIELDS)),
                "responses": {
                    "202": ok(success(message={"type": "string"}), "The email was sent."),
                    **errors(400, 403, 413, 415, 422, 429, 503),
                },
            }
        },
    }


def _one_way_to_sign_in(schema: dict[str, Any]) -> dict[str, Any]:
    """The body holds the owner token or a link's token, never both, never neither."""
    variants = []
    for way, other in (("token", "link"), ("link", "token")):
        properties = {k: dict(v) for k, v in schema["properties"].items() if k != other}
        properties[way]["minLength"] = 1
        variants.append({**schema, "properties": properties, "required": [way]})
    return {"oneOf": variants}
