"""The Health page in a real browser on a phone: what it shows, as text, and the backup download."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime

import pytest

from api.health import records

from ..browser.test_a11y import AXE_OPTIONS, describe
from ..browser.test_dashboard import PHONE, ROOT, Site, sign_in

pytestmark = pytest.mark.browser
HOSTILE = '<img src=x onerror="document.body.dataset.owned=1">refused'


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    content = tmp_path_factory.mktemp("health") / "content"
    shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns("recipes"))
    site = Site(content)
    table = site.stack.app.extensions["frostfolio"].table
    now = datetime.now(UTC)
    records.record_job_run(table, "events.send_mail", now, now, None, f"SESError: {HOSTILE}")
    records.record_job_run(table, "retry_notifications", now, now, {"sent": 2})
    records.record_error(table, now, "a" * 32, "POST", "/contact", 500, "internal_error")
    records.record_deploy(table, "dev", now, "0e39576", True)
    yield site
    site.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_health_page_shows_runs_errors_and_saves_a_backup(browser, site, scheme, tmp_path):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport=PHONE, color_scheme=scheme, accept_downloads=True)
    page = context.new_page()
    try:
        sign_in(page, site)
        page.locator(".card", has_text="problems").locator(".card-value", has_text="2").wait_for()
        page.get_by_role("link", name="Health").first.click()
        page.get_by_role("heading", name="Health", level=1).wait_for()
        page.get_by_text("a" * 32).wait_for()
        page.get_by_text("500 POST /contact").wait_for()
        page.get_by_text(f"failed: SESError: {HOSTILE}").wait_for()  # text, never markup
        assert page.locator("[data-view] img").count() == 0
        assert page.evaluate("document.body.dataset.owned") is None
        page.get_by_text("commit 0e39576").wait_for()
        page.get_by_text("sent 2").wait_for()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        assert not violations, describe(violations)

        with page.expect_download() as caught:
            page.get_by_role("button", name="Download a backup").click()
        download = caught.value
        assert download.suggested_filename.startswith("frostfolio-owner-")
        saved = tmp_path / download.suggested_filename
        download.save_as(saved)
        head, *items = saved.read_text().splitlines()
        assert json.loads(head)["format"] == "frostfolio-backup"
        assert len(items) == json.loads(head)["items"] and items
        assert "SESSION#" not in saved.read_text()  # this very sign-in is not in it
        page.get_by_text(f"Saved {download.suggested_filename}.").wait_for()
    finally:
        context.close()
