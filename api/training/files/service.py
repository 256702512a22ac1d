"""Import uploaded files as workouts: each new one stored once, every file accounted for.

A file is one workout. The same file again (the sha256 of its unpacked
bytes, kept as ``FILEHASH#<sha256>`` in the same transaction as the workout)
is a duplicate, and so is a file whose workout starts within
:data:`SAME_START` seconds of one of the same sport already logged (the FIT
and the GPX of one run, or a run first logged by hand).
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import Any

from ...errors import InvalidFields
from ...storage import Table
from .. import keys, store
from ..fields import clean_workout
from .archive import Upload, open_upload
from .model import FileProblem
from .reader import read

SAME_START = 60


def digest(data: bytes) -> str:
    """Return the hash that identifies a file's content."""
    return hashlib.sha256(data).hexdigest()


def workout_fields(summary: dict[str, Any]) -> dict[str, Any]:
    """Return the fields of the workout a file's summary becomes (checked by T1's rules)."""
    full_km = [s["moving_s"] for s in summary["splits"] if s["distance_m"] >= 999.5]
    fields = {
        "sport": summary["sport"],
        "title": (summary.get("name") or "")[:100] or None,
        # The owner's local day counts for streaks: the device's offset when known, else UTC.
        "start": summary.get("start_local") or summary["start"],
        "duration_s": max(1, int(summary["moving_s"] or summary["elapsed_s"])),
        "distance_m": int(summary["distance_m"]),
        "ascent_m": int(summary["ascent_m"] or 0),
        "avg_hr": summary["avg_hr"],
        "splits": [str(s) for s in full_km if s >= 0.1][: keys.MAX_SPLITS],
    }
    return {k: v for k, v in fields.items() if v is not None}


def same_start(table: Table, sport: str, start: datetime) -> dict[str, Any] | None:
    """Return a logged workout of ``sport`` starting within SAME_START seconds, if any."""
    lo = keys.utc_stamp(start - timedelta(seconds=SAME_START))
    hi = keys.utc_stamp(start + timedelta(seconds=SAME_START)) + "#~"
    # A workout's partition is the year of its local day: look at each year it may be in.
    years = {(start + timedelta(hours=h)).year for h in (-12, 0, 14)}
    for year in sorted(years):
        values = {":pk": keys.workout_pk(year), ":lo": lo, ":hi": hi}
        out = table.call(
            "query",
            TableName=table.name,
            KeyConditionExpression="pk = :pk AND sk BETWEEN :lo AND :hi",
            ExpressionAttributeValues=table.dump(values),
            ConsistentRead=True,
        )
        for raw in out.get("Items", []):
            item = table.load(raw)
            if item.get("sport") == sport:
                return item
    return None


def _duplicate(name: str, workout_id: str, why: str) -> dict[str, Any]:
    return {"file": name, "status": "duplicate", "workout_id": workout_id, "message": why}


def _error(problem: FileProblem) -> dict[str, Any]:
    return {"file": problem.name, "status": "error", "message": str(problem)}


def import_file(table: Table, upload: Upload) -> dict[str, Any]:
    """Store one file's workout, or say why not: created, duplicate or error."""
    sha = digest(upload.data)
    known = table.get(keys.filehash_pk(sha), keys.META)
    if known:
        return _duplicate(upload.name, known["workout"], "This file was imported already.")
    try:
        summary = read(upload)
    except FileProblem as problem:
        return _error(problem)
    start = keys.parse_start(summary["start"].replace("Z", "+00:00"))
    twin = same_start(table, summary["sport"], start)
    if twin:
        why = f"A {summary['sport']} starting at {twin['start_utc']} is logged already."
        return _duplicate(upload.name, twin["id"], why)
    try:
        fields = clean_workout(workout_fields(summary))
        item = store.create(table, fields, track=summary["track"] or None, source_hash=sha)
    except store.DuplicateFile as exc:  # the same file, imported at the same moment
        return _duplicate(upload.name, exc.workout_id, "This file was imported already.")
    except InvalidFields as exc:
        detail = "; ".join(f"{k}: {v}" for k, v in exc.fields.items())
        return _error(FileProblem(upload.name, f"its workout cannot be stored ({detail})"))
    shown = {k: v for k, v in summary.items() if k != "track"}
    return {
        "file": upload.name,
        "status": "created",
        "workout_id": item["id"],
        "track_points": len(summary["track"]),
        "summary": shown,
    }


def import_upload(table: Table, name: str, data: bytes) -> list[dict[str, Any]]:
    """Import every workout file of an upload (one file or a zip), in order.

    Raises ``archive.ArchiveRefused`` when a zip is refused as a whole.
    """
    results = []
    for entry in open_upload(name, data):
        if isinstance(entry, FileProblem):
            results.append(_error(entry))
        else:
            results.append(import_file(table, entry))
    return results
