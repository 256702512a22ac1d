"""Ranking by what the visitor has, related recipes, grouping by cuisine/course/diet, JSON-LD."""

import json

import markdown
import pytest
from sitegen.recipes.discover import facet_values, rank_by_pantry, related
from sitegen.recipes.jsonld import recipe_jsonld, script_tag
from sitegen.recipes.schema import parse_recipe


def make(slug, ingredients, tags=(), cuisine=None, course=None, diet=(), **extra):
    lines = ["---", f"title: {slug.replace('-', ' ').title()}", f"ingredients: {list(ingredients)}"]
    lines += ["steps: [Cook it.]", f"tags: {list(tags)}", f"diet: {list(diet)}"]
    lines += [f"cuisine: {cuisine}"] if cuisine else []
    lines += [f"course: {course}"] if course else []
    lines += [f"{k}: {v}" for k, v in extra.items()]
    recipe, issues = parse_recipe(slug, slug, "\n".join(lines + ["---", ""]), markdown.markdown)
    assert issues == []
    return recipe


@pytest.fixture
def recipes():
    return [
        make("tomato-salad", ["4 tomatoes", "1 red onion", "2 tbsp olive oil", "salt"],
             tags=["salad", "summer"], cuisine="Italian", course="Side", diet=["vegan"]),
        make("shakshuka", ["6 eggs", "400 g cherry tomatoes", "1 onion", "1 red pepper",
                           "1 tsp cumin", "salt to taste"],
             tags=["eggs", "brunch"], cuisine="Middle Eastern", course="Breakfast",
             diet=["vegetarian", "gluten-free"]),
        make("omelette", ["3 eggs", "20 g butter", "a pinch of salt", "black pepper"],
             tags=["eggs", "quick"], cuisine="French", course="Breakfast",
             diet=["vegetarian", "gluten-free"]),
        make("pancakes", ["200 g flour", "2 eggs", "300 ml milk", "1 tbsp sugar"],
             tags=["sweet", "brunch"], cuisine="French", course="Breakfast",
             diet=["vegetarian"]),
    ]  # fmt: skip


def test_rank_by_fewest_missing_and_show_what_is_missing(recipes):
    ranked = rank_by_pantry(recipes, ["Eggs", "butter", "tomato", "onions"])
    assert [(m.slug, m.missing) for m in ranked] == [
        ("omelette", ()),  # salt and pepper are staples: nothing to buy
        ("tomato-salad", ()),  # "tomato" covers tomatoes, "onions" covers red onion
        ("shakshuka", ("red pepper", "cumin")),
        ("pancakes", ("flour", "milk", "sugar")),
    ]


def test_rank_leaves_out_recipes_with_nothing_in_common(recipes):
    assert [m.slug for m in rank_by_pantry(recipes, ["flour"])] == ["pancakes"]
    assert rank_by_pantry(recipes, ["salt", "water"]) == []
    assert rank_by_pantry(recipes, []) == []


def test_related_prefers_shared_ingredients_and_tags(recipes):
    tomato_salad, shakshuka, omelette, pancakes = recipes
    # Both share eggs and breakfast; the salad shares nothing with an omelette.
    assert {r.slug for r in related(omelette, recipes)} == {"shakshuka", "pancakes"}
    assert related(tomato_salad, recipes, limit=1) == [shakshuka]  # tomatoes and onion
    assert omelette not in related(omelette, recipes)


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


def test_jsonld_has_every_field_the_recipe_has():
    recipe = make(
        "shakshuka",
        ["6 eggs", "400 g cherry tomatoes", "1 1/2 tsp cumin"],
        tags=["eggs", "brunch"], cuisine="Middle Eastern", course="Breakfast",
        diet=["vegetarian", "gluten-free", "nut-free"], servings=4, prep_time=10,
        cook_time="25 min", date="2024-05-01", author="Ada Cook",
        summary="Eggs in spiced tomato.", cover="{src: /img/s.jpg, alt: A pan}",
        nutrition="{calories: 310 kcal, protein: 19 g}",
    )  # fmt: skip
    data = recipe_jsonld(recipe, lambda path: "https://example.org" + path)
    assert data["@type"] == "Recipe"
    assert data["name"] == "Shakshuka"
    assert data["image"] == ["https://example.org/img/s.jpg"]
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


def test_jsonld_leaves_out_what_the_recipe_does_not_say():
    data = recipe_jsonld(make("toast", ["2 slices bread"]), lambda p: p)
    for absent in ("image", "author", "datePublished", "prepTime", "recipeYield", "nutrition"):
        assert absent not in data


def test_jsonld_script_cannot_close_its_tag():
    text = script_tag({"name": "</script><b>"})
    assert "</script>" not in text
    assert json.loads(text) == {"name": "</script><b>"}
