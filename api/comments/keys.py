"""Where comments live in the one table, and the words for their states.

``THREAD#<kind>/<slug>`` / ``META``            a page that takes feedback (synced from the build)
``THREAD#<kind>/<slug>`` / ``C#<created>#<id>`` one comment or review, verbatim and rendered
``THREAD#<kind>/<slug>`` / ``DUP#<text hash>``  the same text was posted here (duplicates refused)
``COMMENT#<id>`` / ``META``                    where comment ``<id>`` is (its thread and sort key)
``COMMENT#<id>`` / ``VOTE#<visitor>``           one upvote; the count is on the comment
``TRUST#<email hash>`` / ``META``              an address whose comment the owner approved
``COMMENTS`` / ``STATS``                       counts per status (the dashboard's card)
``NOTIFY#comments`` / ``<stamp>#<id>``         an email to send (see ``outbox``)

GSI1 lists the threads (``THREADS`` / ``<kind>/<slug>``) and the comments by
status (``COMMENTS#<status>`` / ``<created>#<id>``): the moderation queue, and
every approved comment for the build.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import UTC, datetime

KIND_PATTERN = "[a-z][a-z0-9-]{0,39}"
SLUG_PATTERN = "[A-Za-z0-9][A-Za-z0-9_-]{0,119}"
THREAD_EXAMPLE = ("posts", "hello-world")
ID_PATTERN = "[A-Za-z0-9_-]{16}"
ID_EXAMPLE = "c0mment1d-Exampl"
VISITOR_PATTERN = "[A-Za-z0-9_-]{16,64}"

META = "META"
COMMENT_PREFIX = "C#"
DUP_PREFIX = "DUP#"
VOTE_PREFIX = "VOTE#"
THREADS = "THREADS"
STATS = ("COMMENTS", "STATS")

# Comment statuses; only approved ones are shown to anyone but the owner.
PENDING = "pending"
APPROVED = "approved"
REJECTED = "rejected"
STATUSES = (PENDING, APPROVED, REJECTED)

# Thread settings (from the site's content).
OPEN, CLOSED, OFF = "open", "closed", "off"
COMMENT_MODES = (OPEN, CLOSED, OFF)
MODERATION_MODES = ("none", "all", "first")


def thread_id(kind: str, slug: str) -> str:
    """Return the id of a thread as URLs and the feed write it: ``<kind>/<slug>``."""
    return f"{kind}/{slug}"


def thread_pk(thread: str) -> str:
    """Return the partition of a thread (``<kind>/<slug>``): its META and comments."""
    return f"THREAD#{thread}"


def comment_sk(created: str, comment_id: str) -> str:
    """Return the sort key of a comment: oldest first within its thread."""
    return f"{COMMENT_PREFIX}{created}#{comment_id}"


def comment_pk(comment_id: str) -> str:
    """Return the partition of a comment's pointer and votes."""
    return f"COMMENT#{comment_id}"


def vote_sk(visitor: str) -> str:
    """Return the sort key of one visitor's upvote."""
    return VOTE_PREFIX + visitor


def trust_pk(hashed: str) -> str:
    """Return the key of a trusted address (by its hash)."""
    return f"TRUST#{hashed}"


def queue_pk(status: str) -> str:
    """Return the GSI1 partition listing comments of a status."""
    return f"COMMENTS#{status}"


def email_hash(email: str, secret: str) -> str:
    """Return a keyed hash of an address: one person, whatever the case they type it in."""
    return hmac.new(secret.encode(), email.strip().lower().encode(), hashlib.sha256).hexdigest()[
        :32
    ]


_SPACE = re.compile(r"\s+")


def text_hash(text: str) -> str:
    """Return the hash of a text as duplicates are judged: case and spacing ignored."""
    normal = _SPACE.sub(" ", text.casefold()).strip()
    return hashlib.sha256(normal.encode()).hexdigest()[:32]


def new_id() -> str:
    """Return a fresh comment id (16 URL-safe characters)."""
    return secrets.token_urlsafe(12)


def stamp(when: datetime) -> str:
    """Return a UTC time as fixed-width ISO 8601 with microseconds (sorts as text)."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def stamp_seconds(when: datetime) -> str:
    """Return a UTC time as ISO 8601 to the second (``closes_at``)."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(value: str) -> datetime:
    """Read an ISO 8601 time with an offset (``Z`` too)."""
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError("needs a UTC offset, e.g. 2027-01-05T18:30:00Z")
    return parsed
