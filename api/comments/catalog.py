"""The site's comment threads synced into the table (``python -m api.comments sync``).

The build publishes ``/comments/threads.json`` (format in docs/comments.md):
every page that takes feedback, with its settings already resolved from the
site's defaults and the page's own (``comments``, ``moderation``, ``closes_at``).
Each thread's facts go to its ``THREAD#<kind>/<slug>`` / ``META`` item with a
``SET`` of those attributes only, so nothing else stored there is touched. A
thread missing from the feed is marked ``removed_at``: it answers 404 as if
``off``, and its comments are kept for the day it comes back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..storage import Table
from . import keys, store

FACTS = ("kind", "slug", "url", "title", "date", "comments", "moderation", "closes_at", "ratings")


class CatalogueError(Exception):
    """The feed as a whole cannot be read (not a ``{"version": 1, "threads": [...]}``)."""


@dataclass
class Report:
    """What a sync did (or, dry, would do), thread by thread."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Tell whether every thread was synced."""
        return not self.problems

    def summary(self) -> str:
        """Say in one line what changed."""
        return (
            f"comment threads: {len(self.created)} new, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {len(self.removed)} removed, "
            f"{len(self.problems)} problems"
        )


def _problem(where: str, name: str, value: Any) -> str | None:
    if name == "kind":
        ok = isinstance(value, str) and re.fullmatch(keys.KIND_PATTERN, value)
        return None if ok else f"{where}: kind: must match {keys.KIND_PATTERN}"
    if name == "slug":
        ok = isinstance(value, str) and re.fullmatch(keys.SLUG_PATTERN, value)
        return None if ok else f"{where}: slug: must match {keys.SLUG_PATTERN}"
    if name == "url":
        ok = isinstance(value, str) and value.startswith("/") and len(value) <= 500
        return None if ok else f"{where}: url: must be a site path like /blog/hello/"
    if name == "title":
        ok = isinstance(value, str) and 0 < len(value) <= 300
        return None if ok else f"{where}: title: must be text of 1 to 300 characters"
    if name == "comments":
        ok = value in keys.COMMENT_MODES
        return None if ok else f"{where}: comments: must be one of {', '.join(keys.COMMENT_MODES)}"
    if name == "moderation":
        ok = value in keys.MODERATION_MODES
        modes = ", ".join(keys.MODERATION_MODES)
        return None if ok else f"{where}: moderation: must be one of {modes}"
    if name == "ratings":
        return None if isinstance(value, bool) else f"{where}: ratings: must be true or false"
    if name in ("closes_at", "date") and value is not None:
        try:
            if name == "closes_at":
                keys.parse_time(value)
            elif not isinstance(value, str) or not value:
                raise ValueError("must be text")
        except (TypeError, ValueError) as exc:
            return f"{where}: {name}: {exc}"
    return None


def read(feed: Any) -> tuple[list[dict[str, Any]], list[str]]:
    """Return the feed's valid threads (facts normalised) and a problem per bad one."""
    if not isinstance(feed, dict) or feed.get("version") != 1:
        raise CatalogueError('expected {"version": 1, "threads": [...]}')
    threads = feed.get("threads")
    if not isinstance(threads, list):
        raise CatalogueError('"threads" must be a list')
    good, problems, seen = [], [], set()
    for n, raw in enumerate(threads):
        if not isinstance(raw, dict):
            problems.append(f"threads[{n}]: must be an object")
            continue
        where = f"threads[{n}] ({raw.get('kind')}/{raw.get('slug')})"
        facts = {
            "kind": raw.get("kind"),
            "slug": raw.get("slug"),
            "url": raw.get("url"),
            "title": raw.get("title"),
            "date": raw.get("date"),
            "comments": raw.get("comments", keys.OPEN),
            "moderation": raw.get("moderation", "first"),
            "closes_at": raw.get("closes_at"),
            "ratings": raw.get("ratings", False),
        }
        unknown = sorted(set(raw) - set(FACTS))
        found = [p for name in FACTS if (p := _problem(where, name, facts[name]))]
        found += [f"{where}: {name}: unknown field" for name in unknown]
        thread = keys.thread_id(str(facts["kind"]), str(facts["slug"]))
        if not found and thread in seen:
            found.append(f"{where}: listed twice")
        if found:
            problems.extend(found)
            continue
        if facts["closes_at"]:
            facts["closes_at"] = keys.stamp_seconds(keys.parse_time(facts["closes_at"]))
        seen.add(thread)
        good.append(facts)
    return good, problems


def _write(table: Table, facts: dict[str, Any], now: datetime) -> None:
    thread = keys.thread_id(facts["kind"], facts["slug"])
    sets = {**facts, "type": "thread", "thread": thread, "gsi1pk": keys.THREADS}
    sets.update(gsi1sk=thread, synced_at=keys.stamp(now))
    missing = [name for name in FACTS if facts[name] is None]
    for name in missing:
        del sets[name]
    names = {f"#{n}": n for n in sets} | {f"#{n}": n for n in missing + ["removed_at"]}
    expression = "SET " + ", ".join(f"#{n} = :{n}" for n in sets)
    expression += " REMOVE " + ", ".join(f"#{n}" for n in [*missing, "removed_at"])
    table.update(
        keys.thread_pk(thread),
        keys.META,
        expression,
        {f":{n}": v for n, v in sets.items()},
        names=names,
    )


def _changed(old: dict[str, Any], facts: dict[str, Any]) -> bool:
    return bool(old.get("removed_at")) or any(old.get(n) != facts[n] for n in FACTS)


def sync(table: Table, feed: Any, now: datetime, *, dry_run: bool = False) -> Report:
    """Store every thread of ``feed``; report each change and problem (dry: only report)."""
    threads, problems = read(feed)
    report = Report(problems=problems)
    stored = {item["thread"]: item for item in store.threads(table)}
    for facts in threads:
        thread = keys.thread_id(facts["kind"], facts["slug"])
        old = stored.get(thread)
        if old is not None and not _changed(old, facts):
            report.unchanged.append(thread)
            continue
        if not dry_run:
            _write(table, facts, now)
        (report.created if old is None else report.updated).append(thread)
    wanted = {keys.thread_id(f["kind"], f["slug"]) for f in threads}
    # A thread whose entry was malformed is left as it was, not removed.
    wanted |= {
        keys.thread_id(str(t.get("kind")), str(t.get("slug")))
        for t in feed.get("threads", [])
        if isinstance(t, dict)
    }
    for thread, item in stored.items():
        if thread not in wanted and not item.get("removed_at"):
            if not dry_run:
                table.update(
                    keys.thread_pk(thread),
                    keys.META,
                    "SET #r = :now",
                    {":now": keys.stamp(now)},
                    names={"#r": "removed_at"},
                )
            report.removed.append(thread)
    return report
