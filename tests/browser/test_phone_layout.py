"""On a 360 px phone: nothing scrolls sideways, the header is one short row, content first.

Also what a phone visitor without JavaScript gets (the menu still opens) and the checks a
wide screen must keep (menu inline, filters open, even card rows).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CONTENT = Path(__file__).resolve().parents[2] / "content"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}

# One page of every type the example site builds.
PAGES = {
    "home": "/",
    "projects index": "/projects/",
    "project": "/projects/tidewatch/",
    "project tag": "/projects/tags/accessibility/",
    "blog index": "/blog/",
    "blog page 2": "/blog/page/2/",
    "post": "/blog/flask-static-sites/",
    "post with a table": "/blog/responsive-images/",
    "tags index": "/tags/",
    "tag": "/tags/python/",
    "about": "/about/",
    "contact": "/contact/",
    "contact thanks": "/contact/thanks/",
    "404": "/404.html",
    "recipes index": "/recipes/",
    "recipe": "/recipes/shakshuka/",
    "recipes filter": "/recipes/course/main/",
    "pantry": "/recipes/what-can-i-make/",
    "search": "/search/",
}

# Boxes that scroll on their own by design (and parts kept off screen on purpose).
OWN_SCROLL = ".table-scroll, pre, .honeypot, .skip-link"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the example site (recipes and search index included) once."""
    from sitegen.commands.build import build_site

    out = tmp_path_factory.mktemp("phone-site")
    build_site(CONTENT, out, cache_dir=tmp_path_factory.mktemp("phone-cache"), progress=False)
    return out


@pytest.fixture
def open_page(browser, serve_dir, built_site: Path) -> Iterator[Callable[..., object]]:
    """Open a URL of the built site in a fresh context: a phone unless told otherwise."""
    base = serve_dir(built_site)
    contexts = []

    def open_(url: str, viewport: dict = PHONE, js: bool = True) -> object:
        context = browser.new_context(viewport=viewport, java_script_enabled=js)
        contexts.append(context)
        page = context.new_page()
        response = page.goto(base + url, wait_until="load")
        assert response is not None and response.status == 200, url
        return page

    yield open_
    for context in contexts:
        context.close()


def _top(page, selector: str) -> float:
    return page.locator(selector).first.evaluate("e => e.getBoundingClientRect().top + scrollY")


@pytest.mark.parametrize("url", list(PAGES.values()), ids=list(PAGES))
def test_no_page_scrolls_sideways_on_a_phone(open_page, url: str) -> None:
    page = open_page(url)
    wide = page.evaluate(
        """(skip) => [...document.querySelectorAll('body *')]
             .filter(el => el.getBoundingClientRect().right > innerWidth + 0.5
                           && el.checkVisibility() && !el.closest(skip))
             .map(el => el.tagName + '.' + el.className).slice(0, 5)""",
        OWN_SCROLL,
    )
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"] and not wide, f"{url} is {width} px wide: {wide}"


@pytest.mark.parametrize("url", ["/blog/responsive-images/", "/blog/rust-budget-cli/"])
def test_what_scrolls_sideways_takes_focus_and_has_a_name(open_page, url: str) -> None:
    page = open_page(url)
    regions = page.evaluate(
        """() => [...document.querySelectorAll('main *')]
             .filter(el => el.scrollWidth > el.clientWidth + 1
                           && ['auto', 'scroll'].includes(getComputedStyle(el).overflowX))
             .map(el => ({tag: el.tagName, tabindex: el.tabIndex,
                          name: el.getAttribute('aria-label') || ''}))"""
    )
    assert regions, f"{url}: expected something wider than a phone (a table or code)"
    for region in regions:
        assert region["tabindex"] == 0 and region["name"], f"{url}: {region}"


def test_a_table_fits_a_phone_without_cutting_a_column(open_page) -> None:
    page = open_page("/blog/responsive-images/")
    box = page.locator(".table-scroll").first
    assert box.evaluate("e => e.scrollWidth <= e.clientWidth"), "the table still scrolls"
    assert "Saved" in box.inner_text()


@pytest.mark.parametrize("url", ["/recipes/", "/projects/"])
def test_the_first_item_is_in_the_first_screen(open_page, url: str) -> None:
    page = open_page(url)
    first = ".recipe-grid .recipe-card" if url == "/recipes/" else ".card-grid .project-card"
    # Its top and a good part of its picture are seen without scrolling.
    assert _top(page, first) <= PHONE["height"] - 150, f"{url}: first item at {_top(page, first)}"


@pytest.mark.parametrize("url", ["/recipes/", "/projects/"])
def test_filters_fold_on_a_phone_and_open_on_a_wide_screen(open_page, url: str) -> None:
    chip = ".filter-chip" if url == "/recipes/" else ".filter li a"
    phone = open_page(url, js=False)
    assert not phone.locator(chip).first.is_visible()
    phone.locator(".fold > summary").click()
    assert phone.locator(chip).first.is_visible()
    wide = open_page(url, viewport=DESKTOP)
    assert wide.locator(chip).first.is_visible()
    assert not wide.locator(".fold > summary").is_visible()


@pytest.mark.parametrize("url", ["/", "/blog/flask-static-sites/", "/recipes/", "/search/"])
def test_the_header_is_one_short_row_on_a_phone(open_page, url: str) -> None:
    page = open_page(url)
    height = page.locator(".site-header").evaluate("e => e.getBoundingClientRect().height")
    assert height <= 80, f"{url}: the header is {height:.0f} px tall"
    assert not page.get_by_role("navigation", name="Main").is_visible()


def test_the_menu_opens_from_the_keyboard_without_javascript(open_page) -> None:
    page = open_page("/blog/", js=False)
    nav = page.get_by_role("navigation", name="Main")
    focused = []
    for _ in range(3):  # skip link, home link, menu button
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.textContent.trim()"))
    assert focused[-1] == "Menu", focused
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Enter")
    assert nav.is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('nav')?.ariaLabel") == "Main"
    nav.get_by_role("link", name="Projects").click()
    assert page.url.endswith("/projects/")
    # Search is in the same menu.
    page.locator(".site-menu > summary").click()
    page.get_by_role("searchbox", name="Search this site").first.fill("lentils")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=lentils")


def test_a_wide_screen_shows_the_menu_and_search_in_the_header(open_page) -> None:
    page = open_page("/blog/", viewport=DESKTOP)
    assert not page.locator(".site-menu > summary").is_visible()
    links = page.get_by_role("navigation", name="Main").get_by_role("link")
    assert links.count() >= 5 and all(link.is_visible() for link in links.all())
    assert page.locator("#site-search").is_visible()
    tops = {round(link.bounding_box()["y"]) for link in links.all()}
    assert len(tops) == 1, "the menu wraps onto a second row"
    height = page.locator(".site-header").evaluate("e => e.getBoundingClientRect().height")
    assert height <= 80


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_recipe_labels_keep_clear_of_the_cover(open_page, viewport: dict) -> None:
    page = open_page("/recipes/shakshuka/", viewport=viewport)
    labels = page.locator(".recipe-labels").bounding_box()
    cover = page.locator(".recipe-cover").bounding_box()
    gap = cover["y"] - (labels["y"] + labels["height"])
    assert gap >= 12, f"the labels are {gap:.0f} px from the cover"


def test_cards_without_a_photo_keep_the_rows_even(open_page) -> None:
    page = open_page("/recipes/", viewport=DESKTOP)
    rows: dict[int, set[int]] = {}
    for card in page.locator("[data-recipe-list] .recipe-card").all():
        top = round(card.bounding_box()["y"])
        title = round(card.locator(".recipe-card-title").bounding_box()["y"])
        rows.setdefault(top, set()).add(title)
    assert len(rows) > 1
    uneven = {top: titles for top, titles in rows.items() if len(titles) > 1}
    assert not uneven, f"titles at different heights within a row: {uneven}"


def test_what_can_i_make_without_javascript_shows_only_its_note(open_page) -> None:
    page = open_page("/recipes/what-can-i-make/", js=False)
    assert "needs JavaScript" in page.locator("main .notice").inner_text()
    assert page.get_by_role("link", name="browse every recipe").is_visible()
    assert not page.get_by_role("checkbox").first.is_visible()
    assert not page.get_by_role("button", name="Clear").is_visible()
    assert not page.get_by_text("Tick an ingredient to start.").is_visible()
    with_js = open_page("/recipes/what-can-i-make/")
    assert with_js.get_by_role("checkbox").first.is_visible()
    assert with_js.get_by_role("button", name="Clear").is_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "url", ["/blog/responsive-images/", "/blog/rust-budget-cli/", "/recipes/", "/projects/"]
)
def test_a_phone_page_with_its_menu_and_filters_open_passes_axe(
    browser, serve_dir, built_site: Path, url: str, scheme: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    from tests.browser.test_a11y import AXE_OPTIONS, describe

    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(serve_dir(built_site) + url, wait_until="load")
        if page.locator(".fold > summary").count():
            page.locator(".fold > summary").click()
        page.locator(".site-menu > summary").click()  # its panel then covers the page top
        # Scrolling regions are judged where they scroll: on the phone.
        violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        focusable = Axe().run(page, options={"runOnly": ["scrollable-region-focusable"]})
        violations += focusable.response["violations"]
    finally:
        context.close()
    assert not violations, f"{url} ({scheme}) at 360 px:\n" + describe(violations)
