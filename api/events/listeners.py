"""Who acts at once on the outbox's news: the attendee's email, sent from the request.

``views`` calls :func:`listen` when the app is made. Only this module and the
outbox load then; the mail code (``mailer``, ``icalendar``, ``segno``) loads
with the first news a request publishes, so a cold start that serves
anything else never pays for it.
"""

from __future__ import annotations

from typing import Any

from . import outbox

# An event's change goes to every attendee: the mail job fans it out, not a request.
ATTENDEE_NEWS = tuple(kind for kind in outbox.KINDS if kind != "event_changed")


def send_email(note: dict[str, Any]) -> None:
    """Email the attendee(s) a committed notification is for (``mailer.on_commit``)."""
    from . import mailer

    mailer.on_commit(note)


def listen() -> None:
    """Subscribe :func:`send_email` to every attendee's kind of news, once per process."""
    for kind in ATTENDEE_NEWS:
        if send_email not in outbox._listeners.get(kind, ()):
            outbox.subscribe(kind, send_email)
