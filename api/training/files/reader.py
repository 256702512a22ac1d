"""Read one workout file into its summary: parse by kind, then analyse."""

from __future__ import annotations

from typing import Any

from .analysis import summarize
from .archive import Upload
from .model import FileProblem


def read(upload: Upload) -> dict[str, Any]:
    """Return the workout summary of one file, or raise FileProblem naming it."""
    if upload.kind == "gpx":
        from .gpx import read_gpx as parse
    elif upload.kind == "tcx":
        from .tcx import read_tcx as parse
    else:
        from .fit import read_fit as parse
    activity = parse(upload.name, upload.data)
    if upload.sport and (activity.sport == "other" or upload.sport != "other"):
        activity.sport = upload.sport  # what the owner chose on Strava wins
    if upload.title:
        activity.name = upload.title
    if activity.start is None:
        raise FileProblem(upload.name, "has no times, so the workout has no start")
    summary = summarize(activity)
    if not summary["distance_m"] and not summary["moving_s"]:
        raise FileProblem(upload.name, "holds no distance and no time")
    return summary
