"""The recipes kind: `content/recipes/*.md`, plugged into the engine's registry.

Recipes validate themselves (`schema.build_recipe`) rather than through the engine's
field table, because an ingredient or a step is checked entry by entry and reported at
its own line. Site search is registered here too: a post-build step that indexes the
frozen site with Pagefind, and the `search` feature that shows the header search form.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from flask import has_request_context, request

from ..registry import FEATURES, Kind, PostBuildStep, UrlSpec, add_post_build_step
from ..render import render_body
from ..schema import Invalid, Schema, to_image
from .discover import facet_values, related_all
from .model import Picture, Recipe
from .schema import build_recipe, field_lines
from .search import OUTPUT, build_search_index

FACETS = ("cuisine", "course", "diet")
RELATED = 3
SIMILAR = 6  # kept for suggestions in the browser
STEP_KEYS = ("steps", "directions", "instructions", "method")

# No engine-level fields: every key is handed to `build_recipe` as it was written.
SCHEMA = Schema(fields=[])


def _render(text: str) -> str:
    prefix = request.script_root if has_request_context() else ""
    return render_body(text, prefix).html


def make(record: Any) -> Recipe | None:
    """Build a Recipe from a file, reporting every problem at its line."""
    lines = field_lines(record.file.read_text(encoding="utf-8"))
    recipe, issues = build_recipe(
        record.src.path,
        record.slug,
        dict(record.params),
        record.body,
        record.body_line,
        lines,
        _render,
    )
    for line, field, message in issues:
        record.src.error(field, message, line)
    if recipe is None:
        return None
    before = len(record.src.problems)
    _attach_images(recipe, record, lines)  # reports missing files too, so all show at once
    if issues or len(record.src.problems) > before:
        return None
    recipe.future = recipe.date is not None and recipe.date > record.loader.today
    recipe.digest = record.digest
    return recipe


def _image(record: Any, picture: Picture | None, field: str, line: Callable[[], int]) -> Any:
    if picture is None:
        return None
    value = {"src": picture.src, "alt": picture.alt, "caption": picture.caption}
    try:
        return record.image(to_image(value, record.src, field))
    except Invalid as exc:
        record.src.error(field, str(exc), line())
        return None


def _attach_images(recipe: Recipe, record: Any, lines: Any) -> None:
    key = next((k for k in ("cover", "image") if k in record.params), "cover")
    recipe.cover = _image(record, recipe.cover, "cover", lambda: lines(key))
    recipe.gallery = tuple(
        img
        for i, p in enumerate(recipe.gallery)
        if (img := _image(record, p, f"gallery[{i + 1}]", lambda i=i: lines("gallery", i)))
    )
    steps_key = next((k for k in STEP_KEYS if k in record.params), "steps")
    steps = []
    for i, step in enumerate(recipe.steps):
        if step.image is not None:
            where = lambda i=i: lines(steps_key, i)  # noqa: E731 - read only on error
            step = replace(step, image=_image(record, step.image, f"steps[{i + 1}].image", where))
        steps.append(step)
    recipe.steps = tuple(steps)


def finish(recipes: list[Recipe], content: Any) -> None:
    """Sort by title, pick related recipes, group by cuisine, course and diet."""
    recipes.sort(key=lambda r: (r.title.lower(), r.slug))
    best = related_all(recipes, SIMILAR)
    for recipe in recipes:
        similar = best[id(recipe)]
        recipe.related = similar[:RELATED]
        recipe.similar = [r.slug for r in similar]
    content.extras["recipe_facets"] = {facet: facet_values(recipes, facet) for facet in FACETS}


def urls(content: Any) -> list[UrlSpec]:
    """Every recipe page, filter page, the pantry page, the JSON index and search."""
    recipes: list[Recipe] = content.items.get("recipes", [])
    every = tuple(r.digest for r in recipes)
    specs = [
        UrlSpec("recipes.index", {}, every),
        UrlSpec("recipes.pantry", {}, every),
        UrlSpec("recipes.index_json", {}, every, sitemap=False),
        UrlSpec("recipes.search", {}, (), sitemap=False),
    ]
    for recipe in recipes:
        deps = (recipe.digest, *(r.digest for r in recipe.related))
        when = recipe.updated or recipe.date
        specs.append(UrlSpec("recipes.recipe", {"slug": recipe.slug}, deps, lastmod=when))
    # A filter page also shows the other facets' counts, so it depends on every recipe.
    for facet, groups in content.extras.get("recipe_facets", {}).items():
        for label, _members in groups:
            specs.append(UrlSpec("recipes.facet", {"facet": facet, "value": label.slug}, every))
    return specs


def _index_search(out: Path, content: Any) -> None:
    build_search_index(out)


def _blueprint() -> Any:
    from .views import blueprint

    return blueprint()


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
    blueprint=_blueprint,
    urls=urls,
    new_body="A line or two about this recipe.\n",
    new_extra=_new_extra,
    reserved=("recipes", "search"),
)

add_post_build_step(PostBuildStep("search", _index_search, owns=(f"{OUTPUT}/*", f"{OUTPUT}/**")))
FEATURES.add("search")
