"""An event page on a 360 px phone: its times, the calendar menu, the RSVP form, with and
without JavaScript. The API is not running here: the page must still offer the form and
say RSVPs are open; posting is the API's own browser test."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from ..events.sample import build, day

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
PAGES = ["/events/", "/events/workshop/", "/events/meetup/", "/events/retro/"]
PAGES += ["/events/launch/", "/events/workshop/confirmed/"]


@pytest.fixture(scope="module")
def events_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample events, built with an API address (/api) so the form is on the pages."""
    return build(tmp_path_factory.mktemp("events-browser"))


@pytest.fixture
def open_page(browser, serve_dir, events_site: Path) -> Iterator[Callable[..., object]]:
    """Open a page of the sample site in a fresh phone-sized context."""
    base = serve_dir(events_site)
    contexts = []

    def open_(url: str, zone: str = "America/New_York", js: bool = True, width: int = 360):
        context = browser.new_context(
            viewport={**PHONE, "width": width},
            timezone_id=zone,
            locale="en-US",
            java_script_enabled=js,
        )
        contexts.append(context)
        page = context.new_page()
        response = page.goto(base + url, wait_until="load")
        assert response is not None and response.status == 200, url
        return page

    yield open_
    for context in contexts:
        context.close()


def test_the_visitors_own_time_is_added_when_their_clock_differs(open_page) -> None:
    page = open_page("/events/workshop/")
    local = page.locator("[data-local-time]")
    local.wait_for(state="visible")
    start = dt.datetime.combine(day(30), dt.time(9, 30), ZoneInfo("Europe/Oslo"))
    here = start.astimezone(ZoneInfo("America/New_York"))
    text = local.inner_text()
    assert text.startswith("Your time (America/New York): ")
    assert f"{here:%A}, {here:%B} {here.day}, {here:%I:%M %p}" in text
    # The event's own time is what the page states first.
    assert "09:30–16:00" in page.locator(".event-when").inner_text()
    assert "Oslo time" in page.locator(".event-when").inner_text()


def test_a_visitor_in_the_events_zone_sees_no_second_time(open_page) -> None:
    page = open_page("/events/workshop/", zone="Europe/Oslo")
    page.wait_for_load_state("load")
    page.wait_for_timeout(100)  # the deferred script has run by now
    assert not page.locator("[data-local-time]").is_visible()


def test_the_calendar_menu_works_by_keyboard(open_page) -> None:
    page = open_page("/events/workshop/")
    menu = page.locator("details.calendar-menu")
    page.focus("a[href='#rsvp']")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Add to calendar"
    page.keyboard.press("Enter")
    assert menu.evaluate("d => d.open")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "/events/workshop.ics"
    assert page.locator(".calendar-menu-list a").first.is_visible()
    for _ in range(3):
        page.keyboard.press("Tab")
    assert "outlook.office.com" in page.evaluate("document.activeElement.href")
    page.keyboard.press("Escape")
    assert not menu.evaluate("d => d.open")
    assert page.evaluate("document.activeElement.textContent") == "Add to calendar"
    # The .ics file it offers is a calendar.
    body = page.request.get(page.url.replace("/events/workshop/", "/events/workshop.ics")).text()
    assert body.startswith("BEGIN:VCALENDAR") and "UID:workshop@ada.example" in body


def test_the_menu_opens_by_keyboard_without_javascript(open_page) -> None:
    page = open_page("/events/workshop/", js=False)
    page.focus(".calendar-menu > summary")
    page.keyboard.press("Enter")
    assert page.locator(".calendar-menu-list a").first.is_visible()


def test_without_javascript_the_form_is_there_and_says_rsvp_is_open(open_page) -> None:
    page = open_page("/events/workshop/", js=False)
    form = page.locator("#rsvp-form")
    assert form.is_visible()
    assert form.get_attribute("action") == "/api/events/workshop/rsvp"
    assert form.get_attribute("method") == "post"
    assert page.locator("[data-seats]").inner_text() == "RSVP is open for 12 guests."
    assert not page.locator("[data-local-time]").is_visible()
    # Native checks keep an incomplete form from being sent.
    assert page.locator("#rsvp-name").evaluate("e => e.required")
    assert page.locator("input[name=answer_experience]").first.evaluate("e => e.required")


def test_with_javascript_and_no_api_answering_the_form_stays_usable(open_page) -> None:
    page = open_page("/events/workshop/")
    page.wait_for_timeout(300)  # the availability and token requests have failed by now
    assert page.locator("#rsvp-form").is_visible()
    assert page.locator("[data-seats]").inner_text() == "RSVP is open for 12 guests."
    assert page.locator("#rsvp-form button[type=submit]").is_enabled()
    page.fill("#rsvp-name", "Grace")
    page.fill("#rsvp-email", "grace@example.org")
    page.check("input[name=answer_experience][value='Not yet']")
    page.click("#rsvp-form button[type=submit]")
    status = page.locator(".form-status.is-error")
    status.wait_for(state="visible")
    assert status.inner_text().startswith("Could not reach the server.")
    assert page.input_value("#rsvp-name") == "Grace"  # nothing typed is lost


@pytest.mark.parametrize("js", [False, True])
def test_before_rsvps_open_the_page_says_when_and_shows_no_form(open_page, js: bool) -> None:
    page = open_page("/events/later/", js=js)
    page.wait_for_timeout(200)
    opens = day(20)
    assert page.locator("[data-seats]").inner_text() == (
        f"RSVPs open on {opens:%A} {opens.day} {opens:%B %Y} at 09:00."
    )
    assert not page.locator("#rsvp-form").is_visible()


@pytest.mark.parametrize("width", [320, 360])
@pytest.mark.parametrize("url", PAGES)
def test_no_event_page_scrolls_sideways(open_page, url: str, width: int) -> None:
    page = open_page(url, width=width)
    page.evaluate("document.querySelectorAll('details.calendar-menu').forEach(d => d.open = true)")
    wide = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
             .filter(el => el.getBoundingClientRect().right > innerWidth + 0.5
                           && el.checkVisibility() && !el.closest('.honeypot, .skip-link'))
             .map(el => el.tagName + '.' + el.className).slice(0, 5)"""
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= width and not wide, wide


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("url", ["/events/workshop/", "/events/meetup/", "/events/launch/"])
def test_event_pages_with_the_form_have_no_wcag_violations(
    browser, serve_dir, events_site: Path, url: str, scheme: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    from .test_a11y import AXE_OPTIONS, describe

    context = browser.new_context(color_scheme=scheme, viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(serve_dir(events_site) + url, wait_until="load")
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    finally:
        context.close()
    if violations:
        pytest.fail(f"{url} ({scheme}):\n" + describe(violations), False)
