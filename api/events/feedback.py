"""Feedback after an event: a signed link per attendee, one answer each, results for the owner.

After an event ends, ``api.events.jobs.ask_for_feedback`` emails each
confirmed attendee (only those checked in, if the door checked anyone in)
once (``deliveries``, ``feedback``) a link to a short form
(``feedback_views``): a rating from 1 to 5 and an optional comment. The link
is signed like a manage link, under a salt of its own, so one cannot pass for
the other.

Stored in the event's partition:

``EVENT#<id>`` / ``FEEDBACK#<hash>``   one attendee's answer (rating, comment, time; no name)
``EVENT#<id>`` / ``STATS#feedback``    count, sum and count per rating, kept in the same
                                       transaction as each answer

An answer is put only if the attendee has none (a condition, not a read), so
two presses at once store one. :func:`results` is what the owner's pages show.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from ..settings import Settings
from ..storage import Table
from ..validation import Field
from . import keys, store, tokens
from .rules import Conflict, Gone

SALT = "frostfolio-events:feedback"
PREFIX = "FEEDBACK#"
STATS = "STATS#feedback"
ASK_AFTER = timedelta(hours=1)  # after the end: people are home
ASK_WITHIN = timedelta(days=7)  # an event found later than this is not asked about
OPEN_FOR = timedelta(days=60)  # answers are taken this long after the end
RATINGS = (1, 2, 3, 4, 5)
FIELDS = {
    "rating": Field(type=int, minimum=1, maximum=5, description="1 (poor) to 5 (excellent)."),
    "comment": Field(
        required=False, max_length=2000, description="What went well, what could be better."
    ),
}


def token(secret: str, rsvp: dict[str, Any]) -> str:
    """Return the signed token of an attendee's feedback link."""
    return tokens.rsvp_link_token(secret, SALT, rsvp)


def read_token(secret: str, value: str) -> tuple[str, str, str]:
    """Return (event id, email hash, rid) of a feedback token, or raise 404."""
    refusal = "This feedback link is not valid: use the link from the email."
    return tokens.read_rsvp_link_token(secret, SALT, value, refusal)


def link(settings: Settings, rsvp: dict[str, Any]) -> str:
    """Return an attendee's feedback link on the site's origin."""
    from .mailer import api_base

    return f"{api_base(settings)}/events/feedback/{token(settings.form_secret, rsvp)}"


def refusal(event: dict[str, Any], rsvp: dict[str, Any], now: datetime) -> Exception | None:
    """Return why this attendee cannot give feedback now, or None."""
    if rsvp["status"] != keys.CONFIRMED:
        return Conflict(
            "Feedback is for the people who had a seat at the event.", code="not_attending"
        )
    if now < keys.parse_time(event["start"]):
        return Conflict("Feedback opens when the event starts.", code="feedback_not_open")
    if now > keys.parse_time(event.get("end") or event["start"]) + OPEN_FOR:
        return Gone("Feedback for this event is closed.", code="feedback_closed")
    return None


def given(table: Table, event_id: str, hashed: str) -> dict[str, Any] | None:
    """Return an attendee's stored answer, or None."""
    return table.get(keys.event_pk(event_id), PREFIX + hashed)


def give(
    table: Table, rsvp: dict[str, Any], rating: int, comment: str, now: datetime
) -> dict[str, Any]:
    """Store an attendee's answer and count it; refuse a second one (409 feedback_given)."""
    if rating not in RATINGS:
        raise ValueError(f"rating {rating} is not 1 to 5")
    pk = keys.event_pk(rsvp["event_id"])
    item = {
        "pk": pk,
        "sk": PREFIX + rsvp["hash"],
        "type": "feedback",
        "event_id": rsvp["event_id"],
        "rating": rating,
        "comment": comment,
        "created_at": keys.stamp(now),
    }
    count = store.update(
        pk,
        STATS,
        sets=[
            "#type = :type",
            "#count = if_not_exists(#count, :zero) + :one",
            "#total = if_not_exists(#total, :zero) + :rating",
            f"#r{rating} = if_not_exists(#r{rating}, :zero) + :one",
        ],
        values={":type": "feedback-stats", ":zero": 0, ":one": 1, ":rating": rating},
    )
    try:
        store.transact(table, [store.put(item, when=["attribute_not_exists(pk)"]), count])
    except store.Refused:
        raise Conflict(
            "You have already sent feedback for this event: thank you.", code="feedback_given"
        ) from None
    return item


def public(item: dict[str, Any]) -> dict[str, Any]:
    """Return what an answer shows: rating, comment, when."""
    return {
        "rating": int(item["rating"]),
        "comment": item.get("comment", ""),
        "created_at": item["created_at"],
    }


def results(table: Table, event_id: str) -> dict[str, Any]:
    """Return an event's feedback for the owner: count, average, distribution, comments.

    ``{"count": 3, "average": 4.33 | None, "distribution": {"1": 0, ..., "5": 2},
    "comments": [{"rating", "comment", "created_at"}, ...]}``: the counts come
    from the maintained totals, the comments (non-empty ones, newest first)
    from the answers.
    """
    pk = keys.event_pk(event_id)
    stats = table.get(pk, STATS) or {}
    count = int(stats.get("count", 0))
    answers = store.every_with_prefix(table, pk, PREFIX)
    comments = [public(a) for a in answers if a.get("comment")]
    comments.sort(key=lambda c: c["created_at"], reverse=True)
    return {
        "count": count,
        "average": round(int(stats.get("total", 0)) / count, 2) if count else None,
        "distribution": {str(r): int(stats.get(f"r{r}", 0)) for r in RATINGS},
        "comments": comments,
    }


def attendees(table: Table, event_id: str) -> list[dict[str, Any]]:
    """Return who is asked: the confirmed, or only those checked in if the door checked any."""
    rsvps = store.every_with_prefix(table, keys.event_pk(event_id), keys.RSVP_PREFIX)
    confirmed = [r for r in rsvps if r["status"] == keys.CONFIRMED]
    came = [r for r in confirmed if r.get("checked_in_at")]
    return came or confirmed


def ask_for_feedback(
    table: Table, ses: Any, settings: Settings, now: datetime, *, time_left: Any = None
) -> dict[str, int]:
    """Email each confirmed attendee of events that ended lately a feedback link, once."""
    from . import deliveries, letters, mailer

    counts: dict[str, int] = {"events": 0}
    if not mailer.enabled(settings):
        return counts
    for event in mailer.events_starting(table, now - ASK_WITHIN - timedelta(days=30), now):
        end = keys.parse_time(event.get("end") or event["start"])
        if not now - ASK_WITHIN <= end <= now - ASK_AFTER:
            continue
        if event.get("removed_at") or event.get("status") not in keys.TAKES_RSVPS:
            continue
        counts["events"] += 1
        for rsvp in attendees(table, event["id"]):
            if time_left is not None and time_left() < mailer.MARGIN:
                counts["left_for_next_run"] = counts.get("left_for_next_run", 0) + 1
                continue

            def compose(event: dict[str, Any] = event, rsvp: dict[str, Any] = rsvp) -> Any:
                letter = letters.feedback_request(event, rsvp, link(settings, rsvp))
                return mailer.compose(settings, letter, event, rsvp, now) if letter else None

            outcome = deliveries.deliver(
                table,
                ses,
                event_id=event["id"],
                what="feedback",
                hashed=rsvp["hash"],
                compose=compose,
                now=now,
            )
            counts[outcome] = counts.get(outcome, 0) + 1
    return counts
