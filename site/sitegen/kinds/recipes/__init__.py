"""Recipes: `content/recipes/*.md`, structured in front matter or plain Markdown.

Pages: /recipes/ with filters by cuisine, course and diet, each recipe with a
servings scaler and metric/US toggle, "what can I make" over a JSON index.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...registry import Kind, NavEntry, UrlSpec
from .load import finish, make
from .model import Recipe
from .schema import SCHEMA, normalize


def urls(content: Any) -> list[UrlSpec]:
    """Every recipe page, filter page, the pantry page and the JSON index."""
    recipes: list[Recipe] = content.items.get("recipes", [])
    every = tuple(r.digest for r in recipes)
    specs = [
        UrlSpec("recipes.index", {}, every),
        UrlSpec("recipes.pantry", {}, every),
        UrlSpec("recipes.index_json", {}, every, sitemap=False),
        UrlSpec("recipes.recipe", None),
        UrlSpec("recipes.facet", None),  # a collection may name no cuisine, course or diet
    ]
    for recipe in recipes:
        deps = (recipe.digest, *(r.digest for r in recipe.related))
        when = recipe.updated or recipe.date
        specs.append(
            UrlSpec(
                "recipes.recipe",
                {"slug": recipe.slug},
                deps,
                lastmod=when,
                search="recipe",
                source=recipe.source,
            )
        )
    # A filter page also shows the other facets' counts, so it depends on every recipe.
    for facet, groups in content.extras.get("recipe_facets", {}).items():
        for label, _members in groups:
            specs.append(UrlSpec("recipes.facet", {"facet": facet, "value": label.slug}, every))
    return specs


def _new_extra(title: str) -> dict:
    """Front matter for `make new KIND=recipe`: a draft with every common field."""
    return {
        "title": title,
        "date": dt.date.today().isoformat(),
        "draft": True,
        "summary": "",
        "cuisine": "",
        "course": "Main",
        "diet": [],
        "servings": 4,
        "prep_time": 15,
        "cook_time": 30,
        "ingredients": ["200 g flour, sifted", "2 eggs", "salt to taste"],
        "steps": ["First step.", "Second step."],
    }


KIND = Kind(
    name="recipes",
    singular="recipe",
    schema=SCHEMA,
    make=make,
    finish=finish,
    blueprint="sitegen.kinds.recipes.views",
    urls=urls,
    normalize=normalize,
    new_body="A line or two about this recipe.\n",
    new_extra=_new_extra,
    nav=NavEntry("Recipes", "/recipes/", weight=30),
    traits=frozenset({"ratings"}),  # every recipe takes ratings; its comments are reviews
)
