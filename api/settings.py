"""Every setting of the API, read from the environment (prefix ``FROSTFOLIO_``).

This module is the one place the configuration is documented: each field below
names its environment variable, its default and what it is for.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field

PREFIX = "FROSTFOLIO_"


def _csv(value: str) -> tuple[str, ...]:
    return tuple(part.strip().rstrip("/") for part in value.split(",") if part.strip())


@dataclass(frozen=True)
class Settings:
    """The API's configuration; build it with :func:`load_settings`."""

    table_name: str = "frostfolio"
    """FROSTFOLIO_TABLE_NAME: the DynamoDB table holding every item."""

    dynamodb_endpoint: str = ""
    """FROSTFOLIO_DYNAMODB_ENDPOINT: DynamoDB URL; empty means AWS itself (moto or
    DynamoDB Local in development, e.g. ``http://127.0.0.1:5002``)."""

    ses_endpoint: str = ""
    """FROSTFOLIO_SES_ENDPOINT: SES URL; empty means AWS itself."""

    region: str = field(
        default_factory=lambda: (
            os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"
        )
    )
    """FROSTFOLIO_REGION: AWS region of the table and SES (default: AWS_REGION, then us-east-1)."""

    allowed_origins: tuple[str, ...] = ()
    """FROSTFOLIO_ALLOWED_ORIGINS: comma-separated site origins allowed by CORS,
    e.g. ``https://example.com,https://www.example.com``. Empty allows none."""

    owner_token_sha256: str = ""
    """FROSTFOLIO_OWNER_TOKEN_SHA256: hex SHA-256 of the owner's bearer token
    (``printf %s "$TOKEN" | sha256sum``). The token itself is never configured.
    Empty disables the owner endpoints."""

    form_secret: str = ""
    """FROSTFOLIO_FORM_SECRET: secret that signs contact-form tokens and hashes
    client addresses. Required for the contact form; keep it stable across deploys."""

    ses_sender: str = ""
    """FROSTFOLIO_SES_SENDER: verified SES address that owner notifications come from."""

    ses_recipient: str = ""
    """FROSTFOLIO_SES_RECIPIENT: the owner's address; empty turns notifications off."""

    site_url: str = ""
    """FROSTFOLIO_SITE_URL: the public site's base URL, where no-JS form posts are
    redirected (``<site_url>/contact/thanks/``)."""

    origin_secret: str = ""
    """FROSTFOLIO_ORIGIN_SECRET: the value the site's CloudFront distribution sends
    in ``X-Origin-Verify`` on every ``/api/`` request (the stack's OriginSecret;
    `make deploy` keeps both equal). Only a request carrying it has its visitor's
    address read from ``CloudFront-Viewer-Address``, which a direct call to the
    execute-api URL could forge. Empty: never trusted, the connection's address
    is used."""

    max_body_bytes: int = 64 * 1024
    """FROSTFOLIO_MAX_BODY_BYTES: largest request body accepted (413 above it). A
    5,000-character message in a non-Latin script is ~45 KB once form-encoded."""

    contact_rate_limit: int = 5
    """FROSTFOLIO_CONTACT_RATE_LIMIT: contact messages allowed per client per window."""

    contact_rate_window: int = 600
    """FROSTFOLIO_CONTACT_RATE_WINDOW: length of the rate-limit window in seconds."""

    rating_rate_limit: int = 30
    """FROSTFOLIO_RATING_RATE_LIMIT: ratings (first ones and changes) one client
    address may send per window, across all recipes."""

    rating_subnet_limit: int = 120
    """FROSTFOLIO_RATING_SUBNET_LIMIT: ratings one subnet (/24 for IPv4, /48 for
    IPv6) may send per window, so hopping between neighbouring addresses does
    not multiply the allowance."""

    rating_rate_window: int = 3600
    """FROSTFOLIO_RATING_RATE_WINDOW: length of the ratings' rate-limit window in seconds."""

    owner_auth_limit: int = 10
    """FROSTFOLIO_OWNER_AUTH_LIMIT: wrong owner tokens a client may send per
    window; after that every owner request from it gets 429 until the window
    ends (a right token too, so the limit really bounds guesses)."""

    owner_auth_window: int = 900
    """FROSTFOLIO_OWNER_AUTH_WINDOW: length of the wrong-token window in seconds."""

    session_days: int = 30
    """FROSTFOLIO_SESSION_DAYS: a signed-in device stays signed in this many days
    after it was last used (the expiry slides forward with use)."""

    cookie_secure: bool = True
    """FROSTFOLIO_COOKIE_SECURE: send the session cookie over HTTPS only (with the
    ``__Host-`` prefix). Only `make dev` on http://127.0.0.1 turns it off."""

    signin_limit: int = 10
    """FROSTFOLIO_SIGNIN_LIMIT: sign-in attempts a client may make per window, and
    sign-in links it may ask for (a third of this)."""

    signin_window: int = 900
    """FROSTFOLIO_SIGNIN_WINDOW: length of the sign-in window in seconds."""

    signin_global_limit: int = 100
    """FROSTFOLIO_SIGNIN_GLOBAL_LIMIT: sign-in attempts (and, separately, link
    requests) from all clients together per hour, so many addresses cannot add up
    to a flood of guesses or emails."""

    token_min_age: float = 2.0
    """FROSTFOLIO_TOKEN_MIN_AGE: seconds a form token must age before it is
    accepted (faster submissions are treated as automated)."""

    token_max_age: float = 86400.0
    """FROSTFOLIO_TOKEN_MAX_AGE: seconds after which a form token has expired."""

    notify_retry_after: int = 300
    """FROSTFOLIO_NOTIFY_RETRY_AFTER: seconds before the retry job resends a
    notification that is still pending (leaves time for the first attempt)."""

    event_reminder_hours: int = 24
    """FROSTFOLIO_EVENT_REMINDER_HOURS: how long before an event's start its
    confirmed attendees get a reminder by email (``api.events.jobs.send_reminders``;
    0 sends none). Attendees confirmed within that time are not reminded: their
    confirmation came close enough to the start."""

    comment_rate_limit: int = 5
    """FROSTFOLIO_COMMENT_RATE_LIMIT: comments a client (one address) may post per window."""

    comment_subnet_limit: int = 20
    """FROSTFOLIO_COMMENT_SUBNET_LIMIT: comments per window from one /24 (IPv4) or /48
    (IPv6) network together, so rotating addresses within one network gains little."""

    comment_rate_window: int = 600
    """FROSTFOLIO_COMMENT_RATE_WINDOW: length of the comment and vote windows in seconds."""

    comment_max_links: int = 3
    """FROSTFOLIO_COMMENT_MAX_LINKS: links a comment may hold (bare URLs count); more is refused."""

    vote_rate_limit: int = 60
    """FROSTFOLIO_VOTE_RATE_LIMIT: upvotes (and withdrawals) per client per window;
    a /24 or /48 network together gets four times as many."""

    @property
    def notifications_enabled(self) -> bool:
        """Tell whether owner notifications are configured."""
        return bool(self.ses_sender and self.ses_recipient)


_FIELDS = {f.name: f for f in dataclasses.fields(Settings)}


def _coerce(name: str, raw: object) -> object:
    kind = _FIELDS[name].type
    if not isinstance(raw, str):
        return tuple(raw) if kind == "tuple[str, ...]" else raw
    if kind == "int":
        return int(raw)
    if kind == "float":
        return float(raw)
    if kind == "bool":
        value = raw.strip().lower()
        if value not in ("true", "false", "1", "0", "yes", "no"):
            raise ValueError("expected true or false")
        return value in ("true", "1", "yes")
    if kind == "tuple[str, ...]":
        return _csv(raw)
    return raw.strip()


def load_settings(
    environ: Mapping[str, str] | None = None, overrides: Mapping[str, object] | None = None
) -> Settings:
    """Read settings from ``FROSTFOLIO_*`` variables, then apply ``overrides``.

    Override keys are field names in upper or lower case (``TABLE_NAME``);
    other keys are ignored so a Flask test config can be passed as is.
    """
    environ = os.environ if environ is None else environ
    values: dict[str, object] = {}
    for name in _FIELDS:
        raw = environ.get(PREFIX + name.upper())
        if raw is not None and raw != "":
            try:
                values[name] = _coerce(name, raw)
            except ValueError as exc:
                raise ValueError(
                    f"{PREFIX}{name.upper()}={raw!r}: expected {_FIELDS[name].type} ({exc})"
                ) from exc
    for key, value in (overrides or {}).items():
        name = key.lower()
        if name in _FIELDS:
            values[name] = _coerce(name, value)
    return Settings(**values)
