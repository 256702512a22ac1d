"""What the owner's health page shows: last deploy, job runs, pending notifications, errors.

Each is a small item the API or the deploy writes as it goes, read back by
key or by one query, never a scan:

``DEPLOY`` / ``LAST``                       the last ``make deploy`` (stage, commit, time)
``JOBRUN#<job>`` / ``LAST``                 each scheduled job's last run: start, end,
                                            counts, error; runs and failures so far
                                            (listed through GSI1, ``JOBRUNS``)
``ERROR#<yyyy-mm-dd>`` / ``<time>#<id>``    a 5xx answer: request id, method, path,
                                            status, code (never a body); kept 14 days
                                            (listed newest first through GSI1, ``ERRORS``)
``NOTIFY#…``                                counted: notifications still to send

Only ``routes`` is imported when the app starts; ``records`` when a job ends
or a request fails with a 5xx, ``report`` when the page is asked for.
"""
