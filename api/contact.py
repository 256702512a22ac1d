"""Public contact form: a fresh form token, and ``POST /contact``."""

from __future__ import annotations

import json
import logging
from typing import Any

from flask import Blueprint, Response, g, jsonify, redirect

from . import messages, notify, ratelimit
from .body import read_body
from .errors import ApiError, InvalidFields, ServiceUnavailable, from_storage
from .form_page import render_form_page
from .http import client_address
from .security import check_token, client_hash, issue_token
from .services import current
from .storage import StorageError
from .validation import Field, validate

log = logging.getLogger("api.contact")
bp = Blueprint("contact", __name__)

HONEYPOT = "website"
THANKS_PAGE = (
    '<!doctype html><html lang="en"><meta charset="utf-8"><title>Message sent</title>'
    "<h1>Thank you</h1><p>Your message was sent.</p></html>"
)
CONTACT_FIELDS = {
    "name": Field(max_length=100, single_line=True, description="Who is writing."),
    "email": Field(
        max_length=254,
        format="email",
        single_line=True,
        description="Reply address on the public internet.",
    ),
    "subject": Field(required=False, max_length=150, single_line=True),
    "message": Field(max_length=5000, description="The message itself."),
    HONEYPOT: Field(
        required=False,
        max_length=0,
        description="Honeypot: people leave it empty; any value is refused as spam.",
    ),
    "token": Field(
        max_length=100, single_line=True, description="Form token from GET /contact/token."
    ),
}


def _secret() -> str:
    secret = current().settings.form_secret
    if not secret:
        raise ServiceUnavailable(
            "The contact form is not configured on this server.", code="form_not_configured"
        )
    return secret


@bp.get("/contact/token")
def token() -> Response:
    """Hand out a signed form token that becomes valid after a short wait."""
    settings = current().settings
    return jsonify(
        ok=True,
        token=issue_token(_secret()),
        min_age=settings.token_min_age,
        max_age=settings.token_max_age,
    )


@bp.post("/contact")
def submit() -> Response:
    """Store a contact message, then email the owner."""
    data, from_form = read_body(form=True)
    try:
        try:
            item = _accept(data)
        except StorageError as exc:
            raise from_storage(exc) from exc
    except ApiError as exc:
        if from_form:
            return render_form_page(data, exc)
        raise
    if from_form:
        settings = current().settings
        # Without a configured site URL the first allowed origin is the site.
        site = settings.site_url or next(iter(settings.allowed_origins), "")
        if site:
            return redirect(f"{site.rstrip('/')}/contact/thanks/", code=303)
        return Response(THANKS_PAGE, status=201, mimetype="text/html")
    response = jsonify(ok=True, id=item["id"], message="Thank you: your message was sent.")
    response.status_code = 201
    return response


def _count(client: str) -> None:
    services = current()
    settings = services.settings
    limit = ratelimit.Limit("contact", settings.contact_rate_limit, settings.contact_rate_window)
    ratelimit.hit(services.table, limit, client)


def _accept(data: dict[str, Any]) -> dict[str, Any]:
    services = current()
    settings = services.settings
    secret = _secret()
    client = client_hash(client_address(), services.secret)
    # Checked first and on the raw value: people never touch the hidden field,
    # so anything in it, a space or a tab included, means a program filled it
    # in. Such posts use up the client's allowance, so a bot cannot probe freely.
    if data.get(HONEYPOT):
        _count(client)
        raise InvalidFields(
            "The hidden 'website' field must stay empty: it is there to catch automated posts.",
            fields={HONEYPOT: "Leave this field empty."},
            code="spam_suspected",
        )
    fields = validate(data, CONTACT_FIELDS)
    check_token(
        fields["token"], secret, min_age=settings.token_min_age, max_age=settings.token_max_age
    )
    _count(client)
    item = messages.new_message(fields, client)
    messages.save(services.table, item, notify=settings.notifications_enabled)
    if settings.notifications_enabled:
        _notify(item)
    return item


def _notify(item: dict[str, Any]) -> None:
    # The message is already stored with a pending marker: a failure here only
    # delays the email until api.jobs.retry_notifications runs.
    services = current()
    try:
        notify.send(services.ses, item, services.settings)
        messages.notified(services.table, item)
    except Exception as exc:
        log.warning(
            json.dumps(
                {
                    "request_id": g.get("request_id", ""),
                    "event": "notification_pending",
                    "id": item["id"],
                    "error": f"{type(exc).__name__}: {exc}",
                }
            )
        )
