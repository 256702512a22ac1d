"""Events end to end in a real browser, the site and the API on one origin (as `make dev`
and the site's CloudFront serve them), with the example content and one event of its own
ten days ahead: a visitor RSVPs with and without JavaScript and sees the seats drop,
cancels through the manage link and sees them come back; the owner, on a 360 px phone,
checks people in by name and by ticket code (typed, and scanned) and is warned the
second time; the events pages of the dashboard pass axe in light and dark."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import time

import pytest
import requests

from api.events import keys, rsvps, tickets

from .test_a11y import AXE_OPTIONS, describe
from .test_dashboard import PHONE, ROOT, TOKEN, Site, sign_in

pytestmark = pytest.mark.browser

EVENT = "door-night"
OWNER = {"Authorization": f"Bearer {TOKEN}"}


def event_file(day: dt.date) -> str:
    return f"""---
title: Door night
start: {day} 18:00
end: {day} 21:00
timezone: Europe/Stockholm
summary: An evening to try the door with.
location:
  name: The hall
  address: Storgatan 1, 411 01 Göteborg
capacity: 6
max_party: 2
waitlist: auto
questions:
  - id: diet
    label: Dietary needs
---
Bring a friend.
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    content = tmp_path_factory.mktemp("events-flow") / "content"
    shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns("recipes"))
    day = dt.date.today() + dt.timedelta(days=10)
    (content / "events" / f"{EVENT}.md").write_text(event_file(day), encoding="utf-8")
    site = Site(content)
    yield site
    site.close()


def availability(site: Site) -> dict:
    return requests.get(f"{site.url}/api/events/{EVENT}/availability", timeout=30).json()


def rsvp(site: Site, name: str, email: str, party: int = 1, diet: str = "") -> str:
    """RSVP through the service (the visitor's own way is tested above, and limited per
    client); return the RSVP's key."""
    table = site.stack.app.extensions["frostfolio"].table
    now = dt.datetime.now(dt.UTC)
    fields = {"name": name, "email": email, "party": party}
    item = rsvps.new_rsvp(EVENT, fields, {"diet": diet}, "browser-test", now)
    event = table.get(keys.event_pk(EVENT), keys.META)
    assert rsvps.reserve(table, EVENT, event, item, now).created
    return keys.email_hash(email)


def cancel_all(site: Site) -> None:
    """Cancel every active RSVP of the event, so each test starts with its seats free."""
    lists = requests.get(f"{site.url}/api/owner/events/{EVENT}/rsvps", headers=OWNER, timeout=30)
    for group in ("confirmed", "offered", "waitlisted"):
        for person in lists.json()[group]:
            path = f"{site.url}/api/owner/events/{EVENT}/rsvps/{person['key']}"
            assert requests.delete(path, headers=OWNER, timeout=30).status_code == 200


HOSTILE = '<img src=x onerror="document.body.dataset.owned=1">Loved it'


@pytest.fixture
def feedback(monkeypatch):
    """Feedback results for any event, as api.events.feedback.results gives them."""
    import sys
    import types

    import api.events

    module = types.ModuleType("api.events.feedback")
    module.results = lambda table, event_id: {
        "count": 5,
        "average": 4.4,
        "distribution": {"1": 0, "2": 0, "3": 1, "4": 1, "5": 3},
        "comments": [
            {"rating": 5, "comment": HOSTILE, "created_at": "2026-12-01T20:00:00Z"},
            {"rating": 3, "comment": "More time\nfor questions.", "created_at": "2026-12-01"},
        ],
    }
    monkeypatch.setitem(sys.modules, "api.events.feedback", module)
    monkeypatch.setattr(api.events, "feedback", module, raising=False)


@pytest.fixture
def fresh(site: Site) -> Site:
    cancel_all(site)
    assert availability(site)["seats_left"] == 6
    return site


def seats_on(page, url: str) -> str:
    """Open an event page and return its seats once the live count is in."""
    page.goto(url)
    seats = page.locator("[data-seats]")
    seats.filter(has_text=re.compile("left|Full")).wait_for()
    return seats.inner_text()


def no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_visitor_rsvps_with_javascript_sees_seats_drop_and_cancels_through_the_link(
    browser, fresh
):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(f"{fresh.url}/events/{EVENT}/")
        seats = page.locator("[data-seats]")
        seats.filter(has_text="6 of 6 seats left.").wait_for()
        page.fill("#rsvp-name", "Grace Hopper")
        page.fill("#rsvp-email", "grace@example.org")
        page.select_option("#rsvp-party", "2")
        page.fill("#rsvp-answer_diet", "Vegetarian")
        page.click("#rsvp-form button[type=submit]")
        page.get_by_text("You are going!").wait_for(timeout=15_000)
        seats.filter(has_text="4 of 6 seats left.").wait_for()
        assert availability(fresh)["seats_left"] == 4
        no_sideways_scroll(page)

        page.get_by_role("link", name="Change or cancel").click()
        page.get_by_role("button", name=re.compile("Cancel", re.I)).click()
        page.get_by_text(re.compile("cancelled", re.I)).first.wait_for()
        assert availability(fresh)["seats_left"] == 6
        # The page's seats may be the browser's copy for 5 s (Cache-Control): then fresh.
        deadline = time.monotonic() + 15
        while "6 of 6 seats left." not in seats_on(page, f"{fresh.url}/events/{EVENT}/"):
            assert time.monotonic() < deadline, "the seats never came back on the page"
            page.wait_for_timeout(1000)
    finally:
        context.close()


def test_without_javascript_the_form_post_lands_on_the_confirmed_page(browser, fresh):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{fresh.url}/events/{EVENT}/")
        page.fill("#rsvp-name", "Alan Turing")
        page.fill("#rsvp-email", "alan@example.org")
        page.select_option("#rsvp-party", "2")
        page.fill("#rsvp-answer_diet", "None")
        page.click("#rsvp-form button[type=submit]")
        # No token without a script: the API's page keeps what was typed and asks again.
        send = page.get_by_role("button", name="Send RSVP")
        send.wait_for()
        assert page.locator("input[name=name]").input_value() == "Alan Turing"
        time.sleep(2.1)  # a form token is taken from 2 s after it was issued
        send.click()
        page.wait_for_url(f"{fresh.url}/events/{EVENT}/confirmed/")
        page.get_by_role("heading", name="You are going").wait_for()
        assert availability(fresh)["seats_left"] == 4
    finally:
        context.close()


def open_checkin(page, site: Site) -> None:
    sign_in(page, site)
    page.get_by_role("link", name="Events", exact=True).click()
    page.get_by_role("heading", name="Events", level=1).wait_for()
    page.get_by_role("link", name="Check-in for Door night").click()
    page.get_by_role("heading", name="Check-in: Door night").wait_for()


def test_at_the_door_on_a_phone_the_owner_checks_in_by_name_and_by_ticket(browser, fresh):
    rsvp(fresh, "Zoë Åberg", "zoe@example.org", party=2, diet="Vegan")
    ada = rsvp(fresh, "Ada Lovelace", "ada@example.org")
    rsvp(fresh, "Adam Smith", "adam@example.org")
    code = tickets.ticket_code(fresh.stack.settings, EVENT, ada)
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        open_checkin(page, fresh)
        counts = page.locator(".seats")
        counts.filter(has_text="0 of 4 people checked in").wait_for()
        assert (
            "cannot scan QR codes: type the code" in page.locator("#checkin-code-hint").inner_text()
        )

        # By name, with the keyboard only: "zoe" finds Zoë, Enter checks her in.
        search = page.get_by_label("Find by name")
        search.fill("zoe")
        page.get_by_text("1 match: press Enter to check in.").wait_for()
        search.press("Enter")
        result = page.locator(".checkin-result")
        result.filter(has_text="Checked in").wait_for()
        assert result.locator(".checkin-headline").inner_text() == "Checked in"
        assert result.locator(".checkin-detail").inner_text() == "Zoë Åberg, party of 2"
        counts.filter(has_text="2 of 4 people checked in").wait_for()
        no_sideways_scroll(page)

        # Two matches: arrow down to the second and press it.
        search.fill("ada")
        page.get_by_text("2 matches.").wait_for()
        search.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        focused = page.evaluate("document.activeElement.textContent")
        assert focused == "Check in Adam Smith"
        page.keyboard.press("Enter")
        result.locator(".checkin-detail", has_text="Adam Smith").wait_for()

        # By ticket code, typed from the email: checked in once, warned the second time.
        page.get_by_label("Ticket code").fill(tickets.display_code(code).lower())
        page.get_by_role("button", name="Check in", exact=True).click()
        result.locator(".checkin-detail", has_text="Ada Lovelace").wait_for()
        assert result.locator(".checkin-headline").inner_text() == "Checked in"
        assert "is-ok" in result.get_attribute("class")
        page.get_by_label("Ticket code").fill(tickets.display_code(code))
        page.get_by_label("Ticket code").press("Enter")
        result.filter(has_text="Already checked in at").wait_for()
        headline = result.locator(".checkin-headline").inner_text()
        assert re.fullmatch(r"Already checked in at \d\d:\d\d", headline), headline
        assert "is-warn" in result.get_attribute("class")
        assert result.locator(".checkin-detail").inner_text() == "Ada Lovelace"
        big = result.locator(".checkin-headline").evaluate("e => getComputedStyle(e).fontSize")
        assert float(big.removesuffix("px")) >= 24
        counts.filter(has_text="4 of 4 people checked in").wait_for()

        # Taken back by mistake: Undo, and the count follows.
        search.fill("zoe")
        page.get_by_role("button", name="Undo Zoë Åberg").click()
        result.filter(has_text="Check-in taken back").wait_for()
        counts.filter(has_text="2 of 4 people checked in").wait_for()

        # A code that is no ticket of this event.
        page.get_by_label("Ticket code").fill("ABCD-EFGH-JKMN-PQRS")
        page.get_by_label("Ticket code").press("Enter")
        result.filter(has_text="Not a ticket for this event").wait_for()
        no_sideways_scroll(page)
    finally:
        context.close()


# A camera that shows nothing and a detector that sees the ticket: what a phone whose
# browser has BarcodeDetector does, on a machine without a camera.
FAKE_SCANNER = """
window.__ticket = "";
window.BarcodeDetector = class {
  static getSupportedFormats() { return Promise.resolve(["qr_code"]); }
  constructor(options) { this.formats = options.formats; }
  detect() { return Promise.resolve(window.__ticket ? [{ rawValue: window.__ticket }] : []); }
};
navigator.mediaDevices.getUserMedia = () => {
  const canvas = document.createElement("canvas");
  canvas.width = 64; canvas.height = 64;
  canvas.getContext("2d").fillRect(0, 0, 64, 64);
  window.__stream = canvas.captureStream(5);
  return Promise.resolve(window.__stream);
};
"""


def test_a_scanned_ticket_checks_in_once_and_the_camera_stops_on_leaving(browser, fresh):
    ada = rsvp(fresh, "Ada Lovelace", "ada@example.org")
    code = tickets.ticket_code(fresh.stack.settings, EVENT, ada)
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    context.add_init_script(FAKE_SCANNER)
    page = context.new_page()
    try:
        open_checkin(page, fresh)
        page.get_by_role("button", name="Scan a QR code").click()
        page.get_by_role("button", name="Stop the camera").wait_for()
        page.evaluate("code => { window.__ticket = code; }", code)
        result = page.locator(".checkin-result")
        result.filter(has_text="Checked in").wait_for()
        assert result.locator(".checkin-detail").inner_text() == "Ada Lovelace"
        # Held up in front of the camera, one ticket is one scan, not one per frame.
        page.wait_for_timeout(1500)
        assert result.locator(".checkin-headline").inner_text() == "Checked in"
        page.get_by_role("link", name="All RSVPs of this event").click()
        # exact: the check-in heading "Check-in: Door night" holds the name too.
        page.get_by_role("heading", name="Door night", exact=True).wait_for()
        assert page.evaluate("window.__stream.getTracks().every(t => t.readyState === 'ended')")
    finally:
        context.close()


def test_the_owner_sees_who_is_coming_messages_a_group_and_moves_someone(browser, fresh, feedback):
    rsvp(fresh, "Zoë Åberg", "zoe@example.org", party=2, diet="<b>Vegan</b>")
    rsvp(fresh, "Bob Byte", "bob@example.org", party=2)
    rsvp(fresh, "Cy Cole", "cy@example.org", party=2)
    rsvp(fresh, "Dee Dunn", "dee@example.org", party=2)  # full: waits
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    try:
        sign_in(page, fresh)
        card = page.locator(".card", has_text="upcoming event")
        card.locator(".card-value").filter(has_text=re.compile(r"^\d+$")).wait_for()
        assert "upcoming events, 6 seats taken" in card.inner_text()
        page.get_by_role("link", name="Events", exact=True).click()
        page.get_by_role("link", name="Door night", exact=True).click()
        page.get_by_role("heading", name="Door night", level=1).wait_for()
        page.get_by_text("6 of 6 seats taken · 1 party waiting").wait_for()
        confirmed = page.get_by_role("list", name="Confirmed")
        assert confirmed.locator(".person").count() == 3
        zoe = confirmed.locator(".person", has_text="Zoë Åberg")
        assert zoe.locator("dd").inner_text() == "<b>Vegan</b>"  # text, never markup
        assert page.locator("[data-view] b").count() == 0
        waitlist = page.get_by_role("list", name="Waitlist")
        assert "number 1 in line" in waitlist.inner_text()
        csv_link = page.get_by_role("link", name="Download CSV")
        assert csv_link.get_attribute("href") == f"/api/owner/events/{EVENT}/rsvps.csv"
        no_sideways_scroll(page)

        page.get_by_text("4.4 out of 5, from 5 answers").wait_for()
        bars = page.get_by_role("list", name="Answers by rating").locator("li")
        assert [bars.nth(i).inner_text().split() for i in range(5)][0] == ["5", "stars", "3"]
        page.get_by_text(HOSTILE).wait_for()  # a comment is text, never markup
        assert page.evaluate("document.body.dataset.owned") is None

        page.get_by_label("To").select_option("confirmed")
        page.get_by_label("Subject").fill("Doors open at 17:45")
        page.get_by_label("Message").fill("See you there.")
        page.get_by_role("button", name="Send by email").click()
        page.get_by_text("Sent to 3 RSVPs.").wait_for()
        page.get_by_role("list", name="Messages sent").get_by_text("Doors open at 17:45").wait_for()

        # Cancel Bob: his seats go to Dee, first in line.
        page.get_by_role("button", name="Cancel RSVP Bob Byte").click()
        page.get_by_role("list", name="Confirmed").locator(
            ".person", has_text="Dee Dunn"
        ).wait_for()
        page.locator("summary", has_text=re.compile(r"^Cancelled \(\d+\)$")).click()
        page.get_by_role("list", name="Cancelled").get_by_text("Bob Byte").wait_for()
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_events_pages_of_the_dashboard_have_no_wcag_violations(
    browser, fresh, feedback, scheme
):
    from axe_playwright_python.sync_playwright import Axe

    rsvp(fresh, "Zoë Åberg", "zoe@example.org", party=2, diet="Vegan")
    for i in range(3):
        rsvp(fresh, f"Guest {i}", f"guest{i}@example.org", party=2)
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    found = {}
    try:
        sign_in(page, fresh)
        page.get_by_role("link", name="Events", exact=True).click()
        page.locator(".event-list li").first.wait_for()
        found["events"] = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        page.get_by_role("link", name="Door night", exact=True).click()
        page.get_by_role("list", name="Waitlist").wait_for()
        page.get_by_role("list", name="Answers by rating").wait_for()
        found["event"] = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        page.get_by_role("link", name="Check in at the door").click()
        page.get_by_label("Find by name").fill("zo")
        page.get_by_role("button", name="Check in Zoë Åberg").click()
        page.locator(".checkin-result.is-ok").wait_for()
        found["check-in"] = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        page.get_by_role("button", name="Undo Zoë Åberg").wait_for()
        page.get_by_label("Ticket code").fill("ABCD-EFGH-JKMN-PQRS")
        page.get_by_label("Ticket code").press("Enter")
        page.locator(".checkin-result.is-error").wait_for()
        found["check-in, refused"] = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    finally:
        context.close()
    problems = {view: describe(v) for view, v in found.items() if v}
    assert not problems, "\n".join(f"{view} ({scheme}):\n{text}" for view, text in problems.items())
