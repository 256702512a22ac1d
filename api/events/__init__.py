"""Events with RSVPs: the catalogue synced from content, seats that are never oversold, a waitlist.

One concept per module:

- ``keys``: item keys, statuses, email hashes (the data layout, see docs/events-api.md);
- ``facts``, ``catalog``: the site's catalogue checked, then synced into the table
  (``python -m api.events sync FILE``);
- ``store``: transactions that report which condition failed, retrying conflicts;
- ``rules``: whether an event takes RSVPs now, and the error that says why not;
- ``seats``: the event's counters, changed only by conditional updates;
- ``rsvps``, ``changes``: the service holding the invariant: reserve; change, cancel;
- ``waitlist``: parties move up in arrival order; offers, claims and their expiry;
- ``audit``: an event's counters checked against its RSVPs (tests, benchmark);
- ``outbox``: notification hooks (what happened, stored in the same transaction);
- ``fields``, ``tokens``: request fields, signed manage links;
- ``views``, ``manage``, ``pages``: the HTTP endpoints and the pages the API renders;
- ``openapi``: their description; ``jobs``: the scheduled jobs;
- ``listeners``, ``mailer``, ``letters``, ``ics``: attendees' emails (the outbox's news sent,
  what each says, the calendar entry); ``deliveries``: each email once, none lost;
- ``reminders``; ``feedback``, ``feedback_views``: reminders before, feedback after, its page;
- ``owner`` (and ``owner_openapi``): the owner's endpoints, over ``roster`` (who is coming),
  ``notices`` (messages to a group), ``moves`` (cancel, confirm, to the line), ``checkin``
  and ``tickets`` (the signed code and its QR code).

The Lambda imports only what a request needs: ``views`` and ``manage`` at app
creation (small; ``listeners`` subscribes the emails; ``owner`` is routes only), the
rest on first use.
"""
