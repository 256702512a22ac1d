"""A bad event file is reported at its line, field by field, every problem at once."""

from __future__ import annotations

from pathlib import Path

import pytest

GOOD = """\
---
title: Breakfast
start: 2027-02-02 07:45
end: 2027-02-02 09:00
location: Café Kringlan
---
Coffee.
"""


def test_a_good_file_has_no_problems(problems) -> None:
    assert problems(GOOD) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("end: 2027-02-02 09:00", "end: 2027-02-02 07:00"),
            "content/events/bad.md:4: end: ends at 2027-02-02 07:00, not after the start",
        ),
        (
            ("end: 2027-02-02 09:00\n", ""),
            "content/events/bad.md:3: end: an event with a start time needs an end: "
            "YYYY-MM-DD HH:MM",
        ),
        (
            ("start: 2027-02-02 07:45", "start: next tuesday"),
            "content/events/bad.md:3: start: expected YYYY-MM-DD or YYYY-MM-DD HH:MM, "
            "got 'next tuesday'",
        ),
        (
            ("location: Café Kringlan", "location: Café Kringlan\ntimezone: Europe/Stokholm"),
            "content/events/bad.md:6: timezone: unknown time zone 'Europe/Stokholm'; "
            "did you mean 'Europe/Stockholm'? use an IANA name like Europe/Oslo",
        ),
        (
            ("location: Café Kringlan\n", ""),
            "content/events/bad.md:2: location: say where: a location: (name and address) "
            "or an online_url:",
        ),
        (
            ("location: Café Kringlan", "location: Café Kringlan\nstatus: moved online"),
            "content/events/bad.md:6: status: an event moved online needs online_url: "
            "(where to join)",
        ),
        (
            ("location: Café Kringlan", "location: Café Kringlan\nstatus: rescheduled"),
            "content/events/bad.md:6: status: expected one of scheduled, cancelled, "
            "postponed, moved_online, got 'rescheduled'",
        ),
        (
            ("location: Café Kringlan", "location: Café Kringlan\ncapacity: 3\nmax_party: 5"),
            "content/events/bad.md:7: max_party: 5 is more than the capacity of 3",
        ),
        (
            ("location: Café Kringlan", "location: Café Kringlan\nwaitlist: sometimes"),
            "content/events/bad.md:6: waitlist: expected off, auto or offer, got 'sometimes'",
        ),
        (
            (
                "location: Café Kringlan",
                "location: Café Kringlan\nrecurrence: FREQ=MONTHLY;BYDAY=1XX",
            ),
            "content/events/bad.md:6: recurrence: rule 'FREQ=MONTHLY;BYDAY=1XX' is not a "
            "valid RRULE: invalid 'BYDAY': 1XX",
        ),
        (
            ("location: Café Kringlan", "location: Café Kringlan\nrecurrence: BYDAY=TU"),
            "content/events/bad.md:6: recurrence: rule 'BYDAY=TU' has no FREQ= "
            "(DAILY, WEEKLY, MONTHLY or YEARLY)",
        ),
        (
            (
                "location: Café Kringlan",
                "location: Café Kringlan\nrecurrence: FREQ=WEEKLY\nrsvp_opens: 2027-01-20 09:00",
            ),
            "content/events/bad.md:7: rsvp_opens: a recurring event opens and closes RSVPs "
            "for each date: '7 days before'",
        ),
        (
            (
                "location: Café Kringlan",
                "location: Café Kringlan\nrsvp_opens: 2027-01-20 09:00\n"
                "rsvp_closes: 2027-01-10 09:00",
            ),
            "content/events/bad.md:7: rsvp_closes: closes before RSVPs open (rsvp_opens)",
        ),
        (
            ("location: Café Kringlan", "location: Café Kringlan\nrsvp_opens: soonish"),
            "content/events/bad.md:6: rsvp_opens: expected YYYY-MM-DD HH:MM or a time before "
            "the start like '2 days before', got 'soonish'",
        ),
        (
            ("location: Café Kringlan", "location: Café Kringlan\nprice: 150"),
            "content/events/bad.md:6: price: give the currency too, e.g. currency: SEK",
        ),
        (
            (
                "start: 2027-02-02 07:45\nend: 2027-02-02 09:00",
                "start: 2027-02-02\nend: 2027-01-30",
            ),
            "content/events/bad.md:4: end: the last day 2027-01-30 is before the first day "
            "2027-02-02",
        ),
    ],
    ids=lambda v: v[1][:30] if isinstance(v, tuple) else "",
)
def test_each_problem_names_file_line_and_field(problems, change, expected) -> None:
    old, new = change
    assert old in GOOD
    assert problems(GOOD.replace(old, new, 1)) == [expected]


def test_a_bad_entry_of_a_list_or_place_is_reported_at_its_own_line(problems) -> None:
    found = problems(
        """\
        ---
        title: Workshop
        start: 2027-02-18 09:30
        end: 2027-02-18 16:00
        location:
          name: Mesh
          lat: 95
          lon: 10.7
          floor: 3
        questions:
          - label: Dietary needs
          - label: Level
            type: choice
            choices: [Only one]
          - {label: Laptop, type: maybe}
          - {id: Bad Id, label: Anything else}
          - {id: diet, label: Allergies}
          - Dietary needs
        ---
        """
    )
    assert found == [
        "content/events/bad.md:7: location: lat: expected a number from -90 to 90, got 95",
        "content/events/bad.md:9: location: unknown key 'floor'; use name, address, lat, "
        "lon, map_url",
        "content/events/bad.md:12: questions: a choice question needs a list of at least "
        "two choices:",
        "content/events/bad.md:15: questions: type: expected text, choice or yesno, got 'maybe'",
        "content/events/bad.md:16: questions: id 'Bad Id': use lower-case letters, digits "
        "and _ (e.g. diet)",
        "content/events/bad.md:18: questions: id 'dietary_needs' is used twice; give each "
        "its own id:",
    ]


def test_every_problem_of_every_file_is_reported_at_once(load, tmp_path: Path) -> None:
    from sitegen.content.problems import ContentError

    bad_zone = GOOD.replace("location:", "timezone: Mars/Olympus\nlocation:")
    no_end = GOOD.replace("end: 2027-02-02 09:00\n", "")
    with pytest.raises(ContentError) as info:
        load({"a.md": bad_zone, "b.md": no_end, "c.md": GOOD})
    assert [f"{p.path}:{p.line}:{p.field}" for p in info.value.problems] == [
        "content/events/a.md:5:timezone",
        "content/events/b.md:3:end",
    ]


def test_a_misspelt_field_or_zone_is_a_problem_with_a_suggestion(problems) -> None:
    assert problems(GOOD.replace("location:", "locaton:")) == [
        "content/events/bad.md:5: locaton: unknown field, did you mean 'location'?"
    ]
    assert problems(GOOD.replace("location:", "tz: europe/oslo\nlocation:")) == [
        "content/events/bad.md:5: tz: unknown time zone 'europe/oslo'; did you mean "
        "'Europe/Oslo'? use an IANA name like Europe/Oslo"
    ]


def test_other_names_of_fields_are_read(load) -> None:
    loaded = load({"x.md": GOOD.replace("location:", "venue:") + "\n"})
    (event,) = loaded.items["events"]
    assert event.location.name == "Café Kringlan"


def test_a_bad_site_timezone_is_reported_at_its_line_in_site_yml(tmp_path: Path) -> None:
    from sitegen.content.problems import ContentError

    from .sample import SITE_YML, build, write_site

    write_site(tmp_path, {"x.md": GOOD}, SITE_YML.replace("Europe/Stockholm", "Europe/Gothenburg"))
    with pytest.raises(ContentError) as info:
        build(tmp_path)
    assert [str(p) for p in info.value.problems] == [
        "content/site.yml:4: timezone: unknown time zone 'Europe/Gothenburg'; use an IANA "
        "name like Europe/Oslo"
    ]
