"""The comment emails: the outbox's notifications sent through SES, each once.

``store`` writes a notification (``NOTIFY#comments``) in the same transaction
as a new comment (``posted``) or an approval (``approved``). Each asks for:

- ``posted``: the owner's notification with the moderation links (not for the
  owner's own comments); the double opt-in email when the comment asked for
  replies by email (``notify``) and the address has not confirmed this thread;
- either, once the comment is approved: a reply notification to the author of
  the comment it answers, if that address confirmed this thread, and is not
  the replier's own.

:func:`on_commit` (subscribed by ``listen``) sends them from the request,
after its transaction committed; the scheduled job (``jobs.send_mail``) goes
through every notification still stored, oldest first, sends what the request
could not (SES down, a crash), and removes each once all its emails are
settled. Each email's record (``api.events.deliveries``, under
``MAIL#:comments`` / ``<what>#<address hash>``) makes it go once whoever sends
it and however often. Comments imported from Disqus send nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from ..outbox_drain import TimeLeft, drain
from ..settings import Settings
from ..storage import Table
from . import keys, outbox, store, subscriptions

GRACE = timedelta(seconds=60)  # the job leaves a request this long to send its own news
MARGIN = 10.0  # seconds of Lambda time a job keeps in hand: no new email below it
INLINE_SECONDS = 3.0  # what a request spends at most on its emails
MAIL_ID = ":comments"  # the deliveries' "event" (a colon: never an event's slug)
OWNER = "owner"  # the "address hash" of the owner's emails
Compose = Callable[[], tuple[str, str, bytes] | None]


def enabled(settings: Settings) -> bool:
    """Tell whether comment emails are configured (sender, signing secret, public site)."""
    return bool(settings.ses_sender and settings.form_secret and settings.site_url)


def _owner(settings: Settings, comment: dict[str, Any], thread: Any, now: datetime) -> Any:
    from . import mail_letters

    def compose() -> tuple[str, str, bytes] | None:
        return mail_letters.compose(
            settings, mail_letters.owner_letter(settings, comment, thread), now
        )

    return f"owner#{comment['id']}", OWNER, compose


def _confirmation(
    table: Table, settings: Settings, comment: dict[str, Any], thread: Any, now: datetime
) -> Any:
    """Return the double opt-in email this comment asks for, if any (recording the request)."""
    from . import mail_letters

    if not (comment.get("notify") and comment.get("email") and comment.get("email_hash")):
        return None
    hashed, thread_id = comment["email_hash"], comment["thread"]
    wish = subscriptions.request(table, comment["email"], hashed, thread_id, now, comment["id"])
    wish = wish or subscriptions.get(table, hashed, thread_id)  # a retry finds its own request
    if not wish or wish.get("status") != subscriptions.PENDING:
        return None  # confirmed already: nothing to ask
    if wish.get("comment_id") != comment["id"]:
        return None  # asked for by another comment lately: one confirmation a day at most

    def compose() -> tuple[str, str, bytes] | None:
        current = subscriptions.get(table, hashed, thread_id)
        if not current or current.get("rid") != wish["rid"] or not current.get("email"):
            return None  # confirmed or unsubscribed meanwhile
        letter = mail_letters.confirm_letter(settings, comment, thread, current)
        return mail_letters.compose(settings, letter, now)

    return f"confirm#{thread_id}#{wish['rid']}", hashed, compose


def _reply(
    table: Table, settings: Settings, comment: dict[str, Any], thread: Any, now: datetime
) -> Any:
    """Return the reply email an approved reply asks for, if its parent's author confirmed."""
    from . import mail_letters

    if comment.get("status") != keys.APPROVED or not comment.get("parent"):
        return None
    parent = store.get(table, comment["parent"])
    hashed = (parent or {}).get("email_hash")
    if not parent or not hashed or hashed == comment.get("email_hash"):
        return None  # nobody to tell, or the replier themself
    if subscriptions.confirmed(table, hashed, comment["thread"]) is None:
        return None

    def compose() -> tuple[str, str, bytes] | None:
        subscription = subscriptions.confirmed(table, hashed, comment["thread"])
        if subscription is None:
            return None  # unsubscribed meanwhile
        letter = mail_letters.reply_letter(settings, comment, parent, thread, subscription)
        return mail_letters.compose(settings, letter, now)

    return f"reply#{comment['id']}", hashed, compose


def emails(
    table: Table, settings: Settings, note: dict[str, Any], now: datetime
) -> Iterator[tuple[str, str, Compose]]:
    """Yield (what, address hash, compose) of each email a notification asks for."""
    comment = store.get(table, note["comment_id"])
    if comment is None or comment.get("imported_from"):
        return  # deleted meanwhile, or history brought in by an import
    thread = store.get_thread(table, comment["thread"])
    if note["what"] == "posted":
        if settings.ses_recipient and not comment.get("author"):
            yield _owner(settings, comment, thread, now)
        confirmation = _confirmation(table, settings, comment, thread, now)
        if confirmation:
            yield confirmation
    reply = _reply(table, settings, comment, thread, now)
    if reply:
        yield reply


def settle(
    table: Table,
    ses: Any,
    settings: Settings,
    note: dict[str, Any],
    now: datetime,
    counts: dict[str, int],
    time_left: TimeLeft = None,
) -> bool:
    """Send every email a notification asks for; True once all are settled."""
    from ..events import deliveries

    settled = True
    for what, hashed, compose in emails(table, settings, note, now):
        if time_left is not None and time_left() < MARGIN:
            return False
        outcome = deliveries.deliver(
            table, ses, event_id=MAIL_ID, what=what, hashed=hashed, compose=compose, now=now
        )
        counts[outcome] = counts.get(outcome, 0) + 1
        settled = settled and outcome in deliveries.SETTLED
    return settled


def on_commit(note: dict[str, Any]) -> None:
    """Send a comment's emails at once, from the request that made it (the job clears it after)."""
    from flask import has_app_context

    if not has_app_context():
        return
    from ..events import deliveries
    from ..services import current

    services = current()
    if not enabled(services.settings):
        return
    started = time.monotonic()
    settle(
        services.table,
        deliveries.ses_client(services.settings),
        services.settings,
        note,
        datetime.now(UTC),
        {},
        time_left=lambda: MARGIN + INLINE_SECONDS - (time.monotonic() - started),
    )


def listen() -> None:
    """Subscribe :func:`on_commit` to every kind of comment news, once per process."""
    for what in outbox.KINDS:
        if on_commit not in outbox._listeners.get(what, ()):
            outbox.subscribe(what, on_commit)


def send_pending(
    table: Table,
    ses: Any,
    settings: Settings,
    now: datetime,
    *,
    grace: timedelta = GRACE,
    time_left: TimeLeft = None,
) -> dict[str, int]:
    """Send what every stored notification still asks for, oldest first; return counts."""
    if not enabled(settings):
        return {"notifications_done": 0, "notifications_left": 0}
    return drain(
        table,
        outbox.PENDING,
        lambda note, counts: settle(table, ses, settings, note, now, counts, time_left),
        outbox.done,
        now,
        grace=grace,
        margin=MARGIN,
        time_left=time_left,
    )
