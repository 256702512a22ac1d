"""Related recipes, grouping by cuisine/course/diet, JSON-LD."""

import json

import pytest
from sitegen.kinds.recipes.discover import facet_values
from sitegen.kinds.recipes.jsonld import recipe_jsonld, script_tag

from .conftest import load_recipes


def text(slug, ingredients, tags=(), cuisine=None, course=None, diet=(), **extra):
    lines = ["---", f"title: {slug.replace('-', ' ').title()}", f"ingredients: {list(ingredients)}"]
    lines += ["steps: [Cook it.]", f"tags: {list(tags)}", f"diet: {list(diet)}"]
    lines += [f"cuisine: {cuisine}"] if cuisine else []
    lines += [f"course: {course}"] if course else []
    lines += [f"{k}: {v}" for k, v in extra.items()]
    return slug, "\n".join(lines + ["---", ""])


@pytest.fixture
def make(tmp_path):
    """Load recipes as a build would: `make(text(...), ...)` returns them in that order."""

    def _make(*texts):
        loaded = load_recipes(tmp_path, {f"{slug}.md": body for slug, body in texts})
        return [loaded[slug] for slug, _ in texts]

    return _make


@pytest.fixture
def recipes(make):
    return make(
        text("tomato-salad", ["4 tomatoes", "1 red onion", "2 tbsp olive oil", "salt"],
             tags=["salad", "summer"], cuisine="Italian", course="Side", diet=["vegan"]),
        text("shakshuka", ["6 eggs", "400 g cherry tomatoes", "1 onion", "1 red pepper",
                           "1 tsp cumin", "salt to taste"],
             tags=["eggs", "brunch"], cuisine="Middle Eastern", course="Breakfast",
             diet=["vegetarian", "gluten-free"]),
        text("omelette", ["3 eggs", "20 g butter", "a pinch of salt", "black pepper"],
             tags=["eggs", "quick"], cuisine="French", course="Breakfast",
             diet=["vegetarian", "gluten-free"]),
        text("pancakes", ["200 g flour", "2 eggs", "300 ml milk", "1 tbsp sugar"],
             tags=["sweet", "brunch"], cuisine="French", course="Breakfast",
             diet=["vegetarian"]),
    )  # fmt: skip


def test_related_prefers_shared_ingredients_and_tags(recipes):
    tomato_salad, shakshuka, omelette, pancakes = recipes
    # Both share eggs and breakfast; the salad shares nothing with an omelette.
    assert {r.slug for r in omelette.related} == {"shakshuka", "pancakes"}
    assert tomato_salad.related[0] is shakshuka  # tomatoes and onion
    assert omelette not in omelette.related
    assert omelette.similar[: len(omelette.related)] == [r.slug for r in omelette.related]


def test_facets_list_exactly_their_recipes(recipes):
    by_diet = {label.slug: [r.slug for r in rs] for label, rs in facet_values(recipes, "diet")}
    assert by_diet == {
        "gluten-free": ["shakshuka", "omelette"],
        "vegan": ["tomato-salad"],
        "vegetarian": ["shakshuka", "omelette", "pancakes"],
    }
    by_cuisine = {lab.slug: [r.slug for r in rs] for lab, rs in facet_values(recipes, "cuisine")}
    assert by_cuisine == {
        "french": ["omelette", "pancakes"],
        "italian": ["tomato-salad"],
        "middle-eastern": ["shakshuka"],
    }


def test_jsonld_has_every_field_the_recipe_has(make):
    (recipe,) = make(text(
        "shakshuka",
        ["6 eggs", "400 g cherry tomatoes", "1 1/2 tsp cumin"],
        tags=["eggs", "brunch"], cuisine="Middle Eastern", course="Breakfast",
        diet=["vegetarian", "gluten-free", "nut-free"], servings=4, prep_time=10,
        cook_time="25 min", date="2024-05-01", author="Ada Cook",
        summary="Eggs in spiced tomato.",
        cover="{src: /images/recipes/shakshuka.jpg, alt: A pan}",
        nutrition="{calories: 310 kcal, protein: 19 g}",
    ))  # fmt: skip
    data = recipe_jsonld(recipe, lambda path: "https://example.org" + path)
    assert data["@type"] == "Recipe"
    assert data["name"] == "Shakshuka"
    assert data["image"] == ["https://example.org" + recipe.cover.src]
    assert data["author"] == {"@type": "Person", "name": "Ada Cook"}
    assert data["datePublished"] == "2024-05-01"
    assert data["description"] == "Eggs in spiced tomato."
    assert (data["prepTime"], data["cookTime"], data["totalTime"]) == ("PT10M", "PT25M", "PT35M")
    assert data["recipeYield"] == ["4", "4 servings"]
    assert data["recipeCategory"] == "Breakfast"
    assert data["recipeCuisine"] == "Middle Eastern"
    assert data["keywords"] == "eggs, brunch"
    # nut-free has no schema.org diet: left out rather than invented.
    assert data["suitableForDiet"] == [
        "https://schema.org/VegetarianDiet",
        "https://schema.org/GlutenFreeDiet",
    ]
    assert data["recipeIngredient"] == ["6 eggs", "400 g cherry tomatoes", "1 ½ tsp cumin"]
    assert data["recipeInstructions"] == [
        {"@type": "HowToStep", "position": 1, "text": "Cook it.",
         "url": "https://example.org/recipes/shakshuka/#step-1"},
    ]  # fmt: skip
    assert data["nutrition"] == {
        "@type": "NutritionInformation",
        "calories": "310 kcal",
        "proteinContent": "19 g",
    }


def test_jsonld_leaves_out_what_the_recipe_does_not_say(make):
    (toast,) = make(text("toast", ["2 slices bread"]))
    data = recipe_jsonld(toast, lambda p: p)
    for absent in ("image", "author", "datePublished", "prepTime", "recipeYield", "nutrition"):
        assert absent not in data


def test_jsonld_script_cannot_close_its_tag():
    text = script_tag({"name": "</script><b>"})
    assert "</script>" not in text
    assert json.loads(text) == {"name": "</script><b>"}
