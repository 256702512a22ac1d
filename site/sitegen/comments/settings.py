"""Which pages take comments: site.yml's `comments:` block and each page's front matter.

```yaml
comments:
  enabled_for: [posts, recipes]   # kinds whose pages take comments (default: posts)
  moderation: first               # none | all | first (a person's first comment)
  close_after_days: 30            # days after a page's date; 0 keeps them open
```

A page says otherwise with `comments: true|false`, `comments_moderation:` and
`comments_close_after_days:` in its front matter (the features' fields, validated
with the kind's own). A kind with the trait "comments" (posts) is the default for
`enabled_for`; pages of a kind with the trait "ratings" (recipes) always take
ratings, so each has a thread, and their comments are reviews.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..content.schema import Field, Invalid, Source, to_int
from ..text import suggest

NAME = "comments"
MODERATION = ("none", "all", "first")
KEYS = ("enabled_for", "moderation", "close_after_days")
COMMENTS, RATINGS = "comments", "ratings"  # kinds' traits (registry.Kind.traits)

FIELDS = (
    Field(
        "comments",
        "bool",
        doc="take comments on this page (default: site.yml comments.enabled_for)",
    ),
    Field(
        "comments_moderation",
        choices=MODERATION,
        doc="none, all or first: whose comments wait for approval on this page",
    ),
    Field(
        "comments_close_after_days",
        "int",
        convert=lambda value, src, name: _days(value, []),
        doc="close comments this many days after the page's date (0: never)",
    ),
)


@dataclass(frozen=True)
class CommentSettings:
    """The site's defaults for comments (site.yml `comments:`)."""

    enabled_for: tuple[str, ...] = ()  # by default the kinds with the trait "comments"
    moderation: str = "first"
    close_after_days: int = 0
    rated: tuple[str, ...] = ()  # kinds with the trait "ratings"


@dataclass(frozen=True)
class Thread:
    """A page that takes feedback, as the API stores it (`THREAD#<kind>/<slug>`)."""

    kind: str
    slug: str
    path: str  # site path of the page, e.g. /blog/hello/
    title: str
    date: str | None  # the page's date (ISO), when it has one
    comments: str  # open | closed | off
    moderation: str
    closes_at: dt.datetime | None
    ratings: bool

    @property
    def id(self) -> str:
        """The thread's id in API paths, e.g. `posts/hello`."""
        return f"{self.kind}/{self.slug}"

    @property
    def is_open(self) -> bool:
        """Whether visitors may comment now."""
        return self.comments == "open"

    def public(self) -> dict[str, Any]:
        """The thread's entry in /comments/threads.json."""
        return {
            "kind": self.kind,
            "slug": self.slug,
            "url": self.path,
            "title": self.title,
            "date": self.date,
            "comments": self.comments,
            "moderation": self.moderation,
            "closes_at": _iso(self.closes_at) if self.closes_at else None,
            "ratings": self.ratings,
        }


def read_settings(raw: Any, src: Source, registry: Any) -> CommentSettings:
    """Check site.yml's `comments:` block; report problems at their lines."""
    kinds = registry.kinds.values()
    found = CommentSettings(
        enabled_for=tuple(k.name for k in kinds if COMMENTS in k.traits),
        rated=tuple(k.name for k in kinds if RATINGS in k.traits),
    )
    if raw is None:
        return found
    if not isinstance(raw, dict):
        src.error(NAME, f"expected {', '.join(KEYS)}, got {raw!r}")
        return found
    values: dict[str, Any] = {}
    for index, (key, value) in enumerate(raw.items()):
        key = str(key)
        line = src.lines(NAME, index)
        name = f"{NAME}.{key}"
        if key not in KEYS:
            meant = suggest(key, KEYS)
            hint = f"did you mean {meant!r}? " if meant else ""
            src.error(name, f"unknown setting; {hint}expected one of {', '.join(KEYS)}", line)
            continue
        try:
            values[key] = _READERS[key](value, list(registry.kinds))
        except Invalid as exc:
            src.error(name, str(exc), line)
    return CommentSettings(
        enabled_for=values.get("enabled_for", found.enabled_for),
        moderation=values.get("moderation", found.moderation),
        close_after_days=values.get("close_after_days", found.close_after_days),
        rated=found.rated,
    )


def _kinds(value: Any, kinds: list[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Invalid(f"expected a list of kinds like [posts, recipes], got {value!r}")
    for name in value:
        if name not in kinds:
            meant = suggest(name, kinds)
            hint = f"did you mean {meant!r}? " if meant else ""
            raise Invalid(f"no kind {name!r}; {hint}choose from {', '.join(kinds)}")
    return tuple(value)


def _moderation(value: Any, kinds: list[str]) -> str:
    if value not in MODERATION:
        raise Invalid(f"expected one of {', '.join(MODERATION)}, got {value!r}")
    return value


def _days(value: Any, kinds: list[str]) -> int:
    days = to_int(value, None, "close_after_days")  # type: ignore[arg-type]
    if days < 0:
        raise Invalid(f"expected 0 (never) or a number of days, got {days}")
    return days


_READERS = {"enabled_for": _kinds, "moderation": _moderation, "close_after_days": _days}


def thread_for(kind: str, item: Any, settings: CommentSettings, now: dt.datetime) -> Thread | None:
    """The thread of an item's page, or None when the page takes no feedback at all."""
    own = getattr(item, "feature_fields", None) or {}
    wanted = own.get("comments")
    listed = kind in settings.enabled_for
    on = listed if wanted is None else wanted
    ratings = kind in settings.rated
    if not (on or ratings or listed):
        return None
    days = own.get("comments_close_after_days")
    days = settings.close_after_days if days is None else days
    closes_at = None
    start = item.datetime or item.date
    if on and days and start is not None:
        if not isinstance(start, dt.datetime):
            start = dt.datetime(start.year, start.month, start.day)
        if start.tzinfo is None:
            start = start.replace(tzinfo=dt.UTC)
        closes_at = start.astimezone(dt.UTC) + dt.timedelta(days=days)
    state = "off" if not on else "closed" if closes_at and closes_at <= now else "open"
    return Thread(
        kind=kind,
        slug=item.slug,
        path=item.path,
        title=item.title or item.slug,
        date=item.date.isoformat() if item.date else None,
        comments=state,
        moderation=own.get("comments_moderation") or settings.moderation,
        closes_at=closes_at,
        ratings=ratings,
    )


def _iso(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
