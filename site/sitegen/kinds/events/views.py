"""Views of events: the list, each date's page, a recurring event's overview, calendars.

Also the pages the API's no-JavaScript RSVP redirects to (`<event url>confirmed/`
and `waitlisted/`) and the catalogue the API syncs from (`/events/catalogue.json`).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, render_template, url_for

from ...web.published import abs_url
from ...web.state import current_content, item_or_404
from . import calendar_links, display, ical
from .catalogue import catalogue, to_json
from .jsonld import event_jsonld
from .model import Event, Occurrence
from .recurrence import describe

RESULTS = ("confirmed", "waitlisted")


def _occurrence(slug: str, day: str | None = None) -> Occurrence:
    event: Event = item_or_404("events", slug)
    if day is None and event.recurring or day is not None and not event.recurring:
        abort(404)
    for occurrence in event.occurrences:
        if day is None or occurrence.date.isoformat() == day:
            return occurrence
    abort(404)


def _by_id(oid: str) -> Occurrence:
    slug, _, day = oid.partition("--")
    return _occurrence(slug, day or None)


def _host() -> str:
    return ical.site_host(current_content().site.base_url)


def _calendar_file(body: bytes, name: str) -> Response:
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'inline; filename="{name}"'
    return response


def _adders(occurrence: Occurrence) -> dict[str, str]:
    """Links of the 'Add to calendar' menu."""
    page = abs_url(occurrence.url)
    return {
        "ics": url_for("events.ics", oid=occurrence.id),
        "google": calendar_links.google(occurrence, page),
        "outlook": calendar_links.outlook(occurrence, page),
        "office": calendar_links.outlook(occurrence, page, work=True),
    }


def blueprint() -> Blueprint:
    """Build the events blueprint."""
    bp = Blueprint("events", __name__, template_folder="templates")

    @bp.context_processor
    def helpers() -> dict[str, Any]:
        return {
            "when": display.when,
            "short_date": display.short_date,
            "times": display.times,
            "zone_label": display.zone_label,
            "rsvp_note": display.rsvp_note,
            "describe": lambda e: describe(e.recurrence, e.occurrences[0].date),
        }

    @bp.route("/events/")
    def index() -> str:
        """List upcoming events, soonest first, then past ones, newest first."""
        extras = current_content().extras
        upcoming: list[Occurrence] = extras.get("event_upcoming", [])
        # A recurring event is listed once among upcoming ones: its next date.
        seen: set[str] = set()
        listed = []
        for occurrence in upcoming:
            if occurrence.event.slug not in seen:
                seen.add(occurrence.event.slug)
                listed.append(occurrence)
        return render_template(
            "events/index.html", upcoming=listed, past=extras.get("event_past", [])
        )

    @bp.route("/events/<slug>/")
    def event(slug: str) -> str:
        """Show a single event, or a recurring event's dates."""
        found: Event = item_or_404("events", slug)
        if found.recurring:
            return render_template("events/series.html", event=found)
        return _page(found.occurrences[0])

    @bp.route("/events/<slug>/<day>/")
    def occurrence(slug: str, day: str) -> str:
        """Show one date of a recurring event."""
        return _page(_occurrence(slug, day))

    def _page(occurrence: Occurrence) -> str:
        organizer = current_content().site.author.get("name", "")
        return render_template(
            "events/event.html",
            event=occurrence.event,
            occurrence=occurrence,
            jsonld=event_jsonld(occurrence, abs_url, organizer),
            adders=_adders(occurrence),
        )

    for result in RESULTS:
        bp.add_url_rule(
            f"/events/<slug>/{result}/", "result", defaults={"result": result}, view_func=_result
        )
        bp.add_url_rule(
            f"/events/<slug>/<day>/{result}/",
            "result",
            defaults={"result": result},
            view_func=_result,
        )

    @bp.route("/events/<oid>.ics")
    def ics(oid: str) -> Response:
        """Serve one date as a calendar file."""
        found = _by_id(oid)
        name = current_content().site.title
        body = ical.calendar([found], _host(), lambda o: abs_url(o.url), name)
        return _calendar_file(body, f"{oid}.ics")

    @bp.route("/events.ics")
    def feed() -> Response:
        """Serve every event date as a calendar to subscribe to."""
        content = current_content()
        dated = [o for e in content.items.get("events", []) for o in e.occurrences]
        dated.sort(key=lambda o: (o.start, o.id))
        name = f"{content.site.title}: events"
        body = ical.calendar(dated, _host(), lambda o: abs_url(o.url), name)
        return _calendar_file(body, "events.ics")

    @bp.route("/events/catalogue.json")
    def catalogue_json() -> Response:
        """Serve the public facts the API takes RSVPs by (docs/events.md)."""
        body = to_json(catalogue(current_content()))
        return Response(body, mimetype="application/json")

    return bp


def _result(slug: str, result: str, day: str | None = None) -> str:
    """Tell a visitor without JavaScript that their RSVP is in, or on the waitlist."""
    occurrence = _occurrence(slug, day)
    if not occurrence.takes_rsvps:
        abort(404)
    return render_template(
        "events/result.html",
        event=occurrence.event,
        occurrence=occurrence,
        result=result,
        adders=_adders(occurrence),
    )
