"""Comments and reviews on the site's pages: threads from the build, moderation, votes.

One concept per module:

- ``keys``: item keys, statuses, the email and text hashes (the data layout,
  see docs/comments.md);
- ``catalog``: the build's ``/comments/threads.json`` synced into the table
  (``python -m api.comments sync FILE``);
- ``store``: every read, and the transactions that hold the invariants
  (duplicates, replies to approved comments only, votes counted once);
- ``outbox``: the emails to send, recorded in the same transaction as the change;
- ``markup``: visitors' Markdown rendered to inert HTML (Python-Markdown, nh3);
- ``service``: who may post where, moderation and trust, reviews' ratings;
- ``guard``: spam defences (honeypot, form token, rate limits per client and
  subnet, the link limit);
- ``fields``, ``views``, ``pages``, ``owner``, ``openapi``: the HTTP side.

The Lambda imports only ``views`` and ``owner`` at app creation (routes only);
Markdown and nh3 load with the first comment that needs rendering.
"""
