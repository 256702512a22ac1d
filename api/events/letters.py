"""What each email to an attendee says: subject, text, links, and which calendar entry it carries.

Pure: a :class:`Letter` is made from the event and the RSVP as they are now,
so an email sent late (a retry) tells where the attendee stands now; a piece
of news the RSVP has since moved past (a "confirmed" for an RSVP cancelled
meanwhile) makes no letter at all. ``mailer`` turns a letter into MIME.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from . import keys

CHANGED_WORDS = {
    "start": "time",
    "end": "time",
    "timezone": "time",
    "all_day": "time",
    "location": "place",
    "online_url": "online address",
    "status": "status",
}
# The calendar entry each piece of news carries: (METHOD, PARTSTAT), or None.
REQUEST_ACCEPTED = ("REQUEST", "ACCEPTED")
REQUEST_TENTATIVE = ("REQUEST", "TENTATIVE")
CANCEL = ("CANCEL", "DECLINED")


@dataclass
class Letter:
    """One email's content, before it is MIME."""

    kind: str
    subject: str
    heading: str
    paragraphs: list[str]
    actions: list[tuple[str, str]] = field(default_factory=list)  # (label, URL), main first
    calendar: tuple[str, str] | None = None
    ticket: bool = False
    facts: list[tuple[str, str]] = field(default_factory=list)
    footer: str = ""


def people(party: Any) -> str:
    """Say a party's size: 1 person, 3 people."""
    n = int(party)
    return f"{n} {'person' if n == 1 else 'people'}"


def local_time(event: dict[str, Any], stamp: str) -> str:
    """Say a UTC stamp as the event's clock says it."""
    moment = keys.parse_time(stamp.replace("Z", "+00:00"))
    zone = event.get("timezone") or "UTC"
    try:
        moment = moment.astimezone(ZoneInfo(zone))
    except (ZoneInfoNotFoundError, ValueError):
        zone = "UTC"
    return f"{moment:%A} {moment.day} {moment:%B}, {moment:%H:%M} ({zone})"


def _zoned(event: dict[str, Any], name: str) -> datetime:
    moment = keys.parse_time(event.get(name) or event["start"])
    try:
        return moment.astimezone(ZoneInfo(event.get("timezone") or "UTC"))
    except (ZoneInfoNotFoundError, ValueError):
        return moment.astimezone(UTC)


def when(event: dict[str, Any]) -> str:
    """Say when an event is, on the clock where it happens (as its page says it)."""
    start, end = _zoned(event, "start"), _zoned(event, "end")
    day = f"{start:%A} {start.day} {start:%B %Y}"
    if event.get("all_day"):
        last = (end - timedelta(days=1)).date()  # the end is midnight after the last day
        if last > start.date():
            return f"{day} to {last:%A} {last.day} {last:%B %Y}"
        return day
    zone = event.get("timezone") or "UTC"
    until = (
        f"{end:%H:%M}"
        if end.date() == start.date()
        else f"{end:%A} {end.day} {end:%B}, {end:%H:%M}"
    )
    return f"{day}, {start:%H:%M}–{until} ({zone})"


def _facts(event: dict[str, Any], rsvp: dict[str, Any] | None) -> list[tuple[str, str]]:
    from .ics import where

    facts = [("When", when(event))]
    place = where(event)
    if place:
        facts.append(("Where", place))
    location = event.get("location") or {}
    if location.get("map_url") and event.get("status") != keys.MOVED_ONLINE:
        facts.append(("Map", location["map_url"]))
    if event.get("online_url") and place != event["online_url"]:
        facts.append(("Online", event["online_url"]))
    if rsvp is not None:
        facts.append(("Your RSVP", f"{rsvp['name']}, {people(rsvp['party'])}"))
    return facts


def _waiting_rule(event: dict[str, Any]) -> str:
    if event.get("waitlist") == "offer":
        hours = int(event.get("offer_hours", 24))
        return (
            "When seats come free, the next party in line that fits gets an email offering "
            f"them for {hours} hours."
        )
    return (
        "When seats come free, parties move up in the order they joined, and we email you "
        "if you do."
    )


def for_attendee(
    kind: str, event: dict[str, Any], rsvp: dict[str, Any], note: dict[str, Any], manage: str
) -> Letter | None:
    """Return the letter telling one attendee about ``note`` (None: it is no longer news)."""
    title, status = event.get("title", event["id"]), rsvp["status"]
    manage_action = ("Change or cancel your RSVP", manage)
    by_owner = note.get("by") == "owner"
    if kind == "message":
        return _message(note, rsvp, manage_action)
    if kind in ("confirmed", "promoted", "claimed"):
        if status != keys.CONFIRMED:
            return None
        opening = {
            "confirmed": f"You're confirmed for {title}: {people(rsvp['party'])}.",
            "promoted": (
                f"The organiser moved you up from the waitlist: {people(rsvp['party'])}, confirmed."
                if by_owner
                else f"Seats came free and you moved up: {people(rsvp['party'])}, confirmed."
            ),
            "claimed": f"The seats are yours: {people(rsvp['party'])}, confirmed.",
        }[kind]
        subject = {
            "confirmed": f"You're confirmed: {title}",
            "promoted": f"A seat opened up: you're confirmed for {title}",
            "claimed": f"Your seats are confirmed: {title}",
        }[kind]
        return Letter(
            kind,
            subject,
            "See you there",
            [
                opening,
                "The calendar entry is attached. Show the QR code at the door to check in.",
                "Can't come after all? Cancel with the link below: your seats go to the next "
                "people waiting.",
            ],
            [manage_action],
            REQUEST_ACCEPTED,
            ticket=True,
        )
    if kind == "waitlisted":
        if status != keys.WAITLISTED:
            return None
        return Letter(
            kind,
            f"You're on the waitlist: {title}",
            "You're on the waitlist",
            [
                f"The organiser moved your RSVP ({people(rsvp['party'])}) to the waitlist."
                if by_owner
                else f"{title} is full, so {people(rsvp['party'])} are on the waitlist.",
                _waiting_rule(event),
                "The attached calendar entry holds the time as tentative.",
            ],
            [manage_action],
            REQUEST_TENTATIVE,
        )
    if kind == "offered":
        if status != keys.OFFERED:
            return None
        until = local_time(event, rsvp["offer_expires"])
        return Letter(
            kind,
            f"Seats are free for you at {title}: claim them by {until}",
            "Seats came free for you",
            [
                f"{people(rsvp['party'])} are held for you until {until}.",
                "Claim them with the link below; after that time they pass to the next in line.",
            ],
            [("Claim your seats", manage)],
            REQUEST_TENTATIVE,
        )
    if kind in ("cancelled", "offer_expired"):
        if status not in keys.ENDED:
            return None
        if kind == "cancelled" and by_owner:
            lines = ["The organiser cancelled your RSVP. Reply to this email to ask why."]
        elif kind == "cancelled":
            lines = ["Your RSVP is cancelled. Thank you for letting us know."]
        else:
            lines = [
                "Nobody claimed the seats offered to you in time, so they passed to the next "
                "people in line."
            ]
        lines.append("You can RSVP again from the event's page while it takes RSVPs.")
        subject = (
            f"Your RSVP is cancelled: {title}"
            if kind == "cancelled"
            else f"Your offer passed on: {title}"
        )
        return Letter(kind, subject, subject.split(":")[0], lines, [], CANCEL)
    if kind == "changed":
        if status not in keys.ACTIVE:
            return None
        return Letter(
            kind,
            f"Your RSVP is updated: {title}",
            "Your RSVP is updated",
            [f"Your RSVP now stands at {people(rsvp['party'])}."],
            [manage_action],
        )
    if kind == "link_requested":
        if status not in keys.ACTIVE:
            return None
        return Letter(
            kind,
            f"Your RSVP link: {title}",
            "Your RSVP link",
            [
                "Someone, probably you, RSVPed again with this address. You already have an "
                f"RSVP ({status}, {people(rsvp['party'])}): nothing changed.",
                "Use the link below to see, change or cancel it.",
            ],
            [("See your RSVP", manage)],
        )
    if kind == "event_changed":
        return _event_changed(event, rsvp, note, manage_action)
    return None


def _message(note: dict[str, Any], rsvp: dict[str, Any], manage_action: tuple) -> Letter:
    """Return the owner's message to a group as a letter (sent whatever the RSVP's state now)."""
    paragraphs = [p.strip() for p in str(note.get("message", "")).split("\n\n") if p.strip()]
    subject = str(note.get("subject") or "A message about your RSVP")
    actions = [manage_action] if rsvp["status"] in keys.ACTIVE else []
    return Letter("message", subject, subject, paragraphs, actions)


def _event_changed(
    event: dict[str, Any], rsvp: dict[str, Any], note: dict[str, Any], manage_action: tuple
) -> Letter | None:
    if rsvp["status"] not in keys.ACTIVE:
        return None
    title, status = event.get("title", event["id"]), event.get("status")
    standing = REQUEST_ACCEPTED if rsvp["status"] == keys.CONFIRMED else REQUEST_TENTATIVE
    if status == keys.EVENT_CANCELLED:
        return Letter(
            "event_changed",
            f"Cancelled: {title}",
            f"{title} is cancelled",
            [
                "We're sorry: this event is cancelled and will not take place.",
                "The attached update takes it out of your calendar.",
            ],
            [],
            CANCEL,
        )
    if status == keys.POSTPONED:
        return Letter(
            "event_changed",
            f"Postponed: {title}",
            f"{title} is postponed",
            [
                "This event is postponed. Your RSVP is kept; we'll email you the new date.",
                "The attached update marks it as tentative in your calendar.",
            ],
            [manage_action],
            standing,
        )
    what = sorted({CHANGED_WORDS.get(name, name) for name in note.get("changed") or []})
    words = " and ".join(what) or "details"
    if status == keys.MOVED_ONLINE:
        subject, heading = f"Now online: {title}", f"{title} moved online"
    else:
        subject, heading = f"Changed: {title} (new {words})", f"New {words} for {title}"
    return Letter(
        "event_changed",
        subject,
        heading,
        [
            f"The {words} of {title} changed: it is now as below.",
            "The attached update changes the entry in your calendar. Can't make it now? "
            "Cancel with the link below: your seats go to the next people waiting.",
        ],
        [manage_action],
        standing,
    )


def reminder(event: dict[str, Any], rsvp: dict[str, Any], manage: str) -> Letter | None:
    """Return the reminder a confirmed attendee gets before the start."""
    if rsvp["status"] != keys.CONFIRMED:
        return None
    title = event.get("title", event["id"])
    return Letter(
        "reminder",
        f"Reminder: {title}, {when(event)}",
        f"{title} is coming up",
        [
            f"A reminder: you're coming to {title}, {people(rsvp['party'])}.",
            "Show the QR code at the door to check in. Can't come after all? Cancel with the "
            "link below so your seats go to someone waiting.",
        ],
        [("Change or cancel your RSVP", manage)],
        ticket=True,
    )


def feedback_request(event: dict[str, Any], rsvp: dict[str, Any], link: str) -> Letter | None:
    """Return the request for feedback an attendee gets after the event."""
    if rsvp["status"] != keys.CONFIRMED:
        return None
    title = event.get("title", event["id"])
    return Letter(
        "feedback",
        f"How was {title}?",
        f"How was {title}?",
        [
            "Thank you for coming. Would you tell us how it was? It takes a minute: a rating "
            "from 1 to 5 and, if you like, a comment.",
            "The organiser sees your rating and comment, not your name.",
        ],
        [("Give feedback", link)],
    )


def facts_for(event: dict[str, Any], rsvp: dict[str, Any] | None, letter: Letter) -> Letter:
    """Fill in the when, where and party lines every letter shows."""
    letter.facts = _facts(event, rsvp)
    return letter
