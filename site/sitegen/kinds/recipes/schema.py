"""The recipe's front matter: its fields, the other names they go by, plain recipes.

A file with `ingredients` (or `steps`) in its front matter is structured; otherwise
`normalize` reads the Markdown body's "Ingredients" and "Directions" sections (see
`plain`) into those fields, and lines such as 'Servings: 4' in its introduction into
theirs (see `facts`), so both forms are validated by the same schema and
every problem is reported at once. Only title, ingredients and steps are required.
Keys the schema does not know are kept in `params`, so recipes written for other
generators build unchanged, except a key that looks like a misspelt field
('ingredents'), which is reported.
"""

from __future__ import annotations

from typing import Any

from ...content.schema import Field, Schema
from . import plain
from .fields import (
    FromBody,
    label_of,
    to_diets,
    to_difficulty,
    to_ingredients,
    to_minutes,
    to_nutrition,
    to_servings,
    to_steps,
)

ALIASES = {
    "description": "summary", "image": "cover", "directions": "steps", "instructions": "steps",
    "method": "steps", "prepTime": "prep_time", "prep": "prep_time", "cookTime": "cook_time",
    "cook": "cook_time", "totalTime": "total_time", "total": "total_time", "diets": "diet",
    "yields": "yield", "recipeYield": "yield", "category": "course", "categories": "course",
    "lastmod": "updated",
}  # fmt: skip
IN_BODY = {
    "ingredients": "list them under `ingredients:` in the front matter, or as a bullet list "
    "under an '## Ingredients' heading",
    "steps": "list them under `steps:` in the front matter, or as a numbered list under a "
    "'## Directions' (or Method, Steps, Instructions) heading",
}

SCHEMA = Schema(
    fields=[
        Field("title", required=True, doc="the recipe's name", example="{title}"),
        Field("summary", doc="a sentence for cards; default: the intro's first paragraph"),
        Field("cover", "image", doc="{src: /images/..., alt: ...}; a bare path uses the title"),
        Field("gallery", "gallery", default=[], doc="list of {src, alt, caption}"),
        Field("author", doc="whose recipe it is"),
        Field("date", "datetime", doc="YYYY-MM-DD"),
        Field("updated", "datetime", doc="date of the last real change"),
        Field("cuisine", convert=label_of("cuisine"), doc="one, e.g. Italian"),
        Field("course", convert=label_of("course"), doc="one, e.g. Main"),
        Field("diet", convert=to_diets, default=[], doc="vegan, vegetarian, gluten-free…"),
        Field("tags", "tags", default=[], doc="list, or 'a, b, c'"),
        Field("servings", convert=to_servings, doc="a whole number, or '4 people'"),
        Field("yield", doc="what it makes, e.g. '12 muffins'"),
        Field("prep_time", convert=to_minutes, doc="minutes, '1h 20m' or PT1H20M"),
        Field("cook_time", convert=to_minutes, doc="minutes, '1h 20m' or PT1H20M"),
        Field("total_time", convert=to_minutes, doc="default: prep plus cook"),
        Field("difficulty", convert=to_difficulty, doc="easy, medium or hard"),
        Field("equipment", "tags", default=[], doc="list, or 'a, b, c'"),
        Field(
            "ingredients",
            convert=to_ingredients,
            required=True,
            doc="lines, {quantity, unit, item} or groups of them",
            missing=f"required: {IN_BODY['ingredients']}",
        ),
        Field(
            "steps",
            convert=to_steps,
            required=True,
            doc="text, or {text, image, section}",
            missing=f"required: {IN_BODY['steps']}",
        ),
        Field("notes", doc="Markdown; default: a '## Notes' section of the body"),
        Field("nutrition", convert=to_nutrition, default={}, doc="calories, protein, fat…"),
        Field("draft", "bool", default=False, doc="true keeps it out of the build"),
    ],
    aliases=ALIASES,
)


def _given(meta: dict[str, Any], field: str) -> bool:
    return any(ALIASES.get(key, key) == field for key in meta)


def _with_alt(value: Any, title: str) -> Any:
    # Recipe collections name a photo by path alone: the recipe's title describes it.
    if isinstance(value, str) and value.strip():
        return {"src": value.strip(), "alt": title}
    return value


def normalize(meta: dict[str, Any], record: Any) -> dict[str, Any]:
    """Read a plain recipe's body sections into the fields; give bare image paths alt text."""
    meta = dict(meta)
    title = str(meta.get("title") or "").strip()
    for key in ("cover", "image"):
        if key in meta:
            meta[key] = _with_alt(meta[key], title)
    if isinstance(meta.get("gallery"), list):
        meta["gallery"] = [_with_alt(v, title) for v in meta["gallery"]]
    sections = plain.split_sections(record.body, record.body_line)
    # '- 🍽️ Servings: 4' in the intro fills `servings` unless the front matter sets it.
    for fact in sections.facts.values():
        if not _given(meta, fact.field):
            meta[fact.field] = fact.value
    if not _given(meta, "ingredients") and sections.ingredients:
        meta["ingredients"] = FromBody(sections.ingredients)
    if not _given(meta, "steps") and sections.steps:
        meta["steps"] = FromBody(sections.steps)
    return meta
