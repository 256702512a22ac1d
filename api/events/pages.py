"""The pages the API renders for browsers without JavaScript, in the site's look.

- the RSVP form again, refilled, with each problem by its field and a fresh
  token (as ``api/form_page.py`` does for contact), when a form post needs
  another go;
- the manage page of an RSVP (view, change, claim, cancel);
- a short page for a link that is not valid, or an outcome without a site URL.

Every page is ``noindex`` and sends no referrer, so the manage link in the
address bar never leaks to a page it links to.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import Response, render_template

from ..errors import ApiError
from ..security import issue_token
from ..services import current
from ..storage import StorageError
from . import keys, tokens
from .fields import ANSWER_PREFIX

DONE_TEXT = {
    "saved": "Your changes are saved.",
    "cancelled": "Your RSVP is cancelled. Thank you for letting us know.",
    "claimed": "The seats are yours: you're confirmed.",
}


def when(event: dict[str, Any] | None) -> str:
    """Say when an event is, in its own time zone."""
    if not event or not event.get("start"):
        return ""
    start = keys.parse_time(event["start"])
    end = keys.parse_time(event.get("end") or event["start"])
    day = f"{start:%A} {start.day} {start:%B %Y}"
    if event.get("all_day"):
        return day
    zone = event.get("timezone") or start.strftime("UTC%z")
    until = f"{end:%H:%M}" if end.date() == start.date() else f"{end.day} {end:%B}, {end:%H:%M}"
    return f"{day}, {start:%H:%M}–{until} ({zone})"


def _back(event: dict[str, Any] | None) -> str:
    site = current().settings.site_url.rstrip("/")
    if not site or not event or not event.get("url"):
        return ""
    return site + "/" + event["url"].strip("/") + "/"


def _page(template: str, status: int, **context: Any) -> Response:
    # Templates live in templates/events/ (the blueprint's folder); Jinja escapes every value.
    html = render_template(f"events/{template}.html", **context)
    response = Response(html, status=status, mimetype="text/html")
    # same-origin, not no-referrer: with no-referrer Chrome posts this page's form with
    # `Origin: null`, which the origin check refuses; links elsewhere still get no referrer.
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def _values(data: dict[str, Any]) -> dict[str, str]:
    return {str(k)[:80]: str(v)[:1000] for k, v in data.items() if k not in ("token", "website")}


def rsvp_form_page(event_id: str, data: dict[str, Any], exc: ApiError) -> Response:
    """Answer a failed RSVP form post with the form refilled, its problems and a fresh token."""
    from .views import read_event

    try:
        event = read_event(event_id)
    except StorageError:  # storage down: the page still says what went wrong
        event = None
    settings = current().settings
    errors = dict(exc.fields)
    message = exc.message
    if set(errors) == {"token"}:
        message = "Please check your RSVP and press Send RSVP to confirm."
    showable = event is not None and not event.get("removed_at") and exc.status in (422, 429, 503)
    token = ""
    if showable and settings.form_secret:
        token = issue_token(settings.form_secret, tokens.form_purpose(event_id))
    response = _page(
        "rsvp_form",
        exc.status,
        title=f"RSVP: {(event or {}).get('title', event_id)}",
        event_title=(event or {}).get("title", event_id),
        when=when(event),
        event=event or {},
        max_party=int((event or {}).get("max_party", 4)),
        message=message,
        errors=errors,
        values=_values(data),
        token=token,
        back=_back(event),
    )
    if exc.retry_after is not None:
        response.headers["Retry-After"] = str(max(1, int(exc.retry_after)))
    return response


def _headline(rsvp: dict[str, Any]) -> str:
    party = int(rsvp["party"])
    people = f"{party} {'person' if party == 1 else 'people'}"
    status = rsvp["status"]
    if status == keys.CONFIRMED:
        return f"You're confirmed: {people}."
    if status == keys.WAITLISTED:
        from .waitlist import position

        return (
            f"You're on the waitlist ({people}): number {position(current().table, rsvp)} in line."
        )
    if status == keys.OFFERED:
        expires = datetime.fromisoformat(rsvp["offer_expires"].replace("Z", "+00:00"))
        return f"A place opened up: {people} held for you until {expires:%d %B, %H:%M} UTC."
    if status == keys.EXPIRED:
        return "Your offer expired and passed to the next in line. You can RSVP again."
    return "This RSVP is cancelled. You can RSVP again from the event's page."


def manage_page(
    rsvp: dict[str, Any],
    event: dict[str, Any] | None,
    *,
    done: str = "",
    error: ApiError | None = None,
    values: dict[str, Any] | None = None,
) -> Response:
    """Show an RSVP with forms to change or cancel it (and its problems, after a failed post)."""
    from .rules import change_refusal

    answers = {ANSWER_PREFIX + k: v for k, v in (rsvp.get("answers") or {}).items()}
    shown = {"party": str(int(rsvp["party"])), **answers, **_values(values or {})}
    editable = rsvp["status"] in keys.ACTIVE and change_refusal(event, datetime.now(UTC)) is None
    return _page(
        "manage",
        error.status if error else 200,
        title=f"Your RSVP: {(event or {}).get('title', rsvp['event_id'])}",
        event_title=(event or {}).get("title", rsvp["event_id"]),
        when=when(event),
        event=event or {},
        rsvp=rsvp,
        party=int(rsvp["party"]),
        max_party=int((event or {}).get("max_party", 4)),
        headline=_headline(rsvp),
        done=DONE_TEXT.get(done, ""),
        message=error.message if error else "",
        errors=dict(error.fields) if error else {},
        values=shown,
        editable=editable,
        back=_back(event),
    )


def problem_page(exc: ApiError) -> Response:
    """Say what is wrong with a link, as a page."""
    return _page(
        "simple",
        exc.status,
        title="RSVP",
        heading="About your RSVP",
        message=exc.message,
        tone="error",
        manage="",
        back="",
    )


def outcome_page(event: dict[str, Any], rsvp: dict[str, Any], manage: str | None) -> Response:
    """Say how an RSVP went, when the site's own confirmation pages are unknown."""
    confirmed = rsvp["status"] == keys.CONFIRMED
    return _page(
        "simple",
        201 if manage else 200,
        title="RSVP received",
        heading="You're in" if confirmed else "You're on the waitlist",
        message=_headline(rsvp),
        tone="ok",
        manage=manage,
        back=_back(event),
    )
