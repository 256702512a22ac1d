"""Event files for tests, dated relative to today so what is past and upcoming never drifts."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TODAY = dt.date.today()
COVER = REPO / "content" / "images" / "post-forms.jpg"

SITE_YML = """\
title: Ada Lindqvist
base_url: https://ada.example/
api_url: /api
timezone: Europe/Stockholm
author: {name: Ada Lindqvist, email: hello@ada.example}
"""


def day(offset: int) -> dt.date:
    """The date `offset` days from today."""
    return TODAY + dt.timedelta(days=offset)


def first_tuesday_before(offset: int) -> dt.date:
    """The first Tuesday of the month `offset` days ago."""
    d = day(-offset).replace(day=1)
    return d + dt.timedelta(days=(1 - d.weekday()) % 7)


def events() -> dict[str, str]:
    """One file of every sort of event, {file name: text}."""
    meetup = first_tuesday_before(100)
    return {
        "meetup.md": f"""\
            ---
            title: Front-end breakfast
            start: {meetup} 07:45
            end: {meetup} 09:00
            recurrence: FREQ=MONTHLY;BYDAY=1TU
            location: {{name: Café Kringlan, address: "Haga Nygata 13, Göteborg"}}
            capacity: 25
            max_party: 2
            rsvp_opens: 21 days before
            ---
            Coffee and one short talk.
            """,
        "workshop.md": f"""\
            ---
            title: Design tokens workshop
            start: {day(30)} 09:30
            end: {day(30)} 16:00
            timezone: Europe/Oslo
            summary: A day of naming colours.
            location:
              name: Mesh Youngstorget
              address: Møllergata 6, 0179 Oslo
              lat: 59.9148
              lon: 10.7497
            capacity: 12
            max_party: 3
            waitlist: offer
            offer_hours: 12
            rsvp_closes: {day(28)} 12:00
            cover: {{src: /images/cover.jpg, alt: Teal circles}}
            questions:
              - id: experience
                label: How do you use tokens?
                type: choice
                choices: [Not yet, Every day]
                required: true
              - {{id: laptop, label: Bringing a laptop, type: yesno}}
              - Dietary needs
            ---
            Twelve seats and one long table.
            """,
        "launch.md": f"""\
            ---
            title: Book launch
            start: {day(45)} 18:00
            end: {day(45)} 20:00
            location: Folkets Hus
            online_url: https://stream.example/launch
            ticket_url: https://tickets.example/launch
            price: 150
            currency: sek
            ---
            A paid evening.
            """,
        "summer-camp.md": f"""\
            ---
            title: Summer design camp
            start: {day(60)}
            end: {day(61)}
            location: {{name: Skatås, address: "Skatås, Göteborg"}}
            ---
            Two days outdoors.
            """,
        "retro.md": f"""\
            ---
            title: Accessible forms, hands on
            start: {day(-20)} 18:00
            end: {day(-20)} 20:30
            location: Lindholmen Science Park
            capacity: 20
            recap: You rated it **4.6** out of 5.
            ---
            Bring a form you are not proud of.
            """,
        "later.md": f"""\
            ---
            title: Portfolio review evening
            start: {day(40)} 18:00
            end: {day(40)} 20:00
            location: Stadsbiblioteket
            capacity: 8
            rsvp_opens: {day(20)} 09:00
            ---
            RSVPs open three weeks before.
            """,
        "cancelled-talk.md": f"""\
            ---
            title: Cancelled talk
            start: {day(10)} 18:00
            end: {day(10)} 19:00
            location: Stadsbiblioteket
            status: cancelled
            ---
            Sadly off.
            """,
        "webinar.md": f"""\
            ---
            title: Colour systems webinar
            start: {day(15)} 12:00
            end: {day(15)} 13:00
            location: Lindholmen Science Park
            online_url: https://meet.example/colour
            status: moved online
            ---
            Now online.
            """,
    }


def write_site(root: Path, files: dict[str, str] | None = None, site: str = SITE_YML) -> Path:
    """Write a content folder with site.yml, a cover image and event files; return it."""
    content = root / "content"
    (content / "events").mkdir(parents=True, exist_ok=True)
    (content / "images").mkdir(exist_ok=True)
    shutil.copy(COVER, content / "images" / "cover.jpg")
    (content / "site.yml").write_text(site, encoding="utf-8")
    for name, text in (events() if files is None else files).items():
        (content / "events" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return content


def build(root: Path, **options: object) -> Path:
    """Build the sample events into root/build (no search index); return it."""
    from sitegen.commands.build import build_site

    content = root / "content" if (root / "content").is_dir() else write_site(root)
    options.setdefault("post_build", False)
    build_site(content, root / "build", cache_dir=root / "cache", jobs=1, progress=False, **options)
    return root / "build"
