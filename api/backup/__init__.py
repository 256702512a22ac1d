"""Every item of the table out as a JSON Lines file and back in (README, *Backups*).

``python -m api.backup export FILE`` and ``… restore FILE``; the owner's
dashboard downloads the same file from ``GET /owner/export``. The file's
format is in :mod:`api.backup.jsonl`, what is left out (sessions, sign-in
links, rate-limit windows…) in :mod:`api.backup.kinds`: one declared list, so
every kind added later is in the backup unless it is named there.

This package is imported only when a backup runs or ``/owner/export`` is
asked for (``routes`` is the one module the app loads), so the API's cold
start does not pay for it.
"""
