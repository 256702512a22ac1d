"""Approved comments baked into pages at build time, readable without JavaScript.

The build asks the API once for every approved comment (`GET /comments/public`,
through `content.public_data.fetch_public`: short timeout, the last good copy kept
in the cache, never failing the build) and renders each text with the API's own
`api.comments.markup.render` (a small Markdown subset, cleaned by nh3). What a
page shows feeds its digest, so an incremental build renders it again when one
of its comments changes. The preview with the API on its own origin (`make dev`)
asks again for each page, so a comment posted there shows on reload.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from markupsafe import Markup

from .threads import threads

MAX_DEPTH = 3  # replies to a comment this deep are shown beside it, marked "in reply to"
_MEMO = "comments.approved"
SNAPSHOT = "comments"  # <cache>/public/comments.json


@dataclass(eq=False)
class Shown:
    """A comment as a page shows it: its text rendered, its replies under it."""

    id: str
    name: str
    author: bool  # the site's owner replying
    created: str
    html: Markup
    votes: int = 0
    rating: int | None = None
    depth: int = 1
    reply_to: str | None = None  # the name answered, when shown beside rather than under
    replies: list[Shown] = field(default_factory=list)
    holder: Shown | None = None

    @property
    def when(self) -> dt.datetime | None:
        """The time it was posted, or None when the API sent something else."""
        try:
            return dt.datetime.fromisoformat(self.created.replace("Z", "+00:00"))
        except ValueError:
            return None


def api_origin(site: Any) -> str:
    """The API's absolute address, as the build (or the preview) can reach it."""
    api = site.api_url
    if not api or api.startswith(("http://", "https://")):
        return api or ""
    from flask import has_request_context, request

    root = request.url_root if has_request_context() else site.base_url
    return urljoin(root, api.lstrip("/"))


def approved(content: Any) -> dict[str, list[dict[str, Any]]]:
    """Every approved comment by thread id: asked once per build, once per page in preview."""
    from flask import current_app, g, has_request_context

    # The preview server with the API on its own origin (`make dev`): a comment posted
    # a moment ago shows on reload. A remote API is asked once per load of the content.
    same_origin = content.site.api_url.startswith("/")
    live = same_origin and has_request_context() and current_app.extensions["sitegen"].watch
    if live:
        if "comments_approved" not in g:
            g.comments_approved = _fetch(content)
        return g.comments_approved
    memo = content.extras.get(_MEMO)
    if memo is None:
        memo = content.extras[_MEMO] = _fetch(content)
    return memo


def _fetch(content: Any) -> dict[str, list[dict[str, Any]]]:
    base = api_origin(content.site)
    if not base:
        return {}
    from ..content.public_data import fetch_public

    cache = Path(content.cache_dir or content.root.parent / ".cache" / "sitegen")
    data = fetch_public(base, "/comments/public", cache_dir=cache, name=SNAPSHOT)
    if not isinstance(data, dict) or not isinstance(data.get("threads"), dict):
        return {}
    return {
        str(thread): [c for c in listed if _approved(c)]
        for thread, listed in data["threads"].items()
        if isinstance(listed, list)
    }


def _approved(comment: Any) -> bool:
    return (
        isinstance(comment, dict)
        and isinstance(comment.get("id"), str)
        and comment.get("status", "approved") == "approved"
    )


def tree(comments: list[dict[str, Any]]) -> list[Shown]:
    """Arrange a thread's comments (oldest first) as replies, at most MAX_DEPTH deep."""
    from api.comments.markup import render

    nodes: dict[str, Shown] = {}
    top: list[Shown] = []
    for c in sorted(comments, key=lambda c: (str(c.get("created", "")), c["id"])):
        rating = c.get("rating")
        shown = Shown(
            id=c["id"],
            name=str(c.get("name") or "Anonymous"),
            author=c.get("author") is True,
            created=str(c.get("created", "")),
            html=Markup(render(str(c.get("text", "")))),
            votes=c["votes"] if isinstance(c.get("votes"), int) else 0,
            rating=rating if isinstance(rating, int) and 1 <= rating <= 5 else None,
        )
        parent = nodes.get(c.get("parent")) if c.get("parent") else None
        if parent is None:
            top.append(shown)
        else:
            holder = parent
            if parent.depth >= MAX_DEPTH and parent.holder is not None:
                holder = parent.holder
                shown.reply_to = parent.name
            shown.depth = holder.depth + 1
            shown.holder = holder
            holder.replies.append(shown)
        nodes[shown.id] = shown
    return top


def digests(content: Any) -> dict[str, str]:
    """What the comments block shows on each page, hashed, by the page's site path."""
    found = approved(content)
    out = {}
    for path, thread in threads(content).items():
        shown = [
            (c["id"], c.get("parent"), c.get("name"), c.get("author"), c.get("created"))
            + (c.get("text"), c.get("votes"), c.get("rating"))
            for c in found.get(thread.id, [])
        ]
        state = (thread.comments, thread.moderation, thread.ratings, shown)
        # repr, not JSON: it changes when they do, in a third of the time
        out[path] = hashlib.sha1(repr(state).encode()).hexdigest()[:16]
    return out
