"""Recipe pages in a real browser: scaling, units, filters, what-can-I-make, suggestions."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def site(recipe_site, serve_dir):
    return serve_dir(recipe_site)


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert errors == [], f"JavaScript errors: {errors}"


def amount(page, item):
    """Return the shown amount of the ingredient line containing `item`."""
    line = page.locator(".ingredient-list li", has_text=item).first
    return line.locator(".amount").inner_text()


def test_scaling_servings_changes_quantities(page, site):
    page.goto(f"{site}/recipes/red-lentil-soup/")
    assert amount(page, "red lentils") == "250 g"
    assert amount(page, "vegetable stock") == "1.25 l"
    for _ in range(4):
        page.click("[data-step='1']")  # 4 -> 8 servings
    assert page.input_value("[data-servings-input]") == "8"
    assert amount(page, "red lentils") == "500 g"
    assert amount(page, "vegetable stock") == "2.5 l"
    assert amount(page, "tomato paste") == "2 tbsp"
    page.fill("[data-servings-input]", "2")
    assert amount(page, "red lentils") == "125 g"
    assert amount(page, "ground cumin") == "½ tsp"
    assert amount(page, "onion") == "½"


def test_scaling_makes_each_name_agree_with_its_new_quantity(page, site):
    page.goto(f"{site}/recipes/chana-masala/")  # serves 4

    def line(item):
        return page.locator(".ingredient-list li", has_text=item).first.inner_text().strip()

    assert line("bay lea") == "1 bay leaf"
    page.fill("[data-servings-input]", "6")
    assert line("bay lea") == "1 ½ bay leaves"
    assert line("onion") == "3 onions, finely chopped"
    page.fill("[data-servings-input]", "1")
    assert line("bay lea") == "¼ bay leaf"
    assert line("onion") == "½ onion, finely chopped"
    assert line("tomato") == "¾ tomato, chopped"
    assert line("garlic") == "1 clove garlic, grated"  # the unit is counted, not the garlic
    assert line("cumin seeds") == "¼ tsp cumin seeds"
    page.fill("[data-servings-input]", "4")
    assert line("onion") == "2 onions, finely chopped"


def test_scaling_keeps_units_and_uses_kitchen_fractions(page, site):
    page.goto(f"{site}/recipes/buttermilk-pancakes/")
    assert amount(page, "plain flour") == "2 cups"
    # Plain-Markdown recipes without servings have no scaler: the page stays as written.
    assert page.locator("[data-scaler]").count() == 0
    page.goto(f"{site}/recipes/banana-bread/")
    page.fill("[data-servings-input]", "15")  # 10 -> 15: x1.5
    assert amount(page, "ground cinnamon") == "¾ tsp"
    assert amount(page, "very ripe bananas") == "4 ½"
    assert amount(page, "salt") == "1 ½ pinches"


def test_unit_toggle_converts_metric_to_us_and_back(page, site):
    page.goto(f"{site}/recipes/red-lentil-soup/")
    toggle = page.locator("[data-unit-toggle]")
    assert toggle.is_visible()
    toggle.click()
    assert amount(page, "red lentils") == "8 ⅞ oz"  # 250 g = 8.82 oz
    assert amount(page, "vegetable stock") == "5 ¼ cups"  # 1.25 l = 5.28 cups
    assert amount(page, "tomato paste") == "1 tbsp"  # spoons are the same everywhere
    toggle.click()
    assert amount(page, "red lentils") == "250 g"


def test_ingredients_can_be_ticked_off(page, site):
    page.goto(f"{site}/recipes/shakshuka/")
    box = page.locator(".ingredient-list li", has_text="eggs").locator("input")
    box.check()
    assert box.is_checked()


def test_filter_narrows_the_list_instantly(page, site):
    page.goto(f"{site}/recipes/")
    cards = page.locator("[data-recipe-list] .recipe-card")
    total = cards.count()
    assert total >= 12
    page.click(".filter-chip[data-value='vegan']")
    assert page.url == f"{site}/recipes/"  # no page load: filtered in place
    visible = page.locator("[data-recipe-list] .recipe-card:not([hidden])")
    assert sorted(visible.evaluate_all("els => els.map(e => e.dataset.slug)")) == [
        "chana-masala", "guacamole", "pasta-al-pomodoro", "red-lentil-soup", "tabbouleh",
    ]  # fmt: skip
    page.click(".filter-chip[data-value='mexican']")  # vegan and Mexican
    assert visible.evaluate_all("els => els.map(e => e.dataset.slug)") == ["guacamole"]
    assert "1 of" in page.inner_text("[data-filter-status]")
    page.click("[data-filter-status] button")
    assert visible.count() == total


def test_filter_links_work_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/recipes/")
    page.click(".filter-chip[data-value='vegan']")
    assert page.url == f"{site}/recipes/diet/vegan/"
    assert page.locator("[data-recipe-list] .recipe-card").count() == 5
    context.close()


def test_what_can_i_make_ranks_by_fewest_missing(page, site):
    page.goto(f"{site}/recipes/what-can-i-make/")
    page.fill("#pantry-other", "eggs, dark chocolate, caster sugar")
    results = page.locator("[data-pantry-results] li")
    assert results.first.locator("a").inner_text() == "Dark chocolate mousse"
    assert results.first.locator(".missing").inner_text() == "You have everything"
    assert results.nth(1).locator("a").inner_text() == "French omelette"
    assert re.search(r"Missing: butter, chives", results.nth(1).inner_text())
    page.check("input[name='have'][value='butter']")
    assert results.nth(0).locator("a").inner_text() == "Dark chocolate mousse"
    assert results.nth(1).locator(".missing").inner_text() == "Missing: chives"
    page.click("button[type='reset']")
    expect(results).to_have_count(0)  # the form clears, then the list follows


def test_suggestions_come_from_recipes_opened_here_and_can_be_forgotten(page, site):
    page.goto(f"{site}/recipes/")
    assert page.locator("[data-suggestions]").is_hidden()  # nothing opened yet
    page.goto(f"{site}/recipes/chana-masala/")
    page.goto(f"{site}/recipes/")
    box = page.locator("[data-suggestions]")
    box.wait_for(state="visible")
    picks = box.locator(".recipe-card a").all_inner_texts()
    assert 1 <= len(picks) <= 3 and "Chana masala" not in picks
    box.locator("[data-clear-history]").click()
    assert box.is_hidden()
    assert page.evaluate("localStorage.length") == 0


@pytest.mark.parametrize("slug", ["chana-masala", "red-lentil-soup", "mushroom-risotto"])
def test_a_typical_recipe_prints_on_one_page(page, site, slug):
    page.goto(f"{site}/recipes/{slug}/")
    pdf = page.pdf(format="A4")
    pages = re.findall(rb"/Type\s*/Page[^s]", pdf)
    assert len(pages) == 1
