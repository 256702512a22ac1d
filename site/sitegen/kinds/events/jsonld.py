"""JSON-LD `Event` for search engines: when, where (a Place, online, or both), status, offers."""

from __future__ import annotations

from collections.abc import Callable

from .model import Occurrence

AbsUrl = Callable[[str], str]
SCHEMA = "https://schema.org/"
STATUS = {
    "scheduled": "EventScheduled",
    "cancelled": "EventCancelled",
    "postponed": "EventPostponed",
    "moved_online": "EventMovedOnline",
}


def attendance_mode(occurrence: Occurrence) -> str:
    """Offline, online or mixed, as schema.org names them."""
    event = occurrence.event
    if event.status == "moved_online" or (event.online_url and event.location is None):
        return "OnlineEventAttendanceMode"
    if event.online_url:
        return "MixedEventAttendanceMode"
    return "OfflineEventAttendanceMode"


def event_jsonld(occurrence: Occurrence, abs_url: AbsUrl, organizer: str = "") -> dict:
    """Describe one date of an event as schema.org/Event; omit what the content does not say."""
    event = occurrence.event
    page = abs_url(occurrence.url)
    when = (lambda m: m.date().isoformat()) if event.all_day else (lambda m: m.isoformat())
    last = occurrence.last_day.isoformat() if event.all_day else occurrence.end.isoformat()
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "url": page,
        "startDate": when(occurrence.start),
        "endDate": last,
        "eventStatus": SCHEMA + STATUS[event.status],
        "eventAttendanceMode": SCHEMA + attendance_mode(occurrence),
    }
    if event.summary:
        data["description"] = event.summary
    if event.cover:
        data["image"] = [abs_url(event.cover.src)]
    places = []
    if event.location and event.status != "moved_online":
        places.append(_place(occurrence))
    if event.online_url:
        places.append({"@type": "VirtualLocation", "url": event.online_url})
    if places:
        data["location"] = places[0] if len(places) == 1 else places
    if organizer:
        data["organizer"] = {"@type": "Person", "name": organizer, "url": abs_url("/")}
    if event.ticket_url:
        offer = {"@type": "Offer", "url": event.ticket_url, "availability": SCHEMA + "InStock"}
        if event.price is not None:
            offer |= {"price": event.price, "priceCurrency": event.currency}
        data["offers"] = offer
    else:
        data["isAccessibleForFree"] = True
        if event.capacity is not None:
            data["maximumAttendeeCapacity"] = event.capacity
    return data


def _place(occurrence: Occurrence) -> dict:
    location = occurrence.event.location
    assert location is not None
    place: dict = {"@type": "Place", "name": location.name}
    if location.address:
        place["address"] = location.address
    if location.lat is not None and location.lon is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": location.lat,
            "longitude": location.lon,
        }
    if location.map_url:
        place["hasMap"] = location.map_url
    return place
