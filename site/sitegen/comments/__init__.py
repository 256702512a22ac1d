"""Comments and reviews on the site: a Feature (docs/comments.md, "On the site").

- `/comments/threads.json`: every page that takes feedback, handed to the API
  (`api_feed`) by `make dev` and `make deploy` (`threads`).
- Settings: site.yml's `comments:` block and per-page front-matter fields that
  every kind accepts (`settings`).
- A block under each such page (`PagePart`): the approved comments baked in at
  build time (`baked`), a form that posts without JavaScript, and `js/comments.js`
  that loads the live thread, replies, upvotes and posts in place.
- The owner's moderation queue in the dashboard (`js/owner/comments.js`).

No kind names this feature and it names no kind: kinds say what they take with
`Kind.traits` ("comments": on by default; "ratings": always a thread, comments
are reviews with a rating).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import operator
from typing import Any

from ..kinds.common import digest_of
from ..registry import ApiFeed, Feature, PagePart, SiteSetting, UrlSpec
from . import baked
from .settings import FIELDS, NAME, Thread, read_settings
from .threads import feed, threads

_THREAD = operator.attrgetter(*(f.name for f in dataclasses.fields(Thread)))


def _urls(content: Any) -> list[UrlSpec]:
    # A digest of what the feed is made of (each thread's fields, `Thread.public`),
    # not of its indented JSON: no pure-Python indenting encoder (0.15 s at 4,000
    # pages) and no dictionary per thread.
    listed = digest_of(sorted(map(_THREAD, threads(content).values())))
    return [UrlSpec("comments.threads_json", {}, (listed,), sitemap=False)]


def _context(content: Any, item: Any) -> dict[str, Any] | None:
    """What the block under an item's page shows, or None when it takes no comments."""
    thread = threads(content).get(item.path)
    if thread is None or thread.comments == "off":
        return None
    listed = baked.approved(content).get(thread.id, [])
    api = content.site.api_url
    if not api and not listed:
        return None  # nowhere to post, nothing to show
    return {
        "thread": thread,
        "comments": baked.tree(listed),
        "count": len(listed),
        "api": content.site.api_base if api else "",
        "open": thread.is_open and bool(api),
        "reviews": thread.ratings,
    }


def _expires(content: Any) -> dt.datetime | None:
    """When the next open thread closes by age (its page then shows it closed)."""
    now = dt.datetime.now(dt.UTC)
    closing = [t.closes_at for t in threads(content).values() if t.closes_at and t.closes_at > now]
    return min(closing, default=None)


FEATURE = Feature(
    name=NAME,
    blueprint="sitegen.comments.views",
    urls=_urls,
    # DOMPurify first: the queue shows each comment's HTML only through it.
    dashboard=("vendor/purify.min.js", "js/owner/comments.js"),
    api_feed=ApiFeed("/comments/threads.json", feed, "api.comments"),
    fields=FIELDS,
    setting=SiteSetting(NAME, read_settings),
    expires=_expires,
    page_part=PagePart(
        "comments/_section.html",
        _context,
        head="comments/_head.html",
        digests=baked.digests,
    ),
)
