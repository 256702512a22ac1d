"""Events: `content/events/*.md`, with RSVPs taken by the API (docs/events.md).

Pages: /events/ (upcoming, then past), a page per date (a recurring event gets one
per date in its window, and an overview at /events/<slug>/), each date as an
`.ics` file, the feed of all of them at /events.ics, the pages the RSVP form's
no-JavaScript post lands on, and /events/catalogue.json for the API.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...registry import ApiFeed, Kind, NavEntry, UrlProblems, UrlSpec
from ..common import digest_of
from .catalogue import catalogue
from .load import finish, make
from .model import Event, Occurrence
from .schema import SCHEMA


def urls(content: Any) -> list[UrlSpec]:
    """Every event page, calendar file and RSVP result page, the list, feed and catalogue."""
    events: list[Event] = content.items.get("events", [])
    # What is past or open changes with the day, not only with the files.
    day = f"day:{next((e.built_on for e in events), '')}"
    every = (day, *(e.digest for e in events))
    specs = [
        UrlSpec("events.index", {}, every),
        UrlSpec("events.feed", {}, (content.site_digest, *every), sitemap=False),
        UrlSpec("events.catalogue_json", {}, every, sitemap=False),
        UrlSpec("events.occurrence", None),  # no recurring event right now
        UrlSpec("events.result", None),  # only paid events
    ]
    for event in events:
        deps = (day, event.digest, content.site_digest)
        if event.recurring:
            specs.append(_page("events.event", {"slug": event.slug}, event, deps))
        for occurrence in event.occurrences:
            values = _values(occurrence)
            endpoint = "events.occurrence" if event.recurring else "events.event"
            specs.append(_page(endpoint, values, event, deps))
            specs.append(UrlSpec("events.ics", {"oid": occurrence.id}, deps, sitemap=False))
            if occurrence.takes_rsvps:
                for result in ("confirmed", "waitlisted"):
                    specs.append(
                        UrlSpec("events.result", {**values, "result": result}, deps, sitemap=False)
                    )
    problems = content.extras.get("event_problems", [])
    if problems:  # the site's default time zone is not one
        raise UrlProblems(specs, problems)
    return specs


def _values(occurrence: Occurrence) -> dict[str, str]:
    if occurrence.event.recurring:
        return {"slug": occurrence.event.slug, "day": occurrence.date.isoformat()}
    return {"slug": occurrence.event.slug}


def _page(endpoint: str, values: dict, event: Event, deps: tuple) -> UrlSpec:
    return UrlSpec(
        endpoint,
        values,
        (*deps, digest_of(values)),
        search="event",
        source=event.source,
    )


def _new_extra(title: str) -> dict:
    """Front matter for `make new KIND=event`: a draft evening event two weeks out."""
    day = (dt.date.today() + dt.timedelta(days=14)).isoformat()
    return {
        "title": title,
        "start": f"{day} 18:30",
        "end": f"{day} 21:00",
        "location": {"name": "The venue", "address": "Street 1, City"},
        "capacity": 20,
        "draft": True,
    }


KIND = Kind(
    name="events",
    singular="event",
    schema=SCHEMA,
    make=make,
    finish=finish,
    blueprint="sitegen.kinds.events.views",
    urls=urls,
    new_body="What it is, who it is for and what to bring.\n",
    new_extra=_new_extra,
    nav=NavEntry("Events", "/events/", weight=35),
    dashboard=("js/owner/events.js", "js/owner/events-checkin.js"),
    api_feed=ApiFeed("/events/catalogue.json", catalogue, "api.events"),
)

__all__ = ["KIND", "Event", "Occurrence"]
