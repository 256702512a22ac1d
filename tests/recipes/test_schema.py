"""Recipe files are read into one structure, and bad ones are reported by line and field.

Every recipe goes through the engine's loader, as in a build: the one front-matter
parser, the kind's schema, problems as `path:line: field: message`.
"""

import textwrap

import pytest

from .conftest import load_recipes, recipe_problems


@pytest.fixture
def parse(tmp_path):
    """Load one recipe; return (recipe or None, [(line, field, message)])."""

    def _parse(text: str, slug: str = "dish"):
        text = textwrap.dedent(text).lstrip()
        problems = recipe_problems(tmp_path, text, f"{slug}.md")
        if problems:
            return None, problems
        return load_recipes(tmp_path, {})[slug], []

    return _parse


STRUCTURED = """
---
title: Lentil soup
summary: A thick, warming soup.
date: 2024-03-02
author: Ada
cover: {src: /images/recipes/chana-masala.jpg, alt: A bowl of orange soup}
cuisine: Turkish
course: Main
diet: [vegan, Gluten free]
tags: [soup, winter]
servings: 4
prep_time: 10
cook_time: 1h 5m
difficulty: easy
equipment: [large pot, blender]
ingredients:
  - 250 g red lentils, rinsed
  - {quantity: 1, item: onion, note: chopped}
  - {quantity: "1 1/2", unit: litres, item: vegetable stock, group: For the soup}
  - salt to taste
steps:
  - Soften the onion.
  - text: Add lentils and **stock**; simmer.
    image: {src: /images/recipes/banana-bread.jpg, alt: Lentils simmering}
  - Blend.
nutrition: {calories: 320 kcal, protein: 18 g}
---
A soup from *home*.
"""


def test_structured_recipe_is_read(parse):
    recipe, issues = parse(STRUCTURED, "lentil-soup")
    assert issues == []
    assert recipe.title == "Lentil soup"
    assert recipe.cuisine.slug == "turkish" and recipe.course.slug == "main"
    assert [d.slug for d in recipe.diets] == ["vegan", "gluten-free"]
    assert (recipe.prep_minutes, recipe.cook_minutes, recipe.total_minutes) == (10, 65, 75)
    assert recipe.servings == 4
    assert [i.display() for i in recipe.ingredients] == [
        "250 g red lentils, rinsed",
        "1 onion, chopped",
        "1.5 l vegetable stock",
        "salt to taste",
    ]
    assert [g.name for g in recipe.groups] == ["", "For the soup"]
    assert recipe.steps[1].html == "Add lentils and <strong>stock</strong>; simmer."
    assert recipe.steps[1].image.alt == "Lentils simmering"
    assert recipe.intro_html == "<p>A soup from <em>home</em>.</p>"
    assert recipe.cover.alt == "A bowl of orange soup" and recipe.cover.webp
    assert recipe.times == [("Prep", "10 min"), ("Cook", "1 h 5 min"), ("Total", "1 h 15 min")]


PLAIN = """
---
title: "Pasta al pomodoro"
date: 2023-08-14
tags: [pasta, quick]
author: Sam
layout: recipe
---

Summer in a bowl.

## Ingredients

### For the sauce
- 3 tbsp olive oil
- 2 cloves garlic, sliced
- 1 can (400 g) tomatoes

### For the pasta
- Spaghetti: 320 g | 11 oz
- Eggs: 5
- salt to taste

## Method

1. Warm the oil and garlic.
2. Add the tomatoes and simmer
   for 15 minutes.
3. Toss with the pasta.

## Notes

Use good tomatoes.
"""


def test_plain_markdown_recipe_is_read_like_a_structured_one(parse):
    recipe, issues = parse(PLAIN, "pasta")
    assert issues == []
    assert not recipe.structured
    assert recipe.summary == "Summer in a bowl."
    assert [g.name for g in recipe.groups] == ["For the sauce", "For the pasta"]
    texts = [i.display() for i in recipe.ingredients]
    assert texts[3:] == ["320 g Spaghetti", "5 Eggs", "salt to taste"]
    assert recipe.ingredients[0].quantity == 3 and recipe.ingredients[0].unit.symbol == "tbsp"
    assert [s.text for s in recipe.steps] == [
        "Warm the oil and garlic.",
        "Add the tomatoes and simmer for 15 minutes.",
        "Toss with the pasta.",
    ]
    assert "Use good tomatoes." in recipe.notes_html
    assert "Ingredients" not in recipe.intro_html
    assert recipe.params == {"layout": "recipe"}  # other generators' keys are kept, not refused


@pytest.mark.parametrize(
    ("heading", "list_marker"),
    [
        ("Directions", "1."),
        ("Instructions", "1)"),
        ("Steps", "-"),
        ("**Method**", "1."),
        ("Method (30 minutes)", "1."),
        ("Directions:", "1."),
    ],
)
def test_plain_step_headings(parse, heading, list_marker):
    text = f"---\ntitle: T\n---\n# Ingredients\n* 1 egg\n\n# {heading}\n{list_marker} Boil it.\n"
    recipe, issues = parse(text)
    assert issues == []
    assert [s.text for s in recipe.steps] == ["Boil it."]


def test_plain_ingredient_heading_with_more_words(parse):
    text = "---\ntitle: T\n---\n## Ingredients (serves 2)\n- 2 eggs\n## Method\n1. Boil.\n"
    recipe, issues = parse(text)
    assert issues == []
    assert recipe.ingredients[0].quantity == 2


def test_plain_recipe_without_front_matter_fields_but_title(parse):
    recipe, issues = parse(
        "---\ntitle: Toast\n---\nIngredients:\n- bread\n\nSteps:\n1. Toast it.\n"
    )
    assert issues == []
    assert recipe.ingredients[0].item == "bread"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\ndate: 2024-01-01\n---\n## Ingredients\n- egg\n## Steps\n1. Boil.\n",
         [(None, "title", "required field is missing")]),
        ("---\ntitle: T\n---\nJust a story.\n",
         [(None, "ingredients", "required: list them"), (None, "steps", "required: list them")]),
        ("---\ntitle: T\ningredients:\n  - 200 g flour\n  - 1//2 cup sugar\nsteps: [Mix.]\n---\n",
         [(5, "ingredients", "bad quantity '1//2' in '1//2 cup sugar'")]),
        ("---\ntitle: T\ningredients:\n  - {quantity: 2, unit: glug, item: oil}\nsteps: [a]\n---\n",
         [(4, "ingredients", "unknown unit 'glug'; use one of")]),
        ("---\ntitle: T\ningredients: [1 egg]\nsteps: [Boil.]\ndiet: [vegan, paleo-ish]\n---\n",
         [(5, "diet", "unknown diet 'paleo-ish'")]),
        ("---\ntitle: T\ningredients: [1 egg]\nsteps: [Boil.]\nservings: lots\n---\n",
         [(5, "servings", "must be a whole number of servings")]),
        ("---\ntitle: T\ningredients: [1 egg]\nsteps: [Boil.]\ncook_time: soon\n---\n",
         [(5, "cook_time", "bad time 'soon'")]),
        ("---\ntitle: T\ningredients: [1 egg]\nsteps: [Boil.]\ncover: {src: a.jpg}\n---\n",
         [(5, "cover", "image not found: a.jpg")]),
        ("---\ntitle: T\ningredients: [1 egg]\nsteps: [Boil.]\n"
         "cover: {src: /images/recipes/banana-bread.jpg}\n---\n",
         [(5, "cover", "has no alt text")]),
        ("---\ntitle: T\ningredients: [1 egg]\nsteps:\n  - Mix.\n"
         "  - {text: Bake., image: /images/recipes/nope.jpg}\n---\n",
         [(6, "steps", "step 2: image not found")]),
        ("---\ntitle: T\ningredients: [1 egg]\nsteps: [Boil.]\ncuisine: [Thai, Lao]\n---\n",
         [(5, "cuisine", "give one cuisine, not 2")]),
        ("---\ntitle: T\ningredients: [1 egg]\nsteps: [Boil.]\ndirections: [Fry.]\n---\n",
         [(5, "directions", "repeats 'steps'")]),
        ("---\ntitle: T\ningredents: [1 egg]\ningredients: [1 egg]\nsteps: [Boil.]\n---\n",
         [(3, "ingredents", "did you mean 'ingredients'?")]),
        ("---\ntitle: T\ningredients: []\nsteps: [Boil.]\n---\n",
         [(3, "ingredients", "ingredients is empty")]),
        ("---\ntitle: T\ningredients: [1 egg]\nsteps: [Boil.]\ndifficulty: extreme\n---\n",
         [(5, "difficulty", "must be one of easy, medium, hard")]),
        ("---\ntitle: T\ningredients: [1 egg]\nsteps: [Boil.]\nnutrition: {kcal: 3}\n---\n",
         [(5, "nutrition", "unknown key 'kcal'")]),
        ("---\ntitle: [oops\n---\n", [(2, None, "not valid YAML")]),
    ],
)  # fmt: skip
def test_validation_names_line_field_and_problem(parse, text, expected):
    _, issues = parse(text)
    assert len(issues) == len(expected), issues
    for (line, field, message), (want_line, want_field, want_message) in zip(
        sorted(issues, key=str), sorted(expected, key=str), strict=True
    ):
        assert (line, field) == (want_line, want_field)
        assert want_message in message


def test_every_problem_is_reported_at_once(parse):
    text = "---\ntitle: T\ningredients: ['1//2 cup sugar', '3-2 eggs']\nsteps: [Mix.]\n"
    text += "diet: keto-ish\nservings: 0\nprep_time: soon\n---\nNo sections here.\n"
    _, issues = parse(text)
    assert [(line, field) for line, field, _ in issues] == [
        (3, "ingredients"),
        (3, "ingredients"),
        (5, "diet"),
        (6, "servings"),
        (7, "prep_time"),
    ]
