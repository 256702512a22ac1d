"""Rating a recipe with the keyboard only, in a real browser, on the preview with the API
at /api (one origin, as `make dev` and the site's CloudFront serve them)."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest
from sitegen.commands.build import build_site

from ..browser.test_dashboard import Site
from ..recipes.conftest import make_content
from .conftest import add_recipe, rate

pytestmark = pytest.mark.browser
SLUG = "shakshuka"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    site = Site(make_content(tmp_path_factory.mktemp("ratings-browser")))
    add_recipe(site.stack.app, SLUG)
    yield site
    site.close()


def summary_text(page) -> str:
    return page.locator(".recipe-rating [data-rating-summary]").inner_text()


def test_rate_a_recipe_with_the_keyboard_only(browser, site):
    page = browser.new_page()
    try:
        page.goto(f"{site.url}/recipes/{SLUG}/")
        assert summary_text(page) == "No ratings yet."
        # Tab until the radio group has focus (no mouse anywhere).
        for _ in range(200):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id").startswith("rating-"):
                break
        else:
            pytest.fail("Tab never reached the rating radio group")
        assert page.evaluate("document.activeElement.value") == "1"
        for _ in range(3):  # arrows move through the group and choose: 4 stars
            page.keyboard.press("ArrowRight")
        assert page.evaluate("document.activeElement.value") == "4"
        assert page.locator("#rating-4").is_checked()
        page.keyboard.press("Tab")  # leaves the group for the submit button
        assert page.evaluate("document.activeElement.textContent") == "Send rating"
        page.keyboard.press("Enter")
        status = page.locator("[data-rating-status]")
        status.filter(has_text="you rated this 4 stars").wait_for()
        assert summary_text(page) == "Rated 4.0 out of 5 from 1 rating."
        assert page.locator(".rating-line a").inner_text() == summary_text(page)

        # Changing one's mind replaces the rating: still one rating, now 5 stars.
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("ArrowRight")
        page.keyboard.press("Tab")
        page.keyboard.press("Space")
        status.filter(has_text="now 5 stars (it was 4)").wait_for()
        assert summary_text(page) == "Rated 5.0 out of 5 from 1 rating."

        # On the next visit the live summary and this browser's own stars are shown.
        page.reload()
        page.wait_for_function("document.querySelector('#rating-5').checked")
        assert summary_text(page) == "Rated 5.0 out of 5 from 1 rating."
        stored = site.stack.app.test_client().get(f"/recipes/{SLUG}/rating").get_json()
        assert stored["summary"]["count"] == 1 and stored["summary"]["sum"] == 5
    finally:
        page.close()


def test_rate_without_javascript_comes_back_to_the_recipe_with_thanks(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{site.url}/recipes/{SLUG}/")
        thanks = page.locator(".rating-thanks")
        assert not thanks.is_visible()
        page.locator("#rating-3").focus()
        page.keyboard.press("Space")
        page.get_by_role("button", name="Send rating").press("Enter")
        page.wait_for_url(f"{site.url}/recipes/{SLUG}/#rating")
        assert thanks.is_visible()  # the API's 303 lands on #rating
    finally:
        context.close()
    mine = site.stack.app.test_client().get(f"/recipes/{SLUG}/rating").get_json()
    assert mine["mine"] == 3  # the address is this visitor (no JavaScript, no id)


def test_most_loved_sort_on_the_built_recipe_index(browser, live_api, tmp_path):
    app, url, _stop = live_api
    for n, (slug, stars) in enumerate(
        [("guacamole", 5), ("guacamole", 5), ("guacamole", 4), ("tabbouleh", 5)]
        + [("chana-masala", 1), ("banana-bread", 2), ("banana-bread", 3)]
    ):
        rate(app, slug, stars, f"visitor-{n:012d}")
    content = make_content(tmp_path)
    yml = content / "site.yml"
    yml.write_text(yml.read_text("utf-8") + f"api_url: {url}\n", encoding="utf-8")
    out = tmp_path / "build"
    build_site(content, out, cache_dir=tmp_path / "cache", progress=False, post_build=False)
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(out))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    page = browser.new_page()
    cards = "cards => cards.map(c => c.dataset.slug)"
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/recipes/")
        select = page.get_by_label("Sort by")
        select.wait_for()  # shown by the script; hidden without JavaScript
        titles = page.locator("[data-recipe-list] > li").evaluate_all(cards)
        select.select_option("loved")
        loved = page.locator("[data-recipe-list] > li").evaluate_all(cards)
        # Damped averages (as if two more ratings of 3): guacamole 4.0 (5, 5, 4) before
        # tabbouleh 3.67 (one 5), banana bread 2.75, chana masala 2.33; then the
        # unrated ones, in title order.
        rated = ["guacamole", "tabbouleh", "banana-bread", "chana-masala"]
        assert loved == rated + [s for s in titles if s not in rated]
        select.select_option("title")
        assert page.locator("[data-recipe-list] > li").evaluate_all(cards) == titles
    finally:
        page.close()
        server.shutdown()
        server.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass
