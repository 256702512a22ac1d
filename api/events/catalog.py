"""The site's event catalogue, checked and synced into the table (``python -m api.events sync``).

Each event's facts (times, place, status, limits, questions) are written to
its ``META`` item; the counters are never overwritten, only moved: raising the
capacity adds seats (and the waitlist moves up), lowering it takes seats away
only if that many are free (one conditional write, so an RSVP arriving at the
same moment cannot be oversold), else the event is reported by name and
nothing of it is written. ``sequence`` goes up when the time, place or status
changes (calendars need a higher SEQUENCE to take an update), with an
``event_changed`` notification in the same transaction. An event missing from
the catalogue is marked removed: it takes no RSVPs, and its RSVPs are kept.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from ..storage import GSI1, Table
from . import keys, outbox, store

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
ATTEMPTS = 5


class CatalogueError(Exception):
    """The catalogue cannot be read at all (not JSON, wrong version)."""


@dataclass
class Report:
    """What a sync did (or, dry, would do), event by event."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    moved_up: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Tell whether every event was synced."""
        return not self.problems

    def summary(self) -> str:
        """Say in one line what changed."""
        moved = sum(self.moved_up.values())
        return (
            f"events: {len(self.created)} new, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {len(self.removed)} removed, "
            f"{moved} moved up from waitlists, {len(self.problems)} problems"
        )


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


def _new_item(facts: dict[str, Any], now: datetime) -> dict[str, Any]:
    capacity = facts["capacity"]
    item = {
        "pk": keys.event_pk(facts["id"]),
        "sk": keys.META,
        "type": "event",
        "gsi1pk": keys.EVENTS,
        "gsi1sk": f"{keys.stamp(keys.parse_time(facts['start']))}#{facts['id']}",
        **{name: facts[name] for name in FACTS},
        "id": facts["id"],
        "confirmed": 0,
        "offered": 0,
        "waiting": 0,
        "wl_seq": 0,
        "sequence": 0,
        "rev": 1,
        "synced_at": keys.stamp(now),
    }
    if capacity is not None:
        item.update(capacity=capacity, seats_left=capacity)
    return item


def _capacity(
    old: dict[str, Any], new: int | None
) -> tuple[list[str], list[str], list[str], dict[str, Any], int]:
    """Return (sets, removes, conditions, values, seats added) to move the limit to ``new``."""
    before = old.get("capacity")
    held = int(old.get("confirmed", 0)) + int(old.get("offered", 0))
    if before is None and new is None:
        return [], [], ["attribute_not_exists(#capacity)"], {}, 0
    if before is None:
        return (
            ["#capacity = :cap", "#seats_left = :left"],
            [],
            ["attribute_not_exists(#capacity)", "#confirmed = :held_c", "#offered = :held_o"],
            {
                ":cap": new,
                ":left": new - held,  # type: ignore[operator]
                ":held_c": old.get("confirmed", 0),
                ":held_o": old.get("offered", 0),
            },
            new - held,  # type: ignore[operator]
        )
    if new is None:
        return [], ["#capacity", "#seats_left"], ["#capacity = :old_cap"], {":old_cap": before}, 0
    delta = new - int(before)
    if not delta:
        return [], [], ["#capacity = :old_cap"], {":old_cap": before}, 0
    conditions = ["#capacity = :old_cap"] + (["#seats_left >= :freed"] if delta < 0 else [])
    return (
        ["#capacity = :cap", "#seats_left = #seats_left + :delta"],
        [],
        conditions,
        {":cap": new, ":delta": delta, ":old_cap": before, ":freed": -delta},
        delta,
    )


def _too_small(old: dict[str, Any], new: int) -> str:
    confirmed, offered = int(old.get("confirmed", 0)), int(old.get("offered", 0))
    held = f"the {confirmed} seats already confirmed"
    if offered:
        held += f" and {offered} offered to the waitlist"
    return (
        f"{old['id']}: capacity {new} is below {held}; keep it at {confirmed + offered} "
        "or more, or cancel RSVPs first (nothing was changed for this event)"
    )


def _changed(old: dict[str, Any], facts: dict[str, Any]) -> bool:
    return (
        any(old.get(name) != facts[name] for name in FACTS)
        or old.get("capacity") != facts["capacity"]
        or bool(old.get("removed_at"))
    )


def _update(
    table: Table, old: dict[str, Any], facts: dict[str, Any], now: datetime
) -> tuple[str, int]:
    """Write changed facts; return ("updated"|"problem: ...", seats added)."""
    event_id = facts["id"]
    new_cap = facts["capacity"]
    held = int(old.get("confirmed", 0)) + int(old.get("offered", 0))
    if new_cap is not None and new_cap < held:
        return "problem: " + _too_small(old, new_cap), 0
    sets, removes, when, values, added = _capacity(old, new_cap)
    sets += [f"#{name} = :f_{name}" for name in FACTS]
    sets += ["#rev = #rev + :one", "#synced_at = :now", "#gsi1sk = :gsi1sk"]
    values.update({f":f_{name}": facts[name] for name in FACTS})
    start = keys.stamp(keys.parse_time(facts["start"]))
    values.update({":one": 1, ":now": keys.stamp(now), ":gsi1sk": f"{start}#{event_id}"})
    when = ["attribute_exists(pk)", "#rev = :rev", *when]
    values[":rev"] = old["rev"]
    if old.get("removed_at"):
        removes.append("#removed_at")
    actions = []
    news = [name for name in SEQUENCE_FIELDS if old.get(name) != facts[name]]
    if news:
        sets.append("#sequence = #sequence + :one")
        sequence = int(old.get("sequence", 0)) + 1
        actions.append(
            outbox.entry("event_changed", event_id, now, changed=news, sequence=sequence)
        )
    update = store.update(
        keys.event_pk(event_id), keys.META, sets=sets, remove=removes, when=when, values=values
    )
    store.transact(table, [update, *actions])
    return "updated", added


def _sync_one(table: Table, facts: dict[str, Any], now: datetime, dry_run: bool) -> tuple[str, int]:
    pk = keys.event_pk(facts["id"])
    for attempt in range(ATTEMPTS):
        old = table.get(pk, keys.META)
        if old is None:
            if not dry_run:
                try:
                    store.transact(
                        table, [store.put(_new_item(facts, now), when=["attribute_not_exists(pk)"])]
                    )
                except store.Refused:
                    continue  # created meanwhile: update it instead
            return "created", 0
        if not _changed(old, facts):
            return "unchanged", 0
        if dry_run:
            cap, held = facts["capacity"], int(old.get("confirmed", 0)) + int(old.get("offered", 0))
            return (
                ("problem: " + _too_small(old, cap), 0)
                if cap is not None and cap < held
                else ("updated", 0)
            )
        try:
            return _update(table, old, facts, now)
        except store.Refused:
            store.pause(attempt)  # an RSVP or another sync moved it: look again
    return f"problem: {facts['id']}: kept changing while being synced; run the sync again", 0


def _listed(table: Table) -> list[dict[str, Any]]:
    found, start = [], None
    while True:
        items, start = table.query(
            "gsi1pk", keys.EVENTS, index=GSI1, sort_key="gsi1sk", start=start
        )
        found.extend(items)
        if not start:
            return found


def _remove(table: Table, event_id: str, now: datetime) -> None:
    update = store.update(
        keys.event_pk(event_id),
        keys.META,
        sets=["#removed_at = :now", "#rev = #rev + :one"],
        when=["attribute_exists(pk)", "attribute_not_exists(#removed_at)"],
        values={":now": keys.stamp(now), ":one": 1},
    )
    with contextlib.suppress(store.Refused):  # removed meanwhile
        store.transact(table, [update])


def sync(table: Table, catalogue: Any, now: datetime, *, dry_run: bool = False) -> Report:
    """Store every event of ``catalogue``; report each change and problem (dry: only report)."""
    from . import waitlist  # only a sync that adds seats needs it

    events, problems = read(catalogue)
    report = Report(problems=problems)
    for facts in events:
        outcome, added = _sync_one(table, facts, now, dry_run)
        if outcome.startswith("problem: "):
            report.problems.append(outcome.removeprefix("problem: "))
            continue
        getattr(report, outcome).append(facts["id"])
        if added > 0 or (outcome == "updated" and facts["capacity"] is None and not dry_run):
            moved = waitlist.advance(table, facts["id"], now)
            if moved:
                report.moved_up[facts["id"]] = len(moved)
    wanted = {facts["id"] for facts in events} | {
        e.get("id") for e in catalogue.get("events", []) if isinstance(e, dict)
    }
    for item in _listed(table):
        if item["id"] not in wanted and not item.get("removed_at"):
            if not dry_run:
                _remove(table, item["id"], now)
            report.removed.append(item["id"])
    return report
