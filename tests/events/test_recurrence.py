"""A recurring event makes one page per date: every date that is over, then the next few."""

from __future__ import annotations

import datetime as dt

import pytest
from sitegen.kinds.events.model import Recurrence
from sitegen.kinds.events.recurrence import describe, expand

BREAKFAST = """\
---
title: Front-end breakfast
start: 2026-09-01 07:45
end: 2026-09-01 09:00
timezone: Europe/Stockholm
location: Café Kringlan
capacity: 25
rsvp_opens: 21 days before
rsvp_closes: 12 hours before
recurrence: {recurrence}
---
Coffee.
"""


def _breakfast(load, recurrence: str, today: dt.date):
    (event,) = load({"breakfast.md": BREAKFAST.format(recurrence=recurrence)}, today).items[
        "events"
    ]
    return event


def test_every_first_tuesday_gives_past_dates_since_the_first_and_the_next_six(load) -> None:
    event = _breakfast(load, "FREQ=MONTHLY;BYDAY=1TU", dt.date(2026, 12, 7))
    days = [o.date.isoformat() for o in event.occurrences]
    assert days == [
        "2026-09-01", "2026-10-06", "2026-11-03", "2026-12-01",  # over
        "2027-01-05", "2027-02-02", "2027-03-02", "2027-04-06", "2027-05-04", "2027-06-01",
    ]  # fmt: skip
    assert [o.past for o in event.occurrences] == [True] * 4 + [False] * 6
    assert all(o.start.weekday() == 1 and o.start.day <= 7 for o in event.occurrences)
    assert event.occurrences[4].id == "breakfast--2027-01-05"
    assert event.occurrences[4].path == "/events/breakfast/2027-01-05/"


def test_dates_keep_their_wall_clock_time_across_daylight_saving(load) -> None:
    event = _breakfast(load, "FREQ=MONTHLY;BYDAY=1TU", dt.date(2026, 9, 1))
    by_day = {o.date.isoformat(): o for o in event.occurrences}
    summer, winter = by_day["2026-10-06"], by_day["2026-11-03"]
    assert summer.start.isoformat() == "2026-10-06T07:45:00+02:00"
    assert winter.start.isoformat() == "2026-11-03T07:45:00+01:00"
    assert winter.end.isoformat() == "2026-11-03T09:00:00+01:00"


def test_each_date_opens_and_closes_rsvps_relative_to_its_own_start(load) -> None:
    event = _breakfast(load, "FREQ=MONTHLY;BYDAY=1TU", dt.date(2026, 9, 1))
    first = event.occurrences[0]
    assert first.rsvp_opens.isoformat() == "2026-08-11T07:45:00+02:00"
    assert first.rsvp_closes.isoformat() == "2026-08-31T19:45:00+02:00"
    # Days keep the clock time across a change to winter time; hours are elapsed time.
    november = next(o for o in event.occurrences if o.date == dt.date(2026, 11, 3))
    assert november.rsvp_opens.isoformat() == "2026-10-13T07:45:00+02:00"
    assert november.rsvp_closes.isoformat() == "2026-11-02T19:45:00+01:00"


def test_skipped_dates_and_the_number_of_upcoming_pages_are_the_authors(load) -> None:
    rule = "{rule: FREQ=MONTHLY;BYDAY=1TU, upcoming: 2, skip: [2027-01-05]}"
    event = _breakfast(load, rule, dt.date(2026, 12, 7))
    assert [o.date.isoformat() for o in event.upcoming] == ["2027-02-02", "2027-03-02"]
    assert [o.date.isoformat() for o in event.past][0] == "2026-12-01"  # newest first


def test_a_rule_that_ends_stops_giving_dates(load) -> None:
    event = _breakfast(load, "FREQ=WEEKLY;COUNT=3", dt.date(2026, 12, 7))
    assert [o.date.isoformat() for o in event.occurrences] == [
        "2026-09-01",
        "2026-09-08",
        "2026-09-15",
    ]
    assert event.upcoming == []


def test_a_date_stays_upcoming_through_its_own_day(load) -> None:
    event = _breakfast(load, "FREQ=MONTHLY;BYDAY=1TU", dt.date(2026, 11, 3))
    assert event.upcoming[0].date == dt.date(2026, 11, 3)


def test_a_rule_with_too_many_dates_is_a_problem_at_its_line(problems) -> None:
    text = BREAKFAST.format(recurrence="FREQ=DAILY").replace("2026-09-01", "2020-01-01")
    assert problems(text) == [
        "content/events/bad.md:10: recurrence: the rule gives more than 200 dates since "
        "2020-01-01: start later, or end it with COUNT= or UNTIL="
    ]


def test_the_sample_recurring_event_lists_each_date_once_on_the_events_page(load) -> None:
    content = load()
    upcoming = content.extras["event_upcoming"]
    dated = [o for o in upcoming if o.event.slug == "meetup"]
    assert len(dated) == 6
    past = content.extras["event_past"]
    assert [o.start for o in past] == sorted((o.start for o in past), reverse=True)


def test_expand_is_pure_and_all_day_dates_last_whole_days() -> None:
    weekend = Recurrence("FREQ=YEARLY", upcoming=2)
    found = expand(weekend, dt.datetime(2025, 6, 14), dt.timedelta(days=2), dt.date(2026, 6, 15))
    assert found == [
        (dt.datetime(2025, 6, 14), True),
        (dt.datetime(2026, 6, 14), False),  # its last day is the 15th: not over
        (dt.datetime(2027, 6, 14), False),
    ]


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ("FREQ=MONTHLY;BYDAY=1TU", "Every first Tuesday of the month"),
        ("FREQ=MONTHLY;BYDAY=-1FR", "Every last Friday of the month"),
        ("FREQ=WEEKLY", "Every week on Tuesday"),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", "Every 2 weeks on Monday and Thursday"),
        ("FREQ=MONTHLY;BYMONTHDAY=15", "Every month on the 15th"),
        ("FREQ=MONTHLY", "Every month on the 1st"),
        ("FREQ=YEARLY", "Every year on 1 September"),
        ("FREQ=DAILY;INTERVAL=3", "Every 3 days"),
        ("FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR", "Repeats on a schedule"),
    ],
)
def test_the_rule_is_said_in_words(rule: str, words: str) -> None:
    assert describe(Recurrence(rule), dt.date(2026, 9, 1)) == words
