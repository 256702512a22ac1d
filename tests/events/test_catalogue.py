"""The catalogue the API syncs from has exactly the shape the two sides agreed (docs/events.md)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sitegen.kinds.events.catalogue import catalogue

from .sample import day

KEYS = [
    "id", "slug", "title", "url", "start", "end", "timezone", "all_day", "location",
    "online_url", "status", "capacity", "max_party", "waitlist", "offer_hours",
    "rsvp_opens", "rsvp_closes", "questions", "ticket_url",
]  # fmt: skip
LOCATION_KEYS = ["name", "address", "lat", "lon", "map_url"]
QUESTION_KEYS = ["id", "label", "type", "choices", "required"]


def _check_shape(entry: dict) -> None:
    """Every entry has every key of the contract, with the contract's types and values."""
    assert list(entry) == KEYS
    assert isinstance(entry["id"], str) and entry["id"].startswith(entry["slug"])
    assert entry["url"].startswith("/events/") and entry["url"].endswith("/")
    for key in ("start", "end", "rsvp_closes"):
        assert dt.datetime.fromisoformat(entry[key]).utcoffset() is not None, key
    if entry["rsvp_opens"] is not None:
        assert dt.datetime.fromisoformat(entry["rsvp_opens"]).utcoffset() is not None
    assert isinstance(entry["all_day"], bool)
    assert entry["status"] in ("scheduled", "cancelled", "postponed", "moved_online")
    assert entry["capacity"] is None or isinstance(entry["capacity"], int)
    assert isinstance(entry["max_party"], int) and entry["max_party"] >= 1
    assert entry["waitlist"] in ("off", "auto", "offer")
    assert isinstance(entry["offer_hours"], int)
    if entry["location"] is not None:
        assert list(entry["location"]) == LOCATION_KEYS
        assert entry["location"]["map_url"].startswith("https://")
    for question in entry["questions"]:
        assert list(question) == QUESTION_KEYS
        assert question["type"] in ("text", "choice", "yesno")
        assert isinstance(question["choices"], list) and isinstance(question["required"], bool)
    for key in ("online_url", "ticket_url"):
        assert entry[key] is None or entry[key].startswith("https://")


def test_every_entry_matches_the_contract(load) -> None:
    data = catalogue(load())
    assert list(data) == ["version", "events"]
    assert data["version"] == 1
    for entry in data["events"]:
        _check_shape(entry)
    ids = [e["id"] for e in data["events"]]
    assert len(ids) == len(set(ids))
    starts = [dt.datetime.fromisoformat(e["start"]) for e in data["events"]]
    assert starts == sorted(starts)


def test_a_single_event_with_everything(load) -> None:
    by_id = {e["id"]: e for e in catalogue(load())["events"]}
    assert by_id["workshop"] == {
        "id": "workshop",
        "slug": "workshop",
        "title": "Design tokens workshop",
        "url": "/events/workshop/",
        "start": f"{day(30)}T09:30:00{_offset('Europe/Oslo', day(30))}",
        "end": f"{day(30)}T16:00:00{_offset('Europe/Oslo', day(30))}",
        "timezone": "Europe/Oslo",
        "all_day": False,
        "location": {
            "name": "Mesh Youngstorget",
            "address": "Møllergata 6, 0179 Oslo",
            "lat": 59.9148,
            "lon": 10.7497,
            "map_url": "https://www.openstreetmap.org/?mlat=59.91480&mlon=10.74970"
            "#map=17/59.91480/10.74970",
        },
        "online_url": None,
        "status": "scheduled",
        "capacity": 12,
        "max_party": 3,
        "waitlist": "offer",
        "offer_hours": 12,
        "rsvp_opens": None,
        "rsvp_closes": f"{day(28)}T12:00:00{_offset('Europe/Oslo', day(28))}",
        "questions": [
            {
                "id": "experience",
                "label": "How do you use tokens?",
                "type": "choice",
                "choices": ["Not yet", "Every day"],
                "required": True,
            },
            {
                "id": "laptop",
                "label": "Bringing a laptop",
                "type": "yesno",
                "choices": [],
                "required": False,
            },
            {
                "id": "dietary_needs",
                "label": "Dietary needs",
                "type": "text",
                "choices": [],
                "required": False,
            },
        ],
        "ticket_url": None,
    }


def _offset(zone: str, when: dt.date) -> str:
    from zoneinfo import ZoneInfo

    moment = dt.datetime.combine(when, dt.time(12), ZoneInfo(zone))
    return moment.isoformat()[-6:]


def test_defaults_all_day_paid_and_status(load) -> None:
    by_id = {e["id"]: e for e in catalogue(load())["events"]}
    camp = by_id["summer-camp"]
    assert camp["all_day"] is True
    assert camp["start"].startswith(f"{day(60)}T00:00:00")
    assert camp["end"].startswith(f"{day(62)}T00:00:00")  # midnight after the last day
    assert camp["timezone"] == "Europe/Stockholm"  # site.yml's default
    assert (camp["capacity"], camp["max_party"], camp["waitlist"]) == (None, 4, "auto")
    assert camp["rsvp_closes"] == camp["start"]  # closes at the start unless told
    assert (
        camp["location"]["lat"] is None
        and "openstreetmap.org/search" in (camp["location"]["map_url"])
    )
    launch = by_id["launch"]
    assert launch["ticket_url"] == "https://tickets.example/launch"
    assert launch["online_url"] == "https://stream.example/launch"
    assert by_id["cancelled-talk"]["status"] == "cancelled"
    assert by_id["webinar"]["status"] == "moved_online"
    assert by_id["retro"]["start"] < by_id["workshop"]["start"]  # past dates are kept


def test_each_date_of_a_recurring_event_is_its_own_entry(load) -> None:
    meetups = [e for e in catalogue(load())["events"] if e["slug"] == "meetup"]
    assert len(meetups) >= 7
    for entry in meetups:
        date = entry["start"][:10]
        assert entry["id"] == f"meetup--{date}"
        assert entry["url"] == f"/events/meetup/{date}/"
        assert entry["capacity"] == 25 and entry["max_party"] == 2
        # '21 days before': the same clock time three weeks earlier, whatever the offset.
        opens = dt.datetime.fromisoformat(entry["rsvp_opens"])
        start = dt.datetime.fromisoformat(entry["start"])
        assert (opens.date(), opens.time()) == (start.date() - dt.timedelta(21), start.time())


def test_the_build_writes_the_catalogue(built: Path, load) -> None:
    written = json.loads((built / "events" / "catalogue.json").read_text("utf-8"))
    assert written == catalogue(load())
