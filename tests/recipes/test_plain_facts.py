"""A plain recipe's intro bullets ('⏲️ Prep time: 10 min', '🍽️ Servings: 4') fill its fields.

Hugo recipe sites (based.cooking among them) state times and servings as bullets before
the ingredients. Read as fields, they give the page its servings scaler and JSON-LD
times, and are not shown a second time in the introduction.
"""

from __future__ import annotations

import json
import shutil
import textwrap

import pytest
from bs4 import BeautifulSoup
from sitegen.commands.build import build_site
from sitegen.kinds.recipes.facts import Fact, read_fact
from sitegen.kinds.recipes.indexdata import index_data

from .conftest import load_recipes

BASED = """\
---
title: "Chili con carne"
date: 2021-03-10
tags: ['beef', 'spicy']
author: "Jo"
---

A pot of chili for a cold evening.

- ⏲️ Prep time: 10 min
- 🍳Cook time: 1 h
- 🍽️ Servings: 4
- 🔥 Heat: medium

## Ingredients

- 500 g minced beef
- Onions 2 medium-sized, minced
- Lemon wedge/juice (optional, also overpowering)
- 1 15 oz can kidney beans

## Directions

1. Brown the beef and onions.
2. Add the beans and simmer for an hour.
"""


@pytest.mark.parametrize(
    ("line", "fact"),
    [
        ("- ⏲️ Prep time: 10 min", Fact("prep_time", 10, 0)),
        ("- 🍳Cook time: 1 h", Fact("cook_time", 60, 0)),
        ("* 🍳 Cook time: ~45 minutes", Fact("cook_time", 45, 0)),
        ("- 🍽️ Servings: 4", Fact("servings", 4, 0)),
        ("- 🍽️ Servings: 8 bowls", Fact("servings", "8 bowls", 0)),
        ("- 🍽️ Servings: 4-6", Fact("servings", "4-6", 0)),
        ("Serves 6 people.", Fact("servings", 6, 0)),
        ("- ⏲️\xa0Prep\xa0time:\xa015\xa0min", Fact("prep_time", 15, 0)),
        ("- **Total time:** 1 hour 30 minutes", Fact("total_time", 90, 0)),
        ("- Yield: 12 muffins", Fact("yield", "12 muffins", 0)),
    ],
)
def test_fact_lines_are_read(line, fact):
    assert read_fact(line) == fact


@pytest.mark.parametrize(
    "line",
    [
        "- 🍽️ Servings: depends on how hungry you are",
        "- 🍳 Cook time: 10-15 min",  # a range: no one time to state
        "- 🍳 Cook time: at least 4 hours",
        "Prep the vegetables first.",
        "- 💤 Rest time: 3 days",
    ],
)
def test_other_lines_are_not_facts(line):
    assert read_fact(line) is None


def test_intro_bullets_fill_the_fields_and_leave_the_intro(tmp_path):
    recipe = load_recipes(tmp_path, {"chili.md": BASED})["chili"]
    assert recipe.servings == 4
    assert (recipe.prep_minutes, recipe.cook_minutes, recipe.total_minutes) == (10, 60, 70)
    assert "Prep time" not in recipe.intro_html and "Servings" not in recipe.intro_html
    assert "Heat: medium" in recipe.intro_html  # not a field: stays as written
    assert recipe.summary == "A pot of chili for a cold evening."


def test_front_matter_wins_and_a_differing_bullet_stays(tmp_path):
    text = BASED.replace('author: "Jo"', 'author: "Jo"\nservings: 2\nprep_time: 10')
    recipe = load_recipes(tmp_path, {"chili.md": text})["chili"]
    assert recipe.servings == 2 and recipe.cook_minutes == 60
    assert "Servings: 4" in recipe.intro_html  # says something the page does not
    assert "Prep time" not in recipe.intro_html  # says what the page says


def test_servings_that_say_more_than_a_number_also_stay_in_the_intro(tmp_path):
    text = BASED.replace("Servings: 4", "Servings: 4-6 (with rice)")
    recipe = load_recipes(tmp_path, {"chili.md": text})["chili"]
    assert recipe.servings == 4  # the scaler starts at 4, as `servings: 4-6` would
    assert "Servings: 4-6 (with rice)" in recipe.intro_html
    assert "Prep time" not in recipe.intro_html


def test_an_unreadable_bullet_stays_in_the_intro(tmp_path):
    text = BASED.replace("Servings: 4", "Servings: a crowd")
    recipe = load_recipes(tmp_path, {"chili.md": text})["chili"]
    assert recipe.servings is None
    assert "Servings: a crowd" in recipe.intro_html


def test_index_names_keep_commas_inside_parentheses(tmp_path):
    recipe = load_recipes(tmp_path, {"chili.md": BASED})["chili"]
    (entry,) = index_data([recipe], lambda r: r.url)["recipes"]
    names = {i["name"]: i["key"] for i in entry["ingredients"]}
    assert names["Lemon wedge/juice (optional, also overpowering)"] == "lemon wedge juice"
    assert names["15 oz can kidney beans"] == "kidney bean"
    assert names["medium-sized Onions"] == "medium-sized onion"


def test_the_page_scales_and_states_the_times(tmp_path, recipe_content):
    shutil.rmtree(recipe_content / "recipes")
    (recipe_content / "recipes").mkdir()
    (recipe_content / "recipes" / "chili.md").write_text(textwrap.dedent(BASED), "utf-8")
    out = tmp_path / "out"
    build_site(recipe_content, out, cache_dir=tmp_path / "cache", progress=False)
    html = (out / "recipes" / "chili" / "index.html").read_text("utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("[data-servings]")["data-servings"] == "4"
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert (data["prepTime"], data["cookTime"], data["totalTime"]) == ("PT10M", "PT1H", "PT1H10M")
    assert data["recipeYield"][0] == "4"
    intro = soup.select_one(".recipe-intro").get_text()
    assert "cold evening" in intro and "Prep time" not in intro
    amounts = [a.get_text(" ", strip=True) for a in soup.select(".ingredient-list .amount")]
    assert amounts == ["500 g", "2", "1"]  # the lemon line has no amount to scale
