"""What the site's event catalogue must say, checked before anything is stored.

Every problem is collected and named by its event (``events[3] (meetup):
capacity: ...``), as the site's build reports content problems; an event with
problems is left out of the sync (and never taken for removed).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from . import keys

FACTS = (
    "title",
    "slug",
    "url",
    "start",
    "end",
    "timezone",
    "all_day",
    "location",
    "online_url",
    "status",
    "max_party",
    "waitlist",
    "offer_hours",
    "rsvp_opens",
    "rsvp_closes",
    "questions",
    "ticket_url",
)
# A change to any of these is news for an attendee's calendar.
SEQUENCE_FIELDS = ("start", "end", "timezone", "all_day", "location", "online_url", "status")
QUESTION_TYPES = ("text", "choice", "yesno")
_ID = re.compile(keys.ID_PATTERN)
_QUESTION = re.compile(keys.QUESTION_PATTERN)


class CatalogueError(Exception):
    """The catalogue cannot be read at all (not JSON, wrong version)."""


def _decimals(value: Any) -> Any:
    # DynamoDB takes no float; coordinates stay exact as Decimal.
    if isinstance(value, float):
        return Decimal(str(value))
    if isinstance(value, dict):
        return {str(k): _decimals(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decimals(v) for v in value]
    return value


def _whole(value: Any, low: int, high: int | None = None) -> bool:
    return (
        isinstance(value, int | Decimal)
        and not isinstance(value, bool)
        and value == int(value)
        and value >= low
        and (high is None or value <= high)
    )


def _time(raw: dict[str, Any], name: str, problems: list[str], optional: bool = False) -> None:
    value = raw.get(name)
    if value is None and optional:
        return
    try:
        keys.parse_time(value)
    except (TypeError, ValueError):
        problems.append(f"{name}: must be an ISO 8601 time with an offset, got {value!r}")


def _questions(value: Any, problems: list[str]) -> list[dict[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list):
        problems.append("questions: must be a list")
        return []
    clean, seen = [], set()
    for n, q in enumerate(value):
        where = f"questions[{n}]"
        if not isinstance(q, dict):
            problems.append(f"{where}: must be a mapping")
            continue
        qid, kind = q.get("id"), q.get("type", "text")
        if not isinstance(qid, str) or not _QUESTION.fullmatch(qid) or qid in seen:
            problems.append(f"{where}.id: must be unique, letters, digits, - or _, got {qid!r}")
        if kind not in QUESTION_TYPES:
            problems.append(f"{where}.type: must be one of {', '.join(QUESTION_TYPES)}")
        choices = q.get("choices") or []
        if kind == "choice" and (
            not isinstance(choices, list)
            or not choices
            or not all(isinstance(c, str) for c in choices)
        ):
            problems.append(f"{where}.choices: a choice question needs a list of texts")
        seen.add(qid)
        clean.append(
            {
                "id": qid,
                "label": str(q.get("label") or qid),
                "type": kind,
                "choices": list(choices) if kind == "choice" else [],
                "required": bool(q.get("required", False)),
            }
        )
    return clean


def clean_event(raw: Any) -> tuple[dict[str, Any] | None, list[str]]:
    """Return an event's facts (and capacity) as stored, and its problems."""
    if not isinstance(raw, dict):
        return None, ["must be a mapping"]
    problems: list[str] = []
    if not isinstance(raw.get("id"), str) or not _ID.fullmatch(raw["id"]):
        problems.append(f"id: must be a slug (letters, digits, - and _), got {raw.get('id')!r}")
    if not isinstance(raw.get("title"), str) or not raw["title"].strip():
        problems.append("title: must be text")
    if not isinstance(raw.get("url"), str) or not raw["url"].startswith("/"):
        problems.append(f"url: must be the page's path, starting with /, got {raw.get('url')!r}")
    _time(raw, "start", problems)
    _time(raw, "end", problems, optional=True)
    _time(raw, "rsvp_opens", problems, optional=True)
    _time(raw, "rsvp_closes", problems, optional=True)
    status = raw.get("status") or keys.SCHEDULED
    if status not in keys.EVENT_STATUSES:
        problems.append(f"status: must be one of {', '.join(keys.EVENT_STATUSES)}, got {status!r}")
    capacity = raw.get("capacity")
    if capacity is not None and not _whole(capacity, 0):
        problems.append(f"capacity: must be a whole number of seats or null, got {capacity!r}")
    max_party = raw.get("max_party", 4)
    if not _whole(max_party, 1, keys.MAX_PARTY):
        problems.append(f"max_party: must be a whole number from 1 to {keys.MAX_PARTY}")
    waitlist = raw.get("waitlist") or "off"
    if waitlist not in keys.WAITLIST_MODES:
        problems.append(f"waitlist: must be one of {', '.join(keys.WAITLIST_MODES)}")
    offer_hours = raw.get("offer_hours", 24)
    if not _whole(offer_hours, 1, 24 * 30):
        problems.append("offer_hours: must be a whole number of hours from 1 to 720")
    questions = _questions(raw.get("questions"), problems)
    if problems:
        return None, problems
    facts = {name: _decimals(raw.get(name)) for name in FACTS}
    facts.update(
        id=raw["id"],
        title=raw["title"].strip(),
        end=raw.get("end") or raw["start"],
        status=status,
        max_party=int(max_party),
        waitlist=waitlist,
        offer_hours=int(offer_hours),
        questions=questions,
        all_day=bool(raw.get("all_day", False)),
        capacity=None if capacity is None else int(capacity),
    )
    return facts, []


def read(catalogue: Any) -> tuple[list[dict[str, Any]], list[str]]:
    """Return the valid events of a catalogue and every problem, each naming its event."""
    if not isinstance(catalogue, dict) or catalogue.get("version") != 1:
        raise CatalogueError('not an event catalogue: expected {"version": 1, "events": [...]}')
    if not isinstance(catalogue.get("events"), list):
        raise CatalogueError("events: must be a list")
    events, problems, seen = [], [], set()
    for n, raw in enumerate(catalogue["events"]):
        facts, found = clean_event(raw)
        name = raw.get("id") if isinstance(raw, dict) else None
        where = f"events[{n}]" + (f" ({name})" if name else "")
        problems.extend(f"{where}: {p}" for p in found)
        if facts and facts["id"] in seen:
            problems.append(f"{where}: id: another event already has this id")
        elif facts:
            seen.add(facts["id"])
            events.append(facts)
    return events, problems
