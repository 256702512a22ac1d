"""The pages that take feedback, and `/comments/threads.json`, the API's copy of them.

The build publishes the feed; `make dev` and `make deploy` hand it to the API
(`python -m api.comments sync FILE`), which stores one `THREAD#<kind>/<slug>` item
per entry (docs/comments.md). Closing by age is decided here, at build time, and
given as `closes_at` so the API closes a thread on time between builds.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from .settings import NAME, CommentSettings, Thread, thread_for

VERSION = 1
_MEMO = "comments.threads"


def settings_of(content: Any) -> CommentSettings:
    """The site's comment settings (read and checked while loading site.yml)."""
    found = content.site.params.get(NAME)
    return found if isinstance(found, CommentSettings) else CommentSettings()


def threads(content: Any, now: dt.datetime | None = None) -> dict[str, Thread]:
    """Every page that takes feedback, by site path (kept for the load)."""
    if now is None and _MEMO in content.extras:
        return content.extras[_MEMO]
    when = now or dt.datetime.now(dt.UTC)
    settings = settings_of(content)
    found: dict[str, Thread] = {}
    for kind, items in content.items.items():
        for item in items:
            thread = thread_for(kind, item, settings, when)
            if thread is not None:
                found[thread.path] = thread
    if now is None:
        content.extras[_MEMO] = found
    return found


def feed(content: Any) -> dict[str, Any]:
    """The document the API syncs its threads from, ordered by thread id."""
    entries = sorted(threads(content).values(), key=lambda t: t.id)
    return {"version": VERSION, "threads": [t.public() for t in entries]}


def to_json(data: dict[str, Any]) -> str:
    """Serialise the feed as the build writes it (stable, readable in a diff)."""
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
