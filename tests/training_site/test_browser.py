"""The training log in a real browser on a 360 px phone, the preview and the API on one
origin (as `make dev` and the site's CloudFront serve them): the owner signs in, logs a
run, and sees the week's distance, the weekly goal and the week chart move; the
dashboard's Training page and the public achievements page pass axe."""

from __future__ import annotations

import math
from decimal import Decimal
from pathlib import Path

import pytest
import requests

from api.training import fields, store

from ..browser.test_a11y import AXE_OPTIONS, describe
from ..browser.test_dashboard import PHONE, TOKEN, Site, sign_in
from .conftest import write

pytestmark = pytest.mark.browser
OWNER = {"Authorization": f"Bearer {TOKEN}"}
# What sticks out of a 360 px screen, for the message when something does.
WIDE = (
    "[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > 361)"
    ".map(e => e.tagName + '.' + e.className.baseVal ?? e.className).slice(0, 6)"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    content = tmp_path_factory.mktemp("training-browser") / "content"
    write(
        content / "site.yml", "title: Test site\nbase_url: http://localhost/\nauthor: {name: Ada}\n"
    )
    write(content / "posts" / "hello.md", "---\ntitle: Hello\ndate: 2026-11-01\n---\nHi.\n")
    site = Site(content)
    goal = {"kind": "distance", "period": "week", "target": 20000, "name": "20 km a week"}
    answer = requests.post(f"{site.url}/api/training/goals", json=goal, headers=OWNER, timeout=30)
    assert answer.status_code == 201, answer.text
    yield site
    site.close()


def test_on_a_phone_the_owner_logs_a_run_and_sees_the_week_and_the_goal_move(browser, site):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        sign_in(page, site)
        card = page.locator(".card", has_text="this week")
        card.locator(".card-label", has_text="goal 20 km, 0%").wait_for()
        page.goto(f"{site.url}/owner/#/training/log")
        page.get_by_role("heading", name="Log a workout").wait_for()
        week = page.locator(".training-week")
        week.get_by_text("goal 20 km, 0%").wait_for()
        assert page.get_by_label("Type", exact=True).input_value() == "run"
        assert page.get_by_label("Start").input_value()  # now, by default
        page.get_by_label("Duration").fill("30:00")
        page.get_by_label("Distance (km)").fill("5")
        page.get_by_label("Effort (RPE 1–10)").fill("6")
        page.get_by_role("button", name="Log workout").click()
        week.get_by_text("This week: 5 km, 30:00 — goal 20 km, 25%").wait_for()
        listed = requests.get(f"{site.url}/api/training/workouts", headers=OWNER, timeout=30)
        [run] = [w for w in listed.json()["workouts"] if w["rpe"] == 6]
        assert (run["sport"], run["distance_m"], run["duration_s"], run["rpe"]) == (
            "run",
            5000,
            1800,
            6,
        )

        page.get_by_role("link", name="Progress").click()
        chart = page.locator("[data-chart=weekly]")
        chart.locator("canvas").wait_for()
        chart.get_by_text("Show the numbers").click()
        last_row = chart.locator("tbody tr").last
        assert last_row.locator("td").first.inner_text().strip() == "5.0"
        wide = page.evaluate(WIDE)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, wide

        page.get_by_role("link", name="Goals").click()
        page.locator(".training-goal", has_text="20 km a week").get_by_text("25%").wait_for()
        page.goto(f"{site.url}/owner/#/")
        card.locator(".card-value", has_text="5 km").wait_for()
    finally:
        context.close()


def loop_track() -> list[list[Decimal]]:
    return [
        [
            Decimal(f"{51.5 + 0.01 * math.sin(i / 30):.6f}"),
            Decimal(f"{-0.12 + 0.015 * math.cos(i / 30):.6f}"),
        ]
        for i in range(190)
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_training_pages_pass_axe(browser, site, scheme):
    from axe_playwright_python.sync_playwright import Axe

    table = site.stack.app.extensions["frostfolio"].table
    body = {"sport": "run", "title": "Sunday loop", "start": "2026-11-29T09:00:00+00:00"}
    body |= {"duration_s": 3000, "distance_m": 10000, "visibility": "public"}
    listed = requests.get(f"{site.url}/api/training/workouts?year=2026", headers=OWNER, timeout=30)
    if not any(w["title"] == "Sunday loop" for w in listed.json()["workouts"]):
        store.create(table, fields.clean_workout(body), track=loop_track())
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    page = context.new_page()
    found = {}
    try:
        page.goto(f"{site.url}/training/")
        page.locator("svg.training-map").first.wait_for()
        wide = page.evaluate(WIDE)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, wide
        found["achievements"] = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        sign_in(page, site)
        for view in ("log", "workouts", "import", "progress", "goals", "public"):
            page.goto(f"{site.url}/owner/#/training/{view}")
            page.locator(".training-view h2").first.wait_for()
            page.wait_for_load_state("networkidle")
            found[view] = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    finally:
        context.close()
    problems = {view: describe(v) for view, v in found.items() if v}
    assert not problems, "\n".join(f"{view} ({scheme}):\n{t}" for view, t in problems.items())


FIXTURES = Path(__file__).resolve().parents[1] / "training_files" / "fixtures"


def test_the_owner_imports_files_and_a_stale_edit_shows_the_conflict(browser, site):
    errors: list[str] = []
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        sign_in(page, site)
        page.goto(f"{site.url}/owner/#/training/import")
        good = FIXTURES / "run-with-pause.gpx"
        page.get_by_label("Files").set_input_files(
            [
                {"name": good.name, "mimeType": "application/gpx+xml", "buffer": good.read_bytes()},
                {
                    "name": "broken.gpx",
                    "mimeType": "application/gpx+xml",
                    "buffer": good.read_bytes()[:2000],
                },
            ]
        )
        page.get_by_role("button", name="Import").click()
        results = page.locator(".training-results li")
        results.filter(has_text="run-with-pause.gpx — Imported").wait_for()
        assert "broken.gpx — Not imported: " in results.filter(has_text="broken.gpx").inner_text()
        page.get_by_text("1 imported, 0 already there, 1 with problems.").wait_for()

        results.get_by_role("link", name="open").click()
        page.get_by_role("heading", name="Edit workout").wait_for()
        workout_id = page.url.rsplit("/", 1)[-1]
        # Meanwhile, another device renames it.
        shown = requests.get(
            f"{site.url}/api/training/workouts/{workout_id}", headers=OWNER, timeout=30
        )
        version = shown.json()["workout"]["version"]
        other = {"title": "Renamed elsewhere", "version": version}
        answer = requests.patch(
            f"{site.url}/api/training/workouts/{workout_id}", json=other, headers=OWNER, timeout=30
        )
        assert answer.status_code == 200, answer.text
        page.get_by_label("Title (optional)").fill("Renamed here")
        page.get_by_role("button", name="Save changes").click()
        page.get_by_text("This workout was changed elsewhere since you opened it").wait_for()
        page.get_by_role("button", name="Reload").click()
        page.get_by_role("heading", name="Edit workout").wait_for()
        assert page.get_by_label("Title (optional)").input_value() == "Renamed elsewhere"
        page.get_by_label("Title (optional)").fill("Renamed here")
        page.get_by_role("button", name="Save changes").click()
        page.get_by_text("Saved.").wait_for()
        again = requests.get(
            f"{site.url}/api/training/workouts/{workout_id}", headers=OWNER, timeout=30
        )
        assert again.json()["workout"]["title"] == "Renamed here"
    finally:
        context.close()
    assert not errors, errors


def test_a_strength_session_logged_offline_is_stored_once_back_online(browser, site):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        sign_in(page, site)
        page.goto(f"{site.url}/owner/#/training/log")
        page.get_by_role("heading", name="Log a workout").wait_for()
        week = page.locator(".training-week")
        week.get_by_text("This week:").wait_for()
        before = week.inner_text()
        context.set_offline(True)
        page.get_by_label("Type", exact=True).select_option("strength")
        page.get_by_label("Exercise", exact=True).fill("Squat")
        page.get_by_label("Reps").fill("5")
        page.get_by_label("kg").fill("100")
        page.get_by_label("Duration").fill("45")
        page.get_by_role("button", name="Log workout").click()
        page.get_by_text("Saved on this device").wait_for()
        page.get_by_text("1 waiting to send").wait_for()
        context.set_offline(False)
        page.evaluate("window.dispatchEvent(new Event('online'))")
        page.get_by_text("1 waiting to send").wait_for(state="hidden", timeout=40_000)
        page.wait_for_function(
            "before => document.querySelector('.training-week').innerText !== before", arg=before
        )
        listed = requests.get(f"{site.url}/api/training/workouts", headers=OWNER, timeout=30)
        strength = [w for w in listed.json()["workouts"] if w["sport"] == "strength"]
        assert len(strength) == 1
        assert strength[0]["duration_s"] == 45 * 60
        assert strength[0]["exercises"] == [
            {"name": "Squat", "sets": [{"reps": 5, "weight_kg": "100"}]}
        ]
    finally:
        context.close()


def test_the_owner_sets_a_privacy_zone_a_public_record_and_a_public_goal(browser, site):
    body = {"sport": "run", "start": "2026-11-28T09:00:00+00:00", "duration_s": 1500}
    body |= {"distance_m": 5000}
    made = requests.post(f"{site.url}/api/training/workouts", json=body, headers=OWNER, timeout=30)
    assert made.status_code == 201, made.text
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        sign_in(page, site)
        page.goto(f"{site.url}/owner/#/training/public")
        page.get_by_role("heading", name="Public and private").wait_for()
        page.get_by_label("Run, longest distance").check()
        page.get_by_role("button", name="Add a place").click()
        page.get_by_label("Name (only you see it)").fill("Home")
        page.get_by_label("Latitude").fill("51,5012")
        page.get_by_label("Longitude").fill("-0.1235")
        page.get_by_label("Radius (m)").fill("400")
        page.get_by_role("button", name="Save", exact=True).click()
        page.get_by_text("Saved. The site shows it after its next build.").wait_for()
        page.goto(f"{site.url}/owner/#/training/goals")
        goal = page.locator(".training-goal", has_text="20 km a week")
        goal.get_by_label("Public").check()
        goal.get_by_text("Shown on the site.").wait_for()
    finally:
        context.close()
    settings = requests.get(f"{site.url}/api/training/settings", headers=OWNER, timeout=30)
    saved = settings.json()["settings"]
    assert saved["public_records"] == ["run:longest_distance"]
    [zone] = saved["privacy_zones"]
    assert (zone["name"], zone["lat"], zone["lon"], zone["radius_m"]) == (
        "Home",
        51.5012,
        -0.1235,
        400,
    )
    goals = requests.get(f"{site.url}/api/training/goals", headers=OWNER, timeout=30).json()
    assert [g["public"] for g in goals["goals"]] == [True]
