"""What a visitor gets from the event pages: lists, JSON-LD, the RSVP form, result pages."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from ..nu import assert_valid_html
from .sample import SITE_YML, build, day, write_site


def _page(built: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((built / path.strip("/") / "index.html").read_text("utf-8"), "html.parser")


def _jsonld(soup: BeautifulSoup) -> dict:
    return json.loads(soup.find("script", type="application/ld+json").string)


def test_the_list_shows_upcoming_soonest_first_then_past_newest_first(built: Path) -> None:
    soup = _page(built, "/events/")
    upcoming, past = soup.find_all("section")[:2]
    titles = [a.get_text() for a in upcoming.select(".event-card-title a")]
    assert titles.index("Cancelled talk") < titles.index("Design tokens workshop")
    assert titles.index("Design tokens workshop") < titles.index("Summer design camp")
    assert titles.count("Front-end breakfast") == 1  # a recurring event: its next date only
    dates = [t["datetime"] for t in past.select(".event-card-date time")]
    assert dates == sorted(dates, reverse=True)
    assert "Accessible forms, hands on" in past.get_text()
    feed = soup.find("link", type="text/calendar")
    assert feed["href"] == "/events.ics"
    assert soup.find("a", href="webcal://ada.example/events.ics")


def test_an_event_page_describes_the_event_for_search_engines(built: Path) -> None:
    data = _jsonld(_page(built, "/events/workshop/"))
    assert data["@type"] == "Event"
    assert data["name"] == "Design tokens workshop"
    assert data["url"] == "https://ada.example/events/workshop/"
    assert data["startDate"].startswith(f"{day(30)}T09:30:00+0")
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["@type"] == "Place"
    assert data["location"]["address"] == "Møllergata 6, 0179 Oslo"
    assert data["location"]["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": 59.9148,
        "longitude": 10.7497,
    }
    assert data["organizer"] == {
        "@type": "Person",
        "name": "Ada Lindqvist",
        "url": "https://ada.example/",
    }
    assert data["isAccessibleForFree"] is True
    assert data["maximumAttendeeCapacity"] == 12
    assert data["image"][0].startswith("https://ada.example/media/")


@pytest.mark.parametrize(
    ("path", "status", "mode", "places"),
    [
        (
            "/events/launch/",
            "EventScheduled",
            "MixedEventAttendanceMode",
            ["Place", "VirtualLocation"],
        ),
        ("/events/webinar/", "EventMovedOnline", "OnlineEventAttendanceMode", ["VirtualLocation"]),
        ("/events/cancelled-talk/", "EventCancelled", "OfflineEventAttendanceMode", ["Place"]),
    ],
)
def test_status_attendance_mode_and_location(built, path, status, mode, places) -> None:
    data = _jsonld(_page(built, path))
    assert data["eventStatus"] == f"https://schema.org/{status}"
    assert data["eventAttendanceMode"] == f"https://schema.org/{mode}"
    found = data["location"] if isinstance(data["location"], list) else [data["location"]]
    assert [p["@type"] for p in found] == places


def test_a_paid_event_links_to_its_tickets_instead_of_the_form(built: Path) -> None:
    soup = _page(built, "/events/launch/")
    assert _jsonld(soup)["offers"] == {
        "@type": "Offer",
        "url": "https://tickets.example/launch",
        "availability": "https://schema.org/InStock",
        "price": 150,
        "priceCurrency": "SEK",
    }
    assert soup.find("form", id="rsvp-form") is None
    assert soup.select_one("#rsvp a.button")["href"] == "https://tickets.example/launch"
    assert "150 SEK" in soup.select_one("#rsvp").get_text()
    assert not (built / "events" / "launch" / "confirmed").exists()


def test_an_all_day_event_gives_dates(built: Path) -> None:
    soup = _page(built, "/events/summer-camp/")
    data = _jsonld(soup)
    assert (data["startDate"], data["endDate"]) == (day(60).isoformat(), day(61).isoformat())
    assert "all day" not in soup.select_one(".event-when").get_text()
    assert f"{day(61).day} {day(61):%B %Y}" in soup.select_one(".event-when").get_text()


def test_the_rsvp_form_posts_to_the_api_with_every_field(built: Path) -> None:
    soup = _page(built, "/events/workshop/")
    form = soup.find("form", id="rsvp-form")
    assert (form["method"], form["action"]) == ("post", "/api/events/workshop/rsvp")
    assert form["data-event"] == "workshop" and form["data-api"] == "/api"
    names = {field["name"] for field in form.find_all(["input", "select"])}
    assert names == {
        "name",
        "email",
        "party",
        "answer_experience",
        "answer_laptop",
        "answer_dietary_needs",
        "website",
        "token",
    }
    party = [o["value"] for o in form.find("select", attrs={"name": "party"}).find_all("option")]
    assert party == ["1", "2", "3"]
    assert [r["value"] for r in form.find_all("input", attrs={"name": "answer_laptop"})] == [
        "yes",
        "no",
    ]
    assert all(r.has_attr("required") for r in form.find_all(attrs={"name": "answer_experience"}))
    assert form.select_one(".honeypot input")["tabindex"] == "-1"
    # Without JavaScript the page still says RSVPs are open; the script asks the API for seats.
    seats = soup.select_one("[data-seats]")
    assert seats.get_text(strip=True) == "RSVP is open for 12 guests."
    assert seats["data-availability"] == "/api/events/workshop/availability"
    assert soup.find("script", src=lambda s: s and "events-rsvp" in s).has_attr("defer")


def test_past_cancelled_and_moved_events_say_so(built: Path) -> None:
    past = _page(built, "/events/retro/")
    assert past.find("form", id="rsvp-form") is None
    assert "This event is over." in past.select_one(".event-banner").get_text()
    assert "4.6" in past.select_one(".event-recap").get_text()
    assert past.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    cancelled = _page(built, "/events/cancelled-talk/")
    assert cancelled.find("form", id="rsvp-form") is None
    assert cancelled.select_one(".event-banner").get_text().startswith("Cancelled.")
    moved = _page(built, "/events/webinar/")
    assert moved.find("form", id="rsvp-form") is not None
    assert "https://meet.example/colour" in moved.select_one(".event-banner").get_text()


def test_the_no_javascript_landing_pages_exist_for_each_date_that_takes_rsvps(built) -> None:
    meetup = _page(built, "/events/meetup/")
    first_coming = meetup.select_one(".event-dates a")["href"]
    for path in ("/events/workshop/", first_coming):
        confirmed = _page(built, path + "confirmed/")
        waitlisted = _page(built, path + "waitlisted/")
        assert confirmed.h1.get_text() == "You are going"
        assert waitlisted.h1.get_text() == "You are on the waitlist"
        assert confirmed.find("meta", attrs={"name": "robots"})["content"] == "noindex"
        assert confirmed.find("a", href=path)
    offer = _page(built, "/events/workshop/waitlisted/").select_one(".lead").get_text()
    assert "valid for 12 hours" in offer
    sitemap = (built / "sitemap.xml").read_text("utf-8")
    assert "https://ada.example/events/workshop/" in sitemap
    assert "confirmed/" not in sitemap and ".ics" not in sitemap


def test_the_calendar_menu_offers_every_calendar(built: Path) -> None:
    links = _page(built, "/events/workshop/").select(".calendar-menu a")
    assert links[0]["href"] == "/events/workshop.ics"
    assert links[0]["download"] == "workshop.ics"
    google = parse_qs(urlsplit(links[1]["href"]).query)
    stamp = f"{day(30):%Y%m%d}"
    assert google["dates"] == [f"{stamp}T093000/{stamp}T160000"]
    assert google["ctz"] == ["Europe/Oslo"] and google["text"] == ["Design tokens workshop"]
    outlook = parse_qs(urlsplit(links[2]["href"]).query)
    assert outlook["subject"] == ["Design tokens workshop"]
    assert outlook["startdt"][0].endswith("Z")
    assert urlsplit(links[3]["href"]).netloc == "outlook.office.com"


def test_a_recurring_event_has_an_overview_of_its_dates(built: Path) -> None:
    soup = _page(built, "/events/meetup/")
    assert "Every first Tuesday of the month" in soup.select_one(".page-head").get_text()
    coming = soup.select("section")[0].select(".event-dates a")
    assert len(coming) == 6
    date_page = _page(built, coming[0]["href"])
    assert date_page.select_one(".event-facts a")["href"] == "/events/meetup/"


def test_without_an_api_the_page_invites_an_email_instead(tmp_path: Path) -> None:
    from .sample import events

    files = {"workshop.md": events()["workshop.md"]}
    write_site(tmp_path, files, SITE_YML.replace("api_url: /api\n", ""))
    soup = _page(build(tmp_path), "/events/workshop/")
    assert soup.find("form", id="rsvp-form") is None
    assert soup.select_one("#rsvp a")["href"].startswith("mailto:hello@ada.example?subject=RSVP")


def test_every_event_page_is_valid_html5(built: Path) -> None:
    assert_valid_html(built / "events")
