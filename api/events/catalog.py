"""The site's event catalogue synced into the table (``python -m api.events sync``).

Checked first (``facts``), each event's facts (times, place, status, limits, questions) go to
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
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..storage import GSI1, Table
from . import keys, outbox, store
from .facts import FACTS, SEQUENCE_FIELDS, CatalogueError, read

__all__ = ["CatalogueError", "Report", "sync"]
ATTEMPTS = 5


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
