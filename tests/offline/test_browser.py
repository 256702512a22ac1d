"""The dashboard's offline queue and charts in a real browser, on one origin with the API.

An entry logged offline waits on the phone ("1 waiting to send"), survives a reload,
and is stored once when the connection returns; an answer lost on the way back is
sent again with the same key and still stored once. A chart draws on a canvas with a
summary, its numbers in a table (exactly as given), drills down by click and by
keyboard, and passes axe in light and dark, under the dashboard's CSP.
"""

from __future__ import annotations

import shutil
import threading
import uuid
from pathlib import Path

import pytest
from sitegen.commands.devstack import ApiStack, site_with_api

from api.devserver import serve

from ..browser.test_a11y import AXE_OPTIONS, describe
from .conftest import add_probe, markers, notes

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "owner-token-for-tests"
PHONE = {"width": 360, "height": 740}


class Site:
    """The preview with the API (and the probe write) at /api, against moto."""

    def __init__(self, content: Path) -> None:
        self.server = serve("127.0.0.1", 0, app=None)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.stack = ApiStack(
            table_name=f"offline-{uuid.uuid4().hex[:8]}",
            owner_token=TOKEN,
            site_origins=(self.url,),
            site_url=self.url,
            own_port=False,
        ).start()
        self.runs = add_probe(self.stack.app)
        self.server.app = site_with_api(content, self.stack.app)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
        self.stack.stop()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    content = tmp_path_factory.mktemp("offline") / "content"
    shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns("recipes"))
    site = Site(content)
    yield site
    site.close()


def sign_in(page, site: Site) -> None:
    page.goto(f"{site.url}/owner/")
    page.get_by_label("Owner token").fill(TOKEN)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.get_by_role("heading", name="Dashboard", level=1).wait_for()


def queue_send(page, text: str) -> dict:
    return page.evaluate(
        """(text) => FrostfolioDashboard.queue.send(
            "POST", "/test/notes", {text: text, amount: "3.10"}, {label: text})""",
        text,
    )


def test_an_entry_logged_offline_waits_survives_a_reload_and_is_stored_once(browser, site):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    before = site.runs["count"]
    try:
        sign_in(page, site)
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=15_000)
        context.set_offline(True)
        result = queue_send(page, "Coffee offline")
        assert result["queued"] is True and result["ok"] is True
        status = page.locator("[data-queue]")
        status.get_by_text("1 waiting to send").wait_for()
        assert status.get_attribute("role") == "status"
        assert status.get_attribute("aria-live") == "polite"

        page.reload()  # the shell comes from the service worker; the entry from IndexedDB
        page.get_by_text("needs a connection to sign in").wait_for()
        status.get_by_text("1 waiting to send").wait_for()
        assert site.runs["count"] == before

        context.set_offline(False)
        page.reload()  # signed in again by the session cookie: the queue sends
        status.wait_for(state="hidden", timeout=20_000)
        page.get_by_text("1 waiting entry was sent.").wait_for()
        assert site.runs["count"] == before + 1
        table = site.stack.app
        assert [n["text"] for n in notes(table)].count("Coffee offline") == 1
        assert page.evaluate("FrostfolioDashboard.queue.pending()") == []
    finally:
        context.close()


def test_an_answer_lost_on_the_way_back_is_sent_again_and_stored_once(browser, site):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        sign_in(page, site)
        lost = []

        def lose_the_first_answer(route):
            if not lost:
                lost.append(route.fetch().status)  # the API stores it; the phone never hears
                route.abort("connectionreset")
            else:
                route.continue_()

        page.route("**/api/test/notes", lose_the_first_answer)
        before = site.runs["count"]
        result = queue_send(page, "Lunch, answer lost")
        assert result["queued"] is True and lost == [201]
        assert site.runs["count"] == before + 1
        page.locator("[data-queue]").get_by_text("1 waiting to send").wait_for()
        page.evaluate("FrostfolioDashboard.queue.flush()")
        page.locator("[data-queue]").wait_for(state="hidden")
        assert site.runs["count"] == before + 1  # the copy was answered, not run
        stored = [n for n in notes(site.stack.app) if n["text"] == "Lunch, answer lost"]
        assert len(stored) == 1
        assert all(m["state"] == "done" for m in markers(site.stack.app))
    finally:
        context.close()


def test_a_refused_entry_is_dropped_and_the_form_hears_why(browser, site):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        sign_in(page, site)
        error = page.evaluate(
            """() => FrostfolioDashboard.queue.send("POST", "/test/notes", {fail: true})
                 .then(() => null, (err) => ({status: err.status, fields: err.body.fields}))"""
        )
        assert error == {"status": 422, "fields": {"fail": "Asked to fail."}}
        assert page.evaluate("FrostfolioDashboard.queue.pending()") == []
    finally:
        context.close()


DRAW = """async ([type]) => {
  const view = document.querySelector("[data-view]");
  const box = document.createElement("div");
  box.id = "chart-" + type;
  view.appendChild(box);
  const spec = {
    type: type,
    title: "Spending by category, March 2026",
    labels: ["Food", "Rent", "Travel"],
    labelHeading: "Category",
    series: [{name: "Spent", values: ["412.30", "950.00", "0.10"]}],
    unit: "EUR",
    onSelect: (i) => { document.body.dataset.selected = String(i); }
  };
  if (type === "matrix") {
    spec.title = "Workouts in 2026";
    spec.labels = ["2026-03-02", "2026-03-03", "2026-03-10"];
    spec.series = [{name: "Workouts", values: [1, 2, 1]}];
    spec.unit = "";
    spec.labelHeading = "";
  }
  const chart = FrostfolioCharts.draw(box, spec);
  await chart.ready;
  return true;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_chart_has_its_numbers_drills_down_and_passes_axe(browser, site, scheme):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport=PHONE, color_scheme=scheme, reduced_motion="reduce")
    page = context.new_page()
    refused = []
    page.on("console", lambda m: "Content Security Policy" in m.text and refused.append(m.text))
    try:
        sign_in(page, site)
        page.locator(".card-value", has_text="…").first.wait_for(state="detached")
        page.evaluate("document.querySelector('[data-view] .cards').remove()")  # no layout shift
        assert page.evaluate("typeof Chart") == "undefined"  # loaded only when first drawn
        page.evaluate(DRAW, ["bar"])
        page.evaluate(DRAW, ["matrix"])
        assert page.evaluate("typeof Chart.registry.getController('matrix')") == "function"
        figure = page.locator("#chart-bar figure")
        assert figure.locator("figcaption").inner_text() == "Spending by category, March 2026"
        canvas = figure.locator("canvas")
        assert canvas.get_attribute("role") == "img"
        label = canvas.get_attribute("aria-label")
        assert "highest Rent, 950.00 EUR" in label and "lowest Travel, 0.10 EUR" in label

        figure.get_by_text("Show the numbers").click()
        cells = figure.locator("td").all_inner_texts()
        assert cells == ["412.30", "950.00", "0.10"]  # exactly as given
        assert figure.locator("thead th").all_inner_texts() == ["Category", "Spent (EUR)"]
        figure.get_by_role("button", name="Rent").focus()
        page.keyboard.press("Enter")
        assert page.evaluate("document.body.dataset.selected") == "1"

        # A click on the Food bar drills down too.
        point = page.evaluate(
            """() => { const c = Chart.getChart(document.querySelector('#chart-bar canvas'));
                       const bar = c.getDatasetMeta(0).data[0].getProps(["x", "y", "base"], true);
                       return {x: bar.x, y: (bar.y + bar.base) / 2}; }"""
        )
        canvas.click(position=point)
        # Chart.js handles pointer events on the next animation frame.
        page.wait_for_function("() => document.body.dataset.selected === '0'", timeout=5_000)

        page.locator("#chart-matrix").get_by_text("Show the numbers").click()
        violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        assert not violations, describe(violations)
        assert not refused, refused
    finally:
        context.close()
