"""The .ics files and the /events.ics feed parse back with icalendar and say the right thing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from .sample import day


def _calendar(built: Path, path: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical((built / path).read_bytes())


def _by_uid(cal: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_an_event_file_carries_its_uid_zone_and_times(built: Path) -> None:
    cal = _calendar(built, "events/workshop.ics")
    (entry,) = cal.walk("VEVENT")
    assert str(entry["UID"]) == "workshop@ada.example"
    assert entry["DTSTART"].params["TZID"] == "Europe/Oslo"
    assert entry["DTEND"].params["TZID"] == "Europe/Oslo"
    oslo = ZoneInfo("Europe/Oslo")
    assert entry.decoded("DTSTART") == dt.datetime.combine(day(30), dt.time(9, 30), oslo)
    assert entry.decoded("DTEND") == dt.datetime.combine(day(30), dt.time(16, 0), oslo)
    assert entry["SEQUENCE"] == 0
    assert str(entry["SUMMARY"]) == "Design tokens workshop"
    assert str(entry["URL"]) == "https://ada.example/events/workshop/"
    assert str(entry["STATUS"]) == "CONFIRMED"
    assert str(entry["LOCATION"]) == "Mesh Youngstorget, Møllergata 6, 0179 Oslo"
    assert (entry["GEO"].latitude, entry["GEO"].longitude) == (59.9148, 10.7497)
    # The zone is described in the file itself, for calendars without a zone database.
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Oslo"]
    assert str(cal["METHOD"]) == "PUBLISH"


def test_the_feed_holds_every_date_with_stable_uids_and_method_publish(built: Path) -> None:
    cal = _calendar(built, "events.ics")
    assert str(cal["METHOD"]) == "PUBLISH"
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["X-WR-CALNAME"]) == "Ada Lindqvist: events"
    entries = _by_uid(cal)
    meetups = sorted(uid for uid in entries if uid.startswith("meetup--"))
    assert len(meetups) >= 7  # the dates that are over, and the next six
    assert all(uid.endswith("@ada.example") for uid in entries)
    assert {
        "workshop@ada.example",
        "launch@ada.example",
        "summer-camp@ada.example",
        "retro@ada.example",
        "cancelled-talk@ada.example",
        "webinar@ada.example",
    } <= set(entries)
    assert {e["SEQUENCE"] for e in entries.values()} == {0}
    meetup = entries[meetups[-1]]
    assert meetup["DTSTART"].params["TZID"] == "Europe/Stockholm"  # site.yml's default zone
    assert meetup.decoded("DTSTART").time() == dt.time(7, 45)
    assert meetups[-1] == f"meetup--{meetup.decoded('DTSTART').date().isoformat()}@ada.example"
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == [
        "Europe/Oslo",
        "Europe/Stockholm",
    ]


def test_an_all_day_event_is_dates_with_the_day_after_as_its_end(built: Path) -> None:
    (entry,) = _calendar(built, "events/summer-camp.ics").walk("VEVENT")
    assert entry["DTSTART"].params.get("VALUE") == "DATE"
    assert entry.decoded("DTSTART") == day(60)
    assert entry.decoded("DTEND") == day(62)  # exclusive: the camp is the 60th and 61st
    assert "TZID" not in entry["DTSTART"].params


@pytest.mark.parametrize(
    ("name", "status", "summary", "location"),
    [
        ("cancelled-talk", "CANCELLED", "Cancelled: Cancelled talk", "Stadsbiblioteket"),
        ("webinar", "CONFIRMED", "Colour systems webinar", "https://meet.example/colour"),
    ],
)
def test_status_and_place_follow_the_event(built, name, status, summary, location) -> None:
    (entry,) = _calendar(built, f"events/{name}.ics").walk("VEVENT")
    assert (str(entry["STATUS"]), str(entry["SUMMARY"])) == (status, summary)
    assert str(entry["LOCATION"]) == location


def test_a_rebuild_the_same_day_writes_the_same_bytes(built: Path, tmp_path: Path) -> None:
    from .sample import build

    again = build(tmp_path)
    for name in ("events.ics", "events/workshop.ics"):
        assert (again / name).read_bytes() == (built / name).read_bytes()


ZONES_SCRIPT = """
import datetime as dt, sys
from zoneinfo import ZoneInfo
import icalendar
from sitegen.kinds.events.ical import zones_in_order
cal = icalendar.Calendar()
for n, zone in enumerate(["Europe/Stockholm", "America/Denver", "Asia/Tokyo", "Europe/Oslo"]):
    event = icalendar.Event()
    event.add("uid", f"{n}@x")
    event.add("dtstart", dt.datetime(2027, 3, 1, 9, tzinfo=ZoneInfo(zone)))
    cal.add_component(event)
cal.add_missing_timezones(dt.date(2027, 1, 1), dt.date(2029, 1, 1))
zones_in_order(cal)
sys.stdout.buffer.write(cal.to_ical())
"""


def test_a_calendar_is_the_same_bytes_in_every_python_process() -> None:
    # Each process hashes strings its own way: the time zones' order must not follow.
    import os
    import subprocess
    import sys

    site = str(Path(__file__).resolve().parents[2] / "site")
    outputs = set()
    for seed in ("1", "2", "3", "4", "5", "6"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": site}
        done = subprocess.run(
            [sys.executable, "-c", ZONES_SCRIPT], env=env, capture_output=True, check=True
        )
        outputs.add(done.stdout)
    (only,) = outputs
    zones = [str(tz["TZID"]) for tz in icalendar.Calendar.from_ical(only).walk("VTIMEZONE")]
    assert zones == ["America/Denver", "Asia/Tokyo", "Europe/Oslo", "Europe/Stockholm"]
