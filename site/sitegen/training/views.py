"""The achievements page, one page per achievement and their share images."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template

from ..web.state import current_content
from . import share as cards
from .maps import map_line
from .summary import Summary, clock, day, hours, km, sport, summary

INDEX_WORKOUTS = 3  # the newest public workouts drawn on /training/ (the rest listed)
INDEX_POINTS = 50  # points of each small map there: about 300 bytes each


def _found() -> Summary:
    found = summary(current_content())
    if found is None:
        abort(404)
    return found


def _formats() -> dict:
    return {"km": km, "clock": clock, "hours": hours, "day": day, "sport": sport}


def blueprint() -> Blueprint:
    """Serve /training/, each achievement's page and its share image."""
    bp = Blueprint("training", __name__, template_folder="templates", static_folder=None)

    @bp.route("/training/")
    def index() -> str:
        """Show the year totals, records, goals reached and the newest public workouts."""
        found = _found()
        workouts = [
            (w, map_line(w.track, limit=INDEX_POINTS)) for w in found.workouts[:INDEX_WORKOUTS]
        ]
        return render_template(
            "training/index.html", summary=found, workouts=workouts, **_formats()
        )

    @bp.route("/training/<slug>/")
    def achievement(slug: str) -> str:
        """Show one record, goal reached or workout, with its share image as og:image."""
        one = _found().find(slug)
        if one is None:
            abort(404)
        line = map_line(one.track, limit=400) if one.track else None
        label = cards.LABELS.get(one.kind, "Achievement")
        return render_template(
            "training/achievement.html", one=one, line=line, label=label, **_formats()
        )

    @bp.route("/training/share/<slug>.png")
    def share(slug: str) -> Response:
        """Draw an achievement's share image (1200×630 PNG)."""
        one = _found().find(slug)
        if one is None:
            abort(404)
        label = cards.LABELS.get(one.kind, "Achievement")
        title = current_content().site.title
        png = cards.card(title, label, one.headline, one.title, one.detail, one.track)
        return Response(png, mimetype="image/png")

    @bp.route("/training/share/year.png")
    def share_year() -> Response:
        """Draw the latest year's totals as the achievements page's share image."""
        found = _found()
        if not found.years:
            abort(404)
        year = found.years[0]
        count = f"{year.workouts:,} workout" + ("" if year.workouts == 1 else "s")
        detail = " · ".join(p for p in (count, hours(year.duration_s)) if p)
        title = current_content().site.title
        png = cards.card(
            title, f"{year.year} in training", km(year.distance_m), "Distance this year", detail
        )
        return Response(png, mimetype="image/png")

    return bp
