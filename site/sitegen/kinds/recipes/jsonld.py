"""JSON-LD `Recipe` for search engines: every required and recommended field the recipe has."""

from __future__ import annotations

import json
from collections.abc import Callable

from .durations import iso_duration
from .model import DIETS, NUTRITION, Recipe, Step

AbsUrl = Callable[[str], str]


def recipe_jsonld(
    recipe: Recipe, abs_url: AbsUrl, site_author: str = "", image_urls: list[str] | None = None
) -> dict:
    """Describe a recipe as schema.org/Recipe; omit what the content does not say."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Recipe",
        "name": recipe.title,
        "url": abs_url(recipe.url),
    }
    images = image_urls
    if images is None:
        pictures = ([recipe.cover] if recipe.cover else []) + list(recipe.gallery)
        images = [abs_url(p.src) for p in pictures]
    if images:
        data["image"] = images
    author = recipe.author or site_author
    if author:
        data["author"] = {"@type": "Person", "name": author}
    if recipe.date:
        data["datePublished"] = recipe.date.isoformat()
    if recipe.updated:
        data["dateModified"] = recipe.updated.isoformat()
    if recipe.summary:
        data["description"] = recipe.summary
    for prop, minutes in (
        ("prepTime", recipe.prep_minutes),
        ("cookTime", recipe.cook_minutes),
        ("totalTime", recipe.total_minutes),
    ):
        if minutes is not None:
            data[prop] = iso_duration(minutes)
    if recipe.servings or recipe.yield_text:
        data["recipeYield"] = [str(recipe.servings)] if recipe.servings else []
        if recipe.yield_text and recipe.yield_text != str(recipe.servings):
            data["recipeYield"].append(recipe.yield_text)
    if recipe.course:
        data["recipeCategory"] = recipe.course.name
    if recipe.cuisine:
        data["recipeCuisine"] = recipe.cuisine.name
    keywords = list(recipe.tags)
    if keywords:
        data["keywords"] = ", ".join(keywords)
    diets = [DIETS[d.slug] for d in recipe.diets if DIETS.get(d.slug)]
    if diets:
        data["suitableForDiet"] = [f"https://schema.org/{d}" for d in diets]
    data["recipeIngredient"] = [i.display() for i in recipe.ingredients]
    page = abs_url(recipe.url)
    data["recipeInstructions"] = [_step(page, n, s) for n, s in enumerate(recipe.steps, 1)]
    if recipe.nutrition:
        data["nutrition"] = {"@type": "NutritionInformation"} | {
            NUTRITION[k]: v for k, v in recipe.nutrition.items()
        }
    if recipe.equipment:
        data["tool"] = [{"@type": "HowToTool", "name": t} for t in recipe.equipment]
    if recipe.rating and recipe.rating.count:  # Google refuses an aggregate of no ratings
        data["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": recipe.rating.average,
            "ratingCount": recipe.rating.count,
            "bestRating": 5,
            "worstRating": 1,
        }
    return data


def _step(page: str, number: int, step: Step) -> dict:
    item = {
        "@type": "HowToStep",
        "position": number,
        "text": step.text,
        "url": f"{page}#step-{number}",
    }
    if step.section:
        item["name"] = step.section
    return item


def script_tag(data: dict) -> str:
    """Serialise JSON-LD for a <script> element, safe against '</script>' in text."""
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
