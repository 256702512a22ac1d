"""The built site: recipe pages, filter pages, the JSON index and the search index."""

import gzip
import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sitegen.commands.build import build_site
from sitegen.content.problems import ContentError


def page(out: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((out / url.strip("/") / "index.html").read_text("utf-8"), "html.parser")


def card_slugs(soup: BeautifulSoup) -> list[str]:
    listing = soup.select_one("[data-recipe-list]")
    return [li["data-slug"] for li in listing.select(".recipe-card")]


def fragments(out: Path) -> dict[str, dict]:
    """Read Pagefind's page records: url -> {content, filters, meta}."""
    found = {}
    for file in (out / "pagefind" / "fragment").iterdir():
        data = json.loads(gzip.decompress(file.read_bytes()).removeprefix(b"pagefind_dcd"))
        found[data["url"]] = data
    return found


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/recipes/diet/vegan/", {"chana-masala", "guacamole", "pasta-al-pomodoro",
                                  "red-lentil-soup", "tabbouleh"}),
        ("/recipes/cuisine/italian/", {"mushroom-risotto"}),
        ("/recipes/cuisine/middle-eastern/", {"shakshuka"}),
        ("/recipes/course/breakfast/", {"french-omelette", "shakshuka"}),
        ("/recipes/diet/pescatarian/", {"miso-salmon"}),
    ],
)  # fmt: skip
def test_filter_pages_list_exactly_their_recipes(built_site, url, expected):
    assert set(card_slugs(page(built_site, url))) == expected


def test_every_filter_page_agrees_with_the_recipes_labels(built_site):
    index = json.loads((built_site / "recipes" / "index.json").read_text("utf-8"))
    all_slugs = set(card_slugs(page(built_site, "/recipes/")))
    assert all_slugs == {r["slug"] for r in index["recipes"]}
    assert len(all_slugs) >= 12
    checked = 0
    for facet in ("cuisine", "course", "diet"):
        for folder in (built_site / "recipes" / facet).iterdir():
            want = {
                r["slug"]
                for r in index["recipes"]
                if folder.name in (r["diet"] if facet == "diet" else [r[facet]])
            }
            assert set(card_slugs(page(built_site, f"/recipes/{facet}/{folder.name}/"))) == want
            checked += 1
    assert checked >= 20


def test_filter_links_work_without_javascript(built_site):
    soup = page(built_site, "/recipes/")
    links = [a["href"] for a in soup.select(".filter-chip")]
    assert "/recipes/cuisine/thai/" in links and "/recipes/diet/gluten-free/" in links
    for href in links:
        assert (built_site / href.strip("/") / "index.html").is_file(), href


def test_recipe_page_is_complete_without_javascript(built_site):
    soup = page(built_site, "/recipes/chana-masala/")
    assert soup.h1.get_text(strip=True) == "Chana masala"
    groups = [h.get_text() for h in soup.select(".recipe-ingredients h3")]
    assert groups[:2] == ["Whole spices", "For the gravy"]
    items = [li.get_text(" ", strip=True) for li in soup.select(".ingredient-list li")]
    assert "1 tsp cumin seeds" in items
    assert "2 cans chickpeas , 400 g, drained" in items
    assert all(li.input["type"] == "checkbox" for li in soup.select(".ingredient-list li"))
    steps = soup.select(".step-list > li.step")
    assert len(steps) == 6 and steps[0]["id"] == "step-1"
    assert [dt.get_text() for dt in soup.select(".recipe-facts dt")][:3] == [
        "Prep",
        "Cook",
        "Total",
    ]
    # The scaler is there for JavaScript to reveal, and hidden until then.
    assert soup.select_one("[data-servings]")["data-servings"] == "4"
    assert soup.select_one("[data-scaler]").has_attr("hidden")
    related = [a.get_text() for a in soup.select(".recipe-related .recipe-card-title a")]
    assert len(related) == 3 and "Chana masala" not in related


def test_recipe_page_json_ld(built_site):
    soup = page(built_site, "/recipes/red-lentil-soup/")
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "Recipe"
    assert data["name"] == "Red lentil soup with lemon"
    assert data["url"] == "https://cook.example/recipes/red-lentil-soup/"
    assert data["image"][0].startswith("https://cook.example/media/red-lentil-soup-")
    assert data["author"] == {"@type": "Person", "name": "Mira Lund"}
    assert data["datePublished"] == "2024-01-14"
    assert (data["prepTime"], data["cookTime"], data["totalTime"]) == ("PT10M", "PT30M", "PT40M")
    assert data["recipeYield"][0] == "4"
    assert (data["recipeCuisine"], data["recipeCategory"]) == ("Turkish", "Soup")
    assert "https://schema.org/VeganDiet" in data["suitableForDiet"]
    assert "250 g red lentils, rinsed" in data["recipeIngredient"]
    assert len(data["recipeIngredient"]) == 13
    assert data["recipeInstructions"][0]["@type"] == "HowToStep"
    assert data["recipeInstructions"][2]["url"].endswith("/recipes/red-lentil-soup/#step-3")
    assert data["nutrition"]["calories"] == "340 kcal"


def test_json_index_matches_the_recipes(built_site):
    index = json.loads((built_site / "recipes" / "index.json").read_text("utf-8"))
    by_slug = {r["slug"]: r for r in index["recipes"]}
    pasta = by_slug["pasta-al-pomodoro"]
    assert pasta["url"] == "/recipes/pasta-al-pomodoro/"
    keys = [i["key"] for i in pasta["ingredients"]]
    assert "tomato" in keys and "spaghetti" in keys
    assert "salt" not in keys and "olive oil" not in keys  # staples are never missing
    assert all(slug in by_slug for r in index["recipes"] for slug in r["related"])


def test_search_index_holds_every_recipe_with_filters(built_site):
    assert (built_site / "pagefind" / "pagefind-ui.js").is_file()
    records = fragments(built_site)
    index = json.loads((built_site / "recipes" / "index.json").read_text("utf-8"))
    for recipe in index["recipes"]:
        record = records[recipe["url"]]
        assert record["filters"]["kind"] == ["recipe"]
        assert record["meta"]["title"] == recipe["title"]
    soup = records["/recipes/shakshuka/"]
    assert soup["filters"]["cuisine"] == ["Middle Eastern"]
    assert "vegetarian" in soup["filters"]["diet"]
    assert "crack an egg" in soup["content"]
    # Listing pages are not search results: the recipe itself is.
    assert not any(url.startswith(("/recipes/diet/", "/recipes/what")) for url in records)
    assert "/recipes/" not in records


def test_every_page_has_the_header_search_form(built_site):
    form = page(built_site, "/recipes/").select_one("form.search-form")
    assert form["action"] == "/search/"  # this site's own search page, also in preview
    assert form.select_one("input")["name"] == "q"
    assert (built_site / "search" / "index.html").is_file()


def test_bad_recipe_fails_the_build_with_line_and_field(tmp_path, recipe_content):
    content = recipe_content
    (content / "recipes" / "broken.md").write_text(
        "---\ntitle: Broken\ningredients:\n  - 200 g flour\n  - 1//2 cup sugar\n"
        "steps: [Mix.]\ndiet: [paleo]\ncover: {src: /images/recipes/nope.jpg, alt: x}\n---\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as err:
        build_site(content, tmp_path / "out", cache_dir=tmp_path / "cache", progress=False)
    report = str(err.value)
    assert "content/recipes/broken.md:5: ingredients: bad quantity '1//2'" in report
    assert "content/recipes/broken.md:7: diet: unknown diet 'paleo'" in report
    assert "content/recipes/broken.md:8: cover: image not found" in report
    assert "Traceback" not in report
    assert not (tmp_path / "out" / "recipes").exists()


HUGO_RECIPE = """\
---
title: "Grandma's Scones"
date: 2019-04-02T10:00:00+01:00
tags: ["baking", "vegetarian"]
categories: ["Baking"]
author: "Jo"
draft: false
layout: recipe
---

Light, tall scones.

## Ingredients

* 450g self-raising flour
* 1 tsp baking powder
* 100g cold butter, cubed
* 2 eggs
* 200ml milk
* Sugar: 3 tbsp

## Directions

1. Rub the butter into the flour and baking powder.
2. Stir in the eggs and milk; do not overwork.
3. Cut out, brush with milk and bake at 220C for 12 minutes.
"""


def test_recipes_written_for_another_generator_build_unchanged(tmp_path, recipe_content):
    content = recipe_content
    shutil.rmtree(content / "recipes")
    (content / "recipes").mkdir()
    (content / "recipes" / "2019-04-02-scones.md").write_text(HUGO_RECIPE, encoding="utf-8")
    out = tmp_path / "out"
    build_site(content, out, cache_dir=tmp_path / "cache", progress=False)
    soup = page(out, "/recipes/scones/")
    items = [li.get_text(" ", strip=True) for li in soup.select(".ingredient-list li")]
    assert items[0] == "450 g self-raising flour"
    assert items[-1] == "3 tbsp Sugar"  # 'Sugar: 3 tbsp': the amount after the item
    assert len(soup.select(".step-list > li.step")) == 3
    assert set(card_slugs(page(out, "/recipes/diet/vegetarian/"))) == {"scones"}
    assert set(card_slugs(page(out, "/recipes/course/baking/"))) == {"scones"}


def test_rebuild_keeps_the_search_index_in_step(tmp_path, recipe_content):
    content = recipe_content
    out, cache = tmp_path / "out", tmp_path / "cache"
    build_site(content, out, cache_dir=cache, progress=False)
    assert fragments(out)["/recipes/tabbouleh/"]["meta"]["title"] == "Tabbouleh"
    source = content / "recipes" / "tabbouleh.md"
    source.write_text(
        source.read_text("utf-8").replace("title: Tabbouleh", "title: Herb tabbouleh")
    )
    (content / "recipes" / "guacamole.md").unlink()
    build_site(content, out, cache_dir=cache, progress=False)
    records = fragments(out)
    assert records["/recipes/tabbouleh/"]["meta"]["title"] == "Herb tabbouleh"
    assert "/recipes/guacamole/" not in records


def test_drafts_and_future_recipes_stay_out_of_a_build(tmp_path, recipe_content):
    recipes = recipe_content / "recipes"
    head = "---\ntitle: {}\ningredients: [1 egg]\nsteps: [Boil it.]\n"
    (recipes / "draft-egg.md").write_text(head.format("Draft egg") + "draft: true\n---\n")
    (recipes / "future-egg.md").write_text(head.format("Future egg") + "date: 2999-01-01\n---\n")
    out = tmp_path / "out"
    build_site(recipe_content, out, cache_dir=tmp_path / "cache", progress=False)
    listed = card_slugs(page(out, "/recipes/"))
    assert "draft-egg" not in listed and "future-egg" not in listed
    assert not (out / "recipes" / "draft-egg").exists()
    preview = tmp_path / "preview"
    build_site(recipe_content, preview, preview=True, cache_dir=tmp_path / "cache", progress=False)
    assert {"draft-egg", "future-egg"} <= set(card_slugs(page(preview, "/recipes/")))


def test_sitemap_lists_recipe_pages_not_the_index_file(built_site):
    sitemap = (built_site / "sitemap.xml").read_text("utf-8")
    assert "<loc>https://cook.example/recipes/shakshuka/</loc><lastmod>2024-02-03</lastmod>" in (
        sitemap
    )
    assert "https://cook.example/recipes/diet/vegan/" in sitemap
    assert "index.json" not in sitemap and "/search/" not in sitemap
