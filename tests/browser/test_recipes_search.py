"""Site search in a real browser: Pagefind's index over the built site."""

import shutil

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


# Pagefind's UI shows ". . ." in a result's title until that result's fragment has
# loaded: the titles are read once every shown result has its own.
LOADED = """() => {
    const titles = [...document.querySelectorAll('.pagefind-ui__result-title')];
    return titles.length > 0 && titles.every(t => !/^[.\\s]*$/.test(t.textContent));
}"""


def result_titles(page):
    results = page.locator(".pagefind-ui__result-title")
    results.first.wait_for(timeout=10_000)
    page.wait_for_function(LOADED, timeout=10_000)
    return results.all_inner_texts()


def test_search_returns_a_recipe(page, recipe_site, serve_dir):
    site = serve_dir(recipe_site)
    page.goto(f"{site}/search/")
    page.fill(".pagefind-ui__search-input", "lentils")
    assert "Red lentil soup with lemon" in result_titles(page)


def test_header_search_form_lands_on_results(page, recipe_site, serve_dir):
    site = serve_dir(recipe_site)
    page.goto(f"{site}/recipes/shakshuka/")
    page.fill("header [name='q']", "chickpeas")
    page.press("header [name='q']", "Enter")
    page.wait_for_url(f"{site}/search/?q=chickpeas")
    assert result_titles(page)[0] == "Chana masala"


def test_search_filters_by_diet(page, recipe_site, serve_dir):
    site = serve_dir(recipe_site)
    page.goto(f"{site}/search/?q=tomatoes")
    assert "Shakshuka" in result_titles(page)
    # Pagefind's UI folds each filter into a <details>: open "diet", tick "vegan".
    page.locator("summary.pagefind-ui__filter-name", has_text="diet").click()
    page.locator("label[for='diet-vegan']").click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.pagefind-ui__result-title')]"
        ".every(e => !e.textContent.includes('Shakshuka'))"
    )
    titles = result_titles(page)
    assert "Shakshuka" not in titles  # vegetarian, not vegan
    assert "Pasta al pomodoro" in titles


def test_search_page_says_when_there_is_no_index(page, recipe_site, serve_dir, tmp_path):
    # A preview (`make serve`) has no Pagefind bundle: the page must say so, not sit blank.
    site_copy = tmp_path / "site"
    shutil.copytree(recipe_site, site_copy, ignore=shutil.ignore_patterns("pagefind", "media"))
    site = serve_dir(site_copy)
    page.goto(f"{site}/search/?q=lentils")
    expect(page.locator("[data-search-missing]")).to_be_visible()
    expect(page.locator("form.search-page-form")).to_be_visible()  # a plain form still works
