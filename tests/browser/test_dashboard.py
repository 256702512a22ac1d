"""The owner's dashboard in a real browser, on one origin with the API (as `make dev`
and the site's CloudFront serve it): sign in on a phone, read and answer the inbox,
sign devices out, open it offline, and pass axe in light and dark."""

from __future__ import annotations

import shutil
import threading
import time
import uuid
from pathlib import Path

import pytest
import requests
from sitegen.commands.devstack import ApiStack, sign_in_link, site_with_api

from api import messages
from api.devserver import serve
from api.security import issue_token

from .test_a11y import AXE_OPTIONS, describe

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "owner-token-for-tests"
PHONE = {"width": 360, "height": 740}
HOSTILE = '<img src=x onerror="document.body.dataset.owned=1">Mallory'


class Site:
    """The preview with the API at /api, against moto; `url` is its origin."""

    def __init__(self, content: Path) -> None:
        self.server = serve("127.0.0.1", 0, app=None)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.stack = ApiStack(
            table_name=f"owner-{uuid.uuid4().hex[:8]}",
            owner_token=TOKEN,
            site_origins=(self.url,),
            site_url=self.url,
            own_port=False,
        ).start()
        self.server.app = site_with_api(content, self.stack.app)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def send(self, name: str, subject: str, message: str) -> str:
        """Send a contact message as a visitor's browser would; return its id."""
        token = issue_token(self.stack.settings.form_secret, now=time.time() - 5)
        body = {"name": name, "email": "visitor@example.org", "subject": subject}
        body |= {"message": message, "token": token, "website": ""}
        response = requests.post(
            f"{self.url}/api/contact", json=body, headers={"Origin": self.url}, timeout=30
        )
        assert response.status_code == 201, response.text
        return response.json()["id"]

    def inbox(self) -> dict:
        bearer = {"Authorization": f"Bearer {TOKEN}"}
        return requests.get(f"{self.url}/api/inbox", headers=bearer, timeout=30).json()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
        self.stack.stop()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    content = tmp_path_factory.mktemp("owner") / "content"
    shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns("recipes"))
    site = Site(content)
    yield site
    site.close()


def sign_in(page, site: Site, label: str = "Phone") -> None:
    page.goto(f"{site.url}/owner/")
    page.get_by_label("Owner token").fill(TOKEN)
    page.get_by_label("Name this device (optional)").fill(label)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.get_by_role("heading", name="Dashboard", level=1).wait_for()


def send_through_the_contact_form(page, site: Site) -> str:
    """Send a message as a visitor does, on the contact page; return its id."""
    before = {m["id"] for m in messages.every(site.stack.app.extensions["frostfolio"].table)}
    page.goto(f"{site.url}/contact/")
    page.wait_for_function("document.querySelector('input[name=token]').value !== ''")
    page.fill("#name", "Grace Hopper")
    page.fill("#email", "visitor@example.org")
    page.fill("#subject", "Compilers")
    page.fill("#message", "Could we talk about\nyour compiler post?")
    page.click("#contact-form button[type=submit]")
    page.get_by_text("Thank you").wait_for(timeout=15_000)
    table = site.stack.app.extensions["frostfolio"].table
    [sent] = [m["id"] for m in messages.every(table) if m["id"] not in before]
    return sent


def test_on_a_phone_the_owner_signs_in_reads_a_message_and_signs_out(browser, site):
    site.send(HOSTILE, "<b>bold</b>", "<script>document.body.dataset.owned=1</script>")
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        plain = send_through_the_contact_form(page, site)
        page.goto(f"{site.url}/owner/")
        page.get_by_label("Owner token").fill("not-the-token")
        page.get_by_role("button", name="Sign in", exact=True).click()
        page.locator(".status.is-error").wait_for()

        sign_in(page, site)
        session = [c for c in context.cookies() if c["name"].endswith("ff_session")]
        assert session and session[0]["httpOnly"] and session[0]["sameSite"] == "Strict"
        assert "ff_session" not in page.evaluate("document.cookie")  # scripts cannot read it
        unread = site.inbox()["unread"]
        card = page.locator(".card", has_text="unread")
        card.locator(".card-value", has_text=str(unread)).wait_for()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

        card.click()
        page.get_by_role("heading", name="Inbox").wait_for()
        rows = page.locator(".messages li")
        rows.first.wait_for()
        assert rows.count() == site.inbox()["total"]
        # What a visitor typed is shown as text, never run as markup.
        page.get_by_text(HOSTILE).first.wait_for()
        assert page.locator("[data-view] img, [data-view] b").count() == 0
        assert page.evaluate("document.body.dataset.owned") is None

        page.locator(f'.messages li[data-id="{plain}"] a').click()
        page.get_by_role("heading", name="Compilers").wait_for()
        body = page.locator(".message-body").inner_text()
        assert "Could we talk about\nyour compiler post?" in body  # line breaks kept
        page.get_by_role("button", name="Mark unread").wait_for()  # opening it read it
        assert site.inbox()["unread"] == unread - 1
        reply = page.get_by_role("link", name="Reply").get_attribute("href")
        assert reply.startswith("mailto:visitor%40example.org?subject=Re%3A%20Compilers")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

        page.get_by_role("button", name="Sign out").click()
        page.get_by_role("heading", name="Sign in").wait_for()
        page.reload()
        page.get_by_label("Owner token").wait_for()  # the session is gone, not just hidden
    finally:
        context.close()


def test_a_one_time_link_signs_in_once_and_devices_sign_each_other_out(browser, site):
    link = sign_in_link(site.stack, site.url)
    phone = browser.new_context(viewport=PHONE)
    laptop = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = phone.new_page()
        page.goto(link)
        page.get_by_label("Name this device (optional)").fill("Phone")
        page.get_by_role("button", name="Sign in on this device").click()
        page.get_by_role("heading", name="Dashboard", level=1).wait_for()
        assert "signin=" not in page.url  # the used link is not left in history

        again = laptop.new_page()
        again.goto(link)
        again.get_by_role("button", name="Sign in on this device").click()
        again.locator(".status.is-error").wait_for()  # a link works once

        sign_in(again, site, label="Laptop")
        again.get_by_role("link", name="Devices").click()
        phone_row = again.locator(".devices li", has_text="Phone")
        phone_row.get_by_role("button", name="Sign out").click()
        phone_row.wait_for(state="detached")

        page.get_by_role("link", name="Inbox").click()  # the phone's next call is refused
        page.get_by_text("Your session has ended").wait_for()
    finally:
        phone.close()
        laptop.close()


def test_the_dashboard_opens_offline_from_its_kept_shell(browser, site):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        sign_in(page, site)
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=15_000)
        context.set_offline(True)
        page.reload()
        page.locator("[data-offline]").wait_for(state="visible")
        page.get_by_text("needs a connection to sign in").wait_for()
        assert page.title().startswith("Dashboard")
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_dashboard_views_have_no_wcag_violations(browser, site, scheme):
    from axe_playwright_python.sync_playwright import Axe

    site.send("Ada", "Axe check", "A message to show in the inbox.")
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    page = context.new_page()
    found = {}
    try:
        page.goto(f"{site.url}/owner/")
        page.get_by_label("Owner token").wait_for()
        found["sign in"] = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        sign_in(page, site)
        page.locator(".card-value", has_text="…").first.wait_for(state="detached")
        found["home"] = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        page.get_by_role("link", name="Inbox").click()
        page.locator(".messages li").first.wait_for()
        found["inbox"] = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        page.locator(".messages li a").first.click()
        page.locator(".message-body").wait_for()
        found["message"] = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    finally:
        context.close()
    problems = {view: describe(v) for view, v in found.items() if v}
    assert not problems, "\n".join(f"{view} ({scheme}):\n{text}" for view, text in problems.items())
